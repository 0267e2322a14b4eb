"""Read connections: one per thread, one snapshot per page render, and the small helpers every query uses.

Like Datasette (which keeps one read connection per thread in a `threading.local`), a thread reuses its
read-only connection (`core.store.connection.read_only`: mode=ro and query_only) instead of opening one per query
(`article()` opened four). Streamlit runs every script run on a thread of its own, so a connection never
crosses threads (`check_same_thread` is left off only because the thread that closes it on exit may be the
collector's); it closes when its thread ends, or when the thread reads another store.

Snapshots: each `reading()` block is one read transaction, so a function's several statements see one state
of the store. A page render opens one for the whole render (`begin_render`, called by the page scaffold), so
its headline numbers, charts and tables agree even while an ingest writes. The connection is reopened
whenever `store_stamp` changes — a write (the dashboard's own corrections included, which the rest of the
render must show) or the file replaced by a rebuild — and a render's snapshot then restarts on the new state.

`memo` keeps a value read inside one snapshot for the rest of it (a broad text query's matching ids, read
once per render rather than by the counts, the facets, the outlets and the results each): it is dropped when
the snapshot ends, so it can never outlive the state of the store it was read from.
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from core.store.connection import read_only

T = TypeVar("T")

# The only mutable state of the read side, per thread by construction (Datasette's `connections`).
_local = threading.local()


def store_stamp(path: str | Path) -> tuple[float, float, int]:
    """Changes whenever the store does: mtimes of the db and its -wal file (and the wal size)."""
    path = Path(path)
    wal = Path(str(path) + "-wal")
    db_m = path.stat().st_mtime if path.exists() else 0.0
    if wal.exists():
        st = wal.stat()
        return db_m, st.st_mtime, st.st_size
    return db_m, 0.0, 0


@dataclass
class _Reader:
    """This thread's connection: which store (resolved path), the stamp it was opened at, and whether a page
    render's snapshot is open on it."""

    key: str
    stamp: tuple[float, float, int]
    conn: sqlite3.Connection
    render: bool = False
    # Values read in the current read transaction (`memo`); emptied whenever one begins or ends.
    memo: dict[Hashable, Any] = field(default_factory=dict)

    def begin(self) -> None:
        self.memo.clear()
        self.conn.execute("BEGIN")

    def commit(self) -> None:
        self.memo.clear()
        if self.conn.in_transaction:
            self.conn.commit()


def _reader(path: str | Path) -> _Reader:
    key = str(Path(path).resolve())
    current: _Reader | None = getattr(_local, "reader", None)
    if current is not None and current.key == key:
        if current.conn.in_transaction and not current.render:
            return current  # inside a reading() block: its snapshot holds to the end of the block
        if store_stamp(path) == current.stamp:
            return current
    render = bool(current and current.key == key and current.render)
    if current is not None:
        _local.reader = None
        current.conn.close()
    conn = read_only(path)
    # The first read of a WAL store creates its -wal file: stamp the store after it, not before.
    conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    fresh = _Reader(key, store_stamp(path), conn)
    _local.reader = fresh
    if render:  # the store changed during a render: the rest of it reads the new state, again as one snapshot
        fresh.begin()
        fresh.render = True
    return fresh


@contextmanager
def reading(path: str | Path) -> Iterator[sqlite3.Connection]:
    """This thread's read-only connection to `path`, inside one read transaction (the render's, when a page
    render holds one; else one for this block)."""
    r = _reader(path)
    if r.conn.in_transaction:  # a render's snapshot, or a reading() block around this one
        yield r.conn
        return
    r.begin()
    try:
        yield r.conn
    finally:
        r.commit()


def snapshot(fn: Callable[..., T]) -> Callable[..., T]:
    """Run a query of several statements `fn(path, ...)` in one read transaction: its parts agree."""

    @functools.wraps(fn)
    def run(path: str | Path, *args: Any, **kwargs: Any) -> T:
        with reading(path):
            return fn(path, *args, **kwargs)

    return run


def begin_render(path: str | Path) -> None:
    """Start this thread's snapshot for one page render: every read until `end_render` (or the thread's end)
    sees the store as it is at the first one, unless the store changes meanwhile (then its new state)."""
    end_render()
    r = _reader(path)
    r.begin()
    r.render = True


def end_render() -> None:
    """End this thread's render snapshot, if any (the connection stays open for the thread's next reads)."""
    r: _Reader | None = getattr(_local, "reader", None)
    if r is not None:
        r.render = False
        r.commit()


def memo(path: str | Path, key: Hashable, read: Callable[[sqlite3.Connection], T]) -> T:
    """`read(conn)` once per snapshot of `path`: a second call with the same `key` in the same read
    transaction (a page render's, or one reading() block) returns the first one's value. `key` must name
    everything the value depends on besides the store's state (the query, its filters and params)."""
    with reading(path) as conn:
        r: _Reader = _local.reader
        if key not in r.memo:
            r.memo[key] = read(conn)
        return r.memo[key]


def df(path: str | Path, sql: str, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """A query's rows as a DataFrame (named params only)."""
    with reading(path) as conn:
        return pd.read_sql_query(sql, conn, params=dict(params or {}))


def one(path: str | Path, sql: str, params: Mapping[str, Any] | None = None) -> dict | None:
    """A query's first row as a dict, or None."""
    with reading(path) as conn:
        row = conn.execute(sql, dict(params or {})).fetchone()
        return dict(row) if row else None


def in_list(prefix: str, values: Sequence[Any], params: dict) -> str:
    """`(:prefix0, :prefix1)` with the values added to params: placeholders from positions, never text."""
    names = []
    for i, v in enumerate(values):
        params[f"{prefix}{i}"] = v
        names.append(f":{prefix}{i}")
    return "(" + ", ".join(names) + ")"
