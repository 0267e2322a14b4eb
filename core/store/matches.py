"""A text query's matching articles as ids: the whole set under the other filters, and its search tiers.

Why ids: one render of the Articles page under a broad query ("đối đầu" matches 64,537 of the 100k-article
bench store, 12,431 of them relevant) asked the full-text indexes for the same set four times -- the tier
counts, the facets' sample, the outlet counts and the results -- each matching it again. Read here once (and
kept for the rest of the render by core.read.db.memo), the counts are lengths, the facets sample the ids, and
the outlets and a page of results read the ids back through `json_each` (one bound parameter, never SQL text).

The sets are core.store.search's: the whole set is `filter_sql`'s (every phrase and word, quoted phrases with
their marks, within `where`), and the tiers nest inside it as in `search.counts`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from core.store.search import EXACT, EXACT_TABLE, FOLDED_TABLE, Query, whole_set

Tiers = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def each_id(param: str) -> str:
    """A FROM prefix reading rows of a table keyed by article id for the ids of one JSON parameter only (the
    caller's join follows, on `smp.id`): json_each drives the join (CROSS JOIN keeps SQLite from reordering),
    each id one probe of the table's article-id index. Its column is renamed: a bare `value` in GROUP BY would
    name json_each's column before a query's own `AS value`."""
    return f"(SELECT value AS id FROM json_each(:{param})) smp CROSS JOIN "


def each_article(param: str) -> str:
    """FROM the articles `a` of the ids in one JSON parameter, their source and date off an index by id
    (migration m018), not each article's row."""
    return f"{each_id(param)}articles a INDEXED BY idx_articles_id_source_adate ON a.id = smp.id"


def ids(
    conn: sqlite3.Connection, query: Query, where: str = "", params: Mapping[str, Any] | None = None
) -> tuple[int, ...]:
    """The articles `query` selects among those `where` (a WHERE over `articles a`, "" for all) keeps, in id
    order; () for a query of no words."""
    match = query.match_all()
    if match is None:
        return ()
    p: dict[str, Any] = {**(params or {}), "s_all": match}
    cond = whole_set(query, where, p)
    sql = f"SELECT rowid FROM {FOLDED_TABLE} WHERE {FOLDED_TABLE} MATCH :s_all{cond} ORDER BY rowid"
    cur = conn.cursor()
    cur.row_factory = None  # 12,431 plain ints, not sqlite3.Row objects
    return tuple(r[0] for r in cur.execute(sql, p))


def _found(conn: sqlite3.Connection, table: str, match: str, among: set[int]) -> set[int]:
    """The ids of `among` that `match` finds in `table`: the expression's own ids, kept if in `among` (at 100k
    articles 14 ms for both tiers of 'đối đầu', 18 ms reading `among` into SQL as a JSON list)."""
    cur = conn.cursor()
    cur.row_factory = None
    return {r[0] for r in cur.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [match])} & among


def tiers(conn: sqlite3.Connection, query: Query, found: Sequence[int]) -> Tiers:
    """`found` (ids(conn, query, ...)) split into core.store.search.TIERS, each in id order: the exact phrase,
    the phrase in other marks, the words apart (() for a tier the query cannot have). The same sets as
    search.counts counts: each tier's expression within the whole set, less the tier before it."""
    exact_match = query.match_exact()
    if not found or exact_match is None:
        return ((), (), ())
    if query.tiers == (EXACT,):  # only quoted phrases with marks: the whole set is the exact phrase
        return (tuple(found), (), ())
    among = set(found)
    exact = _found(conn, EXACT_TABLE, exact_match, among)
    phrase_match = query.match_phrase()
    # No phrase narrower than the words (at most one unquoted word): the phrase tier is the whole set.
    phrase = _found(conn, FOLDED_TABLE, phrase_match, among) if phrase_match else among
    return (
        tuple(i for i in found if i in exact),
        tuple(i for i in found if i in phrase and i not in exact),
        tuple(i for i in found if i not in phrase),
    )
