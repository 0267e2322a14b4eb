"""Read-side SQL for the dashboard: one `Filters` value -> WHERE + params, and the sentence describing it.

Like Datasette's filters, the SQL and the human caption come from the same frozen object, so what the
analyst reads above a chart cannot drift from what was queried. Every function here opens its own
read-only connection (`core.store.db.read_only`) and closes it, so no connection crosses Streamlit threads,
and every aggregate runs in SQLite: pandas only receives the (small) result.

Values always travel as named parameters; identifiers (IN-list placeholders, period expressions) are
built only from fixed allow-lists or from list positions, never from user text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from scipy.sparse import csr_matrix

from core.labels import SIDES, STANCES, label
from core.read import attention, review
from core.store import search
from core.store.db import fts_query, read_only
from core.text.textnorm import fold, squash

# The dashboard starts from the articles about NATO–Russia relations; "all" is one click away.
RELEVANCE = ("relevant", "all", "irrelevant")
DEFAULT_RELEVANCE = "relevant"
TYPES = ("PER", "ORG", "LOC")
SUBJECTS = ("statements", "articles", "mentions")
PERIODS = ("week", "month")

# An article's date as sortable ISO text, NULL without a year (month/day unknown -> 01): the store keeps it
# indexed as articles.adate, and copies it onto each statement as statements.adate (no join to count them).
ADATE = "a.adate"
# Period start for grouping: Monday of the week, first of the month (allow-listed by PERIODS).
PERIOD_SQL = {
    "week": "date({d}, 'weekday 0', '-6 days')",
    "month": "substr({d}, 1, 7) || '-01'",
}
SPEAKER = "COALESCE(sp.name, s.speaker_text)"
FROM = {
    "statements": (
        "FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN entities sp ON sp.id = s.speaker_id"
    ),
    "articles": "FROM articles a",
    "mentions": "FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id",
}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso(value: str | None) -> str | None:
    if not value or not _ISO.match(value):
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value


def _split(value: str | None, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
    items = [v.strip() for v in (value or "").split(",") if v.strip()]
    if allowed is not None:
        items = [v for v in items if v in allowed]
    return tuple(dict.fromkeys(items))


def _in(prefix: str, values: Sequence[str], params: dict) -> str:
    """`(:prefix0, :prefix1)` with the values added to params: placeholders from positions, never text."""
    names = []
    for i, v in enumerate(values):
        params[f"{prefix}{i}"] = v
        names.append(f":{prefix}{i}")
    return "(" + ", ".join(names) + ")"


@dataclass(frozen=True)
class Filters:
    """The sidebar's state. Frozen and hashable: it keys st.cache_data and round-trips through the URL."""

    date_from: str | None = None  # ISO YYYY-MM-DD, inclusive
    date_to: str | None = None
    sides: tuple[str, ...] = ()
    speaker: str | None = None
    entity: str | None = None
    sources: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    # relevant | irrelevant | None (all articles). Filters() is the whole store, for core callers; the
    # dashboard's URL without a `relevance` key means DEFAULT_RELEVANCE (from_params), "all" means None.
    relevance: str | None = None
    q: str | None = None

    # --- URL ---------------------------------------------------------------------------------------------

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Filters:
        """Query-string values (strings only) -> Filters; unknown or malformed values are dropped."""

        def one(key: str) -> str | None:
            v = params.get(key)
            if isinstance(v, list):  # AppTest / repeated keys: keep the last
                v = v[-1] if v else None
            v = (v or "").strip()
            return v or None

        rel = one("relevance")
        return cls(
            date_from=_iso(one("from")),
            date_to=_iso(one("to")),
            sides=_split(one("side"), SIDES),
            speaker=one("speaker"),
            entity=one("entity"),
            sources=_split(one("source")),
            stances=_split(one("stance"), STANCES),
            relevance=None if rel == "all" else rel if rel in RELEVANCE else DEFAULT_RELEVANCE,
            q=one("q"),
        )

    def to_params(self) -> dict[str, str]:
        """Only what differs from the default, so a clean view has a clean URL."""
        out = {
            "from": self.date_from,
            "to": self.date_to,
            "side": ",".join(self.sides),
            "speaker": self.speaker,
            "entity": self.entity,
            "source": ",".join(self.sources),
            "stance": ",".join(self.stances),
            "relevance": None if self.relevance == DEFAULT_RELEVANCE else self.relevance or "all",
            "q": self.q,
        }
        return {k: v for k, v in out.items() if v}

    @property
    def is_empty(self) -> bool:
        """No filter at all, not even the default relevance: the whole store."""
        return self == Filters()

    @property
    def reads_articles(self) -> bool:
        """Whether a filter needs the articles table itself (source, relevance, a text query)."""
        return bool(self.sources or self.relevance or (self.q and fts_query(self.q)))

    def without_dates(self) -> Filters:
        return replace(self, date_from=None, date_to=None)

    # --- SQL ---------------------------------------------------------------------------------------------

    def _statement_clauses(self, alias: str, speaker_alias: str, params: dict) -> list[str]:
        clauses = []
        if self.sides:
            clauses.append(f"{alias}.speaker_side IN {_in('side', self.sides, params)}")
        if self.speaker:
            params["speaker"] = self.speaker
            clauses.append(f"COALESCE({speaker_alias}.name, {alias}.speaker_text) = :speaker")
        if self.stances:
            clauses.append(f"{alias}.stance IN {_in('stance', self.stances, params)}")
        return clauses

    def to_sql(self, subject: str = "statements") -> tuple[str, dict[str, Any]]:
        """`WHERE ...` over the aliases of FROM[subject] (a = articles, s = statements, sp = speaker entity,
        m = mentions, e = mentioned entity), plus its named params. Always a valid WHERE, so callers may
        append `AND ...`."""
        if subject not in SUBJECTS:
            raise ValueError(f"subject must be one of {SUBJECTS}")
        params: dict[str, Any] = {}
        clauses: list[str] = []
        adate = "s.adate" if subject == "statements" else ADATE  # NULL without a year: never in a range
        if self.date_from:
            params["date_from"] = self.date_from
            clauses.append(f"{adate} >= :date_from")
        if self.date_to:
            params["date_to"] = self.date_to
            clauses.append(f"{adate} <= :date_to")

        if subject == "statements":
            clauses += self._statement_clauses("s", "sp", params)
        else:
            # Speaker and stance always describe statements; side describes statements for articles and the
            # mentioned entity for mentions.
            sub = replace(self, sides=()) if subject == "mentions" else self
            inner = sub._statement_clauses("s2", "sp2", params)
            if inner:
                # Uncorrelated IN, evaluated once (a correlated EXISTS ran once per mention row: ~1 s at 200k).
                clauses.append(
                    "a.id IN (SELECT s2.article_id FROM statements s2 LEFT JOIN entities sp2 ON sp2.id = s2.speaker_id "
                    "WHERE " + " AND ".join(inner) + ")"
                )
            if subject == "mentions" and self.sides:
                clauses.append(f"e.side IN {_in('side', self.sides, params)}")

        if self.entity:
            params["entity"] = self.entity
            if subject == "statements":
                # About X: X is the statement's target, or X is named in the statement's sentence (not as the
                # speaker).
                clauses.append(
                    "(s.target IN (SELECT id FROM entities WHERE name = :entity) OR EXISTS (SELECT 1 FROM "
                    "mentions m3 JOIN entities e3 ON e3.id = m3.entity_id WHERE m3.article_id = s.article_id "
                    "AND m3.sentence = s.sentence AND e3.name = :entity AND e3.id IS NOT s.speaker_id))"
                )
            else:
                clauses.append(
                    "a.id IN (SELECT m3.article_id FROM mentions m3 JOIN entities e3 ON e3.id = m3.entity_id "
                    "WHERE e3.name = :entity)"
                )
        if self.sources:
            clauses.append(f"a.source IN {_in('source', self.sources, params)}")
        if self.relevance == "relevant":
            clauses.append("a.relevant = 1")
        elif self.relevance == "irrelevant":
            clauses.append("a.relevant = 0")
        # The text query's whole set (core.store.search: every word, quoted phrases as phrases, with their marks
        # when typed with marks); its tiers only rank, on the Articles page.
        text_clauses, text_params = search.filter_sql(search.parse(self.q))
        clauses += text_clauses
        params.update(text_params)
        return "WHERE " + (" AND ".join(clauses) if clauses else "1"), params

    # --- the sentence ------------------------------------------------------------------------------------

    def _dates(self, lang: str) -> str | None:
        a, b = self.date_from, self.date_to
        if a and b and a.endswith("-01-01") and b.endswith("-12-31"):
            ya, yb = a[:4], b[:4]
            return ya if ya == yb else label("sentence.years", lang, a=ya, b=yb)
        if a and b:
            return label("sentence.between", lang, a=a, b=b)
        if a:
            return label("sentence.since", lang, a=a)
        if b:
            return label("sentence.until", lang, b=b)
        return None

    def describe(self, subject: str = "statements", lang: str = "en") -> str:
        """The filters as one sentence, e.g. "Statements by NATO-side speakers about Russia, conflictual,
        2018–2019, matching 'Skripal'"."""
        if subject not in SUBJECTS:
            raise ValueError(f"subject must be one of {SUBJECTS}")
        orr = label("sentence.or", lang)
        head = [label(f"sentence.noun.{subject}", lang)]
        if self.sides:
            sides = orr.join(label(f"values.side.{s}", lang) for s in self.sides)
            head.append(label(f"sentence.by_side.{subject}", lang, sides=sides))
        if self.speaker:
            head.append(label(f"sentence.by_speaker.{subject}", lang, speaker=self.speaker))
        if self.entity:
            head.append(label(f"sentence.about.{subject}", lang, entity=self.entity))
        parts = [" ".join(head)]
        if self.stances:
            stances = orr.join(label(f"values.stance.{s}", lang) for s in self.stances)
            parts.append(label(f"sentence.stance.{subject}", lang, stances=stances))
        dates = self._dates(lang)
        if dates:
            parts.append(dates)
        if self.sources:
            parts.append(label("sentence.sources", lang, sources=orr.join(self.sources)))
        # Always said: a view of every article must never pass for the relevant ones.
        parts.append(label("sentence." + (self.relevance or "all_articles"), lang))
        if self.q:
            parts.append(label("sentence.query", lang, q=self.q))
        return ", ".join(parts)


FILTER_KEYS = ("from", "to", "side", "speaker", "entity", "source", "stance", "relevance", "q")
assert len(FILTER_KEYS) == len(fields(Filters))


# --- connection helpers ------------------------------------------------------------------------------------


def store_stamp(path: str | Path) -> tuple[float, float, int]:
    """Changes whenever the store does: mtimes of the db and its -wal file (and the wal size)."""
    path = Path(path)
    wal = Path(str(path) + "-wal")
    db_m = path.stat().st_mtime if path.exists() else 0.0
    if wal.exists():
        st = wal.stat()
        return db_m, st.st_mtime, st.st_size
    return db_m, 0.0, 0


def _df(path: str | Path, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    with closing(read_only(path)) as conn:
        return pd.read_sql_query(sql, conn, params=dict(params or {}))


def _one(path: str | Path, sql: str, params: Mapping[str, Any] | None = None) -> dict | None:
    with closing(read_only(path)) as conn:
        row = conn.execute(sql, dict(params or {})).fetchone()
        return dict(row) if row else None


def _period(period: str, date: str = ADATE) -> str:
    if period not in PERIOD_SQL:
        raise ValueError(f"period must be one of {PERIODS}")
    return PERIOD_SQL[period].format(d=date)


# --- overview ----------------------------------------------------------------------------------------------


def overview(path: str | Path, f: Filters) -> dict:
    """Headline numbers for the articles matching the filters (dates from articles whose year is known)."""
    if f.is_empty:
        return _overview_unfiltered(path)
    where, params = f.to_sql("articles")
    row = _one(
        path,
        f"""SELECT COUNT(*) AS articles, COUNT(DISTINCT a.source) AS sources,
                   MIN({ADATE}) AS first, MAX({ADATE}) AS last
            {FROM["articles"]} {where}""",
        params,
    )
    where_s, params_s = f.to_sql("statements")
    n = _one(path, f"SELECT COUNT(*) AS n {FROM['statements']} {where_s}", params_s)
    total = _one(path, "SELECT (SELECT COUNT(*) FROM articles) AS a, (SELECT COUNT(*) FROM statements) AS s")
    return {
        **(row or {}),
        "statements": n["n"] if n else 0,
        "total_articles": total["a"],
        "total_statements": total["s"],
    }


def _overview_unfiltered(path: str | Path) -> dict:
    """The same numbers for the whole store through indexes (every page opens on this: no full scans)."""
    with closing(read_only(path)) as conn:
        first, last = _date_bounds(conn)
    row = _one(
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


def _statements_from(f: Filters) -> str:
    """FROM for statement counts: the article and speaker joins only when a filter reads them (a join per
    statement is most of the cost of counting 100k of them)."""
    out = "FROM statements s"
    if f.reads_articles:
        out += " JOIN articles a ON a.id = s.article_id"
    if f.speaker:
        out += " LEFT JOIN entities sp ON sp.id = s.speaker_id"
    return out


def _statement_window(f: Filters, grain: str) -> tuple[str, dict[str, Any]] | None:
    """WHERE over statement_period (sp) when the filters can be answered from it, else None: like
    `_aggregate_window`, only sides, stances and a date range of whole months."""
    if f.speaker or f.entity or f.reads_articles:
        return None
    window = _period_window(f, grain, "sp")
    if window is None:
        return None
    clauses, params = window
    clauses.append("sp.n > 0")
    if f.sides:
        clauses.append(f"sp.side IN {_in('side', f.sides, params)}")
    if f.stances:
        clauses.append(f"sp.stance IN {_in('stance', f.stances, params)}")
    return "WHERE " + " AND ".join(clauses), params


def side_stance_counts(path: str | Path, f: Filters) -> pd.DataFrame:
    agg = _statement_window(f, "*")
    if agg is not None:
        where, params = agg
        return _df(
            path,
            f"""SELECT NULLIF(sp.side, '') AS side, NULLIF(sp.stance, '') AS stance, SUM(sp.n) AS n
                FROM statement_period sp {where} GROUP BY 1, 2 ORDER BY 1, 2""",
            params,
        )
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT s.speaker_side AS side, s.stance AS stance, COUNT(*) AS n {_statements_from(f)} {where}
            GROUP BY s.speaker_side, s.stance ORDER BY s.speaker_side, s.stance""",
        params,
    )


STATEMENT_COLUMNS = f"""s.id AS id, s.article_id AS article_id,
    s.adate AS date, {SPEAKER} AS speaker, s.speaker_side AS side,
    s.verb AS verb, s.stance AS stance, s.score AS score, s.quote AS quote, s.text AS text, a.title AS title,
    a.source AS source, a.date_source AS date_source"""


def latest_statements(path: str | Path, f: Filters, limit: int = 20) -> pd.DataFrame:
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {where}
            ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


# --- timeline ----------------------------------------------------------------------------------------------


def statement_points(path: str | Path, f: Filters, limit: int = 3000) -> pd.DataFrame:
    """One row per dated statement (year known), oldest first; past `limit`, the most recent ones."""
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT * FROM (SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {where} AND s.adate IS NOT NULL
                              ORDER BY s.adate DESC, s.id DESC LIMIT :limit)
            ORDER BY date, id""",
        {**params, "limit": int(limit)},
    )


def statement_counts(path: str | Path, f: Filters, period: str = "month") -> pd.DataFrame:
    expr = _period(period, "s.adate")
    agg = _statement_window(f, {"week": "w", "month": "m"}[period])
    if agg is not None:
        where, params = agg
        return _df(
            path,
            f"""SELECT sp.period AS period, NULLIF(sp.side, '') AS side, NULLIF(sp.stance, '') AS stance,
                       SUM(sp.n) AS n
                FROM statement_period sp {where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
            params,
        )
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT {expr} AS period, s.speaker_side AS side, s.stance AS stance, COUNT(*) AS n
            {_statements_from(f)} {where} AND s.adate IS NOT NULL
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""",
        params,
    )


def yearless_statements(path: str | Path, f: Filters, limit: int = 500) -> pd.DataFrame:
    """Statements whose article has a day or month but no year: listed apart, never placed on a guessed year."""
    where, params = f.without_dates().to_sql("statements")
    return _df(
        path,
        f"""SELECT s.id AS id, s.article_id AS article_id,
                   COALESCE(printf('%02d', a.day), '??') || '/' || COALESCE(printf('%02d', a.month), '??') AS day_month,
                   {SPEAKER} AS speaker, s.speaker_side AS side, s.verb AS verb, s.stance AS stance,
                   s.text AS text, a.title AS title
            {FROM["statements"]} {where} AND s.adate IS NULL AND (a.month IS NOT NULL OR a.day IS NOT NULL)
            ORDER BY a.month, a.day, s.id LIMIT :limit""",
        {**params, "limit": int(limit)},
    )


def statement_context(path: str | Path, statement_id: int, window: int = 1) -> dict | None:
    """A statement with its sentence and the `window` sentences either side."""
    row = _one(
        path,
        f"""SELECT {STATEMENT_COLUMNS}, s.sentence AS sentence, s.field AS field, s.start AS start,
                   s."end" AS "end", s.target_text AS target_text, s.relay AS relay
            {FROM["statements"]} WHERE s.id = :id""",
        {"id": int(statement_id)},
    )
    if row is None:
        return None
    sents = _df(
        path,
        """SELECT idx, field, start, "end", text FROM sentences
           WHERE article_id = :aid AND idx BETWEEN :lo AND :hi ORDER BY idx""",
        {"aid": row["article_id"], "lo": row["sentence"] - window, "hi": row["sentence"] + window},
    )
    row["sentences"] = sents.to_dict("records")
    return row


# --- entities ----------------------------------------------------------------------------------------------


def _whole_months(f: Filters) -> tuple[str, str] | None:
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


def _period_window(f: Filters, grain: str, alias: str) -> tuple[list[str], dict[str, Any]] | None:
    """The grain and period clauses over an aggregate table (alias.grain, alias.period): a date range is
    answered by whole months (grain 'm'), else None."""
    params: dict[str, Any] = {"grain": grain}
    clauses = [f"{alias}.grain = :grain"]
    if f.date_from or f.date_to:
        months = _whole_months(f)
        if months is None or grain == "w":
            return None
        params.update(grain="m", p_lo=months[0], p_hi=months[1])
        clauses.append(f"{alias}.period BETWEEN :p_lo AND :p_hi")
    return clauses, params


def _aggregate_window(f: Filters, grain: str) -> tuple[str, dict[str, Any]] | None:
    """WHERE over entity_period (ep) and entities (e) when the filters can be answered from the aggregates,
    else None (the caller reads mentions). Article-level filters (speaker, stance, entity, source, relevance,
    text) need the articles themselves; a date range must fall on whole months."""
    if f.speaker or f.stances or f.entity or f.reads_articles:
        return None
    window = _period_window(f, grain, "ep")
    if window is None:
        return None
    clauses, params = window
    if f.sides:
        clauses.append(f"e.side IN {_in('side', f.sides, params)}")
    return "WHERE " + " AND ".join(clauses), params


def top_entities(path: str | Path, f: Filters, types: Sequence[str] = (), limit: int = 20) -> pd.DataFrame:
    types = [t for t in types if t in TYPES]
    agg = _aggregate_window(f, "*")
    if agg is not None:
        where, params = agg
        extra = f" AND e.type IN {_in('type', types, params)}" if types else ""
        if params["grain"] == "*":
            # All time: one row per entity, read in the index's (grain, period, articles) order down to the
            # `limit`-th entity's count only, instead of sorting every entity of the long tail.
            return _df(
                path,
                f"""SELECT e.name AS name, e.type AS type, e.side AS side, ep.articles AS articles,
                           ep.mentions AS mentions
                    FROM entity_period ep JOIN entities e ON e.id = ep.entity_id
                    {where}{extra} AND ep.period = '' AND ep.articles >= COALESCE((
                        SELECT ep.articles FROM entity_period ep JOIN entities e ON e.id = ep.entity_id
                        {where}{extra} AND ep.period = '' ORDER BY ep.articles DESC LIMIT 1 OFFSET :offset), 0)
                    ORDER BY articles DESC, mentions DESC, e.name LIMIT :limit""",
                {**params, "limit": int(limit), "offset": max(int(limit) - 1, 0)},
            )
        return _df(
            path,
            f"""SELECT e.name AS name, e.type AS type, e.side AS side, SUM(ep.articles) AS articles,
                       SUM(ep.mentions) AS mentions
                FROM entity_period ep JOIN entities e ON e.id = ep.entity_id {where}{extra}
                GROUP BY e.id ORDER BY articles DESC, mentions DESC, e.name LIMIT :limit""",
            {**params, "limit": int(limit)},
        )
    where, params = f.to_sql("mentions")
    extra = f" AND e.type IN {_in('type', types, params)}" if types else ""
    return _df(
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
    expr = _period(period)
    agg = _aggregate_window(f, {"week": "w", "month": "m"}[period])
    if agg is not None:
        where, params = agg
        df = _df(
            path,
            f"""SELECT ep.period AS period, e.name AS name, SUM(ep.mentions) AS mentions
                FROM entity_period ep JOIN entities e ON e.id = ep.entity_id
                {where} AND e.name IN {_in("name", names, params)} GROUP BY 1, 2 ORDER BY 1, 2""",
            params,
        )
        return _fill_periods(df, period, "name", "mentions")
    where, params = f.to_sql("mentions")
    df = _df(
        path,
        f"""SELECT {expr} AS period, e.name AS name, COUNT(*) AS mentions
            {FROM["mentions"]} {where} AND a.adate IS NOT NULL AND e.name IN {_in("name", names, params)}
            GROUP BY 1, 2 ORDER BY 1, 2""",
        params,
    )
    return _fill_periods(df, period, "name", "mentions")


def _fill_periods(df: pd.DataFrame, period: str, key: str, value: str) -> pd.DataFrame:
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


def cooccurrence(path: str | Path, f: Filters, names: Sequence[str]) -> pd.DataFrame:
    """Square matrix (index and columns = names): articles mentioning both; the diagonal is each one's total.

    Reads, per name, the ids of its articles from the per-article aggregate as one string (far cheaper than a
    row per article), and multiplies a sparse article x name matrix by its transpose (SQL self-joins took
    seconds at 100k articles)."""
    names = list(dict.fromkeys(names))
    if not names:
        return pd.DataFrame()
    where, params = f.to_sql("articles")
    scope = "" if where == "WHERE 1" else f" AND ea.article_id IN (SELECT a.id FROM articles a {where})"
    with closing(read_only(path)) as conn:
        rows = conn.execute(
            f"""SELECT e.name, group_concat(ea.article_id) FROM entities e
                JOIN entity_article ea ON ea.entity_id = e.id
                WHERE e.name IN {_in("name", names, params)}{scope} GROUP BY e.name""",
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
    where, params = f.to_sql("articles")
    scope = "" if where == "WHERE 1" else f" AND ea.article_id IN (SELECT a.id FROM articles a {where})"
    with closing(read_only(path)) as conn:
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
                WHERE a.id IN {_in("aid", chosen, q)} AND ea.entity_id IN {_in("eid", ids, q)}
                GROUP BY a.id ORDER BY date DESC, a.id DESC""",
            conn,
            params=q,
        )


def statements_by(path: str | Path, f: Filters, name: str, limit: int = 200) -> pd.DataFrame:
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {where} AND sp.name = :focus
            ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "focus": name, "limit": int(limit)},
    )


def statements_about(path: str | Path, f: Filters, name: str, limit: int = 200) -> pd.DataFrame:
    where, params = f.to_sql("statements")
    return _df(
        path,
        f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {where}
            AND (s.target IN (SELECT id FROM entities WHERE name = :focus) OR EXISTS (SELECT 1 FROM mentions m4
                 JOIN entities e4 ON e4.id = m4.entity_id WHERE m4.article_id = s.article_id
                 AND m4.sentence = s.sentence AND e4.name = :focus AND e4.id IS NOT s.speaker_id))
            ORDER BY s.adate DESC, s.id DESC LIMIT :limit""",
        {**params, "focus": name, "limit": int(limit)},
    )


def name_variants(path: str | Path, f: Filters, name: str) -> pd.DataFrame:
    where, params = f.to_sql("mentions")
    # Without article filters the (entity, surface, article) index answers alone: no join per mention.
    source = (
        FROM["mentions"]
        if replace(f, sides=()) != Filters()
        else "FROM mentions m JOIN entities e ON e.id = m.entity_id"
    )
    return _df(
        path,
        f"""SELECT m.surface AS surface, COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles
            {source} {where} AND e.name = :focus GROUP BY m.surface ORDER BY mentions DESC, surface""",
        {**params, "focus": name},
    )


# --- pick lists --------------------------------------------------------------------------------------------


def _date_bounds(conn) -> tuple[str | None, str | None]:
    """First and last known dates through the articles.adate index (one MIN or MAX per query: together they
    scan every article)."""
    first = conn.execute("SELECT MIN(adate) FROM articles").fetchone()[0]
    last = conn.execute("SELECT MAX(adate) FROM articles").fetchone()[0]
    return first, last


# The sidebar's pick lists stop at the most frequent values: past a few thousand names a drop-down is no help,
# and a name further down the tail still works from a shared URL or the entity page's tables.
PICK_LIMIT = 2000


def choices(path: str | Path) -> dict[str, list[str]]:
    """Values the sidebar offers: sources, the most frequent speakers and entities (PICK_LIMIT of each), the
    date bounds."""
    with closing(read_only(path)) as conn:
        sources = [
            r[0]
            for r in conn.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY 1")
        ]
        # Speakers counted per entity id through its index, then the few without an entity by their text.
        speakers = [
            r[0]
            for r in conn.execute(
                """SELECT who, SUM(n) FROM (
                     SELECT e.name AS who, c.n AS n FROM (SELECT speaker_id, COUNT(*) AS n FROM statements
                       WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c JOIN entities e ON e.id = c.speaker_id
                     UNION ALL
                     SELECT speaker_text, COUNT(*) FROM statements WHERE speaker_id IS NULL
                       AND speaker_text IS NOT NULL GROUP BY speaker_text)
                   GROUP BY who ORDER BY 2 DESC, 1 LIMIT :limit""",
                {"limit": PICK_LIMIT},
            )
        ]
        # Entities in the aggregate's index order: most articles first, read no further than the limit.
        entities = [
            r[0]
            for r in conn.execute(
                "SELECT e.name FROM entity_period ep JOIN entities e ON e.id = ep.entity_id "
                "WHERE ep.grain = '*' AND ep.period = '' ORDER BY ep.articles DESC LIMIT :limit",
                {"limit": PICK_LIMIT},
            )
        ]
        entities = list(dict.fromkeys(entities))  # one name may be two entities (a person and a place)
        bounds = _date_bounds(conn)
    return {
        "sources": sources,
        "speakers": speakers,
        "entities": entities,
        "first": bounds[0],
        "last": bounds[1],
    }


# --- articles ----------------------------------------------------------------------------------------------


ARTICLE_COLUMNS = f"""a.id AS id, {ADATE} AS date, a.source AS source, a.title AS title,
    (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS statements, a.relevant AS relevant,
    a.url AS url"""


def _rows_by_id(conn, ids: Sequence[int]) -> pd.DataFrame:
    """Article rows for `ids`, in that order (a search's ranking)."""
    params: dict[str, Any] = {}
    sql = f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id IN {_in('id', list(ids), params)}"
    df = pd.read_sql_query(sql, conn, params=params)
    rank = {int(i): k for k, i in enumerate(ids)}
    return df.sort_values("id", key=lambda col: col.map(rank)).reset_index(drop=True)


def _other_filters(f: Filters) -> tuple[str, dict[str, Any]]:
    """WHERE over `articles a` for every filter but the text query ("" when there is none): what
    core.store.search.search narrows its tiers by."""
    where, params = replace(f, q=None).to_sql("articles")
    return ("" if where == "WHERE 1" else where), params


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
    (exact phrase, other marks, words apart; bm25 within each) and its counts, else newest first."""
    size = int(per_page or search.page_size())
    query = search.parse(f.q)
    with closing(read_only(path)) as conn:
        if query:
            where, params = _other_filters(f)
            res = search.search(conn, query, where, params, page, size)
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
    where, params = _other_filters(f)
    with closing(read_only(path)) as conn:
        return search.counts(conn, query, where, params), query.tiers


def articles_table(path: str | Path, f: Filters, limit: int = 500) -> pd.DataFrame:
    """The first `limit` articles in the Articles page's order (the compare page's pick lists)."""
    table = search_articles(path, f, page=1, per_page=limit).table
    return table.drop(columns=["tier"], errors="ignore")


def article_ids(path: str | Path, f: Filters, limit: int = 10_000) -> tuple[tuple[int, ...], int]:
    """The ids of the articles the current filters select, in the Articles table's order (at most `limit`),
    and how many match in all: what "mark all shown articles" acts on."""
    query = search.parse(f.q)
    with closing(read_only(path)) as conn:
        if query:
            where, params = _other_filters(f)
            res = search.search(conn, query, where, params, 1, int(limit))
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
    return _one(
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
    row = _one(path, f"SELECT COUNT(*) AS n {FROM['articles']} {where}", params)
    return int(row["n"]) if row else 0


def article(path: str | Path, article_id: int) -> dict | None:
    """Everything the reader shows: the row, captions as a list, its mentions, statements and sentences."""
    row = _one(path, "SELECT * FROM articles WHERE id = :id", {"id": int(article_id)})
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
    row["mentions"] = _df(
        path,
        """SELECT m.field AS field, m.start AS start, m."end" AS "end", m.surface AS surface, m.sentence AS sentence,
                  e.name AS name, e.type AS type, e.side AS side
           FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = :id ORDER BY m.field, m.start""",
        {"id": int(article_id)},
    )
    row["statements"] = _df(
        path,
        f"""SELECT s.id AS id, s.field AS field, s.start AS start, s."end" AS "end", s.sentence AS sentence,
                   {SPEAKER} AS speaker, s.speaker_side AS side, s.verb AS verb, s.stance AS stance,
                   s.score AS score, s.text AS text
            FROM statements s LEFT JOIN entities sp ON sp.id = s.speaker_id WHERE s.article_id = :id
            ORDER BY s.sentence, s.start""",
        {"id": int(article_id)},
    )
    row["sentences"] = _df(
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
    with closing(read_only(path)) as conn:
        rows = conn.execute(f"SELECT id, title FROM articles WHERE id IN {_in('id', ids, params)}", params)
        return {r[0]: r[1] for r in rows}


def failures(path: str | Path, limit: int = 500) -> pd.DataFrame:
    return _df(
        path,
        """SELECT file, line, reason, count, time FROM failures ORDER BY time DESC, id DESC LIMIT :limit""",
        {"limit": int(limit)},
    )


# --- compare -----------------------------------------------------------------------------------------------

_WORDS = re.compile(r"\w+")


def entity_sets(mentions_a: pd.DataFrame, mentions_b: pd.DataFrame) -> dict[str, list[str]]:
    a = set(mentions_a["name"]) if len(mentions_a) else set()
    b = set(mentions_b["name"]) if len(mentions_b) else set()
    return {"shared": sorted(a & b), "only_a": sorted(a - b), "only_b": sorted(b - a)}


def _tfidf(docs: Sequence[str]) -> csr_matrix:
    """Rows = docs, L2-normalised TF-IDF over folded words (so 'Nga'/'nga', 'đối'/'doi' match)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, doc in enumerate(docs):
        counts: dict[int, int] = {}
        for w in _WORDS.findall(fold(doc)):
            j = vocab.setdefault(w, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(float(c))
    m = csr_matrix((vals, (rows, cols)), shape=(len(docs), max(len(vocab), 1)))
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    m = m.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def align_sentences(a: Sequence[str], b: Sequence[str]) -> pd.DataFrame:
    """Each sentence of A with its most similar sentence of B (cosine of TF-IDF on folded words).

    >>> align_sentences(["Nga cảnh báo NATO."], ["NATO bị Nga cảnh báo.", "Trời mưa."]).iloc[0]["b"]
    'NATO bị Nga cảnh báo.'
    """
    cols = ["a_idx", "a", "b_idx", "b", "similarity"]
    if not len(a) or not len(b):
        return pd.DataFrame(columns=cols)
    m = _tfidf(list(a) + list(b))
    sim = (m[: len(a)] @ m[len(a) :].T).toarray()
    best = sim.argmax(axis=1)
    score = np.round(sim[np.arange(len(a)), best], 3)
    # No shared word at all: say so rather than pairing with an arbitrary sentence.
    return pd.DataFrame(
        {
            "a_idx": range(len(a)),
            "a": list(a),
            "b_idx": pd.array(
                [int(j) if s > 0 else None for j, s in zip(best, score, strict=True)], dtype="Int64"
            ),
            "b": [b[j] if s > 0 else "" for j, s in zip(best, score, strict=True)],
            "similarity": score,
        },
        columns=cols,
    )


def load_pairs(path: str | Path, pairs_file: str | Path, lang: str = "en") -> list[dict]:
    """data/samples/pairs.yaml ({title_a, title_b, why}) -> pairs whose two titles are both in the store.
    `why` is one text or one per language ({en: ..., vi: ...}); the pair says it in `lang` (else English)."""
    pairs_file = Path(pairs_file)
    if not pairs_file.is_file():
        return []
    with open(pairs_file, encoding="utf-8") as fh:
        items = yaml.safe_load(fh) or []
    if not isinstance(items, list):
        return []
    out = []
    with closing(read_only(path)) as conn:

        def find(title: str) -> int | None:
            row = conn.execute(
                "SELECT id FROM articles WHERE title = :t ORDER BY id LIMIT 1", {"t": title}
            ).fetchone()
            if (
                row is None
            ):  # tolerate case, diacritic and spacing differences in the YAML, never another title
                row = conn.execute(
                    "SELECT id FROM articles WHERE title_key = :k ORDER BY id LIMIT 1", {"k": squash(title)}
                ).fetchone()
            return row[0] if row else None

        for item in items:
            if not isinstance(item, dict):
                continue
            a, b = find(str(item.get("title_a", ""))), find(str(item.get("title_b", "")))
            if a is not None and b is not None and a != b:
                why = item.get("why", "")
                if isinstance(why, dict):
                    why = why.get(lang) or why.get("en") or next(iter(why.values()), "")
                out.append({"a": a, "b": b, "why": str(why)})
    return out


# --- spans for highlighting --------------------------------------------------------------------------------


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


# --- the briefing's data ---------------------------------------------------------------------------------


def source_counts(path: str | Path, f: Filters) -> pd.DataFrame:
    """Matching articles per outlet, largest first; articles with no outlet recorded are one row with
    source None (exports count them apart instead of naming a '?' outlet)."""
    where, params = f.to_sql("articles")
    return _df(
        path,
        f"""SELECT NULLIF(TRIM(a.source), '') AS source, COUNT(*) AS articles {FROM["articles"]} {where}
            GROUP BY 1 ORDER BY 2 DESC, 1""",
        params,
    )


def briefing_data(path: str | Path, f: Filters, limit: int = 8) -> dict[str, pd.DataFrame]:
    """What a briefing page lists besides its charts: candidate statements and the outlets.

    Candidates are ranked per side (`limit` x 4 of each, so core.app.export.pick_statements can balance sides):
    a speaker resolved to a known entity first, then stance strength with a bonus for a direct quote
    (data/export.yaml `briefing.quote_bonus`), then the newest."""
    from core.config import rules

    bonus = float((rules("export").get("briefing") or {}).get("quote_bonus", 0.0))
    where, params = f.to_sql("statements")
    top = _df(
        path,
        f"""SELECT date, speaker, side, stance, text, source, title, article_id, score, quote, resolved FROM (
              SELECT s.adate AS date, {SPEAKER} AS speaker, s.speaker_side AS side, s.stance AS stance,
                     s.text AS text, a.source AS source, a.title AS title, s.article_id AS article_id,
                     s.score AS score, s.quote AS quote, s.speaker_id IS NOT NULL AS resolved,
                     ROW_NUMBER() OVER (PARTITION BY s.speaker_side ORDER BY s.speaker_id IS NOT NULL DESC,
                        ABS(COALESCE(s.score, 0)) + :bonus * COALESCE(s.quote, 0) DESC, s.adate DESC, s.id)
                       AS rank_in_side,
                     s.speaker_id IS NOT NULL AS r1,
                     ABS(COALESCE(s.score, 0)) + :bonus * COALESCE(s.quote, 0) AS r2, s.id AS sid
              {FROM["statements"]} {where})
            WHERE rank_in_side <= :per_side ORDER BY r1 DESC, r2 DESC, date DESC, sid""",
        {**params, "per_side": int(limit) * 4, "bonus": bonus},
    )
    return {"statements": top, "sources": source_counts(path, f)}


def relevance_known(path: str | Path) -> bool:
    """Whether extraction has judged any article: a store built without NLP has no relevance to filter by."""
    return _one(path, "SELECT EXISTS(SELECT 1 FROM articles WHERE relevant IS NOT NULL) AS k")["k"] == 1


QUERIES: dict[str, Callable[..., Any]] = {
    fn.__name__: fn
    for fn in (
        relevance_known,
        overview,
        side_stance_counts,
        latest_statements,
        statement_points,
        statement_counts,
        yearless_statements,
        statement_context,
        top_entities,
        entity_timeline,
        cooccurrence,
        entity_articles,
        statements_by,
        statements_about,
        name_variants,
        choices,
        articles_table,
        article_ids,
        relevance_decision,
        search_articles,
        search_counts,
        count_articles,
        article,
        article_titles,
        failures,
        load_pairs,
        briefing_data,
        source_counts,
        *review.QUERY_FUNCTIONS,
        attention.attention,
        attention.attention_articles,
    )
}


def exists(path: str | Path) -> bool:
    return os.path.exists(path) and os.path.getsize(path) > 0
