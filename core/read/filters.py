"""The filters: one spec per field (URL key, widget, SQL per subject, its words in the sentence), and `Filters`.

Like Datasette's filters, the WHERE clause and the words describing it come from one object, so what the
analyst reads above a chart cannot drift from what was queried. Everything about a filter is its field's
`spec(...)` in `Filters`: `to_sql`, `describe`, `from_params`, `to_params`, FILTER_KEYS, the sidebar's
widgets (core/app/sidebar.py) and the tests' parameter lists are generated from SPECS, so adding a filter is
one field plus its test (and its words in data/labels.yaml).

Values always travel as named parameters; identifiers (IN-list placeholders) are built only from list
positions, never from user text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from core.labels import SIDES, STANCES, label
from core.read.db import in_list
from core.store import search

# The dashboard starts from the articles about NATO–Russia relations; "all" is one click away.
RELEVANCE = ("relevant", "all", "irrelevant")
DEFAULT_RELEVANCE = "relevant"
SUBJECTS = ("statements", "articles", "mentions")

# An article's date as sortable ISO text, NULL without a year (month/day unknown -> 01) or when only a bulk import's
# time dates it (a loose bound: core/store/migrations2.py m019): the store keeps it indexed as articles.adate, and
# copies it onto each statement as statements.adate (no join to count them).
ADATE = "a.adate"
SPEAKER = "COALESCE(sp.name, s.speaker_text)"
# The columns of a statements table (over FROM["statements"]).
STATEMENT_COLUMNS = f"""s.id AS id, s.article_id AS article_id,
    s.adate AS date, {SPEAKER} AS speaker, s.speaker_side AS side,
    s.verb AS verb, s.stance AS stance, s.score AS score, s.quote AS quote, s.text AS text, a.title AS title,
    a.source AS source, a.date_source AS date_source"""
FROM = {
    "statements": (
        "FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN entities sp ON sp.id = s.speaker_id"
    ),
    "articles": "FROM articles a",
    "mentions": "FROM mentions m JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id",
}
# The same rows with the statements driving the join (CROSS JOIN keeps SQLite from reordering): when no filter
# reads the article, a statements list "newest first" walks the statements' date index and stops at its limit,
# instead of reading every relevant article and sorting all their statements (254 ms -> 0.2 ms at 100k).
_STATEMENTS_FIRST = "FROM statements s CROSS JOIN articles a ON a.id = s.article_id LEFT JOIN entities sp ON sp.id = s.speaker_id"


def statements_rows_from(where: str) -> str:
    """FROM for a list of statements (STATEMENT_COLUMNS) under `where` (Filters.to_sql("statements"))."""
    return FROM["statements"] if uses(where, "a") else _STATEMENTS_FIRST


# Statement filters on articles and mentions: the articles with one statement meeting them all (an
# uncorrelated IN, evaluated once; a correlated EXISTS ran once per mention row: ~1 s at 200k).
_HAVING_STATEMENTS = (
    "a.id IN (SELECT s2.article_id FROM statements s2 LEFT JOIN entities sp2 ON sp2.id = s2.speaker_id "
    "WHERE {})"
)
KINDS = (
    "date",
    "multi",
    "pick",
    "select",
    "text",
)  # the sidebar widget of each kind: see core/app/sidebar.py

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


def _relevance(raw: str | None) -> str | None:
    """The URL's relevance: none given is the default, "all" is every article (None)."""
    return None if raw == "all" else raw if raw in RELEVANCE else DEFAULT_RELEVANCE


def _same(value: Any) -> Any:
    return value


def _joined(values: Sequence[str]) -> str:
    return ",".join(values)


# A clause: a template ({values} = the IN-list of the value, :<param> = the value; {s}/{sp} = the statement and
# speaker aliases of a statement filter), or a function (value, params) -> clause(s).
Clause = str | Callable[[Any, dict[str, Any]], "str | list[str] | None"]
Say = Callable[[Any, "Filters", str, str], "str | None"]  # (value, filters, subject, lang) -> words or None


@dataclass(frozen=True)
class Spec:
    """Everything about one filter field. `field` is filled in from the dataclass field it describes."""

    url: str  # its key in the query string
    kind: str  # its sidebar widget, one of KINDS
    rank: int  # its place in the sentence (head parts first, each part in rank order)
    say: Say | None  # its words in the sentence (None: said by another field's words, e.g. the date range)
    example: str  # a URL value the generated tests filter by (tests/test_queries.py)
    parse: Callable[[str | None], Any] = _same  # URL text (None when absent) -> value; malformed -> empty
    dump: Callable[[Any], str | None] = _same  # value -> URL text (falsy: left out of the URL)
    statement: str | None = None  # a predicate over one statement (aliases {s}, {sp}) ...
    sql: Mapping[str, Clause] = dataclasses.field(default_factory=dict)  # ... or, per subject, its own clause
    head: bool = False  # part of the sentence's head ("Statements by X about Y") rather than a ", ..." part
    # Fixed codes (labels values.<url>.<code>), or the core.read.choices key listing the store's values:
    # "speakers", "entities", or "articles.<column>" for the values of an article column.
    options: tuple[str, ...] | str = ()
    param: str = ""  # its SQL parameter name (default: the URL key)
    label: str = ""  # its widget's label key (default: filters.<url>, see `title`)
    help: str | None = None  # its widget's help label key
    field: str = ""

    @property
    def widget(self) -> str:
        """The sidebar widget's session_state key."""
        return f"f_{self.url}"

    @property
    def title(self) -> str:
        """Its widget's label key."""
        return self.label or f"filters.{self.url}"

    @property
    def coded(self) -> bool:
        """Whether its values are fixed codes shown by their labels (values.<url>.<code>)."""
        return isinstance(self.options, tuple) and bool(self.options)

    def clauses(self, value: Any, subject: str, params: dict[str, Any]) -> tuple[list[str], bool]:
        """(clauses, on_statements): its SQL for `subject`; on_statements = predicates over s2/sp2 that the
        caller gathers into one sub-query (articles having a statement meeting them all)."""
        how = self.sql.get(subject)
        on_statements = how is None and self.statement is not None and subject != "statements"
        if how is None:
            how = self.statement
        if how is None:
            raise ValueError(f"filter {self.url!r} has no SQL for {subject}")
        if callable(how):
            got = how(value, params)
            return ([got] if isinstance(got, str) else list(got or ())), on_statements
        aliases = {"s": "s2", "sp": "sp2"} if on_statements else {"s": "s", "sp": "sp"}
        name = self.param or self.url
        if "{values}" in how:
            aliases["values"] = in_list(name, value, params)
        else:
            params[name] = value
        return [how.format(**aliases)], on_statements


def spec(default: Any = None, **kw: Any) -> Any:
    """A Filters field and its Spec (kept in the field's metadata)."""
    return field(default=default, metadata={"spec": Spec(**kw)})


def _join(codes: str | None = None) -> Callable[[Sequence[str], str], str]:
    """Values joined with "or", codes by their labels."""

    def join(values: Sequence[str], lang: str) -> str:
        words = [label(f"values.{codes}.{v}", lang) for v in values] if codes else list(values)
        return label("sentence.or", lang).join(words)

    return join


def said(key: str, arg: str, join: Callable[[Sequence[str], str], str] | None = None) -> Say:
    """Words for a set value: label `key` ("{subject}" replaced by the subject) with the value as `arg`."""

    def say(value: Any, f: Filters, subject: str, lang: str) -> str | None:
        if not value:
            return None
        shown = join(value, lang) if join else value
        return label(key.replace("{subject}", subject), lang, **{arg: shown})

    return say


def _dates(value: Any, f: Filters, subject: str, lang: str) -> str | None:
    a, b = f.date_from, f.date_to
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


def _relevance_sql(value: str, params: dict[str, Any]) -> str | None:
    # Literal flags from this fixed mapping (an unknown value filters nothing), never the caller's text.
    return {"relevant": "a.relevant = 1", "irrelevant": "a.relevant = 0"}.get(value)


def _statement_relevance_sql(value: str, params: dict[str, Any]) -> str | None:
    # statements.relevant is the article's flag copied on (migration m011): counted without the article join.
    return {"relevant": "s.relevant = 1", "irrelevant": "s.relevant = 0"}.get(value)


def _scope(value: Any, f: Filters, subject: str, lang: str) -> str:
    # Always said: a view of every article must never pass for the relevant ones.
    return label("sentence." + (value or "all_articles"), lang)


def _text(value: Any, params: dict[str, Any]) -> list[str]:
    # The text query's whole set (core.store.search: every word, quoted phrases as phrases, with their marks
    # when typed with marks); its tiers only rank, on the Articles page.
    clauses, text_params = search.filter_sql(search.parse(value))
    params.update(text_params)
    return clauses


def _date_sql(op: str, param: str) -> dict[str, str]:
    # NULL without a year: never in a range. Statements carry their article's date (no join to count them).
    return {
        "statements": f"s.adate {op} :{param}",
        "articles": f"{ADATE} {op} :{param}",
        "mentions": f"{ADATE} {op} :{param}",
    }


# About X: X is the statement's target, or X is named in the statement's sentence (not as the speaker).
_ENTITY_IN_STATEMENT = (
    "(s.target IN (SELECT id FROM entities WHERE name = :entity) OR EXISTS (SELECT 1 FROM "
    "mentions m3 JOIN entities e3 ON e3.id = m3.entity_id WHERE m3.article_id = s.article_id "
    "AND m3.sentence = s.sentence AND e3.name = :entity AND e3.id IS NOT s.speaker_id))"
)
# For articles and mentions: the articles that mention X.
_ENTITY_IN_ARTICLE = (
    "a.id IN (SELECT m3.article_id FROM mentions m3 JOIN entities e3 ON e3.id = m3.entity_id "
    "WHERE e3.name = :entity)"
)


@dataclass(frozen=True)
class Filters:
    """The sidebar's state. Frozen and hashable: it keys st.cache_data and round-trips through the URL.

    Field order is the URL's and the sidebar's; `rank` orders the sentence."""

    # One entry per filter (see Spec); "# fmt: skip" keeps each entry a compact row of the table.
    date_from: str | None = spec(  # ISO YYYY-MM-DD, inclusive
        url="from", kind="date", rank=50, say=_dates, parse=_iso, example="2019-01-01", param="date_from",
        sql=_date_sql(">=", "date_from"),
    )  # fmt: skip
    date_to: str | None = spec(  # said with date_from, as one range
        url="to", kind="date", rank=51, say=None, parse=_iso, example="2018-12-31", param="date_to",
        sql=_date_sql("<=", "date_to"),
    )  # fmt: skip
    sides: tuple[str, ...] = spec(  # the speaker's side; for mentions, the side of the entity mentioned
        (), url="side", kind="multi", rank=10, head=True, options=SIDES, example="russia",
        say=said("sentence.by_side.{subject}", "sides", _join("side")), parse=lambda v: _split(v, SIDES),
        dump=_joined, statement="{s}.speaker_side IN {values}", sql={"mentions": "e.side IN {values}"},
    )  # fmt: skip
    speaker: str | None = spec(
        url="speaker", kind="pick", rank=20, head=True, options="speakers", example="Vladimir Putin",
        say=said("sentence.by_speaker.{subject}", "speaker"),
        statement="COALESCE({sp}.name, {s}.speaker_text) = :speaker",
    )  # fmt: skip
    entity: str | None = spec(
        url="entity", kind="pick", rank=30, head=True, options="entities", example="Ukraine",
        say=said("sentence.about.{subject}", "entity"),
        sql={"statements": _ENTITY_IN_STATEMENT, "articles": _ENTITY_IN_ARTICLE, "mentions": _ENTITY_IN_ARTICLE},
    )  # fmt: skip
    sources: tuple[str, ...] = spec(  # the outlet
        (), url="source", kind="multi", rank=60, options="articles.source", example="TTXVN",
        say=said("sentence.sources", "sources", _join()), parse=_split, dump=_joined,
        sql=dict.fromkeys(SUBJECTS, "a.source IN {values}"),
    )  # fmt: skip
    stances: tuple[str, ...] = spec(
        (), url="stance", kind="multi", rank=40, options=STANCES, example="conflictual",
        say=said("sentence.stance.{subject}", "stances", _join("stance")), parse=lambda v: _split(v, STANCES),
        dump=_joined, statement="{s}.stance IN {values}",
    )  # fmt: skip
    # relevant | irrelevant | None (all articles). Filters() is the whole store, for core callers; the
    # dashboard's URL without a `relevance` key means DEFAULT_RELEVANCE (from_params), "all" means None.
    relevance: str | None = spec(
        url="relevance", kind="select", rank=70, options=RELEVANCE, example="irrelevant", say=_scope,
        parse=_relevance, dump=lambda v: None if v == DEFAULT_RELEVANCE else v or "all",
        sql={**dict.fromkeys(SUBJECTS, _relevance_sql), "statements": _statement_relevance_sql},
    )  # fmt: skip
    q: str | None = spec(
        url="q", kind="text", rank=80, example="Skripal", label="filters.query", help="filters.query_help",
        say=said("sentence.query", "q"), sql=dict.fromkeys(SUBJECTS, _text),
    )  # fmt: skip

    # --- URL ---------------------------------------------------------------------------------------------

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Filters:
        """Query-string values (strings only) -> Filters; unknown or malformed values are dropped."""

        def one(key: str) -> str | None:
            v = params.get(key)
            if isinstance(v, list):  # AppTest / repeated keys: keep the last
                v = v[-1] if v else None
            v = (v or "").strip()
            return v or None

        return cls(**{s.field: s.parse(one(s.url)) for s in SPECS})

    def to_params(self) -> dict[str, str]:
        """Only what differs from the default, so a clean view has a clean URL."""
        out = {s.url: s.dump(getattr(self, s.field)) for s in SPECS}
        return {k: v for k, v in out.items() if v}

    @property
    def is_empty(self) -> bool:
        """No filter at all, not even the default relevance: the whole store."""
        return self == Filters()

    def active(self) -> frozenset[str]:
        """The fields that hold a value (what a pre-counted aggregate would have to answer)."""
        return frozenset(s.field for s in SPECS if getattr(self, s.field))

    def without_dates(self) -> Filters:
        return replace(self, date_from=None, date_to=None)

    # --- SQL ---------------------------------------------------------------------------------------------

    def to_sql(self, subject: str = "statements") -> tuple[str, dict[str, Any]]:
        """`WHERE ...` over the aliases of FROM[subject] (a = articles, s = statements, sp = speaker entity,
        m = mentions, e = mentioned entity), plus its named params. Always a valid WHERE, so callers may
        append `AND ...`. Clauses in field order; the statement filters of an articles or mentions subject
        as one sub-query where the first of them stands."""
        if subject not in SUBJECTS:
            raise ValueError(f"subject must be one of {SUBJECTS}")
        params: dict[str, Any] = {}
        clauses: list[str] = []
        inner: list[str] = []
        at: int | None = None
        for s in SPECS:
            value = getattr(self, s.field)
            if not value:
                continue
            got, on_statements = s.clauses(value, subject, params)
            if on_statements:
                at = len(clauses) if at is None else at
                inner += got
            else:
                clauses += got
        if inner:
            clauses.insert(at or 0, _HAVING_STATEMENTS.format(" AND ".join(inner)))
        return "WHERE " + (" AND ".join(clauses) if clauses else "1"), params

    # --- the sentence ------------------------------------------------------------------------------------

    def describe(self, subject: str = "statements", lang: str = "en") -> str:
        """The filters as one sentence, e.g. "Statements by NATO-side speakers about Russia, conflictual,
        2018–2019, matching 'Skripal'"."""
        if subject not in SUBJECTS:
            raise ValueError(f"subject must be one of {SUBJECTS}")
        head = [label(f"sentence.noun.{subject}", lang)]
        tail: list[str] = []
        for s in SENTENCE:
            words = s.say(getattr(self, s.field), self, subject, lang) if s.say else None
            if words:
                (head if s.head else tail).append(words)
        return ", ".join([" ".join(head), *tail])


SPECS: tuple[Spec, ...] = tuple(replace(f.metadata["spec"], field=f.name) for f in fields(Filters))
SENTENCE = tuple(sorted(SPECS, key=lambda s: (not s.head, s.rank)))
BY_URL: dict[str, Spec] = {s.url: s for s in SPECS}
FILTER_KEYS: tuple[str, ...] = tuple(BY_URL)
WIDGET_KEYS: tuple[str, ...] = tuple(s.widget for s in SPECS)


def uses(where: str, alias: str) -> bool:
    """Whether a WHERE built by `Filters.to_sql` reads table alias `alias` (to skip a join it does not need)."""
    return re.search(rf"(?<![\w.]){re.escape(alias)}\.", where) is not None
