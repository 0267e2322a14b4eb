"""Attention over time (Media Cloud-style): the share of the period's articles that match a term or name an
entity, per week or month, several terms on one chart.

The denominator is every article the current filters keep except the text query (by default the relevant
ones): "NATO was in 40 % of the relevant articles of March" is comparable across months of very different
volume, where a raw count mostly follows how much was published.

A term matches an article when core.store.search finds it in the *exact* tier: the term's words together, with
the marks typed. Not the other tiers, because in Vietnamese the marks are the word: "Nga" (Russia) in any
marks also counts "ngà" (ivory) and "ngã" (fall), "đối đầu" also "đổi đầu" (a phone-number prefix), and
'words apart' found "đối đầu" in 21,069 of 35k articles (issue 11). A term typed without marks ("NATO")
has none to keep, so it is the same word either way. An entity matches the articles that mention it
(`entity_article`, the entity's name as the Entities page shows it).

SQL with named params only, on a read-only connection; terms reach FTS5 only as core.store.search's quoted
strings. Pages run these through the cache by reference (`context.q(ctx, attention.attention, ...)`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from core.read import db
from core.read.aggregates import period_sql
from core.read.filters import Filters
from core.store import search

KINDS = ("term", "entity")
# More lines than this on one chart cannot be told apart; the rest of a long list is left out (and said).
MAX_SERIES = 8
# A share over fewer articles than this says little: each article moves it by more than 10 points, and its
# 95 % interval is wider than ±30 points (binomial, 9 articles at 50 %: 0.98 / sqrt(9)). A month of 2 relevant
# articles, both matching, is "100 %" and would dwarf months of hundreds. Such periods keep their share and
# counts but are flagged (`few`), and the chart draws them hollow and faded, apart from the line.
MIN_BASE = 10
COLUMNS = ["period", "kind", "series", "matched", "total", "share", "few"]
ARTICLE_COLUMNS = ["id", "date", "source", "title", "url"]


def split_list(text: str | None, limit: int = MAX_SERIES) -> tuple[str, ...]:
    """Comma-separated terms or names -> distinct, stripped, non-empty items, at most `limit`.

    >>> split_list(" NATO, Nga,,nato , ")
    ('NATO', 'Nga')
    """
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        item = " ".join(item.split())
        if item and item.casefold() not in out:
            out[item.casefold()] = item
    return tuple(out.values())[: max(int(limit), 0)]


def term_query(term: str) -> str | None:
    """The exact tier's FTS5 expression for a term (its words as one phrase, marks as typed), or None when
    the term has no word to look for ("--", "<>")."""
    words = search.parse(term.replace('"', " ")).words
    return search.Query(phrases=(words,)).match_exact() if words else None


def _clause(kind: str, value: str, param: str, params: dict[str, Any]) -> str:
    """SQL selecting the article ids (`a.id`) a series matches; "0" for a term with no word (matches none)."""
    if kind == "term":
        match = term_query(value)
        if match is None:
            return "0"
        params[param] = match
        table = search.EXACT_TABLE
        return f"a.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :{param})"
    if kind == "entity":
        params[param] = value
        return (
            f"a.id IN (SELECT ea.article_id FROM entity_article ea JOIN entities e ON e.id = ea.entity_id "
            f"WHERE e.name = :{param})"
        )
    raise ValueError(f"kind must be one of {KINDS}")


def _scope(f: Filters) -> tuple[str, dict[str, Any]]:
    """WHERE over `articles a`: every filter but the text query, and a known year (a period needs one)."""
    where, params = replace(f, q=None).to_sql("articles")
    return f"{where} AND a.adate IS NOT NULL", params


def _series(terms: Sequence[str], entities: Sequence[str]) -> list[tuple[str, str]]:
    items = [("term", t) for t in split_list(",".join(terms))]
    items += [("entity", e) for e in dict.fromkeys(e.strip() for e in entities if e and e.strip())]
    return items[:MAX_SERIES]


def attention(
    path: str | Path,
    f: Filters,
    terms: Sequence[str] = (),
    entities: Sequence[str] = (),
    period: str = "month",
) -> pd.DataFrame:
    """Per period and series (each term, then each entity): `matched` articles, `total` articles of the
    period under the filters (the text query aside), `share` = matched / total in percent, and `few` when
    the period has some articles but fewer than MIN_BASE (a share too noisy to compare).

    One scan of the period's articles counts every series at once (each uncorrelated IN list is built
    once). Periods between the first and the last with no article at all are rows with total 0 and no
    share, so a line breaks there instead of bridging silent months."""
    expr = period_sql(period)
    items = _series(terms, entities)
    if not items:
        return pd.DataFrame(columns=COLUMNS)
    where, params = _scope(f)
    sums = []
    for i, (kind, value) in enumerate(items):
        sums.append(f"SUM({_clause(kind, value, f'att{i}', params)}) AS s{i}")
    sql = f"SELECT {expr} AS period, COUNT(*) AS total, {', '.join(sums)} FROM articles a {where} GROUP BY 1"
    with db.reading(path) as conn:
        wide = pd.read_sql_query(sql + " ORDER BY 1", conn, params=params)
    if wide.empty:
        return pd.DataFrame(columns=COLUMNS)
    freq = {"week": "W-MON", "month": "MS"}[period]
    every = pd.date_range(wide["period"].min(), wide["period"].max(), freq=freq).strftime("%Y-%m-%d")
    wide = wide.set_index("period").reindex(every, fill_value=0).rename_axis("period").reset_index()
    frames = []
    for i, (kind, value) in enumerate(items):
        part = wide[["period", "total", f"s{i}"]].rename(columns={f"s{i}": "matched"})
        part = part.assign(kind=kind, series=value)
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out = out.astype({"matched": "int64", "total": "int64"})
    share = out["matched"].astype(float) / out["total"].where(out["total"] > 0)
    out["share"] = (share * 100).round(2)
    out["few"] = out["total"].between(1, MIN_BASE - 1)
    return out[COLUMNS]


def period_end(period: str, start: str) -> str:
    """The first day after the period that starts on `start` (ISO), for a range over the indexed date.

    >>> period_end("month", "2018-12-01"), period_end("week", "2018-03-05")
    ('2019-01-01', '2018-03-12')
    """
    day = dt.date.fromisoformat(start)
    if period == "week":
        return (day + dt.timedelta(days=7)).isoformat()
    if period == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1).isoformat()
    raise ValueError(f"period must be week or month, not {period!r}")


def attention_articles(
    path: str | Path, f: Filters, period: str, start: str, kind: str, value: str, limit: int = 200
) -> pd.DataFrame:
    """The articles behind one point of the chart: those of the period starting `start` that the series
    matches, under the same filters (newest first, at most `limit`). A start that is not a date, or not
    the first day of its period, lists nothing."""
    try:
        end = period_end(period, start)
    except (ValueError, TypeError):
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    where, params = _scope(f)
    params.update(att_lo=start, att_hi=end, limit=int(limit))
    clause = _clause(kind, value, "att_v", params)
    sql = f"""SELECT a.id AS id, a.adate AS date, a.source AS source, a.title AS title, a.url AS url
              FROM articles a {where} AND a.adate >= :att_lo AND a.adate < :att_hi AND {clause}
                AND {period_sql(period)} = :att_lo
              ORDER BY a.adate DESC, a.id DESC LIMIT :limit"""
    with db.reading(path) as conn:
        return pd.read_sql_query(sql, conn, params=params)
