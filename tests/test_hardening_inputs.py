"""Attacks on purpose, generated at test time: every bad input fails alone with one line, the rest is stored.

`make_attack_folder` writes >= 200 bad inputs (wrong types in every field, lone surrogates, deep nesting, huge
numbers, bad bytes, NULs, UTF-32, unbalanced quotes, empty files, special files, links out of the folder)
beside good files; the ingest must end with exit 1, exactly one FAILED line per bad input, every good
article stored and no traceback, with one worker and with two.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT

from core.app import context, uploads
from core.config import MAX_ARTICLE_BYTES

FIELDS = ("title", "text", "lede", "published", "url", "source")
# Raw JSON text for values no field may hold (each is a wrong type, or not valid text).
BAD_VALUES = {
    "int": "123",
    "float": "1.5",
    "true": "true",
    "false": "false",
    "list": '["a", "b"]',
    "object": '{"a": 1}',
    "nan": "NaN",
    "inf": "-Infinity",
    "surrogate": '"x\\ud800y"',
    "low_surrogate": '"\\udfff"',
    "nul": '"a\\u0000b"',
    "bigint": "1" * 5000,
    "deep": "[" * 100_000 + "]" * 100_000,
}


@dataclass
class Attack:
    folder: Path
    bad: list[str] = field(default_factory=list)  # a name each FAILED line must contain, one per bad input
    good_titles: set[str] = field(default_factory=set)
    n: int = 0

    def good(self) -> dict[str, str]:
        self.n += 1
        title = f"Bài tốt số {self.n}"
        self.good_titles.add(title)
        return {"title": title, "text": f"Nội dung riêng của bài tốt số {self.n}. Câu thứ hai."}

    def good_json(self) -> str:
        return json.dumps(self.good(), ensure_ascii=False)

    def jsonl(self, name: str, bad_line: bytes, utf16: bool = False) -> None:
        """Good line, the bad one, good line: only line 2 may fail."""
        path = self.folder / f"{name}.jsonl"
        data = self.good_json().encode() + b"\n" + bad_line + b"\n" + self.good_json().encode() + b"\n"
        path.write_bytes(codecs.BOM_UTF16_LE + data.decode().encode("utf-16-le") if utf16 else data)
        self.bad.append(f"{path.name}:2:")

    def csv(self, name: str, bad_row: bytes) -> None:
        path = self.folder / f"{name}.csv"
        g1, g2 = self.good(), self.good()
        path.write_bytes(
            b"title,text,published\n"
            + f'"{g1["title"]}","{g1["text"]}",\n'.encode()
            + bad_row
            + b"\n"
            + f'"{g2["title"]}","{g2["text"]}",2019-05-01\n'.encode()
        )
        self.bad.append(f"{path.name}:3:")

    def whole(self, name: str, data: bytes, line: int | None = None) -> None:
        path = self.folder / name
        path.write_bytes(data)
        self.bad.append(f"{name}:{line}:" if line else f"{name}:")


def make_attack_folder(root: Path) -> Attack:
    folder = root / "in"
    folder.mkdir()
    a = Attack(folder)
    # every field x every bad value (title/text null are bad too: they are required)
    for fld in FIELDS:
        for kind, value in BAD_VALUES.items():
            rec = {"title": "Tiêu đề", "text": "Nội dung bài."}
            line = json.dumps(rec, ensure_ascii=False)[:-1] + f', "{fld}": {value}}}'
            a.jsonl(f"field_{fld}_{kind}", line.encode())
            a.jsonl(f"utf16_{fld}_{kind}", line.encode(), utf16=True)
    for fld in ("title", "text"):
        a.jsonl(f"null_{fld}", json.dumps({"title": "T", "text": "X", fld: None}).encode())
        a.jsonl(f"blank_{fld}", json.dumps({"title": "T", "text": "X", fld: "  "}).encode())
    for kind, value in (
        ("year1", "0001-01-01"),
        ("year9999", "9999-12-31"),
        ("words", "không phải ngày"),
        ("month13", "2020-13-45"),
        ("long", "2020-01-01" * 20),
    ):
        a.jsonl(f"published_{kind}", json.dumps({"title": "T", "text": "X", "published": value}).encode())
    # records that are not objects, or not JSON
    for kind, line in {
        "array": b"[1, 2]",
        "string": b'"just a string"',
        "number": b"42",
        "null": b"null",
        "broken": b'{"title": "half',
        "trailing": b'{"title": "T", "text": "X"} extra',
        "deep_top": b"[" * 100_000 + b"]" * 100_000,
        "deep_obj": b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        "bigint_top": b"9" * 5000,
        "bad_byte": b'{"title": "T\xff", "text": "X"}',
        "cp1258": '{"title": "Tiêu", "text": "Thân bài"}'.encode("cp1258"),
        "raw_nul": b'{"title": "T\x00", "text": "X"}',
        "overlong": b'{"title": "T", "text": "' + b"a" * (MAX_ARTICLE_BYTES + 10) + b'"}',
    }.items():
        a.jsonl(f"line_{kind}", line)
    # CSV rows: each fails alone, on its own line
    for kind, row in {
        "extra_field": b'"T","X",2019-01-01,surplus',
        "missing_field": b'"T"',
        "bad_byte": b'"T\xff","X",',
        "nul": b'"T\x00","X",',
        "year1": b'"T","X",0001-01-01',
        "not_a_date": '"T","X",không rõ'.encode(),
        "empty_title": b'"","X",',
        "surrogate_bytes": b'"T\xed\xa0\x80","X",',
    }.items():
        a.csv(f"row_{kind}", row)
    # an unbalanced quote swallows the rest of the file: reported where it opened, the rows after it kept
    path = folder / "row_unbalanced.csv"
    g1, g2 = a.good(), a.good()
    path.write_text(
        f'title,text\n"{g1["title"]}","{g1["text"]}"\n"Hỏng","mở ngoặc không đóng\n"{g2["title"]}","{g2["text"]}"\n'
    )
    a.bad.append("row_unbalanced.csv:3:")
    # whole files
    text = "Tiêu đề\nSapo.\nThân bài."
    a.whole("empty.txt", b"")
    a.whole("spaces.txt", b"  \n\n ")
    a.whole("binary.bin", bytes(range(256)) * 8)
    a.whole("latin1.txt", "Tiêu\nSapo.\nThân bài.".encode("cp1258"))
    a.whole("utf32le.txt", codecs.BOM_UTF32_LE + text.encode("utf-32-le"))
    a.whole("utf32be.txt", codecs.BOM_UTF32_BE + text.encode("utf-32-be"))
    a.whole(
        "utf32le.jsonl", codecs.BOM_UTF32_LE + json.dumps({"title": "T", "text": "X"}).encode("utf-32-le")
    )
    a.whole("utf32.csv", codecs.BOM_UTF32_LE + "title,text\nT,X\n".encode("utf-32-le"))
    a.whole("utf16_nobom.txt", text.encode("utf-16-le"))
    a.whole("utf16_nul.txt", codecs.BOM_UTF16_LE + "Tiêu\x00đề\nSapo.\nThân bài.".encode("utf-16-le"))
    a.whole("nul_inside.txt", b"Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\nSapo.\nTh\x00an b\xc3\xa0i.")
    a.whole("title_only.txt", "Chỉ có tiêu đề".encode())
    a.whole("huge.txt", b"T\nS\n" + b"x" * (MAX_ARTICLE_BYTES + 1))
    a.whole("empty.jsonl", b"")
    a.whole("blank.jsonl", b"\n\n  \n")
    a.whole("empty.csv", b"")
    a.whole("header_only.csv", b"title,text\n", 1)
    a.whole("no_text_column.csv", b"title,body\nA,B\n", 1)
    a.whole("page.html", b"<!DOCTYPE html><html><body><nav>menu</nav></body></html>")
    # special files and links leaving the folder
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    a.bad.append("pipe.txt:")
    outside = root / "secret.txt"
    outside.write_text("Bí mật\nKhông được đọc.\nNội dung ngoài thư mục.")
    (folder / "link_out.txt").symlink_to(outside)
    (folder / "link_passwd.txt").symlink_to("/etc/passwd")
    (folder / "link_dev.txt").symlink_to("/dev/zero")
    (folder / "link_dir").symlink_to(root)
    a.bad += ["link_out.txt:", "link_passwd.txt:", "link_dev.txt:", "link_dir:"]
    # good files, some with hostile names, which are stored under a printable origin
    sub = folder / "sub"
    sub.mkdir()
    for name in ("plain.txt", "new\nline.txt", "tab\tname.txt", "x" * 240 + ".txt", "ứng dụng.txt"):
        g = a.good()
        (sub / name).write_text(f"{g['title']}\nSapo {a.n}.\n{g['text']}")
    g = a.good()
    os.makedirs(os.fsencode(sub) + b"/raw\xffbyte", exist_ok=True)
    with open(os.fsencode(sub) + b"/raw\xffbyte/bad\xfename.txt", "wb") as fh:
        fh.write(f"{g['title']}\nSapo.\n{g['text']}".encode())
    inner = a.good()
    (sub / "real.txt").write_text(f"{inner['title']}\nSapo.\n{inner['text']}")
    (sub / "link_inside.txt").symlink_to(sub / "real.txt")  # a link within the folder is read (same article)
    feed = folder / "good_feed.jsonl"
    feed.write_text("\n".join(a.good_json() for _ in range(5)) + "\n")
    return a


def run_ingest(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "core.ingest.run", "--quiet", "--no-nlp", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.parametrize("workers", ["1", "2"])
def test_generated_bad_inputs_fail_alone(tmp_path, workers):
    attack = make_attack_folder(tmp_path)
    assert len(attack.bad) >= 200
    db = tmp_path / "n.db"
    res = run_ingest("--workers", workers, "--db", str(db), str(attack.folder))
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    assert res.returncode == 1
    failed = [ln for ln in res.stderr.splitlines() if ln.startswith("FAILED ")]
    unexplained = [ln for ln in res.stderr.splitlines() if not ln.startswith("FAILED ")]
    assert not unexplained, unexplained[:5]
    for name in attack.bad:
        hits = [ln for ln in failed if f"/{name}" in ln]
        assert len(hits) == 1, (name, hits)
    assert len(failed) == len(attack.bad), sorted(
        set(failed) - {ln for ln in failed for n in attack.bad if n in ln}
    )
    conn = sqlite3.connect(db)
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    assert titles == attack.good_titles
    stored = " ".join(
        r[0] for r in conn.execute("SELECT title || lede || body || coalesce(source, '') FROM articles")
    )
    for leak in ("root:", "Bí mật", "['a', 'b']", "nan", "\x00"):
        assert leak not in stored
    origins = [r[0] for r in conn.execute("SELECT origin FROM origins")]
    assert all(o.isprintable() for o in origins)
    assert any("raw\\xffbyte/bad\\xfename.txt" in o for o in origins)
    assert any("new\\nline.txt" in o for o in origins)
    raws = b"".join(bytes(r[0] or b"") for r in conn.execute("SELECT raw FROM failures"))
    assert b"root:" not in raws
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert f"new: {len(attack.good_titles)}," in res.stdout


def test_special_paths_named_directly_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    fifo_txt = tmp_path / "fifo.txt"
    os.mkfifo(fifo_txt)
    res = run_ingest("--db", str(tmp_path / "n.db"), "/dev/zero", str(fifo), str(fifo_txt), str(tmp_path))
    assert "Traceback" not in res.stderr
    assert res.returncode == 1
    failed = [ln for ln in res.stderr.splitlines() if ln.startswith("FAILED ")]
    assert "FAILED /dev/zero: a character device, not a regular file; refused" in failed
    assert sum("fifo.jsonl" in ln and "FIFO" in ln for ln in failed) == 2  # named, and found in the folder
    assert sum("fifo.txt" in ln and "FIFO" in ln for ln in failed) == 2


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    """As root permissions do not stop a read, so the refusal of the operating system is simulated."""
    from core.text.parse import failure_text, scan

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("T\nS\nB")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = scan([tmp_path])
    assert [p.name for p in found.files] == ["a.txt"]
    (refused,) = found.refused
    assert refused.origin.endswith("/locked") and refused.reason == "cannot read folder: permission denied"
    # The system's reason is stored as its errno name, so the Vietnamese page says it in Vietnamese.
    assert refused.params == {"error": "EACCES"}
    assert failure_text(refused.code, refused.params, "vi") == (
        "không đọc được thư mục (lỗi hệ thống: không có quyền truy cập)"
    )


def test_a_fifty_kilobyte_sentence_reaches_ner_in_bounded_pieces(tmp_path, monkeypatch):
    """underthesea's NER is quadratic in a sentence's length; no piece handed to it may exceed the limit."""
    from core.config import MAX_SENTENCE_CHARS
    from core.nlp import pipeline
    from core.nlp import tokens as nlp
    from core.text.parse import iter_file

    clauses = [
        "Tổng thư ký NATO nói liên minh không muốn đối đầu với Nga",
        "Điện Kremlin cảnh báo đáp trả NATO",
    ]
    sentence = ", ".join(clauses[i % 2] + f" lần {i}" for i in range(1200))
    assert len(sentence.encode()) > 50_000 and "." not in sentence
    path = tmp_path / "one_sentence.txt"
    path.write_text(f"NATO và Nga\nNgày 4/4, NATO và Nga.\n{sentence}\n")
    (article,) = iter_file(path)
    seen: list[str] = []
    monkeypatch.setattr(nlp, "_ner", lambda: lambda text: seen.append(text) or [])
    extraction = pipeline.extract(article)
    assert extraction.relevant and len(seen) > 50_000 / MAX_SENTENCE_CHARS
    assert max(map(len, seen)) <= MAX_SENTENCE_CHARS
    body = [s for s in extraction.sentences if s.field == "body"]
    assert all(article.body[s.start : s.end] == s.text for s in body)
    assert "".join(s.text for s in body).replace(" ", "") == article.body.replace(" ", "")


def test_real_sentences_are_not_cut():
    from conftest import SEED_000, SEED_002

    from core.nlp.tokens import split_sentences
    from core.text.parse import iter_file

    for seed in (SEED_000, SEED_002):
        (article,) = iter_file(seed)
        for s in split_sentences(article):
            # every sentence of the seeds still ends where a sentence ends (or is a title/lede/paragraph end)
            text = getattr(article, s.field)
            assert s.end == len(text) or text[s.end - 1] in '.!?…"”)' or text[s.end] == "\n", s.text[-30:]


class _Upload(io.BytesIO):
    """What st.file_uploader hands the page: bytes with the name the user's browser sent."""

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name


def test_uploads_with_hostile_names_are_stored_under_printable_origins(tmp_path):
    from core.store import connection

    db = tmp_path / "n.db"
    connection.connect(db).close()
    names = ["..", "x" * 300 + ".txt", "a\nb.txt", "../../escape.jsonl", "con.csv"]
    files = [
        _Upload(names[0], "Bài một\nSapo.\nThân bài một.".encode()),
        _Upload(names[1], "Bài hai\nSapo.\nThân bài hai.".encode()),
        _Upload(names[2], "Bài ba\nSapo.\nThân bài ba.".encode()),
        _Upload(
            names[3], json.dumps({"title": "Bài bốn", "text": "Thân bài bốn."}, ensure_ascii=False).encode()
        ),
        _Upload(names[4], "title,text\nBài năm,Thân bài năm.\n".encode()),
    ]
    ctx = context.Ctx("ingest", db, "en", None)
    summary = uploads.ingest_uploads(ctx, files, nlp=False)
    assert (summary.new, summary.failed) == (5, 0), [str(f) for f in summary.failures]
    origins = {r[0] for r in sqlite3.connect(db).execute("SELECT origin FROM origins")}
    assert all(o.startswith("upload:") and o.isprintable() and len(o) <= 220 for o in origins), origins
    assert {"upload:..", "upload:a\\nb.txt", "upload:escape.jsonl#1", "upload:con.csv#1"} <= origins
    assert not (tmp_path / "escape.jsonl").exists()


def test_article_page_renders_a_bounded_excerpt_of_a_huge_body(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from core.config import VIEW_CHARS

    line = "Một dòng rất dài của bài báo khổng lồ, lặp lại để thử giới hạn hiển thị. " * 10
    body = "\n".join(f"{line}{i}" for i in range(2000))  # about 1.5 MB, within the article limit
    assert VIEW_CHARS * 10 < len(body) < MAX_ARTICLE_BYTES
    src = tmp_path / "huge.txt"
    src.write_text(f"Bài khổng lồ\nSapo.\n{body}\n")
    db = tmp_path / "n.db"
    assert run_ingest("--db", str(db), str(src)).returncode == 0
    monkeypatch.setenv("NEWS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/4_articles.py")
    at.query_params.update({"article": "1", "relevance": "all"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [h.value for h in at.get("html")] + [c.value for c in at.get("code")]
    assert any("Một dòng rất dài" in s for s in shown)
    assert max(map(len, shown)) < VIEW_CHARS * 2  # escaping and markup included
    notes = [c.value for c in at.caption if c.value.startswith("Showing the first")]
    assert len(notes) == 2, notes  # the body and the raw input
    for note in notes:
        shown_n, total_n = (int(n.replace(",", "")) for n in re.findall(r"[\d,]{2,}", note))
        assert shown_n <= VIEW_CHARS and total_n > len(body) * 0.99
