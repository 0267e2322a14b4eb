"""The Vietnamese interface says everything in Vietnamese: each page rendered through AppTest with lang=vi
shows no English column name, no value code (nato, conflictual, PER, inferred, None) and no English date
evidence phrase, in its tables, its texts and its charts; the original URL and the outlet are in the
articles table.

The store is the dashboard fixture plus two articles whose date evidence carries core.text.dates' English phrases
(a dateline completed by the crawl time, and one without a year)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.app import tables
from core.models import Article, DateInfo
from core.store import connection
from core.store import db as store
from tests.dashboard_fixtures import build_store
from tests.test_pages import PAGES, open_page

URL = "https://baomoi.example/nato-nga-24-11.html"
CRAWL_EVIDENCE = "dateline: Ngày 24/11; crawled 2017-11-25T08:00:00+07:00 (publication on or before)"
YEARLESS_EVIDENCE = "dateline: Ngày 3/4; 2015 rejected: outside 2016–2017 (crawled 2017-04-05) — year hint"

# What a Vietnamese reader must not meet: our own column names and value codes, and the English phrases
# core.text.dates writes into date evidence.
ENGLISH_COLUMNS = {
    "id", "article_id", "date", "speaker", "side", "verb", "stance", "text", "title", "source", "day", "month",
    "day_month", "evidence", "type", "name", "mentions", "articles", "surface", "field", "start", "end",
    "similarity", "a", "b", "a_idx", "b_idx", "period", "n", "relevant", "url", "score", "statements", "file",
    "line", "reason", "count", "time", "new", "duplicate", "failed", "entity",
}  # fmt: skip
CODES = {
    "nato", "russia", "other", "cooperative", "neutral", "conflictual", "unsure", "PER", "ORG", "LOC",
    "metadata", "dateline", "inferred", "crawled", "crawled_bulk", "analyst", "dateline+crawl", "dateline+hint",
    "None", "nan", "lede", "body",
}  # fmt: skip
ENGLISH_PHRASES = (
    "crawled",
    "bulk import",
    "loose bound",
    "rejected",
    "publication on or before",
    "upper bound",
    "year hint",
    "dateline",
    "within",
    "founded",
    "theo inferred",
    "None",
)


def _add(db, title: str, date: DateInfo, url: str | None) -> None:
    body = f"{title}. NATO và Nga trao đổi về an ninh châu Âu."
    store.add_article(
        db, Article(title, "", body, f"lang/{title}.txt", body, "Thanh Niên", url=url, date=date)
    )


@pytest.fixture(scope="module")
def vi_db(tmp_path_factory):
    path = build_store(tmp_path_factory.mktemp("lang") / "news.db")
    db = connection.connect(path)
    _add(db, "NATO và Nga họp kín", DateInfo(24, 11, 2017, "dateline+crawl", CRAWL_EVIDENCE), URL)
    _add(db, "Nga trả lời NATO", DateInfo(3, 4, None, "dateline", YEARLESS_EVIDENCE), "javascript:alert(1)")
    db.close()
    return path


@pytest.fixture
def news_db(vi_db, monkeypatch):
    monkeypatch.setenv("NEWS_DB", str(vi_db))
    st.cache_data.clear()
    yield vi_db
    st.cache_data.clear()


def _article_id(path: Path, title: str) -> int:
    from core.read.articles import article_titles

    return next(k for k, v in article_titles(path, range(1, 50)).items() if v == title)


def _texts(at: AppTest) -> list[str]:
    """Everything the page writes: markdown, captions, notices, headings, labels and the options offered."""
    out: list[str] = []
    for kind in (
        "markdown",
        "caption",
        "info",
        "success",
        "warning",
        "error",
        "subheader",
        "header",
        "title",
    ):
        out += [str(e.value) for e in getattr(at, kind)]
    for kind in ("button", "selectbox", "multiselect", "radio", "text_input", "slider", "expander", "tabs"):
        for e in getattr(at, kind):
            out.append(str(getattr(e, "label", "")))
            for option in getattr(e, "options", None) or []:
                out.append(str(option))
    out += [m.label for m in at.metric]
    return out


def _chart_words(at: AppTest) -> list[str]:
    """Trace names, category labels and axis titles of every chart the page draws."""
    words: list[str] = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        for trace in spec["data"]:
            words.append(str(trace.get("name") or ""))
            for axis in ("x", "y"):
                values = trace.get(axis)
                words_only = isinstance(values, list) and all(isinstance(v, str) for v in values)
                if words_only and not all(v[:4].isdigit() for v in values):  # dates are not words
                    words += values
        for key, axis in spec["layout"].items():
            if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
                words.append(str((axis.get("title") or {}).get("text") or ""))
    return words


def _page_params(name: str, path: Path) -> dict[str, str]:
    return {
        "timeline": {"stmt": "1"},
        "entities": {"focus": "Vladimir Putin"},
        "compare": {"a": "1", "b": "5"},
        "articles": {"article": str(_article_id(path, "NATO và Nga họp kín"))},
    }.get(name, {})


@pytest.mark.parametrize("name", list(PAGES))
def test_page_in_vietnamese_shows_no_english_names_or_codes(news_db, name):
    at = open_page(name, lang="vi", relevance="all", **_page_params(name, news_db))
    assert at.dataframe or name in ("ingest", "review"), "the page shows a table to check"
    for frame in at.dataframe:
        df = frame.value
        assert not set(map(str, df.columns)) & ENGLISH_COLUMNS, (name, list(df.columns))
        for col in df.columns:
            if not (df[col].dtype == object or pd.api.types.is_string_dtype(df[col])):
                continue
            values = {str(v) for v in df[col]}
            assert not values & CODES, (name, col, values & CODES)
            assert not {v for v in values if any(p in v for p in ENGLISH_PHRASES)}, (name, col)
    texts = _texts(at)
    for phrase in ENGLISH_PHRASES:
        hits = [t for t in texts if phrase in t]
        assert not hits, (name, phrase, hits)
    words = _chart_words(at)
    assert not set(words) & CODES, (name, set(words) & CODES)


def test_english_is_still_english(news_db):
    """The same table in English: the language switch is what changes the words, not a fixed translation."""
    at = open_page("overview", lang="en", relevance="all")
    latest = at.dataframe[0].value
    assert list(latest.columns)[:5] == ["date", "speaker", "side", "verb", "stance"]
    assert set(latest["side"]) <= {"NATO", "Russia", "other"}


def test_article_page_date_evidence_and_link_in_vietnamese(news_db):
    at = open_page(
        "articles", lang="vi", relevance="all", article=str(_article_id(news_db, "NATO và Nga họp kín"))
    )
    line = next(m.value for m in at.markdown if m.value.startswith("Ngày:"))
    assert "dòng ngày tháng, năm theo thời điểm thu thập" in line
    assert "thu thập lúc 2017" in line and "bài đăng vào hoặc trước" in line
    table = at.dataframe[0].value
    links = dict(zip(table["tiêu đề"], table["bài gốc"], strict=True))
    assert links["NATO và Nga họp kín"] == URL
    assert links["Nga trả lời NATO"] == "", "only plain http(s) addresses become links"
    assert "Thanh Niên" in set(table["nguồn"])


def test_article_page_names_the_input_format_in_the_language(news_db):
    """ "định dạng: bản ghi JSONL", not the code "jsonl" (the whole-corpus walk showed "định dạng: text")."""
    article = str(_article_id(news_db, "NATO và Nga họp kín"))
    for lang, words in (
        ("vi", ("văn bản thuần", "trang HTML", "bản ghi JSONL", "hàng CSV")),
        ("en", ("plain text", "HTML page", "JSONL record", "CSV row")),
    ):
        at = open_page("articles", lang=lang, relevance="all", article=article)
        line = next(c.value for c in at.caption if "định dạng:" in c.value or "format:" in c.value)
        assert any(line.rstrip().endswith(w) for w in words), line


def test_overview_breaks_articles_down_by_outlet(news_db):
    at = open_page("overview", lang="vi", relevance="all")
    outlets = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "cơ quan báo chí"
        in json.dumps(json.loads(c.proto.spec)["layout"].get("title"), ensure_ascii=False)
    )
    bars = dict(zip(outlets["data"][0]["y"], outlets["data"][0]["x"], strict=True))
    assert bars == {"TTXVN": 2, "VnExpress": 2, "Tuổi Trẻ": 1, "Thanh Niên": 2}


def test_evidence_phrases_translate_outside_quotes_only():
    text = "“within 3 days” of NATO (founded 04/04/1949); dateline within 0 days"
    assert (
        tables.evidence_text(text, "vi")
        == "“within 3 days” của NATO (thành lập 04/04/1949); dòng ngày tháng cách đó 0 ngày"
    )
    assert tables.evidence_text(text, "en") == text


def test_search_tiers_are_named_in_the_language(news_db):
    at = open_page("articles", lang="vi", relevance="all", q="NATO")
    table = at.dataframe[0].value
    assert set(table["khớp theo"]) <= {"đúng cụm từ", "khác dấu", "các từ rời nhau"}
    assert len(table)


def test_article_page_says_where_each_speakers_side_came_from(news_db):
    import sqlite3

    with sqlite3.connect(news_db) as conn:
        first, article = conn.execute(
            "SELECT id, article_id FROM statements ORDER BY article_id, sentence, start LIMIT 1"
        ).fetchone()
        conn.execute(
            """UPDATE statements SET evidence = json_set(COALESCE(evidence, '{}'), '$.side_from', 'store')
               WHERE id = ?""",
            [first],
        )
    at = open_page("articles", lang="vi", relevance="all", article=str(article))
    table = next(d.value for d in at.dataframe if "phía theo" in d.value.columns)
    assert table["phía theo"].iloc[0] == "chức danh ở các bài khác"
    assert set(table["phía theo"].iloc[1:]) <= {"—"}


def test_a_bulk_imports_date_evidence_reads_in_vietnamese():
    """core.text.dates' evidence for a file collected in a bulk import, as the article page shows it."""
    from core.app.tables import evidence_text
    from core.models import Article
    from core.text.dates import complete
    from core.text.meta import FileMeta

    article = Article("Tiêu đề", "Giá lúa tăng mạnh.", "Thân bài.", "21000001.txt", "")
    meta = FileMeta(crawled_at="2017-05-08T17:13:39+07:00", batch=7258)
    shown = evidence_text(complete(article, meta).date.evidence, "vi")
    assert "7,257" in shown and not [p for p in ENGLISH_PHRASES if p in shown], shown
