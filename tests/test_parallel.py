"""Ingest on several processes, or on Dask, stores exactly what one process stores."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import SEED_000, SEED_002

from core import store
from core.ingest import ingest_paths

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
    db = store.connect(path)
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
