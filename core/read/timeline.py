"""The Timeline page's queries: statements as points, counts per period, the ones without a year, and one
statement in its context."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.read import aggregates, db
from core.read.aggregates import period_sql
from core.read.filters import FROM, SPEAKER, STATEMENT_COLUMNS, Filters, statements_rows_from


def statement_points(path: str | Path, f: Filters, limit: int = 3000) -> pd.DataFrame:
    """One row per dated statement (year known), oldest first; past `limit`, the most recent ones."""
    where, params = f.to_sql("statements")
    return db.df(
        path,
        f"""SELECT * FROM (SELECT {STATEMENT_COLUMNS} {statements_rows_from(where)} {where} AND s.adate IS NOT NULL
                              ORDER BY s.adate DESC, s.id DESC LIMIT :limit)
            ORDER BY date, id""",
        {**params, "limit": int(limit)},
    )


def statement_counts(path: str | Path, f: Filters, period: str = "month") -> pd.DataFrame:
    expr = period_sql(period, "s.adate")
    agg = aggregates.statement_window(f, {"week": "w", "month": "m"}[period])
    if agg is not None:
        where, params = agg
        return db.df(
            path,
            f"""SELECT sp.period AS period, NULLIF(sp.side, '') AS side, NULLIF(sp.stance, '') AS stance,
                       SUM(sp.n) AS n
                FROM statement_period sp {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            params,
        )
    where, params = f.to_sql("statements")
    return db.df(
        path,
        f"""SELECT {expr} AS period, s.speaker_side AS side, s.stance AS stance, COUNT(*) AS n
            {aggregates.statements_from(where)} {where} AND s.adate IS NOT NULL
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
        params,
    )


def yearless_statements(path: str | Path, f: Filters, limit: int = 500) -> pd.DataFrame:
    """Statements whose article has a day or month but no year: listed apart, never placed on a guessed year."""
    where, params = f.without_dates().to_sql("statements")
    return db.df(
        path,
        f"""SELECT s.id AS id, s.article_id AS article_id,
                   COALESCE(printf('%02d', a.day), '??') || '/' || COALESCE(printf('%02d', a.month), '??') AS day_month,
                   {SPEAKER} AS speaker, s.speaker_side AS side, s.verb AS verb, s.stance AS stance,
                   s.text AS text, a.title AS title
            {FROM["statements"]} {where} AND s.adate IS NULL AND (a.month IS NOT NULL OR a.day IS NOT NULL)
            ORDER BY a.month, a.day, s.id LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


@db.snapshot
def statement_context(path: str | Path, statement_id: int, window: int = 1) -> dict | None:
    """A statement with its sentence and the `window` sentences either side."""
    row = db.one(
        path,
        f"""SELECT {STATEMENT_COLUMNS}, s.sentence AS sentence, s.field AS field, s.start AS start,
                   s."end" AS "end", s.target_text AS target_text, s.relay AS relay
            {FROM["statements"]} WHERE s.id = :id""",
        {"id": int(statement_id)},
    )
    if row is None:
        return None
    sents = db.df(
        path,
        """SELECT idx, field, start, "end", text FROM sentences
           WHERE article_id = :aid AND idx BETWEEN :lo AND :hi ORDER BY idx""",
        {"aid": row["article_id"], "lo": row["sentence"] - window, "hi": row["sentence"] + window},
    )
    row["sentences"] = sents.to_dict("records")
    return row
