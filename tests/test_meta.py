"""Crawl metadata beside the text files (`--meta` sidecar CSV/JSONL) and what ingest makes of it.

A sidecar names each input file by id (the file's stem) or file name and gives any of published, crawled_at,
url, source, section. A bad sidecar is refused as a whole, naming its line, before anything is stored.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from core.ingest.run import main
from core.text.meta import FileMeta, MetaError, for_file, load_sidecar

CSV_HEADER = "id,crawled_at,url,section\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- parsing ------------------------------------------------------------------------------------------------


def test_csv_sidecar_keyed_by_id_finds_the_file_by_its_stem(tmp_path):
    side = _write(
        tmp_path / "crawl.csv",
        CSV_HEADER
        + "21455847,2017-02-06T15:41:52+07:00,https://example.org/a,thế giới\n"
        + "21395276,2017-05-08T17:13:39+07:00,,\n",
    )
    sidecar = load_sidecar(side)
    meta = for_file(sidecar, Path("archive/21455847.txt"))
    assert meta == FileMeta(
        crawled_at="2017-02-06T15:41:52+07:00", url="https://example.org/a", section="thế giới"
    )
    assert meta.crawled().year == 2017 and meta.crawled().month == 2
    # Empty cells are absent values, not empty strings.
    assert for_file(sidecar, Path("21395276.txt")).url is None
    assert for_file(sidecar, Path("99999999.txt")) is None


def test_each_row_knows_how_many_files_were_collected_at_its_instant(tmp_path):
    """A crawl saves tens of files at once, a bulk import thousands: the count is what tells them apart."""
    rows = "".join(f"{21400000 + i},2017-05-08T17:13:39+07:00,,\n" for i in range(3))
    side = _write(
        tmp_path / "crawl.csv", CSV_HEADER + rows + "21500000,2017-06-01T10:00:00+07:00,,\n21500001,,,\n"
    )
    sidecar = load_sidecar(side)
    assert [sidecar[k].batch for k in ("21400000", "21400002", "21500000", "21500001")] == [3, 3, 1, 1]


def test_jsonl_sidecar_keyed_by_file_name_with_blank_lines(tmp_path):
    rows = [
        {"file": "bai-mot.txt", "published": "2017-03-01", "source": "Báo A"},
        {"name": "bai-hai.txt", "crawled_at": "2017-06-01", "section": "quân sự"},
    ]
    side = _write(tmp_path / "m.jsonl", json.dumps(rows[0]) + "\n\n" + json.dumps(rows[1]) + "\n")
    sidecar = load_sidecar(side)
    assert for_file(sidecar, Path("x/bai-mot.txt")) == FileMeta(published="2017-03-01", source="Báo A")
    assert for_file(sidecar, Path("bai-hai.txt")).section == "quân sự"


def test_the_year_hint_reaches_every_file_with_or_without_a_row(tmp_path):
    sidecar = load_sidecar(_write(tmp_path / "m.csv", "id,url\n7,https://example.org/7\n"))
    assert for_file(sidecar, Path("7.txt"), 2017) == FileMeta(url="https://example.org/7", year_hint=2017)
    assert for_file(sidecar, Path("8.txt"), 2017) == FileMeta(year_hint=2017)


@pytest.mark.parametrize(
    "name,text,where,why",
    [
        ("m.csv", CSV_HEADER + "1,2017-05-01,,\n,2017-05-02,,\n", "m.csv:3:", "no id, file or name"),
        ("m.csv", CSV_HEADER + "1,2017-05-01,,\n2,3,,\n3,hôm qua,,\n", "m.csv:3:", "not an ISO 8601 time"),
        ("m.jsonl", '{"id": "1"}\n{"id": "2", \n', "m.jsonl:2:", "invalid JSON"),
        ("m.jsonl", '{"id": "1"}\n\n["2", "2017-01-01"]\n', "m.jsonl:3:", "a JSON object per line"),
        ("m.jsonl", '{"id": "1", "section": 5}\n', "m.jsonl:1:", "section must be text"),
        ("m.csv", "id,crawled_at\n", "m.csv:", "no rows"),
    ],
)
def test_a_bad_sidecar_names_its_line(tmp_path, name, text, where, why):
    with pytest.raises(MetaError) as err:
        load_sidecar(_write(tmp_path / name, text))
    assert str(err.value).startswith(where) and why in str(err.value)


def test_a_sidecar_that_is_not_utf8_is_refused_clearly(tmp_path):
    side = tmp_path / "m.csv"
    side.write_bytes("id,section\n1,thế giới\n".encode("utf-16"))
    with pytest.raises(MetaError, match=r"m\.csv: cannot read the sidecar"):
        load_sidecar(side)


def test_a_published_value_that_is_no_date_names_its_line(tmp_path):
    with pytest.raises(MetaError, match=r"m\.csv:3:"):
        load_sidecar(_write(tmp_path / "m.csv", "id,published\n1,2017-05-01\n2,hôm qua\n"))


# --- ingest -------------------------------------------------------------------------------------------------

ARTICLES = {
    # Dateline 24/11, crawled the next morning: the year comes from the crawl.
    "21000001.txt": (
        "NATO cảnh báo Nga về tập trận gần biên giới\n"
        "Ngày 24/11, Tổng Thư ký NATO Jens Stoltenberg cho biết liên minh lo ngại về cuộc tập trận của Nga.\n"
        "Ông Stoltenberg nói NATO sẽ theo dõi sát các hoạt động quân sự của Nga. Phía Nga bác bỏ lo ngại này.\n"
    ),
    # No dateline at all: the crawl day is only an upper bound.
    "21000002.txt": (
        "Giá lúa tăng mạnh ở đồng bằng\n"
        "Nông dân các tỉnh miền Tây phấn khởi vì giá lúa tăng.\n"
        "Thương lái thu mua lúa với giá cao hơn tuần trước. Nhiều hộ đã bán hết lúa trong kho.\n"
    ),
    # A dateline (Sáng 3/4) and, later in the text, the date of a past event (12/4/1961).
    "bao-tang.txt": (
        "Học sinh tham quan bảo tàng vũ trụ\n"
        "Sáng 3/4, học sinh của trường tới thăm bảo tàng vũ trụ của thành phố.\n"
        "Các em được nghe kể về chuyến bay của Yuri Gagarin vào ngày 12/4/1961. "
        "Ngày 12/4/1961 được coi là mốc mở đầu kỷ nguyên vũ trụ.\n"
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, text in ARTICLES.items():
        _write(folder / name, text)
    return folder


def _rows(db: Path) -> dict[str, dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute(
            "SELECT origin, published, day, month, year, date_source, date_evidence, crawled_at, url, section,"
            " relevant, relevance_evidence FROM articles"
        ).fetchall()
    finally:
        conn.close()
    return {Path(r["origin"]).name: dict(r) for r in rows}


def test_ingest_with_a_sidecar_completes_dates_and_stores_collection_fields(tmp_path):
    folder = _folder(tmp_path)
    side = _write(
        tmp_path / "crawl.csv",
        CSV_HEADER
        + "21000001,2017-11-25T08:00:00+07:00,https://example.org/nato,thế giới\n"
        + "21000002,2017-05-27T10:00:23+07:00,https://example.org/lua,kinh tế\n"
        + "bao-tang.txt,2017-04-05T09:30:00+07:00,,giáo dục\n",
    )
    db = tmp_path / "news.db"
    assert main(["--db", str(db), "--quiet", "--workers", "1", "--meta", str(side), str(folder)]) == 0
    rows = _rows(db)
    assert set(rows) == set(ARTICLES)

    nato = rows["21000001.txt"]
    assert (nato["published"], nato["date_source"]) == ("2017-11-24", "dateline+crawl")
    assert "24/11" in nato["date_evidence"] and "2017-11-25" in nato["date_evidence"]
    assert (nato["crawled_at"], nato["url"], nato["section"]) == (
        "2017-11-25T08:00:00+07:00",
        "https://example.org/nato",
        "thế giới",
    )
    assert nato["relevant"] == 1
    evidence = json.loads(nato["relevance_evidence"])
    assert evidence and any("NATO" in e["nato"] and "Nga" in e["russia"] for e in evidence)

    rice = rows["21000002.txt"]
    assert (rice["year"], rice["month"], rice["day"], rice["date_source"]) == (2017, 5, 27, "crawled")
    assert "upper bound" in rice["date_evidence"]
    assert rice["relevant"] == 0

    museum = rows["bao-tang.txt"]
    assert (museum["published"], museum["date_source"]) == ("2017-04-03", "dateline+crawl")
    assert "1961" not in (museum["published"] or "") and museum["year"] == 2017
    assert (museum["url"], museum["section"]) == (None, "giáo dục")


def test_ingest_with_a_year_hint_and_no_sidecar(tmp_path):
    folder = _folder(tmp_path)
    db = tmp_path / "news.db"
    assert (
        main(["--db", str(db), "--quiet", "--workers", "1", "--no-nlp", "--year-hint", "2017", str(folder)])
        == 0
    )
    rows = _rows(db)
    assert (rows["21000001.txt"]["published"], rows["21000001.txt"]["date_source"]) == (
        "2017-11-24",
        "dateline+hint",
    )
    assert rows["bao-tang.txt"]["published"] == "2017-04-03"
    # No dateline and no crawl time: the hint alone invents no day.
    assert (rows["21000002.txt"]["published"], rows["21000002.txt"]["day"]) == (None, None)


def test_ingest_refuses_a_bad_sidecar_before_storing_anything(tmp_path, capsys):
    folder = _folder(tmp_path)
    side = _write(tmp_path / "crawl.csv", CSV_HEADER + "21000001,2017-11-25,,\n21000002,mai,,\n")
    db = tmp_path / "news.db"
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(db), "--quiet", "--meta", str(side), str(folder)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "crawl.csv:3:" in err and "crawled_at 'mai'" in err
    assert "Traceback" not in err
    assert not db.exists() or _rows(db) == {}


def test_ingest_refuses_an_implausible_year_hint(tmp_path, capsys):
    folder = _folder(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(tmp_path / "n.db"), "--year-hint", "17", str(folder)])
    assert stop.value.code == 2
    assert "--year-hint" in capsys.readouterr().err
