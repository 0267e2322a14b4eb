"""First run: build the store from the embedded samples when it is missing, then reuse it.

`python -m core.ingest.bootstrap` does it in the terminal with a progress bar before the server starts
(scripts/dashboard.sh); the dashboard builds it itself only when started some other way. The build goes to a
temporary file renamed into place when complete, so an interrupted build (Ctrl-C) never leaves a half store
that the next start would take for a finished one.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from core.config import SAMPLES_DIR, db_path
from core.store import connection

# data/samples/bad holds inputs that demonstrate failures on the Ingest page; never part of the default build.
EXCLUDE = ("bad",)
SIDECARS = ("-wal", "-shm", "-journal")


def needs_build(path: Path | None = None) -> bool:
    path = db_path(path)
    return not path.exists() or path.stat().st_size == 0


def needs_upgrade(path: Path | None = None) -> bool:
    """A store written by an earlier version: migrations it has not had yet (the dashboard only reads)."""
    path = db_path(path)
    return not needs_build(path) and connection.pending_migrations(path) > 0


def upgrade(path: Path | None = None) -> None:
    connection.connect(
        db_path(path)
    ).close()  # connecting applies the pending migrations, each in a transaction


def _remove(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + s) for s in SIDECARS)):
        name.unlink(missing_ok=True)


def build_default_store(
    path: Path | None = None,
    on_file: Callable[[int, int, str], None] | None = None,
    nlp: bool = True,
    progress: bool = False,
):
    """Ingest data/samples (without bad/) into a new store at `path`; returns the ingest Summary.

    Built under a temporary name (one per process and thread, so two first visits cannot interleave) and
    renamed into place only when complete.
    """
    from core.ingest.run import ingest_paths

    path = db_path(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.building")
    _remove(partial)
    db = connection.connect(partial)
    try:
        summary = ingest_paths(
            [SAMPLES_DIR], db, nlp=nlp, progress=progress, exclude=EXCLUDE, on_file=on_file
        )
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file before it moves
    except BaseException:
        db.close()
        _remove(partial)
        raise
    db.close()
    os.replace(partial, path)
    _remove(partial)  # sidecars only: the file itself has moved
    return summary


def main(argv: list[str] | None = None) -> int:
    """Make the store ready before the server starts: build it (progress bar), upgrade it, or say it is ready."""
    parser = argparse.ArgumentParser(
        prog="python -m core.ingest.bootstrap",
        description="Build the store from data/samples when it is missing (the dashboard's first run), "
        "or apply pending migrations. The store is --db, else $NEWS_DB, else data/news.db.",
    )
    parser.add_argument("--db", help="store path (default: $NEWS_DB, else data/news.db)")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="delete the store (and its -wal/-shm files) and build it again from data/samples; "
        "stop the dashboard first",
    )
    args = parser.parse_args(argv)
    path = db_path(args.db)
    if args.reset:
        _remove(path)
        print(f"Deleted {path}.", file=sys.stderr)
    if needs_build(path):
        print(f"Building {path} from data/samples (first run only, under a minute)", file=sys.stderr)
        summary = build_default_store(path, progress=True)
        print(f"Store ready: {path}: {summary.line()}", file=sys.stderr)
    elif needs_upgrade(path):
        print(f"Upgrading {path} (pending migrations)", file=sys.stderr)
        upgrade(path)
        print(f"Store ready: {path}", file=sys.stderr)
    else:
        print(f"Store ready: {path} (delete it, or run with --reset, to rebuild it)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
