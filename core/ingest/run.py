"""`python -m core.ingest [--db PATH] [--no-nlp] [--reprocess] PATH...`: files or folders into the store.

Exit 0 when every input was stored (or already there), 1 when some failed (the rest are stored), 2 on a usage
error. One line per failed input, then a summary.

A store that cannot be used (`--db` names a folder, a file that is not a store, or a path we may not write)
is one `error:` line and exit 2, before any input is read. A store that fills up (disk full) or stays locked
by another writer beyond the bounded wait stops the run with one `error:` line naming the store and how many
articles this run stored, exit 1; every article is its own transaction, so the store stays consistent and
the same command, run again once there is room, skips what is stored and finishes the rest.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NoReturn, TypeVar

from core.config import db_path
from core.ingest import marked, parallel
from core.ingest.parallel import Item
from core.models import Failure
from core.store import archive_dates, connection
from core.store import db as store
from core.store.corrections import merge_name_variants
from core.store.fts import Deferred
from core.store.sides import spread_sides
from core.text import meta as metamod
from core.text.meta import FileMeta
from core.text.parse import scan

T = TypeVar("T")


@dataclass
class Summary:
    new: int = 0
    duplicate: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    per_file: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def count(self, origin: str, what: str) -> None:
        entry = self.per_file.setdefault(origin, {"new": 0, "duplicate": 0, "failed": 0})
        entry[what] += 1

    def line(self) -> str:
        extra = f", skipped {len(self.skipped)} non-article file(s)" if self.skipped else ""
        return f"new: {self.new}, unchanged/duplicate: {self.duplicate}, failed: {self.failed}{extra}"


def _file_origin(origin: str) -> str:
    return origin.split("#", 1)[0]


def display_origin(path: Path) -> str:
    """The origin stored for a file: relative to the working folder when inside it, else as given."""
    try:
        here = os.getcwd()
        return _resolved(path, here).relative_to(_resolved_dir(here, ".")).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved(path: Path, here: str) -> Path:
    """`path.resolve()`, with its folder resolved once for all its files (a whole archive is one folder): a file
    that is itself a link is resolved in full."""
    if path.is_symlink():
        return path.resolve()
    return _resolved_dir(here, str(path.parent)) / path.name


@lru_cache(maxsize=256)
def _resolved_dir(here: str, folder: str) -> Path:
    """A folder resolved from the working folder `here` (part of the key: a relative name means another folder
    once the process moves)."""
    return (Path(here) / folder).resolve()


def write_items(db, items: Iterable[Item], summary: Summary, index: Deferred | None = None) -> Summary:
    """The single writer: one transaction per article (or the caller's batch, which then flushes `index`
    before it commits), failures to the failures table."""
    for rec, extraction in items:
        if isinstance(rec, Failure):
            store.record_failure(db, rec)
            summary.failures.append(rec)
            summary.count(rec.origin, "failed")
            continue
        _, created = store.add_article(db, rec, extraction, complete=True, index=index)
        summary.new += created
        summary.duplicate += not created
        summary.count(_file_origin(rec.origin), "new" if created else "duplicate")
    return summary


def ingest_paths(
    paths: list[Path],
    db,
    *,
    nlp: bool = True,
    progress: bool = True,
    exclude: tuple[str, ...] = (),
    on_file: Callable[[int, int, str], None] | None = None,
    workers: int = 1,
    dask: bool = False,
    scheduler: str | None = None,
    origin_of: Callable[[Path], str] | None = None,
    sidecar: dict[str, FileMeta] | None = None,
    year_hint: int | None = None,
) -> Summary:
    """Ingest files and folders (recursively). `on_file(i, n, name)` lets a UI show its own progress.

    workers > 1 parses and extracts in a process pool; dask/scheduler sends extraction to Dask. Either way
    one writer stores results in input order, so the store does not depend on the number of workers.
    """
    from tqdm import tqdm

    origin_of = origin_of or display_origin
    sidecar = sidecar or {}

    def meta_of(path: Path) -> FileMeta | None:
        return metamod.for_file(sidecar, path, year_hint)

    # The pool's workers start, and load their models, while the folders are scanned (not after).
    pooled = workers > 1 and not (dask or scheduler) and _several(paths)
    with parallel.early_pool(workers if pooled else 1, nlp) as early:
        found = scan(paths, exclude)  # unreadable folders, special files, links out of the folder: refused
        files = found.files
        summary = Summary(skipped=[p.as_posix() for p in found.skipped])
        write_items(db, ((f, None) for f in found.refused), summary)
        reader_path = connection.path_of(db)
        if dask or scheduler:
            produced = (
                parallel.dask_items(files, scheduler, max(1, workers), reader_path, origin_of, meta_of)
                if nlp
                else None
            )
        elif workers > 1 and len(files) > 1:
            produced = parallel.pool_items(files, nlp, reader_path, workers, origin_of, meta_of, early)
        else:
            produced = None
        if produced is None:
            produced = (
                (p, parallel.iter_work(str(p), nlp, reader_path, origin_of(p), meta_of(p))) for p in files
            )
        bar = tqdm(total=len(files), unit="file", disable=not progress, file=sys.stderr, dynamic_ncols=True)
        batch = _Batch(db, summary)
        try:
            i, last = -1, None
            for path, items in produced:
                if path != last:  # a large file may come in several pieces (Dask): count it once
                    i, last = i + 1, path
                    if on_file:
                        on_file(i, len(files), path.name)
                    bar.update()
                batch.write(items)
                bar.set_postfix(new=summary.new, dup=summary.duplicate, failed=summary.failed, refresh=False)
            batch.commit()
            if any(
                c["new"] and archive_dates.file_number(o) is not None for o, c in summary.per_file.items()
            ):
                # Numbered files came in: dates by the archive's order again (with none, it would plan no change).
                archive_dates.apply(db)
            if nlp and summary.new:
                # one person spelt two ways in two stories is one entity ("Sergey"/"Sergei")
                merge_name_variants(db)
                spread_sides(
                    db
                )  # a person's titles in the new stories side their untitled statements elsewhere
        except sqlite3.Error:
            batch.salvage()  # e.g. a full disk: keep as many of the batch's articles as still fit, then stop
            raise
        finally:
            batch.abandon()
            bar.close()
    return summary


def _several(paths: list[Path]) -> bool:
    """Whether an ingest may read more than one file (a folder, or several paths): what a pool is started for."""
    if len(paths) > 1:
        return True
    try:
        return any(Path(p).is_dir() for p in paths)
    except OSError:  # unreadable: the scan says so
        return False


class _Batch:
    """Many articles per write transaction: the store's pages (text index, aggregates) are written once per
    batch instead of once per article, which is most of a whole-archive ingest's disk traffic.

    A batch commits after BATCH_ARTICLES articles or BATCH_SECONDS, so readers (the dashboard) see progress
    and wait for the write lock briefly. Counts reach the summary only once their batch is committed: after a
    failure (a full disk) the summary says what the store holds, and a re-run stores the rest.
    """

    def __init__(self, db, summary: Summary) -> None:
        self.db, self.summary = db, summary
        self.pending = Summary()
        self.started: float | None = None
        self.items: list[list[Item]] = []  # what the open batch holds, to replay one by one after a failure
        self.index = Deferred()  # the batch's text-index rows, added together just before it commits

    def write(self, items: Iterable[Item]) -> None:
        import time

        if self.started is None:
            self.db.conn.execute("BEGIN IMMEDIATE")
            self.started = time.monotonic()
        items = list(items)
        self.items.append(items)
        write_items(self.db, items, self.pending, self.index)
        n = self.pending.new + self.pending.duplicate + self.pending.failed
        if n >= BATCH_ARTICLES or time.monotonic() - self.started >= BATCH_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.started is None:
            return
        self.index.flush(self.db.conn)
        self.db.conn.execute("COMMIT")
        self.started = None
        self.items = []
        s, p = self.summary, self.pending
        s.new, s.duplicate = s.new + p.new, s.duplicate + p.duplicate
        s.failures.extend(p.failures)
        for origin, counts in p.per_file.items():
            entry = s.per_file.setdefault(origin, {"new": 0, "duplicate": 0, "failed": 0})
            for k, v in counts.items():
                entry[k] += v
        self.pending = Summary()

    def abandon(self) -> None:
        """After an error: roll back what the open batch wrote; its counts never reached the summary."""
        if self.started is not None and self.db.conn.in_transaction:
            self.db.conn.execute("ROLLBACK")
        self.index.clear()
        self.started = None
        self.items = []

    def salvage(self) -> None:
        """Roll the failed batch back and store its articles again one transaction each, as far as they go."""
        items, self.items = self.items, []
        self.abandon()
        for one in items:
            try:
                write_items(self.db, one, self.summary)
            except sqlite3.Error:
                return


BATCH_ARTICLES = 200
BATCH_SECONDS = 1.0


def reprocess(db, *, progress: bool = True) -> int:
    """Re-run extraction over every stored article (corrections are re-applied by the extraction layer)."""
    from tqdm import tqdm

    extract = parallel.extract_fn(True)
    if extract is None:
        raise SystemExit("extraction is not available in this checkout")
    ids = store.article_ids(db)
    on_topic = marked.held_on_topic(db, ids)  # marked on-topic by an analyst: read in full, as when marked
    for article_id in tqdm(ids, unit="article", disable=not progress, file=sys.stderr):
        article = store.load_article(db, article_id)
        store.save_extraction(db, article_id, extract(article, full=article_id in on_topic))
    merge_name_variants(db)
    spread_sides(db)
    return len(ids)


def _open_store(path: Path):
    """The write connection, or one line saying why `path` cannot be a store and exit 2 (no traceback)."""
    try:
        return connection.connect(path)
    except connection.StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    except sqlite3.Error as exc:
        if not (connection.is_full(exc) or connection.is_busy(exc)):
            raise
        _store_stopped(path, exc, 0)


def _store_stopped(path: Path, exc: sqlite3.Error, stored: int) -> NoReturn:
    if connection.is_full(exc):
        why = f"the store {path} is full ({exc})"
        then = "free space and run the same command again"
    else:
        why = f"the store {path} stayed locked by another writer for over {connection.LOCK_WAIT_S:.0f} s ({exc})"
        then = "run the same command again when the other writer is done"
    print(
        f"error: {why}; this run stored {stored} new article(s) before stopping; {then}: "
        "stored articles are skipped and the rest are added",
        file=sys.stderr,
    )
    raise SystemExit(1)


def _until_store_fails(path: Path, db, before: int, run: Callable[..., T], *args, **kwargs) -> T:
    """Run a writing step; a full disk or a store locked too long ends the run with one line (exit 1)."""
    try:
        return run(*args, **kwargs)
    except sqlite3.Error as exc:
        if not (connection.is_full(exc) or connection.is_busy(exc)):
            raise
        try:
            stored = store.article_count(db) - before
        finally:
            db.close()
        _store_stopped(path, exc, stored)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (recursive)")
    parser.add_argument("--db", help="store path (default: $NEWS_DB or data/news.db)")
    parser.add_argument("--no-nlp", action="store_true", help="store parsed articles only, no extraction")
    parser.add_argument("--reprocess", action="store_true", help="re-run extraction over stored articles")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for parsing and extraction (default: cores)",
    )
    parser.add_argument("--dask", action="store_true", help="run extraction as tasks on a Dask LocalCluster")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="run extraction on an existing Dask cluster")
    parser.add_argument(
        "--meta",
        metavar="FILE",
        type=Path,
        help="sidecar CSV/JSONL: per input file (id or file name) any of published, crawled_at, url, source, section",
    )
    parser.add_argument(
        "--year-hint",
        type=int,
        metavar="YEAR",
        help="the archive's year, for datelines without one when no crawl time is known",
    )
    args = parser.parse_args(argv)
    sidecar: dict[str, FileMeta] = {}
    if args.meta:
        try:
            sidecar = metamod.load_sidecar(args.meta)
        except metamod.MetaError as exc:
            parser.error(f"--meta: {exc}")
    if args.year_hint is not None and not 1990 <= args.year_hint <= 2100:
        parser.error("--year-hint must be a year between 1990 and 2100")
    if not args.paths and not args.reprocess:
        parser.error("give at least one file or folder (or --reprocess)")
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        parser.error("no such file or folder: " + ", ".join(map(str, missing)))

    path = db_path(args.db)
    db = _open_store(path)
    before = store.article_count(db)
    if args.reprocess:
        n = _until_store_fails(path, db, before, reprocess, db, progress=not args.quiet)
        print(f"reprocessed: {n}")
        if not args.paths:
            return 0
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    summary = _until_store_fails(
        path,
        db,
        before,
        ingest_paths,
        args.paths,
        db,
        nlp=not args.no_nlp,
        progress=not args.quiet,
        workers=args.workers,
        dask=args.dask,
        scheduler=args.scheduler,
        sidecar=sidecar,
        year_hint=args.year_hint,
    )
    for failure in summary.failures:
        print(f"FAILED {failure}", file=sys.stderr)
    print(summary.line())
    return 1 if summary.failures else 0


if __name__ == "__main__":
    sys.exit(main())
