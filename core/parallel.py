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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from core.dates import complete
from core.meta import FileMeta
from core.models import Article, Extraction, Failure
from core.parse import iter_file

Record = Article | Failure
Item = tuple[Record, Extraction | None]


@cache
def extract_fn(nlp: bool) -> Callable[[Article], Extraction] | None:
    if not nlp:
        return None
    try:
        from core.pipeline import extract
    except ImportError:
        return None
    return extract


@cache
def _reader(db: str):
    from core import store

    return store.read_only(db)


def _needs_extraction(db: str | None, article: Article) -> bool:
    """Skip the costly step for content the store already holds processed (re-runs stay cheap)."""
    if db is None:
        return True
    from core import store

    conn = _reader(db)
    row = conn.execute(
        "SELECT processed_at FROM articles WHERE content_hash = ?", [store.content_hash(article)]
    ).fetchone()
    return not (row and row[0])


def records(path: Path, origin: str | None, meta: FileMeta | None) -> Iterator[Article | Failure]:
    """A file's records, each article completed with what the archive knows beside it (core.dates.complete)."""
    for rec in iter_file(path, origin):
        yield complete(rec, meta) if isinstance(rec, Article) else rec


def work_file(
    path: str, nlp: bool, db: str | None, origin: str | None = None, meta: FileMeta | None = None
) -> list[Item]:
    """One file -> its records, each with its extraction (None for failures, --no-nlp or known content)."""
    extract = extract_fn(nlp)
    out: list[Item] = []
    for rec in records(Path(path), origin, meta):
        if isinstance(rec, Article) and extract is not None and _needs_extraction(db, rec):
            out.append((rec, extract(rec)))
        else:
            out.append((rec, None))
    return out


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
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
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


def pool_items(
    files: list[Path],
    nlp: bool,
    db: str,
    workers: int,
    origin_of: Callable[[Path], str],
    meta_of: Callable[[Path], FileMeta | None] = lambda _: None,
) -> Iterator[tuple[Path, list[Item]]]:
    """Files parsed (and extracted) by `workers` spawned processes, yielded in input order.

    Files travel in chunks (many per task without NLP, where a task is cheap) to keep the pipes busy.
    """
    ctx = _SpawnContext()
    size = 2 if nlp else 32
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    window = workers * 3
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        pending: deque = deque()
        it = iter(chunks)

        def submit(chunk: list[Path]) -> None:
            jobs = [(str(p), origin_of(p), meta_of(p)) for p in chunk]
            pending.append((chunk, pool.submit(work_files, jobs, nlp, db)))

        for chunk in it:
            submit(chunk)
            if len(pending) >= window:
                break
        while pending:
            chunk, fut = pending.popleft()
            nxt = next(it, None)
            if nxt is not None:
                submit(nxt)
            yield from zip(chunk, fut.result(), strict=True)


def extract_one(article: Article) -> Extraction | None:
    fn = extract_fn(True)
    return fn(article) if fn else None


def dask_items(
    files: list[Path],
    scheduler: str | None,
    workers: int,
    db: str,
    origin_of: Callable[[Path], str],
    meta_of: Callable[[Path], FileMeta | None] = lambda _: None,
) -> Iterator[tuple[Path, list[Item]]]:
    """Extraction as Dask tasks; a LocalCluster unless `scheduler` names an existing cluster.

    Up to `workers * 8` articles are in flight; results come back in input order to the single writer.
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
            entries = []
            for rec in records(path, origin_of(path), meta_of(path)):
                todo = isinstance(rec, Article) and _needs_extraction(db, rec)
                entries.append((rec, client.submit(extract_one, rec, pure=False) if todo else None))
                in_flight += todo
            pending.append((path, entries))
            while pending and in_flight >= window:
                done_path, done = pending.popleft()
                in_flight -= sum(f is not None for _, f in done)
                yield done_path, [(r, f.result() if f is not None else None) for r, f in done]
        while pending:
            done_path, done = pending.popleft()
            yield done_path, [(r, f.result() if f is not None else None) for r, f in done]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
