"""The one search path: a user's text -> safe FTS5 MATCH expressions, tiers of trust, counts and pages.

Vietnamese words are syllables apart ("đối đầu" is one word, confrontation), and the marks are the word:
"đối đầu", "đổi đầu" (switching a prefix) and "đôi đầu" (twin ... first) share their letters. So a result is
put in one of three tiers, each labelled where it is shown:

0. exact   -- the words as one phrase with the marks the user typed (the accent-keeping index,
              `articles_fts_exact`, store migration m010);
1. accents -- the same phrase with other marks (the folded index `articles_fts`: "doi dau");
2. words   -- every word, anywhere in the article (any marks).

The set a query selects is the union (every word present), everywhere: the sidebar filter on every page,
the Articles page and `core.store.fts.fts_search` all use it, so the counts agree. Within a tier results are
ranked by bm25 of that tier's expression with the title weighted (data/search.yaml). A quoted part is a
phrase the article must contain; quoted with marks ("đối đầu") it must contain it with those marks, quoted
without ("doi dau") in any marks, so an analyst who wants only the exact phrase quotes it.

User text never reaches MATCH as syntax: every term is a quoted FTS5 string built from `\\w+` runs, so
operators (AND, NEAR(, -x, col:x, *) are words to look for and cannot raise.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.config import rules
from core.text.textnorm import fold, normalize

TIERS = ("exact", "accents", "words")
EXACT, ACCENTS, WORDS = range(3)
FOLDED_TABLE = "articles_fts"
EXACT_TABLE = "articles_fts_exact"

_PHRASE = re.compile(r'"([^"]*)"')
_TERM = re.compile(r"\w+")


def _settings() -> dict:
    return rules("search")


def page_size() -> int:
    """Results per page (data/search.yaml)."""
    return int(_settings()["per_page"])


def _weights() -> str:
    """bm25's column weights as SQL literals (floats from our own data file, never user text)."""
    w = _settings()["bm25_weights"]
    return ", ".join(repr(float(w[c])) for c in ("title", "lede", "body"))


def _typed(text: str) -> tuple[str, ...]:
    """Words as the store keeps them (NFC, one tone placement) and as unicode61 compares them (lower case)."""
    return tuple(_TERM.findall(normalize(text).lower()))


def _has_marks(words: Sequence[str]) -> bool:
    return any(fold(w) != w for w in words)


def _string(words: Sequence[str]) -> str:
    """One FTS5 string (a phrase of one or more words). Words are \\w+ runs, so they hold no double quote."""
    return '"' + " ".join(words) + '"'


@dataclass(frozen=True)
class Query:
    """A user's search text, parsed once. Words are kept as typed (lower case, NFC); folding is per index."""

    phrases: tuple[tuple[str, ...], ...] = ()  # quoted parts, in order
    words: tuple[str, ...] = ()  # the unquoted words

    def __bool__(self) -> bool:
        return bool(self.phrases or self.words)

    @property
    def exact_phrases(self) -> tuple[tuple[str, ...], ...]:
        """Quoted phrases typed with marks: they must be found with those marks."""
        return tuple(p for p in self.phrases if _has_marks(p))

    def match_all(self) -> str | None:
        """The folded index's expression for the whole set: every phrase (folded) and every word."""
        parts = [_string([fold(w) for w in p]) for p in self.phrases]
        parts += [_string([fold(w)]) for w in self.words]
        return " ".join(parts) if parts else None

    def match_must_exact(self) -> str | None:
        """The accent-keeping index's expression the whole set must also meet (quoted phrases with marks)."""
        parts = [_string(p) for p in self.exact_phrases]
        return " ".join(parts) if parts else None

    def match_exact(self) -> str | None:
        """Tier 0 (accent-keeping index): every phrase and the unquoted words as one phrase, as typed."""
        parts = [_string(p) for p in self.phrases]
        if self.words:
            parts.append(_string(self.words))
        return " ".join(parts) if parts else None

    def match_phrase(self) -> str | None:
        """Tier 1's upper bound (folded index): the same phrases in any marks. None when that is the whole set
        (at most one unquoted word: the phrase is the word)."""
        if len(self.words) < 2:
            return None
        parts = [_string([fold(w) for w in p]) for p in self.phrases]
        parts.append(_string([fold(w) for w in self.words]))
        return " ".join(parts)

    @property
    def tiers(self) -> tuple[int, ...]:
        """The tiers this query can have: a query of exact phrases only is all exact; a single word has no
        'words apart' tier."""
        if not self:
            return ()
        if not self.words and len(self.exact_phrases) == len(self.phrases):
            return (EXACT,)
        return (EXACT, ACCENTS, WORDS) if self.match_phrase() else (EXACT, ACCENTS)


def parse(text: str | None) -> Query:
    """Quoted parts (when the quotes balance) are phrases; the rest are words.

    >>> parse('"Liên bang Nga" cảnh báo NATO')
    Query(phrases=(('liên', 'bang', 'nga'),), words=('cảnh', 'báo', 'nato'))
    >>> parse('NEAR(nga -x').match_all()
    '"near" "nga" "x"'
    """
    rest = text or ""
    phrases: list[tuple[str, ...]] = []
    if rest.count('"') >= 2:
        for quoted in _PHRASE.findall(rest):
            words = _typed(quoted)
            if words:
                phrases.append(words)
        rest = _PHRASE.sub(" ", rest)
    return Query(tuple(phrases), _typed(rest))


# --- SQL ------------------------------------------------------------------------------------------------------


def filter_sql(query: Query, column: str = "a.id") -> tuple[list[str], dict[str, str]]:
    """Clauses (over `column`, an article id) selecting the query's whole set, with their named params: what
    the sidebar's text filter adds to every page's WHERE."""
    clauses: list[str] = []
    params: dict[str, str] = {}
    match = query.match_all()
    if match is None:
        return clauses, params
    params["fts"] = match
    clauses.append(f"{column} IN (SELECT rowid FROM {FOLDED_TABLE} WHERE {FOLDED_TABLE} MATCH :fts)")
    must = query.match_must_exact()
    if must:
        params["fts_exact"] = must
        clauses.append(f"{column} IN (SELECT rowid FROM {EXACT_TABLE} WHERE {EXACT_TABLE} MATCH :fts_exact)")
    return clauses, params


@dataclass(frozen=True)
class Results:
    """One page of a search: article ids best first, each with its tier, and the counts of the whole set."""

    ids: tuple[int, ...]
    tiers: tuple[int, ...]
    counts: tuple[int, ...]  # per tier in TIERS order (0 for a tier the query cannot have)
    available: tuple[int, ...]  # the tiers this query can have (Query.tiers)
    page: int
    per_page: int

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        """1-based position of this page's first result (0 when the page is empty)."""
        return (self.page - 1) * self.per_page + 1 if self.ids else 0

    @property
    def last(self) -> int:
        return self.first + len(self.ids) - 1 if self.ids else 0


def _where(where: str, column: str) -> str:
    """`AND <column> IN (SELECT a.id FROM articles a WHERE ...)` for the caller's other filters, or nothing."""
    return f" AND {column} IN (SELECT a.id FROM articles a {where})" if where else ""


def _in_table(table: str, param: str) -> str:
    return f"(SELECT rowid FROM {table} WHERE {table} MATCH :{param})"


def _count(conn: sqlite3.Connection, table: str, param: str, params: Mapping[str, Any]) -> int:
    """Rows of one FTS5 expression (the named param `param`), read off its doclist alone."""
    return int(
        conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {table} MATCH :{param}", params).fetchone()[0]
    )


def whole_set(query: Query, where: str, params: dict[str, Any]) -> str:
    """`AND ...` over `+rowid` which, beside `MATCH :s_all` (query.match_all()) on the folded index, select
    the query's whole set among the articles `where` keeps: those, holding every quoted phrase typed with marks
    in those marks (adds the param `s_must`)."""
    cond = _where(where, "+rowid")
    if must := query.match_must_exact():
        params["s_must"] = must
        cond += f" AND +rowid IN {_in_table(EXACT_TABLE, 's_must')}"
    return cond


def counts(
    conn: sqlite3.Connection, query: Query, where: str = "", params: Mapping[str, Any] | None = None
) -> tuple[int, int, int]:
    """Articles per tier among those the query selects and `where` (a WHERE over `articles a`) keeps.

    The tiers nest by construction -- exact phrase within the phrase in any marks within all the words (each
    expression holds the one after it, folded) -- so counts of doclists give them, with no ranking.
    Without other filters each is FTS5's own count; with them one statement reads the whole set under the
    filters once (a materialised CTE of ids) and counts the two narrower tiers inside it, rather than matching
    each against the filters again (100k articles, 'đối đầu' matching 64,537, 12,431 relevant: 45 -> 35 ms)."""
    match = query.match_all()
    if match is None:
        return (0, 0, 0)
    p: dict[str, Any] = {**(params or {}), "s_all": match, "s_exact": query.match_exact() or match}
    if query.tiers == (EXACT,):
        # Only quoted phrases with marks: the set is the exact tier.
        sql = (
            f"SELECT COUNT(*) FROM {EXACT_TABLE} WHERE {EXACT_TABLE} MATCH :s_exact{_where(where, '+rowid')}"
        )
        return (int(conn.execute(sql, p).fetchone()[0]), 0, 0)
    cond = whole_set(query, where, p)
    phrase = query.match_phrase()
    if phrase:
        p["s_phrase"] = phrase
    if not cond:
        # No other filter: FTS5 counts each tier's doclist alone, with no set of ids built to intersect.
        every, exact = _count(conn, FOLDED_TABLE, "s_all", p), _count(conn, EXACT_TABLE, "s_exact", p)
        within_n = _count(conn, FOLDED_TABLE, "s_phrase", p) if phrase else every
    else:
        within = "NULL"  # no phrase narrower than the words: the phrase tier is the whole set
        if phrase:
            within = f"(SELECT COUNT(*) FROM {FOLDED_TABLE} WHERE {FOLDED_TABLE} MATCH :s_phrase AND +rowid IN hits)"
        sql = f"""WITH hits AS MATERIALIZED
                      (SELECT rowid AS id FROM {FOLDED_TABLE} WHERE {FOLDED_TABLE} MATCH :s_all{cond})
                  SELECT (SELECT COUNT(*) FROM hits),
                         (SELECT COUNT(*) FROM {EXACT_TABLE} WHERE {EXACT_TABLE} MATCH :s_exact AND +rowid IN hits),
                         {within}"""
        every, exact, within_n = conn.execute(sql, p).fetchone()
        every, exact = int(every), int(exact)
        within_n = every if within_n is None else int(within_n)
    # max(): a text stored with a lone combining mark tokenises differently in the two indexes (never seen).
    return (exact, max(within_n - exact, 0), max(every - within_n, 0))


def _tier_page(
    conn: sqlite3.Connection,
    query: Query,
    tier: int,
    where: str,
    params: Mapping[str, Any],
    limit: int,
    offset: int,
    ids: Sequence[int] | None = None,
) -> list[int]:
    """Ids of one tier, ranked by bm25 of that tier's own expression (title weighted), one slice of it. `ids`:
    the tier's own ids when the caller has them (core.store.matches), read back rather than re-derived."""
    # Each tier's expression lies inside the next (see counts), so a tier is its expression less the tier
    # before it. `+rowid` keeps SQLite from handing an IN list to FTS5 as rowid lookups (one seek per id:
    # seconds, not ms).
    p: dict[str, Any] = {**params, "limit": int(limit), "offset": int(offset)}
    cond = ""
    phrase = query.match_phrase()
    if tier == EXACT:
        table, p["s_tier"] = EXACT_TABLE, query.match_exact()
    else:
        table = FOLDED_TABLE
        p["s_tier"] = (phrase or query.match_all()) if tier == ACCENTS else query.match_all()
    if ids is not None:
        p["s_ids"] = json.dumps(list(ids))
        cond = " AND +rowid IN (SELECT value FROM json_each(:s_ids))"
    elif tier != EXACT:
        if must := query.match_must_exact():
            p["s_must"] = must
            cond += f" AND +rowid IN {_in_table(EXACT_TABLE, 's_must')}"
        # The tier before, as a JSON list of ids read first: an FTS5 subquery inside this FTS5 query cost
        # ~2 ms more at 20k articles (a 5 ms page took 7).
        if tier == ACCENTS:
            before = conn.execute(_in_table(EXACT_TABLE, "s_exact")[1:-1], {"s_exact": query.match_exact()})
        else:
            before = conn.execute(_in_table(FOLDED_TABLE, "s_phrase")[1:-1], {"s_phrase": phrase})
        p["before"] = json.dumps([r[0] for r in before])
        cond += " AND +rowid NOT IN (SELECT value FROM json_each(:before))"
    if ids is None:
        cond += _where(where, "+rowid")
    rows = conn.execute(
        f"""SELECT rowid FROM {table} WHERE {table} MATCH :s_tier{cond}
            ORDER BY bm25({table}, {_weights()}), rowid DESC LIMIT :limit OFFSET :offset""",
        p,
    ).fetchall()
    return [int(r[0]) for r in rows]


def search(
    conn: sqlite3.Connection,
    text: str | Query | None,
    where: str = "",
    params: Mapping[str, Any] | None = None,
    page: int = 1,
    per_page: int | None = None,
    tier_ids: Sequence[Sequence[int]] | None = None,
) -> Results:
    """One page of results for a user's text among the articles `where` keeps (a WHERE clause over
    `articles a` with its named params, e.g. the sidebar's other filters; "" for every article).

    Cost: the counts read doclists only; the page ranks (bm25) only the tiers it shows, so the first page
    of a query with many exact hits never ranks the thousands of 'words apart' ones. `tier_ids`: the ids of
    each tier (core.store.matches.tiers of this very query and `where`) when the caller has them: they give
    the counts and each tier is ranked among its ids, with no set matched again (the dashboard reads them
    once per render for the sidebar's note, the facets, the outlets and the Articles table).
    """
    query = text if isinstance(text, Query) else parse(text)
    size = int(per_page or page_size())
    params = dict(params or {})
    if tier_ids is None:
        tier_counts = counts(conn, query, where, params)
    else:
        tier_counts = (len(tier_ids[0]), len(tier_ids[1]), len(tier_ids[2]))
    total = sum(tier_counts)
    pages = max(1, math.ceil(total / size))
    page = min(max(1, int(page)), pages)
    start, end = (page - 1) * size, page * size
    ids: list[int] = []
    tiers: list[int] = []
    tier_start = 0
    for tier, n in enumerate(tier_counts):
        lo, hi = max(start, tier_start), min(end, tier_start + n)
        if n and lo < hi:
            among = None if tier_ids is None else tier_ids[tier]
            got = _tier_page(conn, query, tier, where, params, hi - lo, lo - tier_start, among)
            ids += got
            tiers += [tier] * len(got)
        tier_start += n
    return Results(tuple(ids), tuple(tiers), tier_counts, query.tiers, page, size)
