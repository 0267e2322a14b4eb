"""The store under contention and faults: two ingests at once on a new or existing store, a full disk, and a
`--db` that cannot be a store. Inputs are generated in tmp at test time."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.ingest import run as ingest
from core.store import connection, migrations
from core.store import db as store

ROOT = Path(__file__).resolve().parent.parent
WORDS = tuple("NATO Nga Mỹ châu Âu hội nghị an ninh quân sự ngoại trưởng tuyên bố hợp tác đối thoại".split())  # noqa: SIM905


def _inputs(folder: Path, tag: str, n: int, words: int = 40, seed: int = 0) -> Path:
    """n distinct small articles (plain text: title, blank line, body) in `folder`."""
    rng = random.Random(f"{tag}-{seed}")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(words))
        (folder / f"{tag}{i:02d}.txt").write_text(
            f"Tin {tag} {i} về NATO\n\n{body} (bài {tag}-{i}).\n", "utf-8"
        )
    return folder


def _ingest_cmd(db: Path, folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "core.ingest.run",
        "--no-nlp",
        "--quiet",
        "--workers",
        "1",
        "--db",
        str(db),
        str(folder),
    ]


def _count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def _integrity(db: Path) -> str:
    """SQLite's own check, then both text indexes against the articles (a batch that was rolled back must leave
    no index row behind, and a stored article none missing)."""
    with sqlite3.connect(db) as conn:
        pages = conn.execute("PRAGMA integrity_check").fetchone()[0]
        for fts in ("articles_fts", "articles_fts_exact"):
            try:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                return f"{fts}: {exc}"
        n, indexed = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_fts)"
        ).fetchone()
        return pages if n == indexed else f"{n} articles, {indexed} in the text index"


# --- two writers ----------------------------------------------------------------------------------------------


def test_two_ingests_at_once_both_succeed_with_the_union_stored(tmp_path):
    """Two real `python -m core.ingest` processes started together, on a new store (several rounds, where the
    race on creating the schema used to kill one of them) and then on the existing one."""
    a = _inputs(tmp_path / "a", "a", 6)
    b = _inputs(tmp_path / "b", "b", 6)
    c = _inputs(tmp_path / "c", "c", 6)
    d = _inputs(tmp_path / "d", "d", 6)
    rounds = [(tmp_path / f"new{r}.db", a, b) for r in range(4)]
    rounds.append((rounds[0][0], c, d))  # an existing store, two more writers at once
    for db, first, second in rounds:
        procs = [
            subprocess.Popen(
                _ingest_cmd(db, folder), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for folder in (first, second)
        ]
        outs = [p.communicate(timeout=300) for p in procs]
        for p, (out, err) in zip(procs, outs, strict=True):
            assert p.returncode == 0, err
            assert "Traceback" not in err
            assert "new: 6, unchanged/duplicate: 0, failed: 0" in out
    assert [_count(db) for db, _, _ in rounds[1:4]] == [12, 12, 12]
    assert _count(rounds[0][0]) == 24
    assert _integrity(rounds[0][0]) == "ok"
    with sqlite3.connect(rounds[0][0]) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM _migrations")]
        assert sorted(names) == sorted(name for name, _ in migrations.MIGRATIONS)  # each step applied once
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)


def test_migration_waits_for_the_writer_that_holds_the_lock_and_skips_its_steps(tmp_path):
    """Another process migrates a new store while we wait for its lock: once we have the lock we see what it
    applied and skip it (no "table already exists")."""
    path = tmp_path / "news.db"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")  # the other writer holds the write lock
    got: dict[str, object] = {}

    def open_ours() -> None:
        try:
            db = connection.connect(path)
            got["schema"] = connection.schema_version(db)
            db.close()
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            got["error"] = exc

    ours = threading.Thread(target=open_ours)
    ours.start()
    time.sleep(0.5)  # let our connection find the store unmigrated and queue for the lock
    import sqlite_utils

    connection.migrate(sqlite_utils.Database(other))  # inside the other's open transaction
    other.execute("COMMIT")
    ours.join(timeout=120)
    other.close()
    assert "error" not in got, got.get("error")
    assert got["schema"] == len(migrations.MIGRATIONS)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM _migrations").fetchone()[0] == len(migrations.MIGRATIONS)


def test_up_to_date_store_is_opened_without_writing(tmp_path):
    """Opening a migrated store takes no write lock: it opens while another writer holds the lock."""
    path = tmp_path / "news.db"
    connection.connect(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        db = connection.connect(path)
        assert connection.schema_version(db) == len(migrations.MIGRATIONS)
        db.close()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_write_waits_for_another_writer_beyond_the_busy_timeout(tmp_path, monkeypatch):
    """SQLite's busy handler gives up after BUSY_TIMEOUT_MS; taking the write lock is retried beyond it, so a
    writer that holds the lock longer than that only delays us."""
    from core.models import Article

    path = tmp_path / "news.db"
    connection.connect(path).close()
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(connection, "LOCK_WAIT_S", 30.0)
    db = connection.connect(path)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        _, created = store.add_article(db, Article("Tin", "", "NATO và Nga.", "x.txt", "raw"))
    finally:
        release.join()
        other.close()
    assert created and store.article_count(db) == 1
    db.close()


def test_a_store_locked_beyond_the_bounded_wait_stops_ingest_with_one_line(tmp_path, monkeypatch, capsys):
    path = tmp_path / "news.db"
    connection.connect(path).close()
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(connection, "LOCK_WAIT_S", 0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # held for the whole run
    try:
        with pytest.raises(SystemExit) as stopped:
            ingest.main(
                [
                    "--no-nlp",
                    "--quiet",
                    "--workers",
                    "1",
                    "--db",
                    str(path),
                    str(_inputs(tmp_path / "in", "x", 2)),
                ]
            )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert stopped.value.code == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "locked by another writer" in err and "stored 0 new article(s)" in err
    assert _count(path) == 0 and _integrity(path) == "ok"


# --- a full disk ----------------------------------------------------------------------------------------------


def _small_store(monkeypatch, room_pages: int) -> None:
    """Every write connection of this test may grow the store by `room_pages` pages only: SQLite then
    answers a write with SQLITE_FULL ("database or disk is full"), as on a full disk."""
    real = connection.connect

    def connect(path):
        db = real(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + room_pages}")
        return db

    monkeypatch.setattr(connection, "connect", connect)  # where ingest looks it up


def test_disk_full_stops_with_one_line_consistent_store_and_resumes(tmp_path, monkeypatch, capsys):
    inputs = _inputs(tmp_path / "in", "full", 30, words=3000)
    db = tmp_path / "news.db"
    args = ["--no-nlp", "--quiet", "--workers", "1", "--db", str(db), str(inputs)]
    _small_store(monkeypatch, room_pages=60)
    with pytest.raises(SystemExit) as stopped:
        ingest.main(args)
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    stored = _count(db)
    assert 0 < stored < 30
    assert str(db) in lines[0] and "full" in lines[0]
    assert f"stored {stored} new article(s)" in lines[0]
    assert _integrity(db) == "ok"

    monkeypatch.undo()  # room again: the same command finishes the rest
    assert ingest.main(args) == 0
    out = capsys.readouterr().out
    assert f"new: {30 - stored}, unchanged/duplicate: {stored}, failed: 0" in out
    assert _count(db) == 30
    assert _integrity(db) == "ok"


def test_disk_full_while_creating_the_store_is_one_line(tmp_path, monkeypatch, capsys):
    """No room even for the schema of a new store."""
    real_migrate = connection.migrate

    def migrate(db):
        db.execute("PRAGMA max_page_count = 2")
        return real_migrate(db)

    monkeypatch.setattr(connection, "migrate", migrate)  # what connect calls
    with pytest.raises(SystemExit) as stopped:
        ingest.main(
            ["--no-nlp", "--quiet", "--db", str(tmp_path / "n.db"), str(_inputs(tmp_path / "in", "x", 1))]
        )
    assert stopped.value.code == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "is full" in err and "stored 0 new article(s)" in err


# --- a --db that cannot be a store --------------------------------------------------------------------------


def _bad_stores(tmp: Path) -> dict[str, Path]:
    (tmp / "folder.db").mkdir()
    (tmp / "text.db").write_text("not a database\n" * 100)
    (tmp / "random.db").write_bytes(random.Random(3).randbytes(8192))
    (tmp / "afile").write_text("x")
    return {
        "a folder": tmp / "folder.db",
        "a text file": tmp / "text.db",
        "random bytes": tmp / "random.db",
        "below a file": tmp / "afile" / "news.db",
        "in a folder we cannot write": Path("/proc/news.db"),
    }


@pytest.mark.parametrize(
    "case", ["a folder", "a text file", "random bytes", "below a file", "in a folder we cannot write"]
)
def test_bad_db_is_one_line_and_exit_2(tmp_path, capsys, case):
    bad = _bad_stores(tmp_path)[case]
    if case == "in a folder we cannot write" and not Path("/proc").is_dir():
        pytest.skip("no /proc on this system")
    before = bad.read_bytes() if bad.is_file() else None
    with pytest.raises(SystemExit) as stopped:
        ingest.main(["--no-nlp", "--quiet", "--db", str(bad), str(_inputs(tmp_path / "in", "x", 1))])
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err, err
    assert str(bad) in err
    if before is not None:
        assert bad.read_bytes() == before  # a file that is not ours is left as it was


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads and writes any file")
def test_unreadable_db_is_one_line_and_exit_2(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    db = locked / "news.db"
    connection.connect(db).close()
    locked.chmod(0)
    try:
        with pytest.raises(SystemExit) as stopped:
            ingest.main(["--no-nlp", "--quiet", "--db", str(db), str(_inputs(tmp_path / "in", "x", 1))])
    finally:
        locked.chmod(0o700)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip()
    assert "permission denied" in err and "\n" not in err


def test_bad_db_from_the_command_line_has_no_traceback(tmp_path):
    (tmp_path / "folder.db").mkdir()
    (tmp_path / "text.db").write_text("hello")
    inputs = _inputs(tmp_path / "in", "x", 1)
    for bad in (tmp_path / "folder.db", tmp_path / "text.db"):
        run = subprocess.run(_ingest_cmd(bad, inputs), cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr
        assert run.stderr.strip().count("\n") == 0 and str(bad) in run.stderr
