"""Dates from the archive's order (core.store.archive_dates): a bulk-imported file without a dateline is dated by
its neighbours by file number, once the store shows that numbers follow dates; a bulk-imported file's dateline
that is an event's date is rejected by the same neighbours. Team-written archives of numbered files, ingested
with a sidecar in which 600 rows share one collection time (a bulk import, data/dates.yaml bulk_batch)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from core.app.tables import evidence_text
from core.ingest.run import main
from core.store import archive_dates, connection
from tests.test_language import ENGLISH_PHRASES

BULK = "2017-05-08T17:13:39+07:00"
DATED = 60  # data/dates.yaml archive_order.min_dated is 50


def _dated(i: int) -> str:
    """File i of the dated run: six files a day from 1 February 2017, each opening with its dateline."""
    day = 1 + i // 6
    return (
        f"Tin trong nước số {i}\n"
        f"Ngày {day}/2, ủy ban nhân dân thành phố họp bàn kế hoạch số {i} về giao thông.\n"
        "Các đại biểu thống nhất triển khai kế hoạch trong tháng này.\n"
    )


UNDATED = (
    "Giá lúa tăng mạnh ở đồng bằng\n"
    "Nông dân các tỉnh miền Tây phấn khởi vì giá lúa tăng.\n"
    "Thương lái thu mua lúa với giá cao hơn tuần trước.\n"
)
RECALLED = (
    "Đám cưới của cặp diễn viên nổi tiếng\n"
    "Ngày 9/1, cặp diễn viên tổ chức đám cưới tại một nhà thờ nhỏ ở ngoại ô.\n"
    "Một tháng sau, hai người lần đầu kể về cuộc sống hôn nhân.\n"
)


def _archive(tmp_path: Path, numbers: list[int]) -> tuple[Path, Path]:
    """The dated run under `numbers` (file i named numbers[i]), an undated file at 1205, one whose dateline
    recalls an event a month back at 1305 (1315: with its year written), an undated one crawled within hours (1405), and one crawled within
    hours whose dateline recalls an event three weeks back (1505)."""
    folder = tmp_path / "archive"
    folder.mkdir()
    for i, n in enumerate(numbers):
        (folder / f"{n}.txt").write_text(_dated(i), encoding="utf-8")
    (folder / "1205.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "1305.txt").write_text(RECALLED, encoding="utf-8")
    (folder / "1315.txt").write_text(
        RECALLED.replace("9/1", "29/11/2016").replace("diễn viên", "ca sĩ"), encoding="utf-8"
    )
    (folder / "1405.txt").write_text(UNDATED.replace("lúa", "cà phê"), encoding="utf-8")
    (folder / "1505.txt").write_text(RECALLED.replace("9/1", "20/1"), encoding="utf-8")
    rows = [f"{n},{BULK}" for n in range(1000, 1600) if n not in (1405, 1505)]
    crawled = "1405,2017-02-07T10:00:00+07:00\n1505,2017-02-09T10:00:00+07:00\n"
    side = tmp_path / "crawl.csv"
    side.write_text("id,crawled_at\n" + "\n".join(rows) + "\n" + crawled, encoding="utf-8")
    return folder, side


def _ingest(tmp_path: Path, numbers: list[int]) -> Path:
    folder, side = _archive(tmp_path, numbers)
    db = tmp_path / "news.db"
    assert (
        main(["--db", str(db), "--quiet", "--no-nlp", "--workers", "1", "--meta", str(side), str(folder)])
        == 0
    )
    return db


def _dates(db: Path) -> dict[str, tuple]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT origin, adate, date_source, date_evidence FROM articles").fetchall()
    finally:
        conn.close()
    return {Path(o).stem: (adate, source, evidence) for o, adate, source, evidence in rows}


IN_ORDER = [1000 + 10 * i for i in range(DATED)]


def test_a_bulk_imported_file_without_a_dateline_takes_its_neighbours_dates(tmp_path):
    dates = _dates(_ingest(tmp_path, IN_ORDER))
    # Before 1205: files 1160-1200 of 3-4 February (median the 4th); after: 1210-1250 of 4-5 February (the 4th).
    adate, source, evidence = dates["1205"]
    assert (adate, source) == ("2017-02-04", "neighbours")
    assert "before it came out on 2017-02-04" in evidence and "after on 2017-02-04" in evidence
    assert (
        "files 1160–1250" in evidence and "bulk import" in evidence
    )  # the import's bound stays in the evidence
    shown = evidence_text(evidence, "vi")
    assert "1160–1250" in shown and not [p for p in ENGLISH_PHRASES if p in shown], shown
    # A file crawled within hours keeps its crawl's bound; dated files keep their datelines.
    assert dates["1405"][:2] == ("2017-02-07", "crawled")
    assert dates["1000"][:2] == ("2017-02-01", "dateline+crawl")
    assert dates["1590"][:2] == ("2017-02-10", "dateline+crawl")


def test_a_bulk_imported_files_dateline_recalling_an_event_is_rejected(tmp_path):
    """ "Ngày 9/1" opens a story filed among 6 February's: the wedding's day, not the story's."""
    dates = _dates(_ingest(tmp_path, IN_ORDER))
    adate, source, evidence = dates["1305"]
    assert (adate, source) == ("2017-02-06", "neighbours")
    assert (
        "dateline: Ngày 9/1" in evidence and "2017-01-09 rejected: its neighbours in the archive" in evidence
    )
    assert "ngày 2017-01-09 bị loại" in evidence_text(evidence, "vi")
    # A year written in the dateline is no better: "Ngày 29/11/2016" in a story filed among 6 February's.
    adate, source, evidence = dates["1315"]
    assert (adate, source) == ("2017-02-06", "neighbours") and "2016-11-29 rejected" in evidence


def test_a_crawled_files_dateline_recalling_an_event_gives_way_to_its_crawl(tmp_path):
    """ "Ngày 20/1" in a story crawled on 9 February within hours of publication, filed among 9-10 February's: the
    one-file test (30 days) lets it stand, its neighbours do not; the crawl's bound stands instead."""
    adate, source, evidence = _dates(_ingest(tmp_path, IN_ORDER))["1505"]
    assert (adate, source) == ("2017-02-09", "crawled")
    assert "2017-01-20 rejected: its neighbours in the archive" in evidence


def test_numbers_that_do_not_follow_dates_date_nothing(tmp_path):
    """The same files under numbers drawn at random: the order says nothing, and the bulk bound stands."""
    numbers = list(IN_ORDER)
    random.Random(3).shuffle(numbers)
    dates = _dates(_ingest(tmp_path, numbers))
    assert dates["1205"][:2] == (None, "crawled_bulk")  # on or before the import: not placed
    assert dates["1305"][:2] == ("2017-01-09", "dateline+crawl")  # nothing to judge the dateline by
    assert not any(source == "neighbours" for _, source, _ in dates.values())


def test_dating_is_stable_and_an_analysts_date_wins(tmp_path):
    from core.store import corrections

    db_path = _ingest(tmp_path, IN_ORDER)
    db = connection.connect(db_path)
    try:
        assert archive_dates.apply(db) == 0  # applied once, nothing left to change
        undated = db.execute("SELECT id FROM articles WHERE origin LIKE '%1205.txt'").fetchone()[0]
        corrections.set_article_date(db, undated, year=2017, month=2, day=3, who="analyst", why="the story")
        # A later ingest (more files of the archive) dates by the order again; the analyst's date stays.
        extra = tmp_path / "more"
        extra.mkdir()
        (extra / "1595.txt").write_text(UNDATED.replace("lúa", "tiêu"), encoding="utf-8")
    finally:
        db.close()
    side = tmp_path / "crawl.csv"
    assert (
        main(["--db", str(db_path), "--quiet", "--no-nlp", "--workers", "1", "--meta", str(side), str(extra)])
        == 0
    )
    dates = _dates(db_path)
    assert dates["1205"][:2] == ("2017-02-03", "analyst")
    assert dates["1305"][:2] == ("2017-02-06", "neighbours")
    assert dates["1595"][:2] == (None, "crawled_bulk")  # no dated file after it: no bracket, not placed


def test_a_date_from_neighbours_is_never_after_the_file_was_collected():
    """Neighbours of 6-7 February bracket a file collected on the afternoon of the 6th: the 6th, not the 7th."""
    import datetime as dt

    from core.text.dates import BULK_NOTE
    from core.text.meta import parse_time

    def row(i: int, key: int, day: int | None, source: str, crawled: str) -> archive_dates.Row:
        date = dt.date(2017, 2, day) if day else None
        note = f"no dateline; crawled {crawled} (collected with 1,182 other files at once: {BULK_NOTE})"
        return archive_dates.Row(i, key, source, date, parse_time(crawled), crawled, note)

    dated = [row(i, 1000 + 10 * i, 1 + i // 6, "dateline+crawl", BULK) for i in range(DATED)]  # as `_dated`
    undated = row(999, 1355, 6, "crawled_bulk", "2017-02-06T15:41:52+07:00")  # after the last file of the 6th
    (change,) = archive_dates.plan([*dated, undated])
    assert (change.article_id, change.date, change.source) == (999, dt.date(2017, 2, 6), "neighbours")
    assert "after on 2017-02-07" in change.evidence


def test_a_failed_dating_pass_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    """The pass writes dates and aggregates in one transaction: a failure in the middle (a full disk) keeps
    neither, so dates and counts never disagree."""
    db_path = _ingest(tmp_path, IN_ORDER)
    db = connection.connect(db_path)
    try:
        db.execute(
            "UPDATE articles SET date_source = 'crawled_bulk', year = 2017, month = 5, day = 8 "
            "WHERE origin LIKE '%1205.txt'"
        )
        before = _dates(db_path)

        def full_disk(*_):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(archive_dates, "reaggregate", full_disk)
        with pytest.raises(sqlite3.OperationalError):
            archive_dates.apply(db)
        assert _dates(db_path) == before
        monkeypatch.undo()
        assert archive_dates.apply(db) == 1
        assert _dates(db_path)["1205"][:2] == ("2017-02-04", "neighbours")
    finally:
        db.close()


@pytest.mark.parametrize(
    "origin, number",
    [("baomoi-2017/21455847.txt", 21455847), ("samples/001_7b4e.txt", None), ("feed.jsonl#12", None)],
)
def test_file_numbers(origin, number):
    assert archive_dates.file_number(origin) == number
