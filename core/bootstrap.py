"""First run: build the store from the embedded samples when it is missing, then reuse it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core import store
from core.config import SAMPLES_DIR, db_path

# data/samples/bad holds inputs that demonstrate failures on the Ingest page; never part of the default build.
EXCLUDE = ("bad",)


def needs_build(path: Path | None = None) -> bool:
    path = db_path(path)
    return not path.exists() or path.stat().st_size == 0


def needs_upgrade(path: Path | None = None) -> bool:
    """A store written by an earlier version: migrations it has not had yet (the dashboard only reads)."""
    path = db_path(path)
    return not needs_build(path) and store.pending_migrations(path) > 0


def upgrade(path: Path | None = None) -> None:
    store.connect(db_path(path)).close()  # connecting applies the pending migrations, each in a transaction


def build_default_store(
    path: Path | None = None, on_file: Callable[[int, int, str], None] | None = None, nlp: bool = True
):
    """Ingest data/samples (without bad/) into the store; returns the ingest Summary."""
    from core.ingest import ingest_paths

    path = db_path(path)
    db = store.connect(path)
    try:
        return ingest_paths([SAMPLES_DIR], db, nlp=nlp, progress=False, exclude=EXCLUDE, on_file=on_file)
    finally:
        db.close()
