"""Datelines give day and month; a year only with stored evidence. One labelled case per quirk."""

from __future__ import annotations

import pytest

from core.dates import date_article, find_dateline, infer_year, parse_published
from core.models import DateInfo


@pytest.mark.parametrize(
    "opening,expected",
    [
        ("Ngày 24/11, Tổng Thư ký NATO tuyên bố", (24, 11, None)),  # seed 000: no year
        ("Hà Nội, 3/4 - Bộ Ngoại giao cho biết", (3, 4, None)),  # place dateline
        ("Moskva, 9/7 — Điện Kremlin cho biết", (9, 7, None)),
        ("Tổng thống đã phát biểu hôm qua (ngày 4/4) tại Brussels", (4, 4, None)),  # parenthesised
        ("Sáng 6/2, thân bài", (6, 2, None)),  # time-of-day word
        ("Ngày 5/3/2018, cảnh sát Anh cho biết", (5, 3, 2018)),  # the dateline states the year
        ("Ngày 31/2, không có ngày này", None),  # impossible date: no dateline
        ("Ngày 29/2, năm nhuận", (29, 2, None)),  # possible in some year: kept
        ("Giá xăng tăng 3/4 lần so với năm ngoái", None),  # a fraction, not a date
    ],
)
def test_datelines(opening, expected):
    d = find_dateline([opening])
    assert (None if d is None else (d.day, d.month, d.year)) == expected
    if d:
        assert d.source == "dateline" and d.evidence.startswith("dateline:")


def test_anniversary_infers_the_year_with_evidence():
    text = (
        "Ngày 4/4, Tổng Thư ký NATO tới thăm Canada, đúng dịp kỷ niệm 69 năm thành lập liên minh quân sự này."
    )
    d = infer_year(text, DateInfo(4, 4, None, "dateline", "dateline: Ngày 4/4"))
    assert (d.iso, d.source) == ("2018-04-04", "inferred")
    assert "NATO" in d.evidence and "1949" in d.evidence


def test_anniversary_of_an_unknown_subject_infers_nothing():
    text = "Ngày 4/4, công ty kỷ niệm 20 năm thành lập."
    d = infer_year(text, DateInfo(4, 4, None, "dateline", "x"))
    assert d.year is None and d.source == "dateline"


def test_well_known_event_within_its_window():
    text = "Ngày 26/3, Mỹ trục xuất 60 nhà ngoại giao Nga sau vụ đầu độc cựu điệp viên Sergei Skripal."
    d = infer_year(text, DateInfo(26, 3, None, "dateline", "dateline: Ngày 26/3"))
    assert d.year == 2018 and "Skripal" in d.evidence


def test_event_outside_its_window_infers_nothing():
    text = "Ngày 24/11, ông nhắc lại vụ đầu độc Skripal."
    assert infer_year(text, DateInfo(24, 11, None, "dateline", "x")).year is None


def test_a_later_year_in_the_text_cancels_the_inference():
    text = "Ngày 10/3, một năm sau vụ Skripal, năm 2019 Anh vẫn điều tra."
    assert infer_year(text, DateInfo(10, 3, None, "dateline", "x")).year is None


def test_metadata_wins_over_dateline():
    d = date_article("2019-08-02T10:00:00Z", ["Ngày 24/11, ..."], "")
    assert (d.iso, d.source) == ("2019-08-02", "metadata")


def test_unparseable_metadata_falls_back_to_dateline():
    d = date_article("không rõ", ["Ngày 24/11, ..."], "")
    assert (d.day, d.month, d.year, d.source) == (24, 11, None, "dateline")


def test_no_date_at_all():
    assert date_article(None, ["Không có ngày tháng"], "") == DateInfo()


def test_published_formats():
    assert parse_published("2024-07-10").iso == "2024-07-10"
    assert parse_published("10/07/2024").iso == "2024-07-10"
    assert parse_published("") is None
