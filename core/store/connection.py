"""Opening a store: the write connection (migrated on open), the read-only one, transactions and lock waits.

Why a module of its own: every other store module writes through one `transaction`, and every process that
opens a store (ingest workers, the dashboard's forms, the read side) goes through `connect` or `read_only`,
so how a store is opened, locked, migrated and reported when unusable is decided in one place. The schema
steps themselves are in core/store/migrations.py; `migrate` here applies the pending ones.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import sqlite_utils

from core.store import migrations


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# Several writers may share a store (two ingests, the dashboard's date form): each waits for the other's
# write lock rather than failing. SQLite's busy handler waits BUSY_TIMEOUT_MS per statement; taking the write
# lock is retried on top of that until LOCK_WAIT_S, after which the caller gets the "database is locked" error.
BUSY_TIMEOUT_MS = 10_000
LOCK_WAIT_S = 60.0


class StoreError(Exception):
    """A path that cannot serve as a store (a folder, not an SQLite file, no permission), said in one line."""


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # the primary code of an extended one


def is_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full": the disk, or the store's page limit (PRAGMA max_page_count)."""
    return isinstance(exc, sqlite3.Error) and (
        _code(exc) == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc)
    )


def is_busy(exc: BaseException) -> bool:
    """Another connection holds the lock we need (SQLITE_BUSY / SQLITE_LOCKED)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = _code(exc)
    if code is not None:
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "database is locked" in str(exc) or "database is busy" in str(exc)


def _locked(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """Execute a statement that needs the write lock, retrying while another writer holds it (bounded).

    The busy handler covers most waits, but SQLite answers some at once without it (switching a brand-new
    file to WAL while another process creates it), so the retry here is what makes two processes opening a
    new store together both succeed.
    """
    deadline = time.monotonic() + LOCK_WAIT_S
    pause = 0.01
    while True:
        try:
            return conn.execute(sql)
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")


def _unusable(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """A user-facing reason why `path` cannot be opened as a store, or None for any other error."""
    code = _code(exc)
    if code == sqlite3.SQLITE_NOTADB:
        return StoreError(f"{path} is not an SQLite store ({exc})")
    if code == sqlite3.SQLITE_CORRUPT:
        return StoreError(f"the store {path} is damaged ({exc})")
    if code == sqlite3.SQLITE_READONLY:
        return StoreError(f"the store {path} is read-only ({exc})")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH, sqlite3.SQLITE_IOERR):
        if path.is_dir():
            return StoreError(f"{path} is a folder, not a store file")
        folder = path.parent
        if (path.exists() and not os.access(path, os.R_OK | os.W_OK)) or not os.access(
            folder, os.W_OK | os.X_OK
        ):
            return StoreError(f"cannot open the store {path}: permission denied ({exc})")
        return StoreError(f"cannot open the store {path} ({exc})")
    return None


def connect(path: str | Path) -> sqlite_utils.Database:
    """The write connection: WAL, foreign keys on, schema migrated.

    Raises StoreError (one line naming the path) when `path` is a folder, not an SQLite file, damaged or
    not ours to write; a full disk is raised as SQLite's own error (see `is_full`) for the caller to report.
    """
    path = Path(path)
    if str(path) != ":memory:":
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
            why = f"{blocker} is a file, not a folder" if blocker else (exc.strerror or str(exc))
            raise StoreError(f"cannot create the folder of the store {path}: {why}") from exc
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise (_unusable(path, exc) or exc) from exc
    try:
        _pragmas(conn)
        _locked(conn, "PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.Error as exc:
        conn.close()
        reason = _unusable(path, exc)
        if reason is None:
            raise
        raise reason from exc
    return db


# The record of applied steps, in the words sqlite-utils once wrote it (frozen like the steps themselves).
_MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS "_migrations" (
   "name" TEXT PRIMARY KEY,
   "applied_at" TEXT
)"""


def _applied_migrations(db: sqlite_utils.Database) -> set[str]:
    if "_migrations" not in db.table_names():
        return set()
    return {r[0] for r in db.execute("SELECT name FROM _migrations").fetchall()}


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in order; a failing step rolls back and leaves the earlier ones applied.

    Safe when several processes open the same (new or old) store at once: each step runs under the write
    lock (BEGIN IMMEDIATE, waiting for the other writer) and the applied steps are read again once the lock
    is held, so a step another process has just applied is skipped rather than run twice ("table articles
    already exists"). A store that is up to date is only read.
    """
    applied: list[str] = []
    steps = migrations.MIGRATIONS
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == len(steps) and _applied_migrations(db) >= {name for name, _ in steps}:
        return applied
    for name, fn in steps:
        with transaction(db):
            db.execute(_MIGRATIONS_TABLE)
            if name in _applied_migrations(db):  # read under the lock: another process may have applied it
                continue
            fn(db)
            db.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)", [name, now()])
        applied.append(name)
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] != len(steps):
            db.execute(f"PRAGMA user_version = {len(steps)}")  # an int we own, not user input
    return applied


def pending_migrations(path: str | Path) -> int:
    """How many migrations a store on disk lacks, read without writing (PRAGMA user_version, set by migrate)."""
    with closing(read_only(path)) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    return max(0, len(migrations.MIGRATIONS) - version)


def schema_version(db: sqlite_utils.Database) -> int:
    return db["_migrations"].count if "_migrations" in db.table_names() else 0


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    conn = db.conn
    if conn.in_transaction:  # nested: the outer transaction commits (bulk loads wrap many articles in one)
        yield db
        return
    _locked(conn, "BEGIN IMMEDIATE")  # wait (bounded) for another writer rather than fail
    try:
        yield db
    except BaseException:
        # SQLite may already have rolled back (e.g. on a full disk); ROLLBACK then would hide the cause.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:  # a COMMIT that failed (disk full) leaves the transaction open
            conn.execute("ROLLBACK")
        raise


def path_of(db: sqlite_utils.Database) -> str | None:
    """The file behind a connection (None for in-memory stores), for readers in other processes."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] or None


def read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write: mode=ro and query_only. Readers (the dashboard) use only this."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    _pragmas(conn)
    return conn
