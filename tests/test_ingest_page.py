"""The Ingest page speaks the reader's language: failure reasons are stored as codes with parameters and shown
through data/labels.yaml, and Streamlit's own uploader words (fixed English) are replaced by ours.

The English reason stays what the terminal prints (`python -m core.ingest`) and what the `reason` column holds,
so stores of earlier versions, whose rows have no code, still show their stored text.
"""

from __future__ import annotations

import ast
import json
import re
import sqlite3
import string
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from core.app import uploads
from core.config import MAX_ARTICLE_BYTES
from core.ingest.run import ingest_paths
from core.models import Failure
from core.store import connection, migrations
from core.text.parse import failure_text, iter_file, scan
from tests.browser_support import CHROMIUM, serve
from tests.dashboard_fixtures import build_store, serving

ROOT = Path(__file__).resolve().parent.parent
LABELS = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))["failure"]
PRODUCERS = (ROOT / "core" / "text" / "parse.py", ROOT / "core" / "ingest" / "parallel.py")
SAMPLES_BAD = ROOT / "data" / "samples" / "bad"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def _codes_in_source() -> set[str]:
    """Every code the producers pass literally: InputError(code, ...), failure(origin, code, ...) and
    BadLine(line, code, ...); the two built from a suffix (too_big_*, unexpected_*) with each suffix used."""
    codes: set[str] = set()
    for path in PRODUCERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            at = {"InputError": 0, "failure": 1, "BadLine": 1}.get(node.func.id)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                codes.add(node.args[at].value)
            if node.func.id in ("_too_big", "_unexpected") and len(node.args) > 1:
                codes.add(("too_big_" if node.func.id == "_too_big" else "unexpected_") + node.args[1].value)
    return codes | {"too_big_file", "unexpected_record"}  # the default suffixes


# --- every code has both labels -------------------------------------------------------------------------------


def test_every_failure_code_has_an_english_and_a_vietnamese_label():
    codes = _codes_in_source()
    assert len(codes) > 40, sorted(codes)  # the scan found the producers' calls
    groups = {"kind", "type", "oserror"}
    assert codes <= set(LABELS) - groups, sorted(codes - set(LABELS))
    for key, node in {**LABELS, **{f"{g}.{k}": v for g in groups for k, v in LABELS[g].items()}}.items():
        if key in groups:
            continue
        assert node.get("en") and node.get("vi"), key
        assert node["vi"] != node["en"] and re.search(r"[^\x00-\x7f]", node["vi"]), (
            f"{key}: vi is not Vietnamese"
        )
        # The Vietnamese sentence may leave out an English detail (a parser's message) but adds none.
        assert _fields(node["vi"]) <= _fields(node["en"]), key


def _bad_inputs(tmp: Path) -> list[Path]:
    files = {
        "empty.txt": b"  \n",
        "utf32.txt": b"\xff\xfe\x00\x00x\x00\x00\x00",
        "binary.txt": b"abc\x00def",
        "latin1.txt": "Tiêu đề\nthân bài".encode("latin-1", "replace") + b"\xe9",
        "title_only.txt": "Chỉ có tiêu đề\n".encode(),
        "big.txt": b"x" * (MAX_ARTICLE_BYTES + 1),
        "page.html": b"<html><body></body></html>",
        "lines.jsonl": b'{"title": "T"}\n[1]\n{bad\n{"title": "T", "text": 5}\n{"title": "T", "text": "x", '
        b'"published": "someday"}\n\xff\n' + b"[" * 100_000 + b"\n",
        "empty.jsonl": b"",
        "cols.csv": b"title,body\nT,x\n",
        "rows.csv": b'title,text\nT,"x\nU,y,z\n',
        "header.csv": b"title,text\n",
        "fields.csv": b"title,text\nT,x,y\n",
    }
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    return sorted(tmp / name for name in files)


def test_failures_carry_a_code_whose_labels_render_in_both_languages(tmp_path):
    failures = [r for p in _bad_inputs(tmp_path) for r in iter_file(p) if isinstance(r, Failure)]
    codes = {f.code for f in failures}
    assert {
        "empty_file",
        "utf32",
        "binary_file",
        "not_utf8",
        "no_text",
        "too_big_file",
        "html_no_text",
    } <= codes
    assert {"missing_fields", "not_json_object", "json_invalid", "field_type", "published_not_date"} <= codes
    assert {"line_not_utf8", "json_too_deep", "empty_jsonl", "csv_missing_columns", "csv_no_rows"} <= codes
    for f in failures:
        assert f.reason == failure_text(f.code, f.params, "en"), f  # the terminal's words are the label's
        vi = failure_text(f.code, f.params, "vi")
        assert vi != f.reason and not vi.startswith("failure."), (f.code, vi)
        json.dumps(f.params)  # stored as JSON


def test_a_refused_special_file_names_its_kind_in_the_readers_language(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    (refused,) = scan([tmp_path]).refused
    assert refused.code == "not_regular" and refused.params == {"kind": "fifo"}
    assert refused.reason == "a FIFO (named pipe), not a regular file; refused"
    assert failure_text(refused.code, refused.params, "vi") == (
        "một ống có tên (FIFO), không phải tệp thông thường; bị từ chối"
    )


# --- stored, and shown on the page ----------------------------------------------------------------------------


def _ingest(db: Path, *paths: Path) -> None:
    conn = connection.connect(db)
    try:
        ingest_paths(list(paths), conn, nlp=False, progress=False)
    finally:
        conn.close()


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/5_ingest.py")
    at.query_params.clear()
    at.query_params.update({"lang": lang})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    yield from serving(build_store(tmp_path / "n.db", with_extraction=False), monkeypatch)


def test_stored_failures_show_in_vietnamese_and_old_rows_keep_their_text(store):
    _ingest(store, SAMPLES_BAD)
    with sqlite3.connect(store) as conn:
        rows = conn.execute("SELECT code, params, reason FROM failures").fetchall()
        # A row as an earlier version stored it: English text, no code.
        conn.execute(
            "INSERT INTO failures(file, line, reason, time, raw, count) VALUES ('old.txt', 0, ?, 't', x'', 1)",
            ["a reason this version has no code for"],
        )
    assert rows and all(code for code, _, _ in rows)
    expected = {failure_text(code, json.loads(params), "vi") for code, params, _ in rows}
    at = _open("vi")
    table = at.dataframe[-1].value
    assert list(table.columns) == ["tệp", "dòng", "lý do", "số lần", "thời điểm"]
    shown = set(table["lý do"])
    assert expected <= shown and "a reason this version has no code for" in shown
    assert not {reason for _, _, reason in rows} & shown  # no English reason of a coded row
    english = set(_open("en").dataframe[-1].value["reason"])
    assert {reason for _, _, reason in rows} <= english


def test_a_store_of_the_previous_version_gets_codes_for_its_plain_reasons(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    steps = migrations.MIGRATIONS
    names = [name for name, _ in steps]
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", steps[: names.index("m014_failure_codes")])
        old = connection.connect(path)
        for reason in ("no article text after cleaning", "empty CSV file", "cannot read: Permission denied"):
            old.execute(
                "INSERT INTO failures(file, line, reason, time, raw, count) VALUES ('f', 0, ?, 't', x'', 1)",
                [reason],
            )
        old.conn.commit()
        old.close()
    connection.connect(path).close()
    with sqlite3.connect(path) as conn:
        got = dict(conn.execute("SELECT reason, code FROM failures"))
    assert got == {
        "no article text after cleaning": "no_text",
        "empty CSV file": "csv_empty",
        "cannot read: Permission denied": None,  # has a parameter: its text is kept and shown as stored
    }
    assert uploads.reason_text("vi", "no_text", "{}", "x") == "không còn nội dung bài sau khi làm sạch"
    assert uploads.reason_text("vi", None, None, "cannot read: x") == "cannot read: x"
    assert uploads.reason_text("vi", "code_of_a_later_version", "{}", "its text") == "its text"


def test_an_upload_run_reports_in_vietnamese(store):
    at = _open("vi")
    at.file_uploader(key="ing_files").set_value(
        [
            ("tốt.txt", "Tiêu đề bài\nSapo bài.\nThân bài.".encode(), "text/plain"),
            ("rỗng.txt", b"  \n", "text/plain"),
        ]
    )
    at.checkbox(key="ing_nlp").set_value(False)
    at.run()
    at.button(key="ing_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == ["Xong: mới: 1, không đổi/trùng: 0, lỗi: 1"]
    per_file, this_run = at.dataframe[0].value, at.dataframe[1].value
    assert set(per_file["tệp"]) == {"tốt.txt", "rỗng.txt"}
    assert list(this_run["lý do"]) == ["tệp rỗng"]


def test_the_uploader_states_the_servers_real_size_limit(store):
    previous = st.get_option("server.maxUploadSize")
    st.config.set_option("server.maxUploadSize", 37)
    try:
        caption = [c.value for c in _open("vi").caption]
        uploader_css = "".join(h.value for h in _open("vi").get("html"))
    finally:
        st.config.set_option("server.maxUploadSize", previous)
    assert "Kéo và thả tệp vào ô phía trên, hoặc bấm “Chọn tệp”. Tối đa 37 MB mỗi tệp." in caption
    assert "stFileUploaderDropzoneInstructions" in uploader_css and ".st-key-ing_files" in uploader_css


def test_css_strings_cannot_close_the_rule():
    assert uploads._css_string('Chọn "tệp"</style>') == '"Chọn \\22 tệp\\22 \\3c \\2f style\\3e "'


# --- in a real browser ----------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is absent")
def test_the_dropzone_speaks_vietnamese_and_its_button_still_opens_the_chooser(tmp_path, browser):
    db = build_store(tmp_path / "n.db", with_extraction=False)
    server = serve(db, "--server.fileWatcherType", "none")
    url = next(server)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(url + "/ingest?lang=vi")
        zone = page.locator('.st-key-ing_files [data-testid="stFileUploaderDropzone"]')
        zone.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        words = zone.inner_text().split()
        assert "Upload" not in words and "per file" not in zone.inner_text(), words
        button = zone.locator(":scope > span > button")
        assert button.evaluate("b => getComputedStyle(b, '::after').content") == '"Chọn tệp"'
        # While a file is dragged over the box, Streamlit's "Drag and drop files here" gives way to ours.
        dt = page.evaluate_handle(
            "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.txt')); return d; }"
        )
        zone.dispatch_event("dragenter", {"dataTransfer": dt})
        overlay = zone.locator(":scope > div:not([data-testid])")
        overlay.wait_for(timeout=10_000)
        assert "Drag and drop" not in zone.inner_text()
        assert overlay.evaluate("d => getComputedStyle(d, '::after').content") == '"Thả tệp vào đây"'
        zone.dispatch_event("dragleave", {"dataTransfer": dt})
        overlay.wait_for(state="detached", timeout=10_000)
        with page.expect_file_chooser(timeout=10_000) as chooser:
            button.click()
        assert chooser.value.is_multiple()
    finally:
        page.close()
        next(server, None)
