"""The ingest command as a user runs it: exit codes, messages, idempotency, bad folders, kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED_000, SEED_002

from core.ingest.run import main
from core.store import connection


def run_cli(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if env_db:
        env["NEWS_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, "-m", "core.ingest.run", "--quiet", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    out = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "articles_fts", "failures")
    }
    out["integrity"] = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return out


def test_seeds_then_rerun_changes_nothing(tmp_path, capsys):
    db = tmp_path / "n.db"
    assert main(["--db", str(db), "--no-nlp", "--quiet", str(SEED_000), str(SEED_002)]) == 0
    assert "new: 2, unchanged/duplicate: 0, failed: 0" in capsys.readouterr().out
    before = sqlite3.connect(db).execute("SELECT * FROM articles ORDER BY id").fetchall()
    assert main(["--db", str(db), "--no-nlp", "--quiet", str(SEED_000), str(SEED_002)]) == 0
    assert "new: 0, unchanged/duplicate: 2, failed: 0" in capsys.readouterr().out
    assert sqlite3.connect(db).execute("SELECT * FROM articles ORDER BY id").fetchall() == before


def test_same_story_in_two_formats_is_one_article(tmp_path, capsys):
    from core.text.parse import iter_file

    (seed,) = iter_file(SEED_000)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": seed.title, "lede": seed.lede, "text": seed.body}, ensure_ascii=False)
    )
    db = tmp_path / "n.db"
    assert main(["--db", str(db), "--no-nlp", "--quiet", str(SEED_000), str(feed)]) == 0
    assert "new: 1, unchanged/duplicate: 1" in capsys.readouterr().out
    origins = [r[0] for r in sqlite3.connect(db).execute("SELECT origin FROM origins")]
    assert len(origins) == 2 and any(o.endswith("feed.jsonl#1") for o in origins)


def test_news_db_environment_variable(tmp_path):
    db = tmp_path / "env.db"
    res = run_cli("--no-nlp", str(SEED_000), env_db=db)
    assert res.returncode == 0, res.stderr
    assert counts(db)["articles"] == 1


def test_usage_errors_exit_2(tmp_path):
    assert run_cli("--no-nlp").returncode == 2
    res = run_cli("--no-nlp", "--db", str(tmp_path / "x.db"), str(tmp_path / "missing.txt"))
    assert res.returncode == 2 and "no such file or folder" in res.stderr
    assert "Traceback" not in res.stderr


def test_mixed_folder_names_each_bad_input_and_keeps_every_good_one(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_bytes(SEED_000.read_bytes())
    (folder / "sub" / "good2.txt").write_bytes(SEED_002.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Tiêu\nSapo\nThân bài".encode("cp1258"))
    (folder / "no_text.csv").write_text("title,body\nA,B\n")
    good = json.dumps({"title": "Tin tốt", "text": "Nội dung tốt."}, ensure_ascii=False)
    (folder / "feed.jsonl").write_text(f"{good}\n{{broken\n{good.replace('tốt', 'khác')}\n")
    (folder / "README.md").write_text("# not an article")
    db = tmp_path / "n.db"
    res = run_cli("--no-nlp", "--db", str(db), str(folder))
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    failed = [ln for ln in res.stderr.splitlines() if ln.startswith("FAILED")]
    assert len(failed) == 5
    reasons = "\n".join(failed)
    assert "empty.txt: empty file" in reasons
    assert "blob.bin: binary file" in reasons
    assert "latin1.txt: not UTF-8" in reasons
    assert "no_text.csv:1: CSV has no text column" in reasons
    assert "feed.jsonl:2: invalid JSON" in reasons
    assert "new: 4, unchanged/duplicate: 0, failed: 5, skipped 1 non-article file(s)" in res.stdout
    c = counts(db)
    assert (c["articles"], c["articles_fts"], c["failures"], c["integrity"]) == (4, 4, 5, "ok")
    # failures are recorded with their raw input; a rerun updates them instead of piling up
    assert run_cli("--no-nlp", "--db", str(db), str(folder)).returncode == 1
    assert counts(db)["failures"] == 5
    raw = sqlite3.connect(db).execute("SELECT raw FROM failures WHERE file LIKE '%feed.jsonl'").fetchone()[0]
    assert raw == b"{broken\n"


def make_articles(folder: Path, n: int) -> None:
    """n distinct, realistic articles built from the seeds' sentences."""
    from core.text.parse import iter_file

    sentences = [s for p in (SEED_000, SEED_002) for a in iter_file(p) for s in a.body.split(". ")]
    folder.mkdir()
    for i in range(n):
        body = "\n\n".join(
            f"{sentences[(i + k) % len(sentences)]}. Đây là đoạn {k} của bài {i}." for k in range(6)
        )
        (folder / f"{i:05d}.txt").write_text(
            f"Bài thử số {i}\nNgày {i % 28 + 1}/{i % 12 + 1}, sapo {i}.\n{body}\n"
        )


def test_every_article_of_a_batched_ingest_is_found_by_its_own_words(tmp_path):
    """The writer holds a batch's text-index rows back until just before it commits (core.store.fts.Deferred):
    every article of every batch must still be found, with and without its marks, and by no other article's
    words."""
    from core.ingest.run import BATCH_ARTICLES
    from core.store import search

    n = BATCH_ARTICLES + 30  # two batches, the second one short
    folder = tmp_path / "many"
    make_articles(folder, n)
    db = tmp_path / "n.db"
    assert main(["--db", str(db), "--no-nlp", "--quiet", "--workers", "1", str(folder)]) == 0
    conn = connection.read_only(db)
    ids = dict(conn.execute("SELECT title, id FROM articles"))
    for i in (0, 1, BATCH_ARTICLES - 1, BATCH_ARTICLES, n - 1):
        found = list(search.search(conn, f'"Đây là đoạn 2 của bài {i}"').ids)
        assert found == [ids[f"Bài thử số {i}"]]
        assert list(search.search(conn, f'"day la doan 2 cua bai {i}"').ids) == found
    conn.close()
    assert counts(db)["articles_fts"] == n
    check = sqlite3.connect(db, isolation_level=None)
    for fts in ("articles_fts", "articles_fts_exact"):  # raises when an index and the articles disagree
        check.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    check.close()


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_loses_nothing(tmp_path):
    folder = tmp_path / "many"
    make_articles(folder, 3000)
    db = tmp_path / "n.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "core.ingest.run", "--quiet", "--no-nlp", "--db", str(db), str(folder)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = connection.read_only(db).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 300:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    mid = counts(db)
    assert mid["integrity"] == "ok" and 300 <= mid["articles"] < 3000
    assert mid["articles"] == mid["articles_fts"]

    res = run_cli("--no-nlp", "--db", str(db), str(folder))
    assert res.returncode == 0, res.stderr
    end = counts(db)
    assert (end["articles"], end["articles_fts"], end["integrity"]) == (3000, 3000, "ok")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == 3000
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    assert titles == {f"Bài thử số {i}" for i in range(3000)}


@pytest.mark.slow
def test_corpus_sample_ingests(corpus_dir, tmp_path, capsys):
    files = sorted(corpus_dir.glob("*.txt"))[:1500]
    db = tmp_path / "c.db"
    code = main(["--db", str(db), "--no-nlp", "--quiet", *map(str, files)])
    out = capsys.readouterr()
    stored = counts(db)
    assert stored["integrity"] == "ok"
    assert stored["articles"] >= 1490, out.err
    assert code in (0, 1)


def test_origins_are_relative_to_the_working_folder(tmp_path, monkeypatch):
    from core.ingest.run import display_origin

    monkeypatch.chdir(ROOT)
    assert display_origin(SEED_000) == "data/samples/000_7b4ea69412d6c94b.txt"
    outside = tmp_path / "x.txt"
    assert display_origin(outside) == outside.as_posix()


def test_origins_follow_the_working_folder_and_links(tmp_path, monkeypatch):
    """Folders are resolved once per working folder: the same relative name read from another folder, and a
    file that is itself a link, are each stored as where they really are."""
    from core.ingest.run import display_origin

    for name in ("a", "b"):
        (tmp_path / name / "in").mkdir(parents=True)
        (tmp_path / name / "in" / "x.txt").write_text("t", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "a")
    assert display_origin(Path("in/x.txt")) == "in/x.txt"
    monkeypatch.chdir(tmp_path)
    assert display_origin(Path("in/x.txt")) == "in/x.txt"  # no such file here: kept as given
    assert display_origin(Path("b/in/x.txt")) == "b/in/x.txt"
    (tmp_path / "a" / "in" / "link.txt").symlink_to(tmp_path / "b" / "in" / "x.txt")
    assert display_origin(Path("a/in/link.txt")) == "b/in/x.txt"
    (tmp_path / "c").symlink_to(tmp_path / "b", target_is_directory=True)
    assert display_origin(Path("c/in/x.txt")) == "b/in/x.txt"
