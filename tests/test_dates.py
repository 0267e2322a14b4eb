"""Datelines give day and month; a year only with stored evidence. One labelled case per quirk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.models import DateInfo
from core.text.dates import complete, date_article, find_dateline, infer_year, parse_published
from core.text.meta import FileMeta, for_file, load_sidecar
from core.text.parse import iter_file, parse_scraped


@pytest.mark.parametrize(
    "opening,expected",
    [
        ("Ngày 24/11, Tổng Thư ký NATO tuyên bố", (24, 11, None)),  # seed 000: no year
        ("Hà Nội, 3/4 - Bộ Ngoại giao cho biết", (3, 4, None)),  # place dateline
        ("Moskva, 9/7 — Điện Kremlin cho biết", (9, 7, None)),
        ("Tổng thống đã phát biểu hôm qua (ngày 4/4) tại Brussels", (4, 4, None)),  # parenthesised
        ("Sáng 6/2, thân bài", (6, 2, None)),  # time-of-day word
        ("Sáng nay, 6/2 (tức 10/1 tháng Giêng), hàng trăm người", (6, 2, None)),  # "this morning, 6/2"
        ("Ngày 5/3/2018, cảnh sát Anh cho biết", (5, 3, 2018)),  # the dateline states the year
        # Tuổi Trẻ, Thanh Niên, QĐND write day and month with a dash (49 relevant articles of the development corpus
        # had only their crawl time for it); a range of days "3-4/2" is no date
        ("Ngày 24-11, Tổng Thư ký NATO tuyên bố", (24, 11, None)),
        ("TTO - Nga và Mỹ ngày 3-2 đã hoàn tất thủ tục gia hạn", (3, 2, None)),
        ("Ngày 5-2-2021, Nga tuyên bố", (5, 2, 2021)),
        ("Trong hai ngày 3-4/2, hội nghị diễn ra ở Munich", None),
        ("Đội tuyển Nga thắng 3-2 trong trận đấu", None),
        # VnExpress's "hôm 24/2" after the subject, a weekday with the date in brackets
        ("Tổng thống Nga Vladimir Putin hôm 24/2 tuyên bố mở chiến dịch", (24, 2, None)),
        ("Hôm thứ Năm (24/2), Tổng thống Nga tuyên bố", (24, 2, None)),
        ("Người phát ngôn Điện Kremlin Dmitry Peskov hôm qua (23/2) cho biết", (23, 2, None)),
        ("Theo kế hoạch, hôm 8/2 hai bên sẽ ký thỏa thuận", None),
        # outlets' tags before the dateline
        ("TGVN. Ngày 3/12, Bộ Ngoại giao Nga cho biết", (3, 12, None)),
        ("QĐND Online - Ngày 24-1, NATO cho biết", (24, 1, None)),
        ("GD&TĐ - Sáng 8/2, thời tiết se lạnh", (8, 2, None)),
        ("Ngày 31/2, không có ngày này", None),  # impossible date: no dateline
        ("Ngày 29/2, năm nhuận", (29, 2, None)),  # possible in some year: kept
        ("Giá xăng tăng 3/4 lần so với năm ngoái", None),  # a fraction, not a date
        # A date announced as coming is an event of the story, not the day it was written:
        ("Theo kế hoạch, ngày 8/2, đoàn sẽ tới Moskva", None),
        ("Theo dự kiến, ngày 8/2 tới, hai bên sẽ ký thỏa thuận", None),
        ("Ngày 8/6 tới, ông Comey sẽ điều trần trước Thượng viện", None),
        ("Trong ngày 4/4, Bộ Ngoại giao Nga cho biết", (4, 4, None)),  # a past day in the opening: kept
        # The place of a place dateline is capitalised; "Đến nay, 6/7" is no place.
        ("Đến nay, 6/7 tỉnh đã hoàn thành", None),
        ("đến nay, 6/7 tỉnh đã hoàn thành", None),
    ],
)
def test_datelines(opening, expected):
    d = find_dateline([opening])
    assert (None if d is None else (d.day, d.month, d.year)) == expected
    if d:
        assert d.source == "dateline" and d.evidence.startswith("dateline:")


def test_a_date_opening_a_paragraph_beats_a_date_inside_an_earlier_sentence():
    """The lede recalls an event ("... phát biểu ngày 25/1 ..."), the body opens on its dateline ("Ngày 6/2, ..."):
    the dateline is the body's (116 development files changed date so, 18 of them from weeks before their crawl
    time to within two days of it)."""
    d = find_dateline(
        ["Ông Trump bị chỉ trích vì phát biểu ngày 25/1 về Nga.", "Ngày 6/2, Nhà Trắng cho biết."]
    )
    assert (d.day, d.month) == (6, 2)


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


# --- completing a date with what the archive knows beside the text (core.text.dates.complete, issue 10) -----------


def _text(lede: str, body: str = "Thân bài không có ngày tháng.") -> str:
    return f"Tiêu đề bài báo\n{lede}\n{body}\n"


def _completed(lede: str, body: str = "Thân bài không có ngày tháng.", **meta) -> DateInfo:
    article = parse_scraped(_text(lede, body), "21000001.txt")
    return complete(article, FileMeta(**meta) if meta else None).date


def test_dateline_plus_crawl_gives_the_year():
    d = _completed("Ngày 24/11, Tổng Thư ký NATO tuyên bố.", crawled_at="2017-11-25T08:00:00+07:00")
    assert (d.iso, d.source) == ("2017-11-24", "dateline+crawl")
    assert "24/11" in d.evidence and "2017-11-25" in d.evidence


def test_a_dateline_after_the_crawl_day_is_of_the_year_before():
    # The 2017-02-06 bulk import of baomoi-2017 (1,183 files at one instant): a loose bound, months back allowed.
    d = _completed(
        "Ngày 25/12, nhiều nước tổ chức lễ Giáng sinh.", crawled_at="2017-02-06T15:41:52+07:00", batch=1183
    )
    assert (d.iso, d.source) == ("2016-12-25", "dateline+crawl")


def test_a_coming_event_is_not_rolled_back_a_year_under_a_crawl_made_within_hours():
    # Crawled on 6 June by the two-hourly crawler: "ngày 13/6" is the coming match, not 13 June of the year before.
    d = _completed(
        "Đội tuyển tích cực tập luyện chuẩn bị cho trận đấu ngày 13/6 trên sân Amman.",
        crawled_at="2017-06-06T14:00:23+07:00",
        batch=40,
    )
    assert (d.iso, d.source) == ("2017-06-06", "crawled")
    assert "2016-06-13 rejected: 358 days before a crawl made within hours" in d.evidence
    assert "upper bound" in d.evidence


def test_a_dateline_after_the_crawl_announces_an_event():
    d = _completed("Từ ngày 21-7-2017, giá điện sinh hoạt sẽ tăng.", crawled_at="2017-06-08T20:00:41+07:00")
    assert (d.iso, d.source) == ("2017-06-08", "crawled")
    assert "2017-07-21 rejected: after the crawl" in d.evidence
    bulk = _completed(
        "Từ ngày 21-7-2017, giá điện sinh hoạt sẽ tăng.", crawled_at="2017-05-08T17:13:39+07:00", batch=7258
    )
    assert (bulk.iso, bulk.source) == ("2017-05-08", "crawled_bulk")


def test_a_dateline_days_before_a_crawl_stays_the_date():
    d = _completed(
        "Ngày 28/5, Bộ Quốc phòng Nga thông báo.", crawled_at="2017-06-07T10:00:00+07:00", batch=40
    )
    assert (d.iso, d.source) == ("2017-05-28", "dateline+crawl")


def test_without_a_dateline_the_crawl_day_is_an_upper_bound():
    d = _completed("Giá lúa tăng mạnh.", crawled_at="2017-05-27T10:00:23+07:00")
    assert (d.iso, d.source) == ("2017-05-27", "crawled")
    assert "upper bound" in d.evidence


def test_a_bulk_imports_time_is_a_loose_bound_said_as_such():
    """Thousands of files collected at one instant (7,258 on 2017-05-08 in baomoi-2017) were imported, not crawled:
    without a dateline the date is "crawled_bulk", which the timeline leaves out rather than pile months of news
    on one day; a dateline still gives its day and month, the bulk time only the year."""
    d = _completed("Giá lúa tăng mạnh.", crawled_at="2017-05-08T17:13:39+07:00", batch=7258)
    assert (d.iso, d.source) == ("2017-05-08", "crawled_bulk")
    assert "7,257 other files" in d.evidence and "loose" in d.evidence
    d = _completed(
        "Ngày 5/3, Bộ Quốc phòng Nga thông báo.", crawled_at="2017-05-08T17:13:39+07:00", batch=7258
    )
    assert (d.iso, d.source) == ("2017-03-05", "dateline+crawl")
    assert (
        _completed("Giá lúa tăng mạnh.", crawled_at="2017-05-27T10:00:23+07:00", batch=86).source == "crawled"
    )


def test_year_hint_completes_a_dateline_but_invents_no_day():
    assert (_completed("Ngày 3/4, Bộ Ngoại giao cho biết.", year_hint=2017).iso) == "2017-04-03"
    assert _completed("Ngày 3/4, Bộ Ngoại giao cho biết.", year_hint=2017).source == "dateline+hint"
    assert _completed("Giá lúa tăng mạnh.", year_hint=2017) == DateInfo()


def test_a_date_later_in_the_text_is_never_the_publication_date():
    body = "Các em nghe kể về chuyến bay của Gagarin. Ngày 12/4/1961 ông bay vào vũ trụ."
    lede = "Học sinh tới thăm bảo tàng, nơi trưng bày tàu vũ trụ. Tàu rời bệ phóng ngày 12/4/1961."
    d = parse_scraped(_text(lede, body), "x.txt").date
    assert d == DateInfo()
    d = _completed("Sáng 3/4, học sinh tới thăm bảo tàng.", body, crawled_at="2017-04-05T09:00:00+07:00")
    assert (d.iso, d.source) == ("2017-04-03", "dateline+crawl")


def test_a_dateline_year_outside_the_crawl_window_is_rejected_with_its_evidence():
    lede = "Ngày 12/4/1961, Liên Xô đưa Yuri Gagarin vào vũ trụ."
    d = _completed(lede, crawled_at="2017-04-13T08:00:00+07:00")
    assert d.year != 1961 and "1961 rejected" in d.evidence and "12/4/1961" in d.evidence
    assert d.source == "crawled"  # what is left is the crawl's upper bound, said as such
    # With no metadata at all the year must still be plausible (1990 onwards): nothing is kept but the reason.
    bare = _completed(lede)
    assert (bare.year, bare.iso) == (None, None) and "1961 rejected" in bare.evidence


def test_a_dateline_year_inside_the_window_is_kept():
    d = _completed(
        "Ngày 5/3/2017, Bộ Quốc phòng Nga thông báo.", crawled_at="2017-05-08T17:13:39+07:00", batch=7258
    )
    assert (d.iso, d.source) == ("2017-03-05", "dateline")


def test_an_inferred_year_outside_the_window_gives_way_to_the_crawl():
    lede = "Ngày 4/4, Tổng Thư ký NATO tới Canada, đúng dịp kỷ niệm 69 năm thành lập liên minh quân sự này."
    d = _completed(lede, crawled_at="2017-04-05T08:00:00+07:00")
    assert (d.iso, d.source) == ("2017-04-04", "dateline+crawl")
    assert "2018 rejected" in d.evidence


def test_a_source_tag_before_the_dateline():
    d = _completed("(TTXVN) Ngày 4/4, Bộ Ngoại giao Nga ra tuyên bố.", crawled_at="2017-04-05T08:00:00+07:00")
    assert (d.iso, d.source) == ("2017-04-04", "dateline+crawl")


@pytest.mark.parametrize(
    "stamp",
    [
        "Thứ hai, 22/3/2021, 08:00 (GMT+7)",
        "Cập nhật: 08:00 | 22/03/2021",
        "22-03-2021 - 08:00",
        "T2, ngày 22/3/2021 08:00 AM",
    ],
)
def test_a_pages_time_stamp_under_the_title_dates_the_article_and_is_no_lede(stamp):
    """Another outlet's layout: title, a time stamp line, the lede. The stamp gives the full date with its
    evidence and leaves the text; the lede is the paragraph after it, whose own "hôm qua" dates nothing."""
    text = (
        "NATO cảnh báo Nga về tập trận\n"
        + stamp
        + "\nTổng thư ký NATO Jens Stoltenberg hôm qua cảnh báo Nga.\n"
        "Ông Stoltenberg nói NATO sẽ bảo vệ mọi đồng minh.\nMinh Anh (Theo Reuters)"
    )
    article = parse_scraped(text, "a.txt")
    assert (article.date.iso, article.date.evidence) == ("2021-03-22", f"time stamp: {stamp}")
    assert article.lede.startswith("Tổng thư ký NATO")
    assert "08:00" not in article.lede + article.body and article.body.startswith("Ông Stoltenberg")
    # Opening the body (title, lede, stamp), it is taken out the same way.
    later = parse_scraped("NATO cảnh báo Nga\nNATO lên tiếng.\n" + stamp + "\nThân bài.", "b.txt")
    assert (later.date.iso, later.lede, later.body) == ("2021-03-22", "NATO lên tiếng.", "Thân bài.")


@pytest.mark.parametrize(
    "line",
    [
        "Ngày 16/4/2021, Nga tuyên bố trục xuất 10 nhà ngoại giao Mỹ.",  # a dateline opening a sentence
        "Hà Nội, 16/4/2021",  # a place: a dateline, not a page's stamp
        "16/4/2021 - 12/5/2021",  # two dates: a period
    ],
)
def test_a_line_saying_more_than_a_time_stamp_stays_text(line):
    article = parse_scraped("Tin Nga\n" + line + "\nThân bài.", "c.txt")
    assert article.lede == line and not (article.date.evidence or "").startswith("time stamp")


def test_a_real_tuoi_tre_stamp_gives_the_exact_day(corpus_dir, crawl_sidecar):
    """22261771 (Tuổi Trẻ through baomoi) has "13/05/2017 10:28 GMT+7" under its title: the day it was published,
    not the crawl time's upper bound."""
    path = corpus_dir / "22261771.txt"
    article = complete(next(iter_file(path)), for_file(crawl_sidecar, path))
    assert (article.date.iso, article.date.source) == ("2017-05-13", "dateline")
    assert article.lede.startswith("TTO - Sở Giao thông vận tải")


def test_a_published_date_in_the_sidecar_wins_over_dateline_and_crawl():
    d = _completed(
        "Ngày 24/11, Tổng Thư ký NATO tuyên bố.",
        published="2016-11-24",
        crawled_at="2017-02-06T15:41:52+07:00",
    )
    assert (d.iso, d.source) == ("2016-11-24", "metadata")
    assert d.evidence.startswith("sidecar")


@pytest.mark.xfail(
    strict=True,
    reason="any 'ngày d/m/yyyy' in the opening sentence counts as a dateline, so a birth date ('sinh ngày "
    "6/10/1993') becomes the publication date when no crawl time or year hint narrows the window (1990..today)",
)
def test_a_birth_date_in_the_opening_sentence_is_not_a_dateline():
    d = _completed("Người mẫu Colombia sinh ngày 6/10/1993 vừa thông báo tin vui với người hâm mộ.")
    assert d.iso != "1993-10-06"


# --- the real archive with its crawl sidecar (skipped when ../shared is absent) ------------------------------

# Corpus articles whose opening states the full date of a past event (a reign, a birth, a fire in 1657, a
# founding), found by grep for "ngày d/m/yyyy" with a year before 2016 in the lede: none is the publication date.
OLD_DATES_IN_THE_OPENING = {
    "21474150": 1952,  # "Ngày 6/2/1952 sau khi vua George VI từ trần ..."
    "22321779": 1947,  # "Ngày 20/5/1947, Bác Hồ ..."
    "22565444": 1657,  # "... trận hỏa hoạn tại thành Edo ... ngày 2/3/1657"
    "21477943": 1907,  # "... sinh ngày 9/2/1907 tại ..."
    "22553781": 1998,  # "Cảnh sát biển Việt Nam được thành lập ngày 28/8/1998"
    "22671521": 1975,  # "... thiết lập quan hệ ngoại giao ngày 23/9/1975"
    "22755082": 1993,  # "... sinh ngày 06/10/1993 tại Colombia"
}


CRAWL_SIDECAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "baomoi-2017.crawled.csv"


@pytest.fixture(scope="module")
def crawl_sidecar() -> dict[str, FileMeta]:
    if not CRAWL_SIDECAR.is_file():
        pytest.skip("shared corpus sidecar (../shared/corpus/baomoi-2017.crawled.csv) is absent")
    return load_sidecar(CRAWL_SIDECAR)


@pytest.mark.parametrize("article_id", sorted(OLD_DATES_IN_THE_OPENING))
def test_real_articles_never_take_an_old_event_date(article_id, corpus_dir, crawl_sidecar):
    path = corpus_dir / f"{article_id}.txt"
    article = next(iter_file(path))
    old = OLD_DATES_IN_THE_OPENING[article_id]
    d = complete(article, for_file(crawl_sidecar, path)).date
    assert d.year in (2016, 2017), d
    assert f"{old} rejected" in d.evidence  # the reason stays with the article
    # With only a year hint (an archive without metadata), no day is invented either.
    hinted = complete(article, FileMeta(year_hint=2017)).date
    assert hinted.year is None and f"{old} rejected" in hinted.evidence


def test_real_dateline_completed_by_the_crawl_time(corpus_dir, crawl_sidecar):
    """Every real article of this sample with a day/month dateline gets its year from the crawl, never later than
    it nor (these files came with the two-hourly crawler) a month before it; else the crawl's bound, said why."""
    seen = kept = 0
    for path in sorted(corpus_dir.glob("2260*.txt"))[:200]:
        article = next(iter_file(path))
        meta = for_file(crawl_sidecar, path)
        d = complete(article, meta).date
        assert d.year is None or d.year in (2016, 2017), (path.name, d)
        if article.date.source == "dateline" and article.date.year is None:
            seen += 1
            assert meta.batch < 500, "this id range came with the crawler, not a bulk import"
            crawled = meta.crawled().date()
            if d.source == "dateline+crawl":
                kept += 1
                published = dt.date.fromisoformat(d.iso)
                assert crawled - dt.timedelta(days=30) <= published <= crawled + dt.timedelta(days=1), (
                    path.name,
                    d,
                )
            else:
                assert d.source == "crawled" and "rejected" in d.evidence, (path.name, d)
    assert seen >= 20 and kept >= 0.9 * seen, (seen, kept)
