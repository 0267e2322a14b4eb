"""Parsing and extraction off the writer's process: a local process pool, or tasks on a Dask cluster.

SQLite has one writer, so workers only compute; the main process writes their results in input order, which
keeps the store identical whatever the number of workers.

- Local (`--workers N`): each worker parses whole files and extracts what the store does not hold yet.
- Dask (`--dask` for a LocalCluster, `--scheduler ADDRESS` for an existing one): the main process parses
  (workers may not see our files) and ships articles; workers return extractions, streamed back in order.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

from core.config import MAX_ARTICLE_BYTES
from core.models import Article, Extraction, Failure
from core.text.dates import complete
from core.text.meta import FileMeta
from core.text.parse import CSV_EXT, JSONL_EXT, failure, iter_file, printable

Record = Article | Failure
Item = tuple[Record, Extraction | None]


@cache
def extract_fn(nlp: bool) -> Callable[..., Extraction] | None:
    if not nlp:
        return None
    try:
        from core.nlp.pipeline import extract
    except ImportError:
        return None
    return extract


@cache
def _reader(db: str):
    from core.store import connection

    return connection.read_only(db)


def _needs_extraction(db: str | None, article: Article) -> bool:
    """Skip the costly step for content the store already holds processed (re-runs stay cheap)."""
    if db is None:
        return True
    from core.store import db as store

    conn = _reader(db)
    row = conn.execute(
        "SELECT processed_at FROM articles WHERE content_hash = ?", [store.content_hash(article)]
    ).fetchone()
    return not (row and row[0])


def records(path: Path, origin: str | None, meta: FileMeta | None) -> Iterator[Article | Failure]:
    """A file's records, each article completed with what the archive knows beside it (core.text.dates.complete)."""
    for rec in iter_file(path, origin):
        yield complete(rec, meta) if isinstance(rec, Article) else rec


def _extraction_failure(article: Article, exc: Exception) -> Failure:
    """An extraction that raised fails its record alone, named like a parse failure (file:line)."""
    file, _, where = article.origin.partition("#")
    line = int(where) if where.isdigit() and article.format == "jsonl" else None
    raw = article.raw.encode("utf-8", "replace")[:MAX_ARTICLE_BYTES]
    error = f"{type(exc).__name__}: {str(exc)[:200]}"
    if where.isdigit() and article.format == "csv":
        return failure(file, "extraction_failed_row", line, raw, row=int(where), error=error)
    return failure(file, "extraction_failed", line, raw, error=error)


def iter_work(
    path: str, nlp: bool, db: str | None, origin: str | None = None, meta: FileMeta | None = None
) -> Iterator[Item]:
    """One file's records one at a time, each with its extraction (None for failures, --no-nlp or known
    content). Memory is one record's whatever the file holds, and a record whose extraction raises fails alone.
    """
    extract = extract_fn(nlp)
    for rec in records(Path(path), origin, meta):
        if isinstance(rec, Article) and extract is not None and _needs_extraction(db, rec):
            try:
                extraction = extract(rec)
            except Exception as exc:  # noqa: BLE001 -- isolation: one record never costs the batch
                yield _extraction_failure(rec, exc), None
                continue
            yield rec, extraction
        else:
            yield rec, None


def work_file(
    path: str, nlp: bool, db: str | None, origin: str | None = None, meta: FileMeta | None = None
) -> list[Item]:
    """One file -> its records, each with its extraction (a list, to travel back from a worker)."""
    return list(iter_work(path, nlp, db, origin, meta))


def work_files(paths: list[tuple[str, str, FileMeta | None]], nlp: bool, db: str | None) -> list[list[Item]]:
    return [work_file(p, nlp, db, origin, meta) for p, origin, meta in paths]


@contextmanager
def _bare_main() -> Iterator[None]:
    """Hide the caller's `__main__` while a child is spawned.

    A spawned child re-runs the parent's main script before it takes work. Under Streamlit (the dashboard, or
    AppTest) `__main__` is a page script that the child would render in bare mode, and die if it fails. The
    workers need nothing from `__main__` (their task lives in this module), so they get an empty one.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_WATCH_SECONDS = 0.5


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this process as soon as `parent` (the ingest that started it) is gone.

    A pool worker blocks on a pipe that it holds open itself, so without this a worker whose parent was
    killed (kill -9, OOM killer) lives on forever, and with it the resource tracker that waits for every
    holder of its pipe. Linux's PR_SET_PDEATHSIG has the kernel send SIGKILL when the spawning thread ends
    (the thread that runs `pool_items`, which outlives its pool); a watchdog thread polling the parent pid
    covers other systems and a parent that died before the call.
    """
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watchdog", daemon=True).start()


class _SpawnProcess(mp.context.SpawnProcess):
    def start(self) -> None:
        with _bare_main():
            super().start()


class _SpawnContext(mp.context.SpawnContext):
    """spawn, never fork (fork would copy the writer's sqlite connection), without re-running `__main__`."""

    Process = _SpawnProcess


# A JSONL or CSV file larger than this is read by the writer's process one record at a time (iter_work)
# instead of in a worker, whose whole-file result would have to be held and sent back at once.
STREAM_BYTES = 2 * MAX_ARTICLE_BYTES


def streamed(path: Path) -> bool:
    try:
        return path.suffix.lower() in JSONL_EXT | CSV_EXT and path.stat().st_size > STREAM_BYTES
    except OSError:
        return False


def start_worker(parent: int, nlp: bool) -> None:
    """Pool worker initializer: die with `parent` (die_with_parent), then, with NLP, load the extraction's rules
    and models (core.nlp.pipeline.warm) before the first task asks for them."""
    die_with_parent(parent)
    if extract_fn(nlp) is None:
        return
    from core.nlp.pipeline import warm

    # Only a head start: an article that needs what failed to load here fails alone, with its own error, and
    # an initializer that raised would break the whole pool.
    with suppress(Exception):
        warm()


def start_pool(workers: int, nlp: bool) -> ProcessPoolExecutor:
    """A pool whose `workers` processes start now and warm up (start_worker). An ingest starts it before it
    scans its folders, so the workers' start-up (about a second each) overlaps the scan instead of following it."""
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_SpawnContext(), initializer=start_worker, initargs=(os.getpid(), nlp)
    )
    for _ in range(workers):  # a pool spawns a process per task that finds no idle worker
        pool.submit(os.getpid)
    return pool


@contextmanager
def early_pool(workers: int, nlp: bool) -> Iterator[ProcessPoolExecutor | None]:
    """A started pool (start_pool) when there are workers > 1 to start, else None; shut down on leaving, used
    or not (pool_items shuts down what it was given too: twice does no harm)."""
    if workers <= 1:
        yield None
        return
    pool = start_pool(workers, nlp)
    try:
        yield pool
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def pool_items(
    files: list[Path],
    nlp: bool,
    db: str,
    workers: int,
    origin_of: Callable[[Path], str],
    meta_of: Callable[[Path], FileMeta | None] = lambda _: None,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[tuple[Path, Iterable[Item]]]:
    """Files parsed (and extracted) by `workers` spawned processes (`pool`, else a new start_pool), yielded in
    input order; the pool is shut down at the end.

    Files travel in chunks (many per task without NLP, where a task is cheap) to keep the pipes busy; large
    record files are streamed here instead (see STREAM_BYTES). A worker that dies (killed, out of memory)
    costs nothing but a retry: a new pool takes every task again, and only a file whose task broke the pool
    twice fails, with one line.
    """
    # With NLP most files are cheap (off-topic: no NER) and a few cost 100x more: small chunks and a deep
    # window keep one slow relevant article from idling the other worker while results wait in order.
    size = 4 if nlp else 32
    chunks: list[list[Path]] = []
    for path in files:
        if streamed(path) or not chunks or len(chunks[-1]) >= size or streamed(chunks[-1][0]):
            chunks.append([path])
        else:
            chunks[-1].append(path)
    window = workers * (16 if nlp else 3)
    pool = pool if pool is not None else start_pool(workers, nlp)
    pending: deque = deque()  # (chunk, future | None | Failure); None: streamed here when its turn comes
    broke: dict[Path, int] = {}  # how often a file was in a task whose worker died
    it = iter(chunks)

    def submit(chunk: list[Path]) -> None:
        if streamed(chunk[0]):
            pending.append((chunk, None))
            return
        jobs = [(str(p), origin_of(p), meta_of(p)) for p in chunk]
        try:
            fut = pool.submit(work_files, jobs, nlp, db)
        except BrokenProcessPool as exc:  # broken since the last result: handled when its turn comes
            fut = Future()
            fut.set_exception(exc)
        pending.append((chunk, fut))

    try:
        for chunk in it:
            submit(chunk)
            if len(pending) >= window:
                break
        while pending:
            chunk, fut = pending.popleft()
            nxt = next(it, None)
            if nxt is not None:
                submit(nxt)
            if isinstance(fut, Failure):
                yield chunk[0], [(fut, None)]
                continue
            if fut is None:
                path = chunk[0]
                yield path, iter_work(str(path), nlp, db, origin_of(path), meta_of(path))
                continue
            try:
                results = fut.result()
            except BrokenProcessPool as exc:
                # A dead worker breaks the whole pool: start a new one, send every task in flight again,
                # and the files of this task one by one; a file that broke the pool twice fails alone.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = start_pool(workers, nlp)
                again = list(pending)
                pending.clear()
                for p in chunk:
                    broke[p] = broke.get(p, 0) + 1
                    if broke[p] < 2:
                        submit([p])
                    else:
                        died = failure(printable(origin_of(p)), "worker_died", error=str(exc))
                        pending.append(([p], died))
                for c, f in again:
                    if f is None or isinstance(f, Failure):
                        pending.append((c, f))
                    else:
                        submit(c)
                continue
            yield from zip(chunk, results, strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def extract_one(article: Article) -> Extraction | None:
    fn = extract_fn(True)
    return fn(article) if fn else None


def _collected(rec: Record, future) -> Item:
    """A Dask task's result for its record; a task that raised (or whose worker died) fails its record alone."""
    if future is None:
        return rec, None
    try:
        return rec, future.result()
    except Exception as exc:  # noqa: BLE001 -- isolation: one record never costs the batch
        return (_extraction_failure(rec, exc), None) if isinstance(rec, Article) else (rec, None)


def dask_items(
    files: list[Path],
    scheduler: str | None,
    workers: int,
    db: str,
    origin_of: Callable[[Path], str],
    meta_of: Callable[[Path], FileMeta | None] = lambda _: None,
) -> Iterator[tuple[Path, list[Item]]]:
    """Extraction as Dask tasks; a LocalCluster unless `scheduler` names an existing cluster.

    Up to `workers * 8` articles are in flight; results come back in input order to the single writer, a
    large file in several pieces (the same path yielded again), so no file is held whole.
    """
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with _bare_main():  # its nannies spawn their workers like the pool does
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = Client(cluster)
    window = max(8, workers * 8)
    try:
        pending: deque = deque()  # (path, [(record, future | None)])
        in_flight = 0
        for path in files:
            entries: list = []
            for rec in records(path, origin_of(path), meta_of(path)):
                todo = isinstance(rec, Article) and _needs_extraction(db, rec)
                entries.append((rec, client.submit(extract_one, rec, pure=False) if todo else None))
                in_flight += todo
                if len(entries) >= window:
                    # A big JSONL/CSV goes in pieces: memory stays bounded by the window, not the file.
                    pending.append((path, entries))
                    entries = []
                    while pending and in_flight >= window:
                        done_path, done = pending.popleft()
                        in_flight -= sum(f is not None for _, f in done)
                        yield done_path, [_collected(r, f) for r, f in done]
            pending.append((path, entries))
            while pending and in_flight >= window:
                done_path, done = pending.popleft()
                in_flight -= sum(f is not None for _, f in done)
                yield done_path, [_collected(r, f) for r, f in done]
        while pending:
            done_path, done = pending.popleft()
            yield done_path, [_collected(r, f) for r, f in done]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
