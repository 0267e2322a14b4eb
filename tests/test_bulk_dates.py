"""Dates for many articles at once (issue 11, part 5): a year (each article keeps its own day and month) or a
full date set on a selection, recorded as one batch of `article_date` corrections with who/why, replayed after
re-extraction and undone as one batch; the aggregates stay equal to a recount. The date form pre-fills from the
dateline and the crawl time (core.read.review.date_prefill)."""

from __future__ import annotations

import pytest

from core.models import DateInfo
from core.read import review
from core.store import corrections
from core.store import db as store
from tests.test_aggregates import NATO, NGA, article, recount, snapshot


def _dates(db, ids: list[int]) -> list[tuple]:
    return [
        tuple(store.article_date_row(db, i)[k] for k in ("year", "month", "day", "published", "date_source"))
        for i in ids
    ]


def _four(db) -> tuple[list[int], list]:
    """Three year-less datelines (24/11, 3/4, none) and one article dated by its metadata."""
    dates = [
        DateInfo(24, 11, None, "dateline", "dateline: Ngày 24/11"),
        DateInfo(3, 4, None, "dateline", "dateline: Ngày 3/4"),
        DateInfo(),
        DateInfo(4, 4, 2018, "metadata", "published: 2018-04-04"),
    ]
    ids, exs = [], []
    for i, d in enumerate(dates):
        a, ex = article(i, d, [NATO, NGA])
        ids.append(store.add_article(db, a, ex)[0])
        exs.append(ex)
    return ids, exs


def test_a_year_for_many_keeps_each_articles_day_and_month_and_undoes_as_one_batch(db):
    ids, exs = _four(db)
    before = _dates(db, ids)
    batch = corrections.set_article_dates(db, ids[:3], year=2017, who="lan", why="loạt bài TTXVN năm 2017")
    assert _dates(db, ids) == [
        (2017, 11, 24, "2017-11-24", "analyst"),
        (2017, 4, 3, "2017-04-03", "analyst"),
        (2017, None, None, None, "analyst"),
        before[3],  # not selected: untouched
    ]
    rows = [c for c in corrections.list_corrections(db) if c["what"] == "article_date"]
    assert [c["target_id"] for c in rows] == ids[:3]
    assert {(c["who"], c["why"]) for c in rows} == {("lan", "loạt bài TTXVN năm 2017")}
    assert snapshot(db) == recount(db)
    # statements carry the article's date, so the timeline moves with it
    assert (
        db.execute("SELECT adate FROM statements WHERE article_id = ?", [ids[0]]).fetchone()[0]
        == "2017-11-24"
    )

    store.save_extraction(db, ids[0], exs[0])  # re-extraction: the batch is replayed
    assert _dates(db, ids[:1]) == [(2017, 11, 24, "2017-11-24", "analyst")]

    assert corrections.undo_batch(db, batch, who="lan", why="nhầm năm") == 3
    assert _dates(db, ids) == before
    assert [r["date_evidence"] for r in map(lambda i: store.article_date_row(db, i), ids[:2])] == [
        "dateline: Ngày 24/11",
        "dateline: Ngày 3/4",
    ]
    assert snapshot(db) == recount(db)
    store.save_extraction(db, ids[0], exs[0])  # an undone batch is never replayed
    assert _dates(db, ids) == before
    with pytest.raises(ValueError, match="left to undo"):
        corrections.undo_batch(db, batch, who="lan")


def test_a_full_date_for_many_and_an_earlier_correction_comes_back_after_the_undo(db):
    ids, _ = _four(db)
    corrections.set_article_date(db, ids[1], year=2016, month=4, day=3, who="minh", why="dateline + crawl")
    batch = corrections.set_article_dates(
        db, ids[:2], year=2017, month=5, day=9, who="lan", why="cùng sự kiện"
    )
    assert _dates(db, ids[:2]) == [(2017, 5, 9, "2017-05-09", "analyst")] * 2
    corrections.undo_batch(db, batch, who="lan")
    assert _dates(db, ids[:2]) == [(None, 11, 24, None, "dateline"), (2016, 4, 3, "2016-04-03", "analyst")]
    assert snapshot(db) == recount(db)


def test_one_date_correction_is_undone_by_its_id(db):
    ids, _ = _four(db)
    corrections.set_article_date(db, ids[0], year=2017, month=11, day=24, who="lan", why="dateline")
    cid = corrections.list_corrections(db)[-1]["id"]
    corrections.undo(db, cid, who="lan", why="misread")
    assert _dates(db, ids[:1]) == [(None, 11, 24, None, "dateline")]


def test_bad_bulk_dates_are_refused_before_anything_is_written(db):
    ids, _ = _four(db)
    leap = store.add_article(
        db, *article(9, DateInfo(29, 2, None, "dateline", "dateline: Ngày 29/2"), [NATO])
    )[0]
    before = _dates(db, [*ids, leap])
    with pytest.raises(ValueError, match=rf"article {leap}: 2017-02-29 is not a date"):
        corrections.set_article_dates(db, [ids[0], leap], year=2017, who="lan")
    with pytest.raises(ValueError, match="no article with id 999"):
        corrections.set_article_dates(db, [ids[0], 999], year=2017, who="lan")
    with pytest.raises(ValueError, match="name"):
        corrections.set_article_dates(db, ids, year=2017, who=" ")
    with pytest.raises(ValueError, match="no articles"):
        corrections.set_article_dates(db, [], year=2017, who="lan")
    with pytest.raises(ValueError, match="February 2017 has 28 days"):
        corrections.set_article_dates(db, ids, year=2017, month=2, day=31, who="lan")
    assert _dates(db, [*ids, leap]) == before
    assert corrections.list_corrections(db) == []
    assert corrections.set_article_dates(db, [leap], year=2016, who="lan")  # 2016 has a 29 February


@pytest.mark.parametrize(
    ("day", "month", "crawled", "expected"),
    [
        (24, 11, "2017-11-25T08:00:00+07:00", (2017, 11, 24)),  # on or before the crawl: that year
        (28, 12, "2017-01-03T08:00:00+07:00", (2016, 12, 28)),  # after the crawl day: the year before
        (29, 2, "2017-03-01T08:00:00+07:00", (2016, 2, 29)),  # 2017 has no 29 February
        (None, None, "2017-05-27", (2017, None, None)),  # no dateline: the crawl year, nothing more
        (24, 11, None, (None, 11, 24)),  # no crawl time: the year stays for the analyst
        (24, 11, "not a time", (None, 11, 24)),
        (None, None, None, (None, None, None)),
    ],
)
def test_the_date_form_prefill_follows_the_dateline_and_the_crawl_time(day, month, crawled, expected):
    assert review.date_prefill(day, month, crawled) == expected
