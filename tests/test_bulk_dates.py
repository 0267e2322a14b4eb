"""Dates for many articles at once (issue 11, part 5): a year (each article keeps its own day and month) or a
full date set on a selection, recorded as one batch of `article_date` corrections with who/why, replayed after
re-extraction and undone as one batch; the aggregates stay equal to a recount. The date form pre-fills from the
dateline and the crawl time (core.read.review.date_prefill)."""

from __future__ import annotations

import pytest

from core.models import DateInfo
from core.read import review
from core.store import connection, corrections, edits
from core.store import db as store
from tests.test_aggregates import NATO, NGA, article, recount, snapshot


def _dates(db, ids: list[int]) -> list[tuple]:
    return [
        tuple(edits.article_date_row(db, i)[k] for k in ("year", "month", "day", "published", "date_source"))
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
    assert [r["date_evidence"] for r in map(lambda i: edits.article_date_row(db, i), ids[:2])] == [
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


# --- the dashboard: bulk dates on the Articles page, the date form, the paged queues -----------------------

CRAWLED = "2017-01-03T08:00:00+07:00"
EXTRA_UNDATED = 45  # enough for three pages of the date queue
EXTRA_STATEMENTS = 25  # enough for several pages of the review queue


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """The dashboard fixture (article 3: dateline 24/11, no year, no crawl time) plus article 6: dateline
    28/12 crawled on 3 January 2017, relevant; 45 undated articles without extraction (only under "all");
    25 dated relevant articles with one statement each, whose stance nobody checked."""
    import dataclasses

    import streamlit as st

    from tests.dashboard_fixtures import build_store

    path = build_store(tmp_path / "news.db")
    db = connection.connect(path)
    a, ex = article(6, DateInfo(28, 12, None, "dateline", "dateline: Ngày 28/12"), [NATO, NGA])
    assert store.add_article(db, dataclasses.replace(a, crawled_at=CRAWLED), ex)[0] == 6
    for i in range(EXTRA_UNDATED):
        a, _ = article(100 + i, DateInfo(), [NATO])
        store.add_article(db, a)
    for i in range(EXTRA_STATEMENTS):
        store.add_article(
            db, *article(200 + i, DateInfo(4, 4, 2018, "metadata", "published: 2018-04-04"), [NGA])
        )
    db.close()
    monkeypatch.setenv("NEWS_DB", str(path))
    st.cache_data.clear()
    yield path
    st.cache_data.clear()


def _page(name: str, **params: str):
    from tests.test_pages import open_page

    at = open_page(name, lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _click(at, label: str):
    at = next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shown_dates(at) -> dict[int, str]:
    table = at.dataframe[0].value
    return dict(zip(table["id"].astype(int), table["date"], strict=True))


def _tick(at, ids: list[int]):
    table = at.dataframe[0].value
    order = [int(i) for i in table[table.columns[0]]]  # the id column, whatever its header's language
    at.session_state["art_table"] = {
        "selection": {"rows": [order.index(i) for i in ids], "columns": [], "cells": []}
    }
    return at.run()


def test_a_year_set_on_ticked_rows_changes_exactly_their_dates_and_undo_restores_them(app_db):
    at = _page("articles", relevance="all", source="TTXVN")
    before = _shown_dates(at)
    assert before[3] == "—" and 3 in before and len(before) >= 2
    other = next(i for i in before if i != 3)
    at = _tick(at, [3, other])
    assert any("Selected articles: 3, " in c.value for c in at.caption)
    at.number_input(key="bd_year").set_value(2016)
    at.text_input(key="bd_who").set_value("lan")
    at.text_input(key="bd_why").set_value("loạt tin TTXVN 2016")
    at = _click(at, "Set the date of 2 articles")
    assert [s.value for s in at.success] == ["Saved: 2 articles dated 2016 (own day and month kept)."]
    after = _shown_dates(at)
    assert after[3] == "2016-11-24"  # its dateline's day and month, the year set
    assert after[other].startswith("2016-") and after[other][4:] == (before[other] or "")[4:]
    assert {k: v for k, v in after.items() if k not in (3, other)} == {
        k: v for k, v in before.items() if k not in (3, other)
    }
    db = connection.connect(app_db)
    rows = [c for c in corrections.list_corrections(db) if c["what"] == "article_date"]
    assert sorted(c["target_id"] for c in rows) == sorted([3, other])
    assert {(c["who"], c["why"]) for c in rows} == {("lan", "loạt tin TTXVN 2016")}
    # the timeline reads the statements' dates: article 3's statements are on it now, in 2016
    assert {r[0] for r in db.execute("SELECT adate FROM statements WHERE article_id = 3")} == {"2016-11-24"}
    db.close()
    assert not any("Selected articles" in c.value for c in at.caption), "the ticks are cleared after a save"
    assert any("Tick rows in the table" in c.value for c in at.caption)
    at = _tick(at, [3])  # the form comes back empty (the name stays)
    assert at.number_input(key="bd_year").value is None and at.text_input(key="bd_why").value == ""
    assert at.text_input(key="bd_who").value == "lan"

    at = _click(at, "Undo this date")
    assert [s.value for s in at.success] == ["Undone: 2 articles have their earlier date back."]
    assert _shown_dates(at) == before
    db = connection.connect(app_db)
    assert {r[0] for r in db.execute("SELECT adate FROM statements WHERE article_id = 3")} == {None}
    db.close()


def test_a_full_date_for_every_article_the_filters_select_needs_the_confirming_tick(app_db):
    at = _page("articles", relevance="all", source="TTXVN")
    before = _shown_dates(at)
    at.radio(key="bd_scope").set_value("all").run()
    at.radio(key="bd_mode").set_value("date").run()
    n = len(before)
    at.number_input(key="bd_year").set_value(2017)
    at.number_input(key="bd_month").set_value(5)
    at.number_input(key="bd_day").set_value(9)
    at.text_input(key="bd_who").set_value("lan")
    at.text_input(key="bd_why").set_value("cùng một sự kiện")
    at = _click(at, f"Set the date of {n} articles")
    assert [w.value for w in at.warning] == ["Tick the box to confirm before dating every matching article."]
    assert _shown_dates(at) == before and at.number_input(key="bd_year").value == 2017  # nothing lost
    at.checkbox(key="bd_sure").check()
    at = _click(at, f"Set the date of {n} articles")
    assert _shown_dates(at) == dict.fromkeys(before, "2017-05-09")
    elsewhere = _page("articles", relevance="all", source="Tuổi Trẻ")
    assert "2017-05-09" not in set(_shown_dates(elsewhere).values())


def test_the_date_form_prefills_from_the_dateline_and_crawl_time_and_is_empty_after_saving(app_db):
    at = _page("overview")
    form = at.get("form")[0]
    assert form.proto.form.form_id == "dq_form" and not form.proto.form.enter_to_submit, (
        "Enter does not submit"
    )
    at.selectbox(key="dq_article").set_value(6).run()
    assert (at.number_input(key="dq_year").value, at.number_input(key="dq_month").value) == (2016, 12)
    assert at.number_input(key="dq_day").value == 28
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert any("dateline (28/12)" in c and f"crawl time ({CRAWLED})" in c for c in captions)
    at.selectbox(key="dq_article").set_value(3).run()
    assert at.number_input(key="dq_year").value is None, (
        "no crawl time: no year guessed (never 2017 by default)"
    )
    assert (at.number_input(key="dq_month").value, at.number_input(key="dq_day").value) == (11, 24)

    at.selectbox(key="dq_article").set_value(6).run()
    at.text_input(key="dq_who").set_value("lan")
    at.text_input(key="dq_why").set_value("dateline 28/12, crawled 3/1/2017")
    at = _click(at, "Save date")
    assert any("article 6 dated 2016-12-28" in s.value for s in at.success)
    assert 6 not in set(at.dataframe[1].value["id"])
    assert at.selectbox(key="dq_article").value == 3
    assert at.text_input(key="dq_why").value == "" and at.text_input(key="dq_who").value == "lan"
    assert at.number_input(key="dq_year").value is None and at.number_input(key="dq_month").value == 11

    at = _click(at, "Undo this date")
    assert any("1 articles have their earlier date back" in s.value for s in at.success)
    assert 6 in set(at.dataframe[1].value["id"])


def test_the_reader_corrects_the_open_articles_date(app_db):
    at = _page("articles", article="6")
    assert at.number_input(key="ad_year").value == 2016 and at.number_input(key="ad_day").value == 28
    at.number_input(key="ad_year").set_value(2016)
    at.text_input(key="ad_who").set_value("lan")
    at = _click(at, "Save date")
    assert any("article 6 dated 2016-12-28" in s.value for s in at.success)
    assert any("Date: 2016-12-28" in m.value.replace("\\", "") for m in at.markdown)


def _range(at) -> str:
    return next(c.value for c in at.caption if " of " in c.value and "–" in c.value)


def test_the_date_queue_shows_its_total_and_pages_through_it(app_db):
    total = 3 + EXTRA_UNDATED  # articles 3, 4 and 6, and the undated extras
    at = _page("overview", relevance="all")
    assert _range(at) == f"1–20 of {total}"
    first = list(at.dataframe[1].value["id"])
    at = _click(at, "Next")
    assert _range(at) == f"21–40 of {total}" and at.query_params["page"] == "2"
    assert not set(first) & set(at.dataframe[1].value["id"])
    at.number_input(key="page").set_value(3).run()
    assert _range(at) == f"41–{total} of {total}" and len(at.dataframe[1].value) == total - 40
    at = _click(at, "Previous")
    assert _range(at) == f"21–40 of {total}"
    assert _range(_page("overview", relevance="all", page="3")) == f"41–{total} of {total}"  # a link's page
    assert _range(_page("overview")) == "1–2 of 2", "the relevant articles only: 3 and 6"


def test_the_review_queue_shows_its_total_and_pages_through_it(app_db):
    at = _page("review")
    total = int(_range(at).rsplit(" of ", 1)[1].replace(",", ""))
    assert total >= EXTRA_STATEMENTS and _range(at) == f"1–10 of {total}"
    seen = {m.value for m in at.markdown}
    at = _click(at, "Next")
    assert _range(at) == f"11–20 of {total}" and at.query_params["page"] == "2"
    assert {m.value for m in at.markdown} != seen
    at.selectbox(key="n").set_value(50).run()  # another page size starts from the first page
    assert _range(at) == f"1–{total} of {total}" and "page" not in at.query_params


def test_the_new_widgets_speak_vietnamese(app_db):
    from tests.test_pages import open_page

    at = open_page("overview", lang="vi", relevance="all")
    assert not at.exception
    assert "1–20 trên tổng số 48" in [c.value for c in at.caption]
    assert {"Trang trước", "Trang sau", "Lưu ngày"} <= {b.label for b in at.button}
    at = open_page("articles", lang="vi", relevance="all", source="TTXVN")
    at = _tick(at, [3])
    assert "Đặt ngày cho 1 bài" in {b.label for b in at.button}
    assert at.radio(key="bd_mode").options == [
        "năm (mỗi bài giữ ngày và tháng của mình)",
        "cùng một ngày đầy đủ cho tất cả",
    ]
