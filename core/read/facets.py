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

Above `facet_estimate.above` matching articles (data/search.yaml) a facet's counts are estimates, said so:
they are read once per set of matching ids off an even sample of them (core/read/estimates.py). The default
view (no filter but relevance) stays exact: its entity, speaker, side and stance counts are kept aggregates
(core.store.aggregates), and the rest read one index.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from core.config import rules
from core.read import aggregates, db, estimates
from core.read.estimates import Sample, articles_where
from core.read.filters import BY_URL, Filters
from core.store import matches, search

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
    # Counted over an even sample: `sampled` of the `matched` articles, the counts scaled up (0: exact).
    sampled: int = 0
    matched: int = 0
    every: int = 1  # the sample's k: every k-th id

    @property
    def estimated(self) -> bool:
        """The counts are estimates from a sample (shown as "≈ N"), not exact."""
        return self.sampled > 0


# Each facet's own filter, left out of its counts (as in Datasette): the Filters fields it clears.
_OWN: dict[str, dict[str, Any]] = {
    "side": {"sides": ()},
    "stance": {"stances": ()},
    "speaker": {"speaker": None},
    "entity": {"entity": None},
    "source": {"sources": ()},
    "month": {"date_from": None, "date_to": None},
}


def others(f: Filters, name: str) -> Filters:
    """The filters facet `name` counts under: `f` without its own filter."""
    return replace(f, **_OWN[name])


def held(f: Filters, name: str) -> tuple[str, ...]:
    """The values facet `name`'s filter holds in `f` (listed first, to be removed)."""
    if name == "month":
        return (m,) if (m := month_of(f)) else ()
    value = getattr(f, BY_URL[name].field)
    return tuple(value) if isinstance(value, tuple) else ((value,) if value else ())


def facet_size(name: str) -> int:
    size = rules("search")["facet_size"]
    return int(size.get(name, size["default"]) if isinstance(size, dict) else size)


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
    where, params = articles_where(f)
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


# Rows of a table keyed by article id, for the sampled ids only (core.store.matches.each_id).
_SAMPLED = matches.each_id("sample")


def _run(
    path: str | Path,
    name: str,
    sql: str,
    params: dict[str, Any],
    selected: Sequence[str],
    limit: int,
    sample: Sample | None = None,
) -> Facet:
    if sample is not None:
        params = {**params, "sample": json.dumps(sample.ids)}
    with db.reading(path) as conn, estimates.time_limit(conn) as budget:
        try:
            rows = [(str(r[0]), int(r[1])) for r in conn.execute(sql, {**params, "limit": limit + 1})]
        except sqlite3.OperationalError:
            if not budget.spent:
                raise
            return Facet(name, tuple((v, 0) for v in selected), tuple(selected), timed_out=True)
    more = len(rows) > limit
    rows = rows[:limit]
    if sample is not None and not sample.exact:
        rows = [(v, round(n * sample.scale)) for v, n in rows]
    listed = {v for v, _ in rows}
    # A value the filter holds that no article has under the other filters: still listed, to be removed.
    missing = [(v, 0) for v in selected if v not in listed]
    estimate = sample is not None and not sample.exact
    sampled, matched, every = (len(sample.ids), sample.matched, sample.step) if estimate else (0, 0, 1)
    return Facet(name, tuple(missing + rows), tuple(selected), more, False, sampled, matched, every)


def _statement_facet(
    path: str | Path, f: Filters, name: str, value_sql: str, limit: int, sample: Sample | None
) -> Facet:
    """Articles per value of a statement attribute, under `f` minus this facet's own filter."""
    selected = held(f, name)
    f = others(f, name)
    params: dict[str, Any] = {}
    if sample is not None:  # the sample's articles already meet every filter but the statement's own
        source, restrict = _SAMPLED + "statements s ON s.article_id = smp.id", ""
    else:
        # The relevance flag is read off the statement itself (its copy, migration m011), not by article id.
        source = "statements s"
        restrict, p = _restrict(
            "s.article_id", replace(f, sides=(), stances=(), speaker=None, relevance=None)
        )
        params.update(p)
    stmt = _statement_filter(f, params)
    order = _selected_first(selected, params)
    # The speaker join only when the value or a filter reads the speaker (a side or stance reads an index).
    speakers = " LEFT JOIN entities sp ON sp.id = s.speaker_id" if "sp." in value_sql + stmt else ""
    sql = f"""SELECT {value_sql} AS value, COUNT(DISTINCT s.article_id) AS n
              FROM {source}{speakers}
              WHERE {value_sql} IS NOT NULL{stmt}{restrict}
              GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return _run(path, name, sql, params, selected, limit, sample)


def side(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles quoting a speaker of each side (with the other statement filters on that statement); `sample`:
    count over it and scale up (`estimates.sample_for(path, others(f, "side"))`), else exactly."""
    limit = limit or facet_size("side")
    if _kept(f, "side", sample):
        return _kept_facet(path, f, "side", limit, sample)
    return _statement_facet(path, f, "side", "s.speaker_side", limit, sample)


def stance(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles with a statement of each stance."""
    limit = limit or facet_size("stance")
    if _kept(f, "stance", sample):
        return _kept_facet(path, f, "stance", limit, sample)
    return _statement_facet(path, f, "stance", "s.stance", limit, sample)


def speaker(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles quoting each speaker (the resolved entity's name, else the text the speaker was written as)."""
    limit = limit or facet_size("speaker")
    if _kept(f, "speaker", sample):
        return _kept_facet(path, f, "speaker", limit, sample)
    return _statement_facet(path, f, "speaker", "COALESCE(sp.name, s.speaker_text)", limit, sample)


def _kept(f: Filters, name: str, sample: Sample | None) -> bool:
    """Whether the kept counts (migrations m015, m016) answer statement facet `name`: under no filter but
    relevance (the whole table), or over a sample under no other statement filter (its articles' rows)."""
    g = others(f, name)
    if f.relevance not in aggregates.FLAGS:
        return False
    return g.active() <= {"relevance"} if sample is None else not g.active() & {"sides", "stances", "speaker"}


def _kept_facet(path: str | Path, f: Filters, name: str, limit: int, sample: Sample | None) -> Facet:
    """A side, stance or speaker facet off the kept counts rather than every statement, the same counts: at
    100k articles the default view's 0.009 s (side, stance) and 0.04 s (speaker) -> 0.2 ms and 0.007 s, and
    over a text query's sample of 1,776 articles ~0.008 s -> 0.003 s each (narrow rows by article id)."""
    chosen = held(f, name)
    params: dict[str, Any] = {} if name == "speaker" else {"facet": name}
    order = _selected_first(chosen, params)
    if sample is not None:
        sql = aggregates.kept_facet_over(name, f.relevance, order, _SAMPLED)
    elif name == "speaker":
        sql = aggregates.kept_speaker_facet(f.relevance, order)
    else:
        sql = aggregates.kept_value_facet(f.relevance, order)
    return _run(path, name, sql, params, chosen, limit, sample)


# A name of one entity with its relevant articles (over entity_period_relevant ep and entities e).
_ONE_ENTITY = """e.name AS value, ep.articles AS n FROM entity_period_relevant ep JOIN entities e ON e.id = ep.entity_id
    WHERE ep.grain = '*' AND ep.period = '' AND e.name NOT IN shared"""


def entity(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles mentioning each entity, by name (the filter is by name). Under filters an article naming a
    person and a place of one name counts once; for the whole store the aggregates' per-entity totals are
    added, which counts it twice (rare, and read without scanning every mention)."""
    limit = limit or facet_size("entity")
    chosen = held(f, "entity")
    params: dict[str, Any] = {}
    restrict = ""
    if sample is None:
        restrict, p = _restrict("ea.article_id", others(f, "entity"), copy="ea")
        params.update(p)
    order = _selected_first(chosen, params)
    if sample is not None:
        # The sampled articles' entities, each article one probe of entity_article's primary key; per name as
        # below. 12,431 matching articles of the 100k bench store: ~0.11 s exactly, ~0.02 s over every 7th.
        sql = f"""WITH per AS (SELECT ea.entity_id, COUNT(*) AS n
                               FROM {_SAMPLED}entity_article ea ON ea.article_id = smp.id GROUP BY ea.entity_id)
                  SELECT e.name AS value, SUM(per.n) AS n FROM per JOIN entities e ON e.id = per.entity_id
                  GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    elif not restrict:
        # The whole store: the per-entity totals kept by the aggregates (no scan of every mention).
        sql = f"""SELECT e.name AS value, SUM(ep.articles) AS n FROM entity_period ep
                  JOIN entities e ON e.id = ep.entity_id WHERE ep.grain = '*' AND ep.period = ''
                  GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    elif others(f, "entity") == Filters(relevance="relevant"):
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
    return _run(path, "entity", sql, params, chosen, limit, sample)


def _articles_from(f: Filters, params: dict[str, Any], sample: Sample | None) -> tuple[str, str]:
    """FROM and WHERE-or-empty for the articles a facet counts: the sampled ones, else those `f` keeps."""
    if sample is not None:  # source and date off an index by id, not each article's row
        return matches.each_article("sample"), ""
    where, p = articles_where(f)
    params.update(p)
    return "articles a", where


def source(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles from each outlet (articles that name none are not an outlet)."""
    limit = limit or facet_size("source")
    params: dict[str, Any] = {}
    frm, where = _articles_from(others(f, "source"), params, sample)
    order = _selected_first(f.sources, params)
    cond = (where + " AND" if where else "WHERE") + " a.source IS NOT NULL AND TRIM(a.source) <> ''"
    sql = f"""SELECT a.source AS value, COUNT(*) AS n FROM {frm} {cond}
              GROUP BY value ORDER BY {order}n DESC, value LIMIT :limit"""
    return _run(path, "source", sql, params, f.sources, limit, sample)


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


def month(path: str | Path, f: Filters, limit: int | None = None, sample: Sample | None = None) -> Facet:
    """Articles dated in each month (year known), newest first; the date filter is left out."""
    limit = limit or facet_size("month")
    chosen = held(f, "month")
    params: dict[str, Any] = {}
    frm, where = _articles_from(others(f, "month"), params, sample)
    order = _selected_first(chosen, params)
    # `> ''` rather than IS NOT NULL: SQLite reads it as a range of the adate index (10 ms, not 150 at 35k).
    cond = (where + " AND" if where else "WHERE") + " a.adate > ''"
    sql = f"""SELECT substr(a.adate, 1, 7) AS value, COUNT(*) AS n FROM {frm} {cond}
              GROUP BY value ORDER BY {order}value DESC LIMIT :limit"""
    return _run(path, "month", sql, params, chosen, limit, sample)


FUNCTIONS = {
    "side": side,
    "stance": stance,
    "speaker": speaker,
    "entity": entity,
    "source": source,
    "month": month,
}


def all_facets(path: str | Path, f: Filters) -> tuple[Facet, ...]:
    """Every facet for the sidebar, in FACETS order: each counted exactly, or over the sample of the articles
    it counts under (`estimates.sample_for`), read once for all the facets that share those articles (under a
    text query alone, all six)."""
    samples: dict[Filters, Sample | None | estimates.TimedOut] = {}
    out = []
    for name in FACETS:
        g = others(f, name)
        if g not in samples:
            try:
                samples[g] = estimates.sample_for(path, g)
            except estimates.TimedOut as e:
                samples[g] = e
        sample = samples[g]
        if isinstance(sample, estimates.TimedOut):  # not even the matching ids in time: as a facet given up
            out.append(Facet(name, tuple((v, 0) for v in held(f, name)), held(f, name), timed_out=True))
        else:
            out.append(FUNCTIONS[name](path, f, sample=sample))
    return tuple(out)


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
