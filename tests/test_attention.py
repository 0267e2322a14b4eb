"""Attention over time: the share of the period's articles matching a term or naming an entity, counted by
hand on the dashboard fixture store (plus two articles of March 2018), and the Timeline page's section."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.app import entity_charts, outputs
from core.models import Article, DateInfo
from core.read import attention
from core.read.filters import Filters
from core.store import connection
from core.store import db as store
from tests.dashboard_fixtures import NATO, RUSSIA, _build, build_store

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
REL = Filters(relevance="relevant")
ALL = Filters()


@pytest.fixture
def db(tmp_path) -> Path:
    """The fixture store (relevant and dated: a1 2018-03-10, a5 2018-11-20, a2 2019-07-05; a3 has no year,
    a4 is off-topic and undated) plus a relevant article of 2018-03-20 naming Russia only and an off-topic
    one of 2018-03-25 with "NATO" in its text."""
    path = build_store(tmp_path / "news.db")
    extra = [
        ("Nga và Ukraine đàm phán", "Ngoại trưởng Nga gặp Ukraine tại Minsk", 20, True, [(RUSSIA, "Nga")]),
        (
            "Giải chạy NATO",
            "Giải chạy mang tên NATO ở Hà Nội thu hút nhiều người",
            25,
            False,
            [(NATO, "NATO")],
        ),
    ]
    conn = connection.connect(path)
    try:
        for title, body, day, relevant, mentions in extra:
            ex = _build(title, body, mentions, [])
            ex = type(ex)(ex.sentences, ex.mentions, ex.statements, relevant=relevant)
            art = Article(
                title=title,
                lede="",
                body=body,
                origin=f"fixtures/extra-{day}.txt",
                raw=title + "\n\n" + body,
                source="TTXVN",
                date=DateInfo(day, 3, 2018, "dateline", f"Ngày {day}/3/2018"),
            )
            store.add_article(conn, art, ex)
    finally:
        conn.close()
    return path


def cell(df, period: str, series: str, column: str):
    row = df[(df["period"] == period) & (df["series"] == series)]
    assert len(row) == 1, (period, series, df)
    return row[column].iloc[0]


def test_monthly_shares_counted_by_hand(db):
    df = attention.attention(db, REL, terms=("NATO", "Nga"), entities=("NATO",), period="month")
    # March 2018: two relevant articles (a1 names NATO and Russia, the extra one Russia only).
    assert cell(df[df["kind"] == "term"], "2018-03-01", "NATO", "total") == 2
    assert cell(df[df["kind"] == "term"], "2018-03-01", "NATO", "matched") == 1
    assert cell(df[df["kind"] == "term"], "2018-03-01", "NATO", "share") == 50.0
    assert cell(df[df["kind"] == "term"], "2018-03-01", "Nga", "share") == 100.0
    assert cell(df[df["kind"] == "entity"], "2018-03-01", "NATO", "share") == 50.0
    # November 2018 and July 2019: one relevant article each, naming NATO.
    assert cell(df[df["kind"] == "term"], "2018-11-01", "NATO", "share") == 100.0
    assert cell(df[df["kind"] == "term"], "2019-07-01", "NATO", "share") == 100.0
    # A month between with no article at all has no share (the line breaks), not 0 %.
    gap = df[(df["period"] == "2018-06-01") & (df["series"] == "NATO")]
    assert (gap["total"] == 0).all() and gap["share"].isna().all()
    # The yearless and the off-topic articles are in no period.
    assert df.drop_duplicates("period")["total"].sum() == 4


def test_every_article_when_the_relevance_filter_is_off(db):
    df = attention.attention(db, ALL, terms=("NATO",))
    # March 2018 now also holds the off-topic article with "NATO" in it: 2 of 3.
    assert cell(df, "2018-03-01", "NATO", "total") == 3
    assert cell(df, "2018-03-01", "NATO", "matched") == 2
    assert cell(df, "2018-03-01", "NATO", "share") == pytest.approx(66.67)


def test_the_text_query_does_not_narrow_the_denominator(db):
    plain = attention.attention(db, REL, terms=("NATO",))
    queried = attention.attention(db, Filters(relevance="relevant", q="Skripal"), terms=("NATO",))
    assert plain.equals(queried)


def test_other_filters_apply(db):
    df = attention.attention(db, Filters(relevance="relevant", sources=("VnExpress",)), terms=("NATO",))
    assert set(df.loc[df["total"] > 0, "period"]) == {"2018-11-01", "2019-07-01"}


def test_weekly_periods_start_on_monday(db):
    df = attention.attention(db, REL, terms=("NATO",), period="week")
    # 2018-03-10 is a Saturday (week of Monday 03-05), 2018-03-20 a Tuesday (week of 03-19).
    assert cell(df, "2018-03-05", "NATO", "share") == 100.0
    assert cell(df, "2018-03-19", "NATO", "share") == 0.0
    assert math.isnan(cell(df, "2018-03-12", "NATO", "share"))


def test_a_term_matches_its_words_with_the_marks_typed(db):
    df = attention.attention(db, REL, terms=("nga", "ngà", "đối thoại", "thoại đối", "doi thoai"))
    march = df[df["period"] == "2018-03-01"].set_index("series")["matched"]
    assert march["nga"] == 2  # case does not matter
    assert march["ngà"] == 0  # 'ngà' (ivory) is not 'Nga' (Russia), though they fold alike
    assert march["đối thoại"] == 1
    assert march["thoại đối"] == 0  # the words together, in order
    assert march["doi thoai"] == 0  # typed without marks: the unmarked words only


def test_terms_are_user_text_not_syntax(db):
    df = attention.attention(db, REL, terms=('NATO" OR "x', "NEAR(", "-", "*"))
    assert not df.empty
    assert (df.loc[df["series"] == "-", "matched"] == 0).all()


def test_split_list():
    assert attention.split_list(" NATO, Nga,,nato , ") == ("NATO", "Nga")
    assert attention.split_list(",,") == ()
    assert len(attention.split_list(",".join(f"t{i}" for i in range(30)))) == attention.MAX_SERIES


def test_no_series_no_rows(db):
    assert attention.attention(db, REL).empty


def test_a_point_lists_its_articles(db):
    rel = attention.attention_articles(db, REL, "month", "2018-03-01", "term", "NATO")
    assert list(rel["title"]) == ["NATO muốn đối thoại với Nga"]
    every = attention.attention_articles(db, ALL, "month", "2018-03-01", "term", "NATO")
    assert list(every["title"]) == ["Giải chạy NATO", "NATO muốn đối thoại với Nga"]
    ents = attention.attention_articles(db, REL, "month", "2018-03-01", "entity", "Nga")
    assert set(ents["title"]) == {"NATO muốn đối thoại với Nga", "Nga và Ukraine đàm phán"}
    # Not a period start, or not a date: nothing (never an error).
    assert attention.attention_articles(db, REL, "month", "2018-03-02", "term", "NATO").empty
    assert attention.attention_articles(db, REL, "week", "junk", "term", "NATO").empty


def test_chart_has_a_line_per_series_in_percent_with_counts_on_hover(db):
    df = attention.attention(db, REL, terms=("NATO", "Nga"), entities=("Sergei Lavrov",))
    fig = entity_charts.attention(df, "vi")
    assert [t.name for t in fig.data] == ["NATO", "Nga", "Sergei Lavrov (thực thể)"]
    assert fig.layout.yaxis.ticksuffix == " %"
    assert "trên" in fig.data[0].hovertemplate  # "{matched} trên {total} bài"
    march = list(fig.data[0].x).index("2018-03-01")
    assert fig.data[0].y[march] == 50.0
    assert list(fig.data[0].customdata[march][1:]) == [1, 2, "2018-03-01", "term", "NATO"]
    assert fig.data[2].line.dash == "dash"


def test_chart_escapes_names(db):
    df = attention.attention(db, REL, terms=("<b>NATO</b>",))
    assert "<b>" not in entity_charts.attention(df, "en").data[0].name


# --- the Timeline page --------------------------------------------------------------------------------------


@pytest.fixture
def news_db(db, monkeypatch):
    monkeypatch.setenv("NEWS_DB", str(db))
    st.cache_data.clear()
    yield db
    st.cache_data.clear()


def timeline(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/1_timeline.py")
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _attention_chart(at: AppTest) -> dict | None:
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        if spec["layout"].get("yaxis", {}).get("ticksuffix") == " %":  # the chart in percent
            return spec
    return None


def test_empty_term_list_shows_a_hint(news_db):
    at = timeline(lang="en")
    assert at.text_input(key="terms").value == ""
    assert any("Type one or several terms" in c.value for c in at.caption)
    assert _attention_chart(at) is None
    at = timeline(lang="vi", terms=" , ,")
    assert any("Nhập một hoặc vài từ khóa" in c.value for c in at.caption)


def test_section_renders_terms_from_the_url(news_db):
    at = timeline(lang="en", terms="NATO,Nga")
    assert at.text_input(key="terms").value == "NATO,Nga"
    assert at.query_params["terms"] == "NATO,Nga"
    spec = _attention_chart(at)
    assert spec is not None
    assert [t["name"] for t in spec["data"]] == ["NATO", "Nga"]
    assert any("Click a point" in c.value for c in at.caption)
    # Typing keeps the URL in step.
    at.text_input(key="terms").set_value("NATO, Skripal").run()
    assert at.query_params["terms"] == "NATO, Skripal"
    assert [t["name"] for t in _attention_chart(at)["data"]] == ["NATO", "Skripal"]


def test_entities_from_the_url_and_names_that_match_nothing(news_db):
    at = timeline(lang="en", ents="NATO,Nobody")
    assert at.query_params["ents"] == "NATO,Nobody"
    assert [t["name"] for t in _attention_chart(at)["data"]] == ["NATO (entity)", "Nobody (entity)"]
    assert any("No article matches: Nobody" in c.value for c in at.caption)


def test_a_clicked_point_is_read_from_the_selection_event():
    from types import SimpleNamespace

    point = {"customdata": ["Mar 2018", 1, 2, "2018-03-01", "term", "NATO"], "x": "2018-03-01"}
    event = SimpleNamespace(selection=SimpleNamespace(points=[point]))
    assert outputs.attention_pick(event) == ("2018-03-01", "term", "NATO")
    assert outputs.attention_pick(SimpleNamespace(selection=SimpleNamespace(points=[]))) is None
    assert (
        outputs.attention_pick(SimpleNamespace(selection=SimpleNamespace(points=[{"customdata": [1]}])))
        is None
    )
    assert outputs.attention_pick(None) is None


def test_section_in_vietnamese(news_db):
    at = timeline(lang="vi", terms="NATO", ents="Nga")
    assert any(s.value == "Mức độ quan tâm theo thời gian" for s in at.subheader)
    assert at.text_input(key="ents").label == "Thực thể (các tên cách nhau bằng dấu phẩy)"
    spec = _attention_chart(at)
    assert [t["name"] for t in spec["data"]] == ["NATO", "Nga (thực thể)"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "tỷ lệ bài"
