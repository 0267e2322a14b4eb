"""Articles dated only by a bulk import's time (date_source crawled_bulk, core.text.dates): thousands of files the
archive took in at once were published on or before that day, by weeks or months nobody knows. The timeline
leaves their statements off its points and counts (on the whole corpus, 448 statements of 85 articles piled on
8 May 2017 made a spike) and lists them apart with their bound; an analyst's date places them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from core.models import DateInfo
from core.read import timeline
from core.read.filters import Filters
from core.store import connection, corrections
from core.store import db as store
from tests.test_timeline_points import _article


@pytest.fixture()
def path(tmp_path) -> Path:
    """Two articles of three statements each: one dated 20/6/2017 by its metadata, one only by a bulk import
    of 8/5/2017."""
    p = tmp_path / "news.db"
    db = connection.connect(p)
    try:
        store.add_article(db, *_article(1, 20, 6, 3))
        bulk, ex = _article(2, 8, 5, 3)
        bulk = replace(bulk, date=DateInfo(8, 5, 2017, "crawled_bulk", "bulk import"))
        store.add_article(db, bulk, ex)
    finally:
        db.close()
    return p


def test_a_bulk_imports_statements_are_listed_apart_not_drawn(path):
    counts = timeline.statement_counts(path, Filters(), "month")
    assert counts.groupby("period")["n"].sum().to_dict() == {"2017-06-01": 3}  # no May bar
    points = timeline.statement_points(path, Filters())
    assert len(points) == 3 and set(points["date"]) == {"2017-06-20"}
    loose = timeline.loosely_dated_statements(path, Filters())
    assert len(loose) == 3 and loose.attrs["total"] == 3
    assert set(loose["on_or_before"]) == {"2017-05-08"}
    assert timeline.yearless_statements(path, Filters()).empty  # it has a year: a bound, not a missing one


def test_an_analysts_date_places_a_bulk_dated_article_on_the_timeline(path):
    db = connection.connect(path)
    try:
        bulk_id = db.execute("SELECT id FROM articles WHERE date_source = 'crawled_bulk'").fetchone()[0]
        corrections.set_article_date(
            db, bulk_id, year=2017, month=4, day=2, who="analyst", why="the story: 2 April"
        )
    finally:
        db.close()
    counts = timeline.statement_counts(path, Filters(), "month")
    assert counts.groupby("period")["n"].sum().to_dict() == {"2017-04-01": 3, "2017-06-01": 3}
    assert timeline.loosely_dated_statements(path, Filters()).empty


def test_date_ranges_and_attention_over_time_skip_a_bulk_imports_articles(path):
    """A range holding the import's day does not hold an article published some time before it; nor does the
    attention chart count it in that month. Without a range it is one of the articles, as always."""
    from core.read import articles, attention

    may = Filters(date_from="2017-05-01", date_to="2017-05-31", relevance="all")
    assert articles.count_articles(path, may) == 0
    assert articles.count_articles(path, Filters(relevance="all")) == 2
    att = attention.attention(path, Filters(relevance="all"), terms=("NATO",), period="month")
    months = {str(p)[:7] for p, n in zip(att["period"], att["total"], strict=True) if n}
    assert months == {"2017-06"}, att


def test_the_date_queue_offers_a_bulk_dated_article_and_reads_its_index(path):
    """An analyst's date is what places a bulk-dated article, so the date queue holds it (saying where its date
    came from), still reading its partial index rather than every article."""
    from core.read import review
    from core.store import connection as conn_mod

    queue = review.undated_articles(path, Filters(relevance="all"))
    assert (
        list(queue["date_source"]) == ["crawled_bulk"]
        and review.undated_total(path, Filters(relevance="all")) == 1
    )
    db = conn_mod.connect(path)
    try:
        plan = " ".join(
            str(r)
            for r in db.execute(
                "EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE a.relevant = 1 AND "
                "(a.year IS NULL OR a.month IS NULL OR a.day IS NULL OR a.date_source = 'crawled_bulk') "
                "ORDER BY a.year IS NOT NULL, a.id"
            ).fetchall()
        )
    finally:
        db.close()
    assert "idx_articles_undated" in plan  # the queue reads the partial index, not every article


def test_the_readers_date_form_starts_a_bulk_dated_article_from_the_year_alone(tmp_path, monkeypatch):
    """The reader's "Correct the date" on an article dated only by an import of 8 May 2017: 2017, no month, no day
    (the import's are no dateline and would be saved as if they were)."""
    import streamlit as st

    from tests.dashboard_fixtures import build_store
    from tests.test_bulk_dates import _page
    from tests.test_timeline_points import _article as dated

    path = build_store(tmp_path / "news.db")
    db = connection.connect(path)
    try:
        a, ex = dated(900, 8, 5, 2)
        a = replace(
            a,
            date=DateInfo(8, 5, 2017, "crawled_bulk", "bulk import"),
            crawled_at="2017-05-08T17:13:39+07:00",
        )
        article_id = store.add_article(db, a, ex)[0]
    finally:
        db.close()
    monkeypatch.setenv("NEWS_DB", str(path))
    st.cache_data.clear()
    at = _page("articles", article=str(article_id), relevance="all")
    assert at.number_input(key="ad_year").value == 2017
    assert not at.number_input(key="ad_month").value and not at.number_input(key="ad_day").value
    st.cache_data.clear()
