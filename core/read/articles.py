"""The Articles page's queries: the table one page at a time (ranked when searching), the ids it shows, one
article with its mentions, statements and sentences, and their spans for highlighting."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from core.read import db
from core.read.db import in_list
from core.read.filters import ADATE, FROM, SPEAKER, Filters
from core.store import matches, search

ARTICLE_COLUMNS = f"""a.id AS id, {ADATE} AS date, a.source AS source, a.title AS title,
    (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements, a.relevant AS relevant,
    a.url AS url"""


def _rows_by_id(conn, ids: Sequence[int]) -> pd.DataFrame:
    """Article rows for `ids`, in that order (a search's ranking)."""
    params: dict[str, Any] = {}
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id IN {in_list('id', list(ids), params)}"
    df = pd.read_sql_query(sql, conn, params=params)
    rank = {int(i): k for k, i in enumerate(ids)}
    return df.sort_values("id", key=lambda col: col.map(rank)).reset_index(drop=True)


def _other_filters(f: Filters) -> tuple[str, dict[str, Any]]:
    """WHERE over `articles a` for every filter but the text query ("" when there is none): what
    core.store.search.search narrows its tiers by."""
    where, params = replace(f, q=None).to_sql("articles")
    return ("" if where == "WHERE 1" else where), params


def _matching(f: Filters) -> tuple[search.Query, str, dict[str, Any], tuple]:
    """The text query of `f`, its other filters (WHERE and params), and what a match of them is kept under."""
    query = search.parse(f.q)
    where, params = _other_filters(f)
    return query, where, params, (query, where, tuple(sorted(params.items())))


def matched_ids(path: str | Path, f: Filters) -> tuple[int, ...]:
    """The articles `f` keeps (its text query within its other filters), in id order: read off the full-text
    indexes once per snapshot (a page render's) for the tier counts, the Articles table, the facets' sample and
    the outlet counts, which under a broad query each matched the same set again (core.store.matches)."""
    query, where, params, key = _matching(f)
    return db.memo(path, ("matches.ids", key), lambda conn: matches.ids(conn, query, where, params))


@db.snapshot
def matched_tiers(path: str | Path, f: Filters) -> matches.Tiers:
    """matched_ids(path, f) in core.store.search's tiers (exact phrase, other marks, words apart), once per
    snapshot, from the same snapshot as the ids."""
    query, _, _, key = _matching(f)
    found = matched_ids(path, f)
    return db.memo(path, ("matches.tiers", key), lambda conn: matches.tiers(conn, query, found))


@dataclass(frozen=True)
class ArticlePage:
    """One page of the Articles table and what the caption says about the whole result."""

    table: pd.DataFrame  # ARTICLE_COLUMNS, plus `tier` (a core.store.search.TIERS name) when searching
    total: int
    page: int
    pages: int
    per_page: int
    counts: tuple[int, ...] = ()  # articles per search tier (searching only)
    tiers: tuple[int, ...] = ()  # the tiers the query can have


def search_articles(path: str | Path, f: Filters, page: int = 1, per_page: int | None = None) -> ArticlePage:
    """The Articles table, one page at a time, never cut short: with a text query core.store.search's ranking
    (exact phrase, other marks, words apart; bm25 within each) and its counts, else newest first. The tiers'
    ids are matched_tiers(path, f): read once per render with the sidebar's note and facets."""
    size = int(per_page or search.page_size())
    query = search.parse(f.q)
    with db.reading(path) as conn:
        if query:
            res = search.search(conn, query, page=page, per_page=size, tier_ids=matched_tiers(path, f))
            table = _rows_by_id(conn, res.ids)
            table.insert(1, "tier", [search.TIERS[t] for t in res.tiers])
            return ArticlePage(table, res.total, res.page, res.pages, size, res.counts, res.available)
        where, params = f.to_sql("articles")
        total = int(conn.execute(f"SELECT COUNT(*) FROM articles a {where}", params).fetchone()[0])
        pages = max(1, -(-total // size))
        page = min(max(1, int(page)), pages)
        table = pd.read_sql_query(
            f"""SELECT {ARTICLE_COLUMNS} FROM articles a {where} ORDER BY a.adate DESC, a.id DESC
                LIMIT :limit OFFSET :offset""",
            conn,
            params={**params, "limit": size, "offset": (page - 1) * size},
        )
    return ArticlePage(table, total, page, pages, size)


def search_counts(path: str | Path, f: Filters) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Articles per search tier under the other filters, and the tiers the text query can have (the
    sidebar's note under the text filter); ((), ()) without a query."""
    query = search.parse(f.q)
    if not query:
        return (), ()
    return tuple(len(ids) for ids in matched_tiers(path, f)), query.tiers


def articles_table(path: str | Path, f: Filters, limit: int = 500) -> pd.DataFrame:
    """The first `limit` articles in the Articles page's order (the compare page's pick lists)."""
    table = search_articles(path, f, page=1, per_page=limit).table
    return table.drop(columns=["tier"], errors="ignore")


def article_ids(path: str | Path, f: Filters, limit: int = 10_000) -> tuple[tuple[int, ...], int]:
    """The ids of the articles the current filters select, in the Articles table's order (at most `limit`),
    and how many match in all: what "mark all shown articles" acts on."""
    query = search.parse(f.q)
    with db.reading(path) as conn:
        if query:
            res = search.search(conn, query, per_page=int(limit), tier_ids=matched_tiers(path, f))
            return tuple(int(i) for i in res.ids), int(res.total)
        where, params = f.to_sql("articles")
        total = int(conn.execute(f"SELECT COUNT(*) FROM articles a {where}", params).fetchone()[0])
        rows = conn.execute(
            f"SELECT a.id FROM articles a {where} ORDER BY a.adate DESC, a.id DESC LIMIT :limit",
            {**params, "limit": int(limit)},
        )
        return tuple(int(r[0]) for r in rows), total


def relevance_decision(path: str | Path, article_id: int) -> dict | None:
    """The analyst's on/off-topic marking of an article still in force (relevant, who, at, why, batch), or
    None when the extraction's verdict stands."""
    return db.one(
        path,
        """SELECT json_extract(c.new, '$.relevant') AS relevant, c.who AS who, c.at AS at, c.why AS why,
                  json_extract(c.new, '$.batch') AS batch, c.id AS id
           FROM corrections c WHERE c.what = 'article_relevance' AND c.target_id = :id
             AND c.id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo')
           ORDER BY c.id DESC LIMIT 1""",
        {"id": int(article_id)},
    )


def count_articles(path: str | Path, f: Filters) -> int:
    where, params = f.to_sql("articles")
    row = db.one(path, f"SELECT COUNT(*) AS n {FROM['articles']} {where}", params)
    return int(row["n"]) if row else 0


@db.snapshot
def article(path: str | Path, article_id: int) -> dict | None:
    """Everything the reader shows: the row, captions as a list, its mentions, statements and sentences."""
    row = db.one(path, "SELECT * FROM articles WHERE id = :id", {"id": int(article_id)})
    if row is None:
        return None
    try:
        row["captions"] = list(json.loads(row.get("captions") or "[]"))
    except ValueError:
        row["captions"] = [row["captions"]]
    try:
        row["relevance_evidence"] = list(json.loads(row.get("relevance_evidence") or "[]"))
    except ValueError:
        row["relevance_evidence"] = []
    row["mentions"] = db.df(
        path,
        """SELECT m.field AS field, m.start AS start, m."end" AS "end", m.surface AS surface, m.sentence AS sentence,
                  e.name AS name, e.type AS type, e.side AS side
           FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = :id ORDER BY m.field, m.start""",
        {"id": int(article_id)},
    )
    row["statements"] = db.df(
        path,
        f"""SELECT s.id AS id, s.field AS field, s.start AS start, s."end" AS "end", s.sentence AS sentence,
                   {SPEAKER} AS speaker, s.speaker_side AS side,
                   CASE WHEN json_valid(s.evidence) THEN json_extract(s.evidence, '$.side_from') END AS side_from, s.verb AS verb, s.stance AS stance,
                   s.score AS score, s.text AS text
            FROM statements s LEFT JOIN entities sp ON sp.id = s.speaker_id WHERE s.article_id = :id
            ORDER BY s.sentence, s.start""",
        {"id": int(article_id)},
    )
    row["sentences"] = db.df(
        path,
        """SELECT idx, field, start, "end", text FROM sentences WHERE article_id = :id ORDER BY idx""",
        {"id": int(article_id)},
    )
    return row


def article_titles(path: str | Path, ids: Sequence[int]) -> dict[int, str]:
    ids = [int(i) for i in ids]
    if not ids:
        return {}
    params: dict[str, Any] = {}
    with db.reading(path) as conn:
        rows = conn.execute(
            f"SELECT id, title FROM articles WHERE id IN {in_list('id', ids, params)}", params
        )
        return {r[0]: r[1] for r in rows}


def spans_for(doc: dict, field: str) -> list[dict]:
    """Entity and statement spans inside one stored column of an article, as plain dicts for the renderer."""
    out = []
    m = doc["mentions"]
    for r in m[m["field"] == field].itertuples(index=False) if len(m) else ():
        out.append(
            {"start": int(r.start), "end": int(r.end), "kind": "entity", "side": r.side, "label": r.name}
        )
    s = doc["statements"]
    for r in s[s["field"] == field].itertuples(index=False) if len(s) else ():
        out.append(
            {"start": int(r.start), "end": int(r.end), "kind": "statement", "side": r.side, "label": r.stance}
        )
    return out
