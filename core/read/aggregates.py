"""When the pre-counted tables answer a query: periods, whole-month windows over entity_period and
statement_period (each also over the relevant articles alone), the kept facet counts, and the joins a statement
count needs.

The aggregates (core.store.aggregates) count per side, stance and period only, so a window is offered only
when every filter that holds a value is one of those (ANSWERED_*): any other filter — one added later
included — falls back to the exact query over the rows themselves, never to a count that ignores it.
"""

from __future__ import annotations

import calendar
from typing import Any

import pandas as pd

from core.read.db import in_list
from core.read.filters import ADATE, Filters, uses

PERIODS = ("week", "month")
# Period start for grouping: Monday of the week, first of the month (allow-listed by PERIODS).
PERIOD_SQL = {
    "week": "date({d}, 'weekday 0', '-6 days')",
    "month": "substr({d}, 1, 7) || '-01'",
}
# The filters each aggregate can answer (Filters fields); a date range only by whole months.
ANSWERED_BY_STATEMENT_PERIOD = frozenset({"date_from", "date_to", "sides", "stances"})
ANSWERED_BY_ENTITY_PERIOD = frozenset({"date_from", "date_to", "sides"})


def period_sql(period: str, date: str = ADATE) -> str:
    """The SQL expression of the period a date falls in (allow-listed: never the caller's text)."""
    if period not in PERIOD_SQL:
        raise ValueError(f"period must be one of {PERIODS}")
    return PERIOD_SQL[period].format(d=date)


def whole_months(f: Filters) -> tuple[str, str] | None:
    """The first days of the first and last month when the date range covers whole months (an open end
    counts as whole), else None."""
    lo, hi = f.date_from, f.date_to
    if lo and not lo.endswith("-01"):
        return None
    if hi:
        year, month = int(hi[:4]), int(hi[5:7])
        if int(hi[8:10]) != calendar.monthrange(year, month)[1]:
            return None
    return (lo or "0000-01-01"), (hi[:7] + "-01" if hi else "9999-12-01")


def period_window(f: Filters, grain: str, alias: str) -> tuple[list[str], dict[str, Any]] | None:
    """The grain and period clauses over an aggregate table (alias.grain, alias.period): a date range is
    answered by whole months (grain 'm'), else None."""
    params: dict[str, Any] = {"grain": grain}
    clauses = [f"{alias}.grain = :grain"]
    if f.date_from or f.date_to:
        months = whole_months(f)
        if months is None or grain == "w":
            return None
        params.update(grain="m", p_lo=months[0], p_hi=months[1])
        clauses.append(f"{alias}.period BETWEEN :p_lo AND :p_hi")
    return clauses, params


def _answered_window(
    f: Filters, grain: str, alias: str, answered: frozenset[str]
) -> tuple[list[str], dict[str, Any]] | None:
    """The period clauses over the aggregate `alias` when every active filter is one it counts, else None."""
    if not f.active() <= answered:
        return None
    return period_window(f, grain, alias)


def entity_table(f: Filters) -> str:
    """The entity_period table counting the articles `f` keeps: over every article, or over the relevant ones
    (the dashboard's default view; migration m011), whichever `entity_window` answers for."""
    return "entity_period_relevant" if f.relevance == "relevant" else "entity_period"


def statement_table(f: Filters) -> str:
    """The statement_period table counting the statements `f` keeps: of every article, or of the relevant ones
    (the dashboard's default view; migration m017), whichever `statement_window` answers for."""
    return "statement_period_relevant" if f.relevance == "relevant" else "statement_period"


def statement_window(f: Filters, grain: str) -> tuple[str, dict[str, Any]] | None:
    """WHERE over `statement_table(f)` (sp) when the filters can be answered from it, else None: like
    `entity_window`, only sides, stances, a date range of whole months and relevant articles or all."""
    if f.relevance not in (None, "relevant"):
        return None
    window = _answered_window(f, grain, "sp", ANSWERED_BY_STATEMENT_PERIOD | {"relevance"})
    if window is None:
        return None
    clauses, params = window
    clauses.append("sp.n > 0")
    if f.sides:
        clauses.append(f"sp.side IN {in_list('side', f.sides, params)}")
    if f.stances:
        clauses.append(f"sp.stance IN {in_list('stance', f.stances, params)}")
    return "WHERE " + " AND ".join(clauses), params


def entity_window(f: Filters, grain: str) -> tuple[str, dict[str, Any]] | None:
    """WHERE over `entity_table(f)` (ep) and entities (e) when the filters can be answered from the aggregates,
    else None (the caller reads mentions). Article-level filters (speaker, stance, entity, source, relevance,
    text) need the articles themselves; a date range must fall on whole months."""
    if f.relevance not in (None, "relevant"):
        return None
    answered = ANSWERED_BY_ENTITY_PERIOD | {"relevance"}
    window = _answered_window(f, grain, "ep", answered)
    if window is None:
        return None
    clauses, params = window
    if f.sides:
        clauses.append(f"e.side IN {in_list('side', f.sides, params)}")
    return "WHERE " + " AND ".join(clauses), params


# The relevance flags of the kept counts (speaker_count and statement_value_count.relevant, migrations m015 and
# m016: -1 an article whose relevance is not known) each relevance filter counts; fixed SQL, never the caller's.
FLAGS = {"relevant": "(1)", "irrelevant": "(0)", None: "(1, 0, -1)"}

# A speaker's name over speaker_count k and entities e (LEFT JOIN): the entity's, else its text (id 0).
SPEAKER_NAME = "CASE WHEN k.speaker_id = 0 THEN k.speaker_text ELSE e.name END"


def kept_speaker_facet(relevance: str | None, order: str) -> str:
    """The speaker facet (value, n: articles) under no filter but `relevance`, from speaker_count, `order` the
    facet's ORDER BY prefix. A name held by one speaker (an entity, or a text without one) is that speaker's
    article count; a name several hold (a person and a place of one name, an entity and an unresolved text) is
    counted over their articles in speaker_article, an article quoting two of them once, as a direct
    COUNT(DISTINCT article) per name does."""
    flags = FLAGS[relevance]
    return f"""WITH keys AS (SELECT {SPEAKER_NAME} AS value, k.speaker_id, k.speaker_text, SUM(k.articles) AS n
                             FROM speaker_count k LEFT JOIN entities e ON e.id = k.speaker_id
                             WHERE k.relevant IN {flags} AND k.articles > 0 GROUP BY k.speaker_id, k.speaker_text),
                    shared AS (SELECT value FROM keys GROUP BY value HAVING COUNT(*) > 1),
                    counts AS (
                      SELECT value, n FROM keys WHERE value IS NOT NULL AND value NOT IN shared
                      UNION ALL
                      SELECT keys.value, COUNT(DISTINCT sa.article_id) FROM keys
                      JOIN speaker_article sa ON sa.speaker_id = keys.speaker_id
                        AND sa.speaker_text = keys.speaker_text AND sa.relevant IN {flags}
                      WHERE keys.value IN shared GROUP BY keys.value)
               SELECT value, n FROM counts ORDER BY {order}n DESC, value LIMIT :limit"""


def kept_value_facet(relevance: str | None, order: str) -> str:
    """The side or stance facet (:facet) under no filter but `relevance`, from statement_value_count: an
    article is one row per value and flag, so the sum over flags is its articles."""
    return f"""SELECT value, SUM(articles) AS n FROM statement_value_count
               WHERE facet = :facet AND relevant IN {FLAGS[relevance]} AND articles > 0
               GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""


def kept_facet_over(name: str, relevance: str | None, order: str, sampled: str) -> str:
    """A side, stance (:facet) or speaker facet over sampled articles (`sampled`: a FROM prefix of their ids as
    smp, ending in a join) from their rows in statement_value_article or speaker_article: one row per article and
    value, or per article and speaker (a name several speakers hold counts an article once)."""
    flags = FLAGS[relevance]
    if name == "speaker":
        return f"""SELECT {SPEAKER_NAME} AS value, COUNT(DISTINCT k.article_id) AS n
                   FROM {sampled}speaker_article k ON k.article_id = smp.id LEFT JOIN entities e ON e.id = k.speaker_id
                   WHERE k.relevant IN {flags} AND value IS NOT NULL
                   GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return f"""SELECT v.value AS value, COUNT(*) AS n
               FROM {sampled}statement_value_article v ON v.article_id = smp.id AND v.facet = :facet
               WHERE v.relevant IN {flags} GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""


def statements_from(where: str) -> str:
    """FROM for statement counts under `where` (Filters.to_sql("statements")): the article and speaker joins
    only when the filters read them (a join per statement is most of the cost of counting 100k of them)."""
    out = "FROM statements s"
    if uses(where, "a"):
        out += " JOIN articles a ON a.id = s.article_id"
    if uses(where, "sp"):
        out += " LEFT JOIN entities sp ON sp.id = s.speaker_id"
    return out


def fill_periods(df: pd.DataFrame, period: str, key: str, value: str) -> pd.DataFrame:
    """Add the empty periods as zeros, so a line over ten sparse years does not bridge silent months.
    Works on the aggregated result (names x periods), never on raw rows."""
    if df.empty:
        return df
    freq = {"week": "W-MON", "month": "MS"}[period]
    start, end = pd.Timestamp(df["period"].min()), pd.Timestamp(df["period"].max())
    periods = [d.strftime("%Y-%m-%d") for d in pd.date_range(start, end, freq=freq)]
    keys = list(dict.fromkeys(df[key]))
    full = pd.MultiIndex.from_product([periods, keys], names=["period", key])
    out = df.set_index(["period", key])[value].reindex(full, fill_value=0).reset_index()
    return out.astype({value: "int64"})
