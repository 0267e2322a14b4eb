"""Datasette-style facets: for side, speaker, entity, outlet, stance and month, the values with how many
articles each has under the current filters.

Like Datasette, a facet leaves its own filter out: with side=NATO selected the side facet still lists Russia
with the articles it would add, so a value can be added or removed with its count in view. Everything else
counts as the Articles page does (`Filters.to_sql("articles")`): a side, stance or speaker counts the articles
with a statement that has it and meets the other statement filters (the same statement), an entity the articles
mentioning it, a month the articles dated in it.

Each facet is one aggregate query with named parameters on a read-only connection, reading the filtered
article ids first (the relevance index of migration m010, the FTS index for a text query) and stopping at
`limit` values; the values a filter holds are always listed, first, so they can be removed. As in Datasette, a
facet whose query runs past a time limit (data/search.yaml) is given up and says so: a text query matching most
of a large store would otherwise make every page wait for counts nobody reads.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.config import rules
from core.read import db
from core.read.filters import BY_URL, Filters
from core.store import search

FACETS = ("side", "stance", "speaker", "entity", "source", "month")
# Facets whose filter holds several values (a multi-select); the others hold one.
MULTI = tuple(n for n in FACETS if n in BY_URL and BY_URL[n].kind == "multi")


@dataclass(frozen=True)
class Facet:
    """One facet: (value, articles) pairs, the values its filter holds first, then the most frequent (months:
    newest first); `more` says that values beyond `limit` exist."""

    name: str
    values: tuple[tuple[str, int], ...]
    selected: tuple[str, ...]
    more: bool = False
    # The count query ran past `facet_time_limit_ms` and was given up (only the values a filter holds are
    # listed, without counts that mean anything).
    timed_out: bool = False


def facet_size(name: str) -> int:
    size = rules("search")["facet_size"]
    return int(size.get(name, size["default"]) if isinstance(size, dict) else size)


def _articles_where(f: Filters) -> tuple[str, dict[str, Any]]:
    """`AND <col> IN (SELECT a.id FROM articles a WHERE ...)`-ready WHERE for `f` ("" when `f` keeps every
    article)."""
    where, params = f.to_sql("articles")
    return ("" if where == "WHERE 1" else where), params


def _restrict(column: str, f: Filters, copy: str | None = None) -> tuple[str, dict[str, Any]]:
    """`AND ...` keeping the rows whose article id `column` is one `f` keeps. `copy`: the alias of a table
    holding the article's relevance flag (migration m011), read there instead of through the articles; a text
    query alone is matched on the id itself (not looked up in articles once per matching article)."""
    flag = ""
    if copy and f.relevance in ("relevant", "irrelevant"):
        flag = f" AND {copy}.relevant = {1 if f.relevance == 'relevant' else 0}"
        f = replace(f, relevance=None)
    if f.active() == {"q"}:
        clauses, params = search.filter_sql(search.parse(f.q or ""), column)
        return flag + "".join(f" AND {c}" for c in clauses), dict(params)
    where, params = _articles_where(f)
    return flag + (f" AND {column} IN (SELECT a.id FROM articles a {where})" if where else ""), params


def _statement_filter(f: Filters, params: dict[str, Any]) -> str:
    """The statement filters of `f` (side, stance, speaker, and the relevance copied onto the statement) as
    clauses over s / sp, for one statement."""
    where, p = Filters(sides=f.sides, stances=f.stances, speaker=f.speaker, relevance=f.relevance).to_sql(
        "statements"
    )
    params.update(p)
    return "" if where == "WHERE 1" else " AND " + where.removeprefix("WHERE ")


def _selected_first(selected: Sequence[str], params: dict[str, Any]) -> str:
    """ORDER BY prefix listing the values the filter holds first (placeholders from positions)."""
    if not selected:
        return ""
    names = []
    for i, v in enumerate(selected):
        params[f"sel{i}"] = v
        names.append(f":sel{i}")
    return f"value IN ({', '.join(names)}) DESC, "


# How often (virtual-machine steps) SQLite asks whether a facet query is over its time: a Python call per 1,000
# steps costs under 1 % of a query, and 1,000 steps take well under a millisecond.
PROGRESS_STEPS = 1000


def time_limit_ms() -> int:
    return int(rules("search")["facet_time_limit_ms"])


class _Budget:
    """A deadline SQLite's progress handler checks; `spent` says it interrupted the statement (the error then
    reads "interrupted", or "vtable constructor failed" when it hit the full-text index first)."""

    def __init__(self, ms: int) -> None:
        self.deadline = time.monotonic() + ms / 1000.0
        self.spent = False

    def __call__(self) -> int:
        self.spent = time.monotonic() > self.deadline
        return int(self.spent)


@contextmanager
def _time_limit(conn: sqlite3.Connection, ms: int) -> Iterator[_Budget]:
    """Interrupt the statements run inside after `ms` milliseconds (checked every PROGRESS_STEPS steps of
    SQLite's virtual machine); a read-only statement interrupted leaves the transaction as it was."""
    budget = _Budget(ms)
    conn.set_progress_handler(budget, PROGRESS_STEPS)
    try:
        yield budget
    finally:
        conn.set_progress_handler(None, 0)


def _run(
    path: str | Path, name: str, sql: str, params: dict[str, Any], selected: Sequence[str], limit: int
) -> Facet:
    with db.reading(path) as conn, _time_limit(conn, time_limit_ms()) as budget:
        try:
            rows = [(str(r[0]), int(r[1])) for r in conn.execute(sql, {**params, "limit": limit + 1})]
        except sqlite3.OperationalError:
            if not budget.spent:
                raise
            return Facet(name, tuple((v, 0) for v in selected), tuple(selected), timed_out=True)
    more = len(rows) > limit
    rows = rows[:limit]
    listed = {v for v, _ in rows}
    # A value the filter holds that no article has under the other filters: still listed, to be removed.
    missing = [(v, 0) for v in selected if v not in listed]
    return Facet(name, tuple(missing + rows), tuple(selected), more)


def _statement_facet(
    path: str | Path, f: Filters, name: str, value_sql: str, selected: Sequence[str], limit: int
) -> Facet:
    """Articles per value of a statement attribute; `f` already lacks this facet's own filter."""
    params: dict[str, Any] = {}
    # The relevance flag is read off the statement itself (its copy, migration m011), not by article id.
    restrict, p = _restrict("s.article_id", replace(f, sides=(), stances=(), speaker=None, relevance=None))
    params.update(p)
    stmt = _statement_filter(f, params)
    order = _selected_first(selected, params)
    # The speaker join only when the value or a filter reads the speaker (a side or stance reads an index).
    speakers = " LEFT JOIN entities sp ON sp.id = s.speaker_id" if "sp." in value_sql + stmt else ""
    sql = f"""SELECT {value_sql} AS value, COUNT(DISTINCT s.article_id) AS n
              FROM statements s{speakers}
              WHERE {value_sql} IS NOT NULL{stmt}{restrict}
              GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return _run(path, name, sql, params, selected, limit)


def side(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles quoting a speaker of each side (with the other statement filters on that statement)."""
    return _statement_facet(
        path, replace(f, sides=()), "side", "s.speaker_side", f.sides, limit or facet_size("side")
    )


def stance(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles with a statement of each stance."""
    return _statement_facet(
        path, replace(f, stances=()), "stance", "s.stance", f.stances, limit or facet_size("stance")
    )


def speaker(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles quoting each speaker (the resolved entity's name, else the text the speaker was written as)."""
    chosen = (f.speaker,) if f.speaker else ()
    return _statement_facet(
        path,
        replace(f, speaker=None),
        "speaker",
        "COALESCE(sp.name, s.speaker_text)",
        chosen,
        limit or facet_size("speaker"),
    )


# A name of one entity with its relevant articles (over entity_period_relevant ep and entities e).
_ONE_ENTITY = """e.name AS value, ep.articles AS n FROM entity_period_relevant ep JOIN entities e ON e.id = ep.entity_id
    WHERE ep.grain = '*' AND ep.period = '' AND e.name NOT IN shared"""


def entity(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles mentioning each entity, by name (the filter is by name). Under filters an article naming a
    person and a place of one name counts once; for the whole store the aggregates' per-entity totals are
    added, which counts it twice (rare, and read without scanning every mention)."""
    limit = limit or facet_size("entity")
    chosen = (f.entity,) if f.entity else ()
    params: dict[str, Any] = {}
    restrict, p = _restrict("ea.article_id", replace(f, entity=None), copy="ea")
    params.update(p)
    order = _selected_first(chosen, params)
    if not restrict:
        # The whole store: the per-entity totals kept by the aggregates (no scan of every mention).
        sql = f"""SELECT e.name AS value, SUM(ep.articles) AS n FROM entity_period ep
                  JOIN entities e ON e.id = ep.entity_id WHERE ep.grain = '*' AND ep.period = ''
                  GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    elif replace(f, entity=None) == Filters(relevance="relevant"):
        # The default view: the relevant articles' per-entity totals (migration m011), exact per name: a name
        # held by several entities is counted over its articles (an article naming two of them once). A name
        # of one entity is read down the (grain, period, articles) index to the count of the `limit`-th one
        # (ties kept), not sorted over the whole long tail; the chosen name is read whatever its count.
        picked = f" UNION SELECT {_ONE_ENTITY} AND e.name IN (:sel0)" if chosen else ""
        sql = f"""WITH shared AS (SELECT name FROM entities GROUP BY name HAVING COUNT(*) > 1),
                  counts AS (
                    SELECT {_ONE_ENTITY} AND ep.articles >= COALESCE((
                        SELECT ep.articles FROM entity_period_relevant ep JOIN entities e ON e.id = ep.entity_id
                        WHERE ep.grain = '*' AND ep.period = '' AND e.name NOT IN shared
                        ORDER BY ep.articles DESC LIMIT 1 OFFSET :limit - 1), 0){picked}
                    UNION ALL
                    SELECT e.name, COUNT(DISTINCT ea.article_id) FROM entities e
                    CROSS JOIN entity_article ea ON ea.entity_id = e.id AND ea.relevant = 1
                    WHERE e.name IN shared GROUP BY e.name)
                  SELECT value, n FROM counts WHERE n > 0 ORDER BY {order}n DESC, value LIMIT :limit"""
    else:
        # Articles per entity first (an (article, entity) pair is one row), then per name: an article naming two
        # entities of one name counts twice, as in the whole-store totals above; 0.50 -> 0.34 s for a text query
        # matching 64,537 of the 100k-article bench store, against COUNT(DISTINCT) per name.
        sql = f"""WITH per AS (SELECT ea.entity_id, COUNT(*) AS n FROM entity_article ea WHERE 1{restrict}
                               GROUP BY ea.entity_id)
                  SELECT e.name AS value, SUM(per.n) AS n FROM per JOIN entities e ON e.id = per.entity_id
                  GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return _run(path, "entity", sql, params, chosen, limit)


def source(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles from each outlet (articles that name none are not an outlet)."""
    limit = limit or facet_size("source")
    params: dict[str, Any] = {}
    where, p = _articles_where(replace(f, sources=()))
    params.update(p)
    order = _selected_first(f.sources, params)
    cond = (where + " AND" if where else "WHERE") + " a.source IS NOT NULL AND TRIM(a.source) <> ''"
    sql = f"""SELECT a.source AS value, COUNT(*) AS n FROM articles a {cond}
              GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return _run(path, "source", sql, params, f.sources, limit)


def month_of(f: Filters) -> str | None:
    """The month ("YYYY-MM") the date filter is exactly, else None."""
    if not (f.date_from and f.date_to and f.date_from.endswith("-01")):
        return None
    return f.date_from[:7] if month_range(f.date_from[:7]) == (f.date_from, f.date_to) else None


def month_range(month: str) -> tuple[str, str]:
    """ "2017-03" -> ("2017-03-01", "2017-03-31"): the date filter a month click sets."""
    first = dt.date.fromisoformat(month + "-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first.isoformat(), last.isoformat()


def month(path: str | Path, f: Filters, limit: int | None = None) -> Facet:
    """Articles dated in each month (year known), newest first; the date filter is left out."""
    limit = limit or facet_size("month")
    chosen = (m,) if (m := month_of(f)) else ()
    params: dict[str, Any] = {}
    where, p = _articles_where(replace(f, date_from=None, date_to=None))
    params.update(p)
    order = _selected_first(chosen, params)
    # `> ''` rather than IS NOT NULL: SQLite reads it as a range of the adate index (10 ms, not 150 at 35k).
    cond = (where + " AND" if where else "WHERE") + " a.adate > ''"
    sql = f"""SELECT substr(a.adate, 1, 7) AS value, COUNT(*) AS n FROM articles a {cond}
              GROUP BY value ORDER BY {order}value DESC LIMIT :limit"""
    return _run(path, "month", sql, params, chosen, limit)


FUNCTIONS = {
    "side": side,
    "stance": stance,
    "speaker": speaker,
    "entity": entity,
    "source": source,
    "month": month,
}


def all_facets(path: str | Path, f: Filters) -> tuple[Facet, ...]:
    """Every facet for the sidebar, in FACETS order."""
    return tuple(FUNCTIONS[name](path, f) for name in FACETS)


def with_selection(f: Filters, name: str, selection: object) -> Filters:
    """The filters once facet `name` holds `selection` (a list for MULTI facets, else a value or None): what a
    click on a facet value sets, every other filter kept."""
    if name in MULTI:
        return replace(f, **{BY_URL[name].field: tuple(dict.fromkeys(str(v) for v in (selection or [])))})
    value = str(selection) if selection not in (None, "") else None
    if name == "month":
        first, last = month_range(value) if value else (None, None)
        return replace(f, date_from=first, date_to=last)
    return replace(f, **{BY_URL[name].field: value})
