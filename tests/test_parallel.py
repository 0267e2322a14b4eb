"""Ingest on several processes, or on Dask, stores exactly what one process stores."""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
from conftest import SEED_000, SEED_002

from core.ingest.run import ingest_paths
from core.store import connection

TABLES = {
    "articles": "id, title, lede, body, source, url, published, day, month, year, date_source, date_evidence, "
    "origin, raw, content_hash, captions, links, relevant",
    "entities": "id, name, type, side, kb_id",
    "mentions": "article_id, entity_id, surface, sentence, field, start, end, evidence",
    "statements": "article_id, speaker_id, speaker_text, verb, text, quote, target, stance, score, sentence",
    "sentences": "article_id, idx, field, start, end, text",
}


def content(path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    return {
        t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY 1, 2, 3").fetchall() for t, cols in TABLES.items()
    }


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in (SEED_000, SEED_002):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "copy_of_000.txt").write_bytes(SEED_000.read_bytes())  # a duplicate among them
    (folder / "empty.txt").write_bytes(b"")
    return folder


def build(tmp_path, name, inputs, **kw):
    path = tmp_path / name
    db = connection.connect(path)
    summary = ingest_paths([inputs], db, progress=False, **kw)
    db.close()
    return path, summary


@pytest.mark.slow
def test_two_workers_store_the_same_as_one(tmp_path, inputs):
    one, s1 = build(tmp_path, "one.db", inputs, workers=1)
    two, s2 = build(tmp_path, "two.db", inputs, workers=2)
    assert (s1.new, s1.duplicate, s1.failed) == (s2.new, s2.duplicate, s2.failed) == (2, 1, 1)
    c1 = content(one)
    assert c1 == content(two)
    assert c1["statements"], "extraction ran"


@pytest.mark.slow
def test_dask_local_cluster_stores_the_same_as_one_process(tmp_path, inputs):
    pytest.importorskip("dask.distributed")
    one, _ = build(tmp_path, "one.db", inputs, workers=1)
    dsk, summary = build(tmp_path, "dask.db", inputs, workers=2, dask=True)
    assert (summary.new, summary.duplicate, summary.failed) == (2, 1, 1)
    assert content(one) == content(dsk)


def test_rerun_with_workers_changes_nothing(tmp_path, inputs):
    path, _ = build(tmp_path, "n.db", inputs, workers=2, nlp=False)
    before = content(path)
    _, again = build(tmp_path, "n.db", inputs, workers=2, nlp=False)
    assert (again.new, again.duplicate) == (0, 3)
    assert content(path) == before


@pytest.mark.parametrize(
    "engine", [{"workers": 2, "nlp": False}, {"workers": 2, "dask": True}], ids=["pool", "dask"]
)
def test_workers_never_rerun_the_hosts_main_script(tmp_path, inputs, monkeypatch, engine):
    """Under Streamlit `__main__` is a page script; spawned workers must not run it again (CI broke on this)."""
    import sys
    import types

    marker = tmp_path / "main-ran"
    host = tmp_path / "host_page.py"
    host.write_text(
        f"open({str(marker)!r}, 'w').close()\nraise SystemExit('a page script ran in a worker')\n"
    )
    fake = types.ModuleType("__main__")
    fake.__file__ = str(host)
    monkeypatch.setitem(sys.modules, "__main__", fake)
    _, summary = build(tmp_path, "host.db", inputs, **engine)
    assert (summary.new, summary.duplicate, summary.failed) == (2, 1, 1)
    assert not marker.exists()
    assert sys.modules["__main__"] is fake, "the caller's __main__ is restored"


def many_files(folder, n: int):
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(
            f"NATO và Nga, bài {i}\nNgày {i % 28 + 1}/4, sapo {i}.\n"
            f"Tổng thư ký NATO nói Nga và liên minh cần đối thoại, đoạn {i}. Điện Kremlin đáp lời.\n"
        )
    return folder


def _tree_after_sigkill(tmp_path, engine: list[str], ready: int) -> tuple[list[int], list[int]]:
    """Start an ingest in its own session, wait for `ready` descendants, SIGKILL it; (descendants, alive)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    from conftest import ROOT

    folder = many_files(tmp_path / "many", 3000)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "core.ingest.run",
            "--quiet",
            *engine,
            "--db",
            str(tmp_path / "n.db"),
            str(folder),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    kids: list = []
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            kids = parent.children(recursive=True)
            if len(kids) >= ready:
                break
            time.sleep(0.2)
        time.sleep(1.0)  # let the workers take work: a busy worker must die too
        kids = parent.children(recursive=True)
        assert proc.poll() is None and len(kids) >= ready, "the ingest ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        _, alive = psutil.wait_procs(kids, timeout=10)
        return [k.pid for k in kids], [k.pid for k in alive]
    finally:
        for k in kids:  # never leave orphans behind, even when the assertion fails
            with contextlib.suppress(psutil.Error):
                k.kill()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_pool_workers_and_resource_tracker_die_with_a_killed_ingest(tmp_path):
    """kill -9 of an ingest used to leave its pool workers and the resource tracker running for ever."""
    # With extraction the workers stay busy for minutes (every file is on topic), so the kill always finds them;
    # without it a fast parse could finish, and the pool end, before the kill.
    kids, alive = _tree_after_sigkill(tmp_path, ["--workers", "2"], ready=3)
    assert len(kids) >= 3  # two workers and the multiprocessing resource tracker
    assert alive == [], f"{len(alive)} of {len(kids)} processes outlived their killed parent"


@pytest.mark.slow
def test_dask_workers_die_with_a_killed_ingest(tmp_path):
    pytest.importorskip("dask.distributed")
    kids, alive = _tree_after_sigkill(tmp_path, ["--dask", "--workers", "2"], ready=3)
    assert alive == [], f"{len(alive)} of {len(kids)} processes outlived their killed parent"


def test_a_worker_exits_when_its_parent_is_gone():
    """The initializer's check covers a parent that died before the worker got to run it."""
    import subprocess
    import sys

    from conftest import ROOT

    code = "import os; from core.ingest.parallel import die_with_parent; die_with_parent(os.getppid() + 10**6); print('lived')"
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert res.returncode == 1 and "lived" not in res.stdout


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_nothing(tmp_path):
    """A dead worker breaks a process pool; the ingest starts a new one, retries, and stores every file."""
    import os
    import signal
    import subprocess
    import sys
    import time

    psutil = pytest.importorskip("psutil")
    from conftest import ROOT

    folder = many_files(tmp_path / "many", 3000)
    db = tmp_path / "n.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "core.ingest.run",
            "--quiet",
            "--no-nlp",
            "--workers",
            "2",
            "--db",
            str(db),
            str(folder),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    killed = None
    try:
        parent = psutil.Process(proc.pid)
        deadline = time.monotonic() + 120
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            workers = [k for k in parent.children() if "spawn_main" in " ".join(k.cmdline())]
            stored = 0
            if db.exists():
                with contextlib.suppress(sqlite3.Error):
                    stored = connection.read_only(db).execute("SELECT count(*) FROM articles").fetchone()[0]
            if workers and stored >= 100:
                killed = workers[0].pid
                os.kill(killed, signal.SIGKILL)
            time.sleep(0.05)
        out, err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert killed is not None, "the ingest ended before a worker could be killed"
    assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err
    assert "new: 3000, unchanged/duplicate: 0, failed: 0" in out


def test_a_record_whose_extraction_raises_fails_alone(tmp_path, monkeypatch):
    import json

    from core.ingest import parallel
    from core.models import Article, Failure

    feed = tmp_path / "feed.jsonl"
    rows = [{"title": f"Bài {i}", "text": f"Nội dung {i}."} for i in range(3)]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")

    def extract(article):
        if article.title == "Bài 1":
            raise IndexError("a rule met a text it did not expect")
        return parallel.Extraction()

    monkeypatch.setattr(parallel, "extract_fn", lambda nlp: extract)
    items = list(parallel.iter_work(str(feed), True, None, "feed.jsonl"))
    assert [type(r).__name__ for r, _ in items] == ["Article", "Failure", "Article"]
    failure = items[1][0]
    assert str(failure) == "feed.jsonl:2: extraction failed: IndexError: a rule met a text it did not expect"

    class Broken:
        def result(self):
            raise RuntimeError("worker lost")

    article = next(r for r, _ in items if isinstance(r, Article))
    rec, extraction = parallel._collected(article, Broken())
    assert isinstance(rec, Failure) and extraction is None and "worker lost" in rec.reason


@pytest.mark.slow
def test_dask_takes_a_big_record_file_in_pieces_and_stores_all_of_it(tmp_path):
    """A JSONL with more records than Dask's window comes back in several pieces of the same file (memory bounded
    by the window, not the file), and the store holds every record once, as one process would store it."""
    pytest.importorskip("dask.distributed")
    import json

    from core.ingest import parallel

    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Tin {i}", "text": f"Bài số {i} về thời tiết ở Hà Nội, ngày thứ {i}."})
        for i in range(40)
    ]
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    connection.connect(tmp_path / "empty.db").close()
    pieces = [
        len(items)
        for _, items in parallel.dask_items([feed], None, 1, str(tmp_path / "empty.db"), lambda p: p.name)
    ]
    assert len(pieces) > 1 and max(pieces) <= 8 and sum(pieces) == 40
    one, _ = build(tmp_path, "one.db", folder, workers=1)
    dsk, summary = build(tmp_path, "dask.db", folder, workers=1, dask=True)
    assert (summary.new, summary.failed) == (40, 0)
    assert content(one) == content(dsk)


def test_a_folder_ingest_starts_its_workers_before_it_scans(tmp_path, inputs, monkeypatch):
    """The workers' start-up (imports, rules, models: about a second each) overlaps the folder scan, which on a
    whole archive takes as long, instead of following it with one core idle."""
    import core.ingest.run as run
    from core.ingest import parallel

    order: list[str] = []
    start_pool, scan = parallel.start_pool, run.scan
    monkeypatch.setattr(parallel, "start_pool", lambda *a: order.append("pool") or start_pool(*a))
    monkeypatch.setattr(run, "scan", lambda *a: order.append("scan") or scan(*a))
    _, summary = build(tmp_path, "w.db", inputs, workers=2, nlp=False)
    assert order == ["pool", "scan"]
    assert (summary.new, summary.duplicate, summary.failed) == (2, 1, 1)

    order.clear()  # one file is read here: no pool to start at all
    db = connection.connect(tmp_path / "one.db")
    try:
        assert ingest_paths([SEED_000], db, progress=False, workers=2, nlp=False).new == 1
    finally:
        db.close()
    assert order == ["scan"]


def rule_files_loaded() -> int:
    from core.config import rules

    return rules.cache_info().currsize


def test_pool_workers_load_the_rules_before_their_first_article():
    from core.ingest.parallel import start_pool

    pool = start_pool(1, True)
    try:
        assert pool.submit(rule_files_loaded).result(timeout=120) > 0
    finally:
        pool.shutdown(wait=True)
