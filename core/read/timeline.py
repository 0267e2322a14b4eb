"""The Timeline page's queries: statements as points, counts per period, the ones without a year, and one
statement in its context."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from core.read import aggregates, db
from core.read.aggregates import period_sql
from core.read.filters import FROM, SPEAKER, STATEMENT_COLUMNS, Filters, statements_rows_from

# Each non-empty period keeps at least this many points of a sample (or all it has): a quiet month still shows.
SAMPLE_FLOOR = 3
# Fibonacci hashing: an id times 2^32 / golden ratio, modulo 2^32. The same in SQL and numpy, on every run and
# machine (not Python's salted hash); consecutive ids (one article's statements) land far apart in [0, 1).
_GOLDEN = 2654435769
_HASH_SQL = f"((s.id * {_GOLDEN}) % 4294967296)"
# A period is drawn from above by hash (one index range scan, no sort): candidates are taken at this many times
# its quota plus a few, then trimmed to the quota in hash order; the hash is evenly spread, so a shortfall is rare.
_OVERDRAW, _SPARE = 1.5, 5
_PERIOD_END = {"week": "+7 days", "month": "+1 month"}


def unit_hash(ids: Iterable[int] | np.ndarray) -> np.ndarray:
    """A number in [0, 1) per statement id, fixed by the id (Fibonacci hashing, as _HASH_SQL): the sample of a
    shared URL is the same on every render and machine."""
    x = np.asarray(ids, dtype=np.int64)
    return ((x * _GOLDEN) % 2**32).astype(np.float64) / 2**32


def spread_quotas(counts: Sequence[int], limit: int, floor: int = SAMPLE_FLOOR) -> np.ndarray:
    """How many of each period's statements a sample of at most `limit` keeps: every non-empty period at least
    `floor` (fewer when the periods outnumber limit / floor), the rest shared in proportion to what each period
    has beyond that (largest remainders), so the quotas add up to exactly `limit` when there are more."""
    n = np.asarray(counts, dtype=np.int64)
    if n.sum() <= limit:
        return n.copy()
    nonempty = int((n > 0).sum())
    lo = np.minimum(n, min(floor, limit // max(nonempty, 1)))
    rest = n - lo
    budget = limit - int(lo.sum())
    share = budget * rest / rest.sum()
    extra = np.floor(share).astype(np.int64)
    left = budget - int(extra.sum())
    if left:  # the largest fractional parts get one more each (stable: earlier periods win ties)
        extra[np.argsort(-(share - extra), kind="stable")[:left]] += 1
    return lo + extra


def keep_quotas(rows: pd.DataFrame, quotas: dict[str, int]) -> np.ndarray:
    """The ids kept of `rows` (id, period): in each period the `quotas[period]` lowest by unit_hash (then id)."""
    if rows.empty:
        return np.array([], dtype=np.int64)
    ordered = rows.assign(_h=unit_hash(rows["id"])).sort_values(["period", "_h", "id"], kind="stable")
    rank = ordered.groupby("period", sort=False).cumcount()
    keep = rank < ordered["period"].map(quotas).fillna(0)
    return np.sort(ordered.loc[keep, "id"].to_numpy(dtype=np.int64))


@db.snapshot
def statement_points(path: str | Path, f: Filters, limit: int = 3000, period: str = "month") -> pd.DataFrame:
    """One row per dated statement (year known), oldest first. Past `limit`, a sample spread over the whole
    filtered range, stratified by `period`: each period keeps its share (spread_quotas) of its statements, the
    lowest by unit_hash, so the chart keeps every month of a year rather than its last weeks, and a shared URL
    draws the same points. attrs["total"] is the number of statements matching, drawn or not."""
    where, params = f.to_sql("statements")
    tail = where + " AND s.adate IS NOT NULL"
    # The counts chart's own query (the pre-counted periods when they answer): the sample's strata are its bars.
    counts = statement_counts(path, f, period)
    per = counts.groupby("period", sort=True)["n"].sum().reset_index()
    total = int(per["n"].sum())
    if total <= limit:
        out = db.df(
            path, f"SELECT {STATEMENT_COLUMNS} {statements_rows_from(where)} {tail} ORDER BY date, id", params
        )
        out.attrs["total"] = total
        return out
    quotas = spread_quotas(per["n"], limit)
    quota_of = dict(zip(per["period"], quotas.tolist(), strict=True))
    size_of = dict(zip(per["period"], per["n"].tolist(), strict=True))
    draw = {p: min(1.0, (_OVERDRAW * q + _SPARE) / size_of[p]) for p, q in quota_of.items() if q}
    candidates = _candidates(path, where, params, period, draw)
    # A period the hash left short of its quota (rare) is read whole: the quotas hold exactly.
    got = candidates["period"].value_counts()
    short = {p: 1.0 for p, share in draw.items() if share < 1.0 and got.get(p, 0) < quota_of[p]}
    if short:
        candidates = pd.concat(
            [candidates[~candidates["period"].isin(short)], _candidates(path, where, params, period, short)]
        )
    keep = keep_quotas(candidates, quota_of)
    out = db.df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]}
            WHERE s.id IN (SELECT value FROM json_each(:ids)) ORDER BY date, id""",
        {"ids": json.dumps(keep.tolist())},
    )
    out.attrs["total"] = total
    return out


def _candidates(
    path: str | Path, where: str, params: dict, period: str, draw: dict[str, float]
) -> pd.DataFrame:
    """Id and period of the statements under `where` whose unit_hash is below `draw[period]`, period by period
    (one index range of dates each; statements_from's joins only when the filters read them)."""
    joins = aggregates.statements_from(where).removeprefix("FROM statements s")
    return db.df(
        path,
        f"""WITH q AS MATERIALIZED (SELECT key AS period, date(key, :end) AS stop, value * 4294967296 AS below
                                  FROM json_each(:draw))
            SELECT s.id AS id, q.period AS period
            FROM q CROSS JOIN statements s ON s.adate >= q.period AND s.adate < q.stop {joins}
            {where} AND {_HASH_SQL} < q.below""",
        {**params, "draw": json.dumps(draw), "end": _PERIOD_END[period]},
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
                FROM {aggregates.statement_table(f)} sp {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
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
            {FROM["statements"]} {where} AND a.year IS NULL AND (a.month IS NOT NULL OR a.day IS NOT NULL)
            ORDER BY a.month, a.day, s.id LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


def loosely_dated_statements(path: str | Path, f: Filters, limit: int = 500) -> pd.DataFrame:
    """Statements whose article is dated only by a bulk import's time (date_source crawled_bulk): published on or
    before it, by weeks or months nobody knows, so listed apart with that bound instead of piled on its day.
    attrs["total"]: how many there are, listed or not."""
    where, params = f.without_dates().to_sql("statements")
    where += " AND a.date_source = 'crawled_bulk'"
    out = db.df(
        path,
        f"""SELECT s.id AS id, s.article_id AS article_id,
                   printf('%04d-%02d-%02d', a.year, COALESCE(a.month, 1), COALESCE(a.day, 1)) AS on_or_before,
                   {SPEAKER} AS speaker, s.speaker_side AS side, s.verb AS verb, s.stance AS stance,
                   s.text AS text, a.title AS title
            {FROM["statements"]} {where} ORDER BY on_or_before, s.id LIMIT :limit""",
        {**params, "limit": int(limit)},
    )
    total = db.df(path, f"SELECT COUNT(*) AS n {FROM['statements']} {where}", params)["n"].iloc[0]
    out.attrs["total"] = int(total)
    return out


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
