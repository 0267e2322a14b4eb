"""The Overview page's queries: headline numbers, statements by side and stance, the latest statements, and
the ingest page's failures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.read import aggregates, db
from core.read.choices import date_bounds
from core.read.filters import ADATE, FROM, STATEMENT_COLUMNS, Filters, statements_rows_from


def relevance_known(path: str | Path) -> bool:
    """Whether extraction has judged any article: a store built without NLP has no relevance to filter by."""
    return db.one(path, "SELECT EXISTS(SELECT 1 FROM articles WHERE relevant IS NOT NULL) AS k")["k"] == 1


def has_articles(path: str | Path) -> bool:
    """Whether the store holds any article at all (whatever the filters): what a page checks before drawing,
    read in constant time rather than through overview(), which aggregates over everything the filters match
    (a text query matching most of a large store: 70 ms at 100k articles for a number the page never shows)."""
    return db.one(path, "SELECT EXISTS(SELECT 1 FROM articles) AS k")["k"] == 1


@db.snapshot
def overview(path: str | Path, f: Filters) -> dict:
    """Headline numbers for the articles matching the filters (dates from articles whose year is known)."""
    if f.is_empty:
        return _overview_unfiltered(path)
    where, params = f.to_sql("articles")
    row = db.one(
        path,
        f"""SELECT COUNT(*) AS articles, COUNT(DISTINCT a.source) AS sources,
                   MIN({ADATE}) AS first, MAX({ADATE}) AS last
            {FROM["articles"]} {where}""",
        params,
    )
    where_s, params_s = f.to_sql("statements")
    n = db.one(path, f"SELECT COUNT(*) AS n {aggregates.statements_from(where_s)} {where_s}", params_s)
    total = db.one(
        path, "SELECT (SELECT COUNT(*) FROM articles) AS a, (SELECT COUNT(*) FROM statements) AS s"
    )
    return {
        **(row or {}),
        "statements": n["n"] if n else 0,
        "total_articles": total["a"],
        "total_statements": total["s"],
    }


@db.snapshot
def _overview_unfiltered(path: str | Path) -> dict:
    """The same numbers for the whole store through indexes (every page opens on this: no full scans)."""
    with db.reading(path) as conn:
        first, last = date_bounds(conn)
    row = db.one(
        path,
        """SELECT (SELECT COUNT(*) FROM articles) AS a, (SELECT COUNT(*) FROM statements) AS s,
                  (SELECT COUNT(*) FROM (SELECT DISTINCT source FROM articles WHERE source IS NOT NULL)) AS src""",
    )
    return {
        "articles": row["a"],
        "sources": row["src"],
        "first": first,
        "last": last,
        "statements": row["s"],
        "total_articles": row["a"],
        "total_statements": row["s"],
    }


def side_stance_counts(path: str | Path, f: Filters) -> pd.DataFrame:
    agg = aggregates.statement_window(f, "*")
    if agg is not None:
        where, params = agg
        return db.df(
            path,
            f"""SELECT NULLIF(sp.side, '') AS side, NULLIF(sp.stance, '') AS stance, SUM(sp.n) AS n
                FROM {aggregates.statement_table(f)} sp {where} GROUP BY 1, 2 ORDER BY 1, 2""",
            params,
        )
    where, params = f.to_sql("statements")
    return db.df(
        path,
        f"""SELECT s.speaker_side AS side, s.stance AS stance, COUNT(*) AS n {aggregates.statements_from(where)} {where}
            GROUP BY s.speaker_side, s.stance ORDER BY s.speaker_side, s.stance""",
        params,
    )


def latest_statements(path: str | Path, f: Filters, limit: int = 20) -> pd.DataFrame:
    where, params = f.to_sql("statements")
    return db.df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {statements_rows_from(where)} {where}
            ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


def failures(path: str | Path, limit: int = 500) -> pd.DataFrame:
    return db.df(
        path,
        """SELECT file, line, reason, code, params, count, time FROM failures
           ORDER BY time DESC, id DESC LIMIT :limit""",
        {"limit": int(limit)},
    )
