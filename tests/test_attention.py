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
from tests.dashboard_fixtures import NATO, RUSSIA, _build, build_store, capture_downloads

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
    _add(path, [(title, body, day, 3, relevant, mentions) for title, body, day, relevant, mentions in extra])
    return path


def _add(path: Path, rows: list[tuple]) -> None:
    """Store (title, body, day, month, relevant, mentions) rows as TTXVN articles of 2018."""
    conn = connection.connect(path)
    try:
        for title, body, day, month, relevant, mentions in rows:
            ex = _build(title, body, mentions, [])
            ex = type(ex)(ex.sentences, ex.mentions, ex.statements, relevant=relevant)
            art = Article(
                title=title,
                lede="",
                body=body,
                origin=f"fixtures/extra-{month}-{day}-{title}.txt",
                raw=title + "\n\n" + body,
                source="TTXVN",
                date=DateInfo(day, month, 2018, "dateline", f"Ngày {day}/{month}/2018"),
            )
            store.add_article(conn, art, ex)
    finally:
        conn.close()


@pytest.fixture
def busy_db(db) -> Path:
    """The store above plus MIN_BASE relevant articles of April 2018, the first 4 with "NATO" in them: April
    is a month worth comparing (4 of 10), March (2 articles) is not."""
    rows = []
    for i in range(attention.MIN_BASE):
        word = "NATO" if i < 4 else "Ukraine"
        rows.append((f"Tin {word} số {i}", f"Bài số {i} nói về {word} và Nga", i + 1, 4, True, []))
    _add(db, rows)
    return db


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
    # Every month with articles here has fewer than MIN_BASE: flagged; the empty months are not.
    assert df.loc[df["total"] > 0, "few"].all()
    assert not df.loc[df["total"] == 0, "few"].any()


def test_a_period_with_too_few_articles_is_flagged(busy_db):
    df = attention.attention(busy_db, REL, terms=("NATO",))
    april = df[df["period"] == "2018-04-01"].iloc[0]
    assert (april["matched"], april["total"], april["share"], bool(april["few"])) == (4, 10, 40.0, False)
    march = df[df["period"] == "2018-03-01"].iloc[0]
    assert (march["matched"], march["total"], bool(march["few"])) == (1, 2, True)


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


def _lines(fig) -> list:
    """The traces in the legend: one line per series (the faded points of tiny periods are not in it)."""
    return [t for t in fig.data if t.showlegend is not False]


def _faded(fig, name: str):
    found = [t for t in fig.data if t.showlegend is False and t.name == name]
    return found[0] if found else None


def test_chart_has_a_line_per_series_in_percent_with_counts_on_hover(busy_db):
    df = attention.attention(busy_db, REL, terms=("NATO", "Nga"), entities=("Sergei Lavrov",))
    fig = entity_charts.attention(df, "vi")
    assert [t.name for t in _lines(fig)] == ["NATO", "Nga", "Sergei Lavrov (thực thể)"]
    assert fig.layout.yaxis.ticksuffix == " %"
    nato = _lines(fig)[0]
    assert "trên" in nato.hovertemplate  # "{matched} trên {total} bài"
    april = list(nato.x).index("2018-04-01")
    assert nato.y[april] == 40.0
    assert list(nato.customdata[april][1:]) == [4, 10, "2018-04-01", "term", "NATO"]
    assert _lines(fig)[2].line.dash == "dash"


def test_a_tiny_period_is_drawn_apart_hollow_and_faded_with_its_counts(busy_db):
    df = attention.attention(busy_db, REL, terms=("NATO",))
    fig = entity_charts.attention(df, "en", min_base=attention.MIN_BASE)
    line, faded = _lines(fig)[0], _faded(fig, "NATO")
    # March 2018 (1 of 2 articles) is not on the line, so its 50 % draws no spike between real months ...
    march = list(line.x).index("2018-03-01")
    assert line.y[march] is None or math.isnan(line.y[march])
    # ... but a hollow, faded point of the same colour, whose hover gives the counts and says why.
    assert faded is not None and faded.legendgroup == line.legendgroup
    assert faded.marker.symbol == "circle-open" and faded.opacity < 1
    assert faded.marker.color == line.line.color
    i = list(faded.x).index("2018-03-01")
    assert faded.y[i] == 50.0
    assert list(faded.customdata[i][1:]) == [1, 2, "2018-03-01", "term", "NATO"]
    assert "of" in faded.hovertemplate and "fewer than 10 articles" in faded.hovertemplate
    # April (4 of 10) stays on the line and is not among the faded points.
    assert "2018-04-01" not in list(faded.x)
    assert line.y[list(line.x).index("2018-04-01")] == 40.0


def test_no_faded_trace_when_every_period_is_big_enough(busy_db):
    df = attention.attention(busy_db, REL, terms=("NATO",))
    df = df[~df["few"]]
    fig = entity_charts.attention(df, "en")
    assert [t.name for t in fig.data] == ["NATO"]


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


def _legend(spec: dict) -> list[str]:
    return [t["name"] for t in spec["data"] if t.get("showlegend", True)]


def _csv_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of an exported CSV (after its provenance block)."""
    import csv
    import io

    from core.app import export

    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[export.CSV_META_ROWS]
    return header, [dict(zip(header, r, strict=True)) for r in rows[export.CSV_META_ROWS + 1 :]]


def test_tiny_periods_are_marked_on_the_page_and_in_the_csv(busy_db, monkeypatch):
    monkeypatch.setenv("NEWS_DB", str(busy_db))
    st.cache_data.clear()
    seen = capture_downloads(monkeypatch)
    at = timeline(lang="en", terms="NATO")
    spec = _attention_chart(at)
    faded = [t for t in spec["data"] if t.get("showlegend") is False]
    assert [t["name"] for t in faded] == ["NATO"]
    assert "2018-03-01" in faded[0]["x"] and "2018-04-01" not in faded[0]["x"]
    assert any("fewer than 10 articles" in c.value and "Hollow, faded" in c.value for c in at.caption)
    header, rows = _csv_rows(seen["attention-per-month.csv"])
    assert {"matching articles", "articles of the period", "share (%)", "too few to compare"} <= set(header)
    by_month = {r["period"]: r for r in rows}
    march, april = by_month["2018-03-01"], by_month["2018-04-01"]
    assert (march["matching articles"], march["articles of the period"]) == ("1", "2")
    assert march["too few to compare"] == "fewer than 10 articles"
    assert (april["matching articles"], april["articles of the period"], april["share (%)"]) == (
        "4",
        "10",
        "40.0",
    )
    assert april["too few to compare"] == ""
    # In Vietnamese: the caption and the column too.
    at = timeline(lang="vi", terms="NATO")
    assert any("dưới 10 bài" in c.value for c in at.caption)
    header, rows = _csv_rows(seen["attention-per-month.csv"])
    assert "quá ít để so sánh" in header and "số bài khớp" in header
    assert {r["quá ít để so sánh"] for r in rows} >= {"dưới 10 bài", ""}
    st.cache_data.clear()


def test_no_caption_when_every_period_is_big_enough(busy_db, monkeypatch):
    monkeypatch.setenv("NEWS_DB", str(busy_db))
    st.cache_data.clear()
    at = timeline(lang="en", terms="NATO", **{"from": "2018-04-01", "to": "2018-04-30"})
    assert _legend(_attention_chart(at)) == ["NATO"]
    assert not any("Hollow, faded" in c.value for c in at.caption)
    st.cache_data.clear()


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
    assert _legend(spec) == ["NATO", "Nga"]
    assert any("Click a point" in c.value for c in at.caption)
    # Typing keeps the URL in step.
    at.text_input(key="terms").set_value("NATO, Skripal").run()
    assert at.query_params["terms"] == "NATO, Skripal"
    assert _legend(_attention_chart(at)) == ["NATO", "Skripal"]


def test_entities_from_the_url_and_names_that_match_nothing(news_db):
    at = timeline(lang="en", ents="NATO,Nobody")
    assert at.query_params["ents"] == "NATO,Nobody"
    assert _legend(_attention_chart(at)) == ["NATO (entity)", "Nobody (entity)"]
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
    assert _legend(spec) == ["NATO", "Nga (thực thể)"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "tỷ lệ bài"
