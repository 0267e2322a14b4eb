"""The Entities page's queries: the most mentioned, their mentions over time, co-occurrence, and one entity's
articles, statements and name variants."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from core.read import aggregates, db
from core.read.aggregates import fill_periods, period_sql
from core.read.db import in_list
from core.read.filters import FROM, STATEMENT_COLUMNS, Filters, uses

TYPES = ("PER", "ORG", "LOC")


def top_entities(path: str | Path, f: Filters, types: Sequence[str] = (), limit: int = 20) -> pd.DataFrame:
    types = [t for t in types if t in TYPES]
    agg = aggregates.entity_window(f, "*")
    if agg is not None:
        where, params = agg
        table = aggregates.entity_table(f)
        extra = f" AND e.type IN {in_list('type', types, params)}" if types else ""
        if params["grain"] == "*":
            # All time: one row per entity, read in the index's (grain, period, articles) order down to the
            # `limit`-th entity's count only, instead of sorting every entity of the long tail.
            return db.df(
                path,
                f"""SELECT e.name AS name, e.type AS type, e.side AS side, ep.articles AS articles,
                           ep.mentions AS mentions
                    FROM {table} ep JOIN entities e ON e.id = ep.entity_id
                    {where}{extra} AND ep.period = '' AND ep.articles >= COALESCE((
                        SELECT ep.articles FROM {table} ep JOIN entities e ON e.id = ep.entity_id
                        {where}{extra} AND ep.period = '' ORDER BY ep.articles DESC LIMIT 1 OFFSET :offset), 0)
                    ORDER BY articles DESC, mentions DESC, e.name LIMIT :limit""",
                {**params, "limit": int(limit), "offset": max(int(limit) - 1, 0)},
            )
        return db.df(
            path,
            f"""SELECT e.name AS name, e.type AS type, e.side AS side, SUM(ep.articles) AS articles,
                       SUM(ep.mentions) AS mentions
                FROM {table} ep JOIN entities e ON e.id = ep.entity_id {where}{extra}
                GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT :limit""",
            {**params, "limit": int(limit)},
        )
    where, params = f.to_sql("mentions")
    extra = f" AND e.type IN {in_list('type', types, params)}" if types else ""
    return db.df(
        path,
        f"""SELECT e.name AS name, e.type AS type, e.side AS side, COUNT(DISTINCT m.article_id) AS articles,
                   COUNT(*) AS mentions
            {FROM["mentions"]} {where}{extra}
            GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


def entity_timeline(
    path: str | Path, f: Filters, names: Sequence[str], period: str = "month"
) -> pd.DataFrame:
    if not names:
        return pd.DataFrame(columns=["period", "name", "mentions"])
    expr = period_sql(period)
    agg = aggregates.entity_window(f, {"week": "w", "month": "m"}[period])
    if agg is not None:
        where, params = agg
        table = aggregates.entity_table(f)
        df = db.df(
            path,
            # CROSS JOIN: from the named entities (name index) to their periods (primary key), not every
            # entity's periods of the grain.
            f"""SELECT ep.period AS period, e.name AS name, SUM(ep.mentions) AS mentions
                FROM entities e CROSS JOIN {table} ep ON ep.entity_id = e.id
                {where} AND e.name IN {in_list("name", names, params)} GROUP BY 1, 2 ORDER BY 1, 2""",
            params,
        )
        return fill_periods(df, period, "name", "mentions")
    where, params = f.to_sql("mentions")
    df = db.df(
        path,
        f"""SELECT {expr} AS period, e.name AS name, COUNT(*) AS mentions
            {FROM["mentions"]} {where} AND a.adate IS NOT NULL AND e.name IN {in_list("name", names, params)}
            GROUP BY 1, 2 ORDER BY 1, 2""",
        params,
    )
    return fill_periods(df, period, "name", "mentions")


def _article_scope(f: Filters) -> tuple[str, dict[str, Any]]:
    """`AND ...` keeping the entity_article rows (ea) of the articles `f` keeps; the relevance flag alone is read
    off the row (its copy, migration m011) instead of listing every relevant article."""
    if f.active() == {"relevance"} and f.relevance in ("relevant", "irrelevant"):
        return f" AND ea.relevant = {1 if f.relevance == 'relevant' else 0}", {}
    where, params = f.to_sql("articles")
    return (
        "" if where == "WHERE 1" else f" AND ea.article_id IN (SELECT a.id FROM articles a {where})"
    ), params


def cooccurrence(path: str | Path, f: Filters, names: Sequence[str]) -> pd.DataFrame:
    """Square matrix (index and columns = names): articles mentioning both; the diagonal is each one's total.

    Reads, per name, the ids of its articles from the per-article aggregate as one string (far cheaper than a
    row per article), and multiplies a sparse article x name matrix by its transpose (SQL self-joins took
    seconds at 100k articles). CROSS JOIN keeps the names first: each name's rows are then one range of an index
    by entity, where SQLite's own order read every relevant row of entity_article and looked its name up (15
    names at 100k articles: 0.06-0.10 s -> 0.01 s)."""
    names = list(dict.fromkeys(names))
    if not names:
        return pd.DataFrame()
    scope, params = _article_scope(f)
    with db.reading(path) as conn:
        rows = conn.execute(
            f"""SELECT e.name, group_concat(ea.article_id) FROM entities e
                CROSS JOIN entity_article ea ON ea.entity_id = e.id
                WHERE e.name IN {in_list("name", names, params)}{scope} GROUP BY e.name""",
            params,
        ).fetchall()
    matrix = pd.DataFrame(0, index=names, columns=names, dtype="int64")
    # np.unique: a name held by two entities (a person and a place) counts an article once
    ids = {name: np.unique(np.fromstring(joined, dtype=np.int64, sep=",")) for name, joined in rows if joined}
    if not ids:
        return matrix
    col = {n: i for i, n in enumerate(names)}
    art = np.concatenate(list(ids.values()))
    cols = np.repeat([col[n] for n in ids], [len(a) for a in ids.values()])
    x = csr_matrix((np.ones(len(art), dtype=np.int64), (art, cols)), shape=(int(art.max()) + 1, len(names)))
    matrix.loc[:, :] = (x.T @ x).toarray()
    return matrix


def entity_articles(path: str | Path, f: Filters, name: str, limit: int = 200) -> pd.DataFrame:
    """The newest articles naming the entity, from the per-article aggregate.

    Per entity id the index (entity, date, article) yields the newest `limit` at once; a name held by two
    entities (a person and a place) merges their lists and then counts each chosen article's mentions in full."""
    scope, params = _article_scope(f)
    with db.reading(path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM entities WHERE name = ? ORDER BY id", [name])]
        newest: dict[int, str | None] = {}
        for eid in ids:
            for aid, adate in conn.execute(
                f"""SELECT ea.article_id, ea.adate FROM entity_article ea WHERE ea.entity_id = :eid{scope}
                    ORDER BY ea.adate DESC, ea.article_id DESC LIMIT :limit""",
                {**params, "eid": eid, "limit": int(limit)},
            ):
                newest[aid] = adate
        chosen = sorted(newest, key=lambda aid: (newest[aid] or "", aid), reverse=True)[: int(limit)]
        q: dict[str, Any] = {}
        return pd.read_sql_query(
            f"""SELECT a.id AS id, a.adate AS date, a.source AS source, a.title AS title, SUM(ea.n) AS mentions
                FROM articles a JOIN entity_article ea ON ea.article_id = a.id
                WHERE a.id IN {in_list("aid", chosen, q)} AND ea.entity_id IN {in_list("eid", ids, q)}
                GROUP BY a.id ORDER BY date DESC, a.id DESC""",
            conn,
            params=q,
        )


def statements_by(path: str | Path, f: Filters, name: str, limit: int = 200) -> pd.DataFrame:
    """The newest statements of the speakers named `name`. CROSS JOIN: from the name (its index) to their
    statements (the speaker index), not from every statement the filters keep to its speaker's name (at 100k
    articles 0.08 s -> 0.003 s for a name with 198 statements, 0.08 s -> 0 for one that never speaks)."""
    where, params = f.to_sql("statements")
    joins = FROM["statements"].removeprefix("FROM statements s")
    return db.df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} FROM entities focus CROSS JOIN statements s ON s.speaker_id = focus.id{joins}
            {where} AND focus.name = :focus ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "focus": name, "limit": int(limit)},
    )


def statements_about(path: str | Path, f: Filters, name: str, limit: int = 200) -> pd.DataFrame:
    where, params = f.to_sql("statements")
    return db.df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {where}
            AND (s.target IN (SELECT id FROM entities WHERE name = :focus) OR EXISTS (SELECT 1 FROM mentions m4
                 JOIN entities e4 ON e4.id = m4.entity_id WHERE m4.article_id = s.article_id
                 AND m4.sentence = s.sentence AND e4.name = :focus AND e4.id IS NOT s.speaker_id))
            ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "focus": name, "limit": int(limit)},
    )


def name_variants(path: str | Path, f: Filters, name: str) -> pd.DataFrame:
    """How the entities named `name` are written: per surface, mentions and articles under `f`."""
    where, params = f.to_sql("mentions")
    if f.active() == {"relevance"} and f.relevance in ("relevant", "irrelevant"):
        return _variants_by_flag(path, f.relevance == "relevant", name)
    # Without article filters the (entity, surface, article) index answers alone: no join per mention.
    source = FROM["mentions"] if uses(where, "a") else "FROM mentions m JOIN entities e ON e.id = m.entity_id"
    return db.df(
        path,
        f"""SELECT m.surface AS surface, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles
            {source} {where} AND e.name = :focus GROUP BY m.surface ORDER BY mentions DESC, surface""",
        {**params, "focus": name},
    )


def _variants_by_flag(path: str | Path, relevant: bool, name: str) -> pd.DataFrame:
    """name_variants under the relevance filter alone: per entity of the name, its mentions (the covering
    (entity, surface, article) index) in the articles its entity_article rows flag (their relevance copy,
    migration m011), rather than each mention looked up in articles (at 100k articles 0.06 -> 0.01 s for the
    most mentioned name). One sub-query per entity id: each list of articles is built once, not per mention."""
    with db.reading(path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM entities WHERE name = ? ORDER BY id", [name])]
        params: dict[str, Any] = {"flag": int(relevant)}
        parts = []
        for i, eid in enumerate(ids):
            params[f"e{i}"] = eid
            parts.append(
                f"""SELECT m.surface AS surface, m.article_id AS article_id FROM mentions m
                    WHERE m.entity_id = :e{i} AND m.article_id IN
                      (SELECT ea.article_id FROM entity_article ea WHERE ea.relevant = :flag AND ea.entity_id = :e{i})"""
            )
        rows = " UNION ALL ".join(parts) or "SELECT NULL AS surface, NULL AS article_id WHERE 0"
        return pd.read_sql_query(
            f"""SELECT surface, COUNT(*) AS mentions, COUNT(DISTINCT article_id) AS articles FROM ({rows})
                GROUP BY surface ORDER BY mentions DESC, surface""",
            conn,
            params=params,
        )
