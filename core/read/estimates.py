"""The articles a facet counts over, read within the facets' time limit: all of them, or an even sample of a
large set, so the sidebar's counts stay fast under a broad text query (core/read/facets.py).

Exact counts over N matching articles cost time in proportion to N: the entity facet alone took ~0.11 s for a
text query matching 12,431 articles of the 100k bench store. So the ids matching what a facet counts under are
read once for every facet that shares them, and above `facet_estimate.above` (data/search.yaml) each facet
counts over every k-th id in id order, k = ceil(N / facet_estimate.sample), scaled by N / n. Every k-th rather
than a random draw: the same view (its URL) on the same store always gives the same numbers. A value held by c
of the N articles is then off by about sqrt(k * c) (one standard error of a random sample of that size, as long
as the value does not follow the id order in steps of k); the ranking of values far apart in count is kept.

The time limit is Datasette's facet_time_limit_ms: a query past it is interrupted by SQLite's progress handler
and the facet given up, saying so.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.config import rules
from core.read import articles, db
from core.read.filters import Filters
from core.store import search

# How often (virtual-machine steps) SQLite asks whether a facet query is over its time: a Python call per 1,000
# steps costs under 1 % of a query, and 1,000 steps take well under a millisecond.
PROGRESS_STEPS = 1000


def time_limit_ms() -> int:
    return int(rules("search")["facet_time_limit_ms"])


class Budget:
    """A deadline SQLite's progress handler checks; `spent` says it interrupted the statement (the error then
    reads "interrupted", or "vtable constructor failed" when it hit the full-text index first)."""

    def __init__(self, ms: int) -> None:
        self.deadline = time.monotonic() + ms / 1000.0
        self.spent = False

    def __call__(self) -> int:
        self.spent = time.monotonic() > self.deadline
        return int(self.spent)


@contextmanager
def time_limit(conn: sqlite3.Connection) -> Iterator[Budget]:
    """Interrupt the statements run inside after `time_limit_ms()` (checked every PROGRESS_STEPS steps of
    SQLite's virtual machine); a read-only statement interrupted leaves the transaction as it was."""
    budget = Budget(time_limit_ms())
    conn.set_progress_handler(budget, PROGRESS_STEPS)
    try:
        yield budget
    finally:
        conn.set_progress_handler(None, 0)


class TimedOut(Exception):
    """The matching ids could not be read within the facets' time limit."""


@dataclass(frozen=True)
class Sample:
    """Every k-th of the `matched` article ids a facet counts over (id order): what its counts are read off
    when there are more than `estimate_above()` of them; all of them (k = 1: exact counts) otherwise."""

    ids: tuple[int, ...]
    matched: int
    step: int = 1  # k

    @property
    def exact(self) -> bool:
        return len(self.ids) == self.matched

    @property
    def scale(self) -> float:
        return self.matched / len(self.ids) if self.ids else 1.0


def estimate_above() -> int:
    """Matching articles beyond which a facet's counts are estimated from a sample (data/search.yaml)."""
    return int(rules("search")["facet_estimate"]["above"])


def sample_size() -> int:
    """About how many articles an estimate counts over (between half this and this)."""
    return int(rules("search")["facet_estimate"]["sample"])


def sample_of(ids: Sequence[int], size: int) -> Sample:
    """Every k-th of `ids` (sorted), k = ceil(len / size): an even sample the same ids always give."""
    ordered = sorted(ids)
    step = max(1, math.ceil(len(ordered) / max(1, size)))
    return Sample(tuple(ordered[::step]), len(ordered), step)


def articles_where(f: Filters) -> tuple[str, dict[str, Any]]:
    """`AND <col> IN (SELECT a.id FROM articles a WHERE ...)`-ready WHERE for `f` ("" when `f` keeps every
    article)."""
    where, params = f.to_sql("articles")
    return ("" if where == "WHERE 1" else where), params


def sample_for(path: str | Path, g: Filters) -> Sample | None:
    """The articles the facets counting under `g` share, read once for all of them: every one of them (exact
    counts) up to `estimate_above()`, else an even sample. None for the default view (no filter but relevance),
    whose facets read kept aggregates and one index rather than a list of ids. Raises TimedOut when reading
    the matching ids runs past the time limit (a text query's ids already read in this render, by the sidebar's
    tier note, are not read again)."""
    if g.active() <= {"relevance"}:
        return None
    where, params = articles_where(g)
    if not where:  # filters that keep every article (a search of no words): the whole store, as the default
        return None
    with db.reading(path) as conn, time_limit(conn) as budget:
        try:
            if search.parse(g.q):  # the text query's set, read once per render for every reader of it
                ids = list(articles.matched_ids(path, g))
            else:
                ids = [int(r[0]) for r in conn.execute(f"SELECT a.id FROM articles a {where}", params)]
        except sqlite3.OperationalError:
            if not budget.spent:
                raise
            raise TimedOut from None
    return sample_of(ids, len(ids) if len(ids) <= estimate_above() else sample_size())
