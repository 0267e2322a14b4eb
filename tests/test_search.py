"""Search worth trusting: the exact phrase (with the user's marks) first, then the phrase in other marks, then
the words apart, each tier counted and labelled; pages instead of a silent cap; one set for every page; user
text never reaches MATCH as syntax. Then the Articles page and the sidebar drawing it (AppTest)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace

import pytest
import streamlit as st

from core.models import Article
from core.read.articles import count_articles, search_articles
from core.read.filters import Filters
from core.store import connection, matches, search
from core.store import db as store
from tests.dashboard_fixtures import build_store
from tests.test_pages import open_page, plain

FILLER = " ".join(["Bản tin tổng hợp trong ngày về thời sự quốc tế và trong nước."] * 30)


def art(title: str, body: str, origin: str) -> Article:
    return Article(title=title, lede="", body=body, origin=origin, raw=title + "\n" + body)


# Ids in insertion order: 1 .. 6. Headline-length titles, bodies of one length (bm25 divides by the whole
# article's length, so a title match in a far longer article is a different test).
ARTICLES = [
    art("Vòng loại giải vô địch bóng đá khu vực tối qua",
        "Hai đội đối đầu ở vòng loại. Trận đối đầu diễn ra tối qua. " + FILLER, "a.txt"),  # exact, twice in the body
    art("Nhà mạng thông báo thay đổi cho thuê bao di động",
        "Nhà mạng đổi đầu số điện thoại di động từ tháng sau. " + FILLER, "b.txt"),  # other marks
    art("Bệnh viện tỉnh đón những em bé đầu tiên của năm", "Chị sinh đôi đầu lòng tại bệnh viện tỉnh. " + FILLER,
        "c.txt"),  # other marks
    art("Hai bên nối lại các cuộc gặp cấp cao sau nhiều năm",
        "Đối thoại là con đường. Lần đầu tiên hai bên gặp nhau. " + FILLER, "d.txt"),  # words apart
    art("NATO và Nga đối đầu ở biển Baltic", "Hai bên điều thêm tàu chiến tới khu vực. " + FILLER,
        "e.txt"),  # exact, once, in the title
    art("Trời nắng nóng kéo dài ở Hà Nội trong tuần này", "Trời nắng nóng kéo dài ở Hà Nội. " + FILLER,
        "f.txt"),  # none
]  # fmt: skip


@pytest.fixture
def conn(tmp_path) -> sqlite3.Connection:
    db = connection.connect(tmp_path / "s.db")
    for a in ARTICLES:
        store.add_article(db, a)
    db.close()
    c = connection.read_only(tmp_path / "s.db")
    yield c
    c.close()


def ranked(conn, text: str, **kw) -> list[tuple[int, int]]:
    res = search.search(conn, text, **kw)
    return list(zip(res.ids, res.tiers, strict=True))


def test_exact_phrase_first_then_other_marks_then_words_apart(conn):
    res = search.search(conn, "đối đầu")
    assert res.counts == (2, 2, 1) and res.total == 5
    got = ranked(conn, "đối đầu")
    assert [t for _, t in got] == [0, 0, 1, 1, 2]
    assert {i for i, t in got if t == 0} == {1, 5}
    assert {i for i, t in got if t == 1} == {2, 3}
    assert got[-1] == (4, 2)


def test_a_title_match_ranks_first_in_its_tier(conn):
    """Article 1 says "đối đầu" twice in its body, article 5 once, in its title (data/search.yaml weights)."""
    assert ranked(conn, "đối đầu")[0] == (5, 0)


def test_without_marks_every_marking_is_one_tier(conn):
    assert search.search(conn, "doi dau").counts == (0, 4, 1)
    assert search.search(conn, "ĐỐI ĐẦU").counts == (2, 2, 1)


def test_quoted_with_marks_is_the_exact_phrase_only(conn):
    res = search.search(conn, '"đối đầu"')
    assert res.counts == (2, 0, 0) and set(res.ids) == {1, 5}
    assert res.available == (search.EXACT,)


def test_quoted_without_marks_is_the_phrase_in_any_marks(conn):
    res = search.search(conn, '"doi dau"')
    assert res.counts == (0, 4, 0) and set(res.ids) == {1, 2, 3, 5}


def test_quoted_phrase_and_a_word(conn):
    assert set(search.search(conn, '"đối đầu" Baltic').ids) == {5}


def test_query_is_normalised_like_the_stored_text(tmp_path):
    """Old tone placement typed ("hoà") finds the stored modern one ("hòa") in the exact tier."""
    db = connection.connect(tmp_path / "n.db")
    store.add_article(db, art("Hòa bình", "Hai nước ký hiệp ước hòa bình.", "h.txt"))
    db.close()
    with connection.read_only(tmp_path / "n.db") as c:
        assert search.search(c, "hoà bình").counts == (1, 0, 0)


def test_pages_cover_every_result_once(conn):
    whole = [i for i, _ in ranked(conn, "đối đầu")]
    pages = [search.search(conn, "đối đầu", page=p, per_page=2) for p in (1, 2, 3)]
    assert [len(p.ids) for p in pages] == [2, 2, 1]
    assert [i for p in pages for i in p.ids] == whole
    assert pages[0].pages == 3 and (pages[1].first, pages[1].last) == (3, 4)
    assert search.search(conn, "đối đầu", page=99, per_page=2).page == 3  # past the end: the last page


def test_other_filters_narrow_every_tier(conn):
    res = search.search(conn, "đối đầu", where="WHERE a.id <> :skip", params={"skip": 5})
    assert res.counts == (1, 2, 1) and 5 not in res.ids


def _ids(conn, table: str, match: str | None) -> set[int]:
    if match is None:
        return set()
    return {r[0] for r in conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [match])}


@pytest.mark.parametrize("text", ["đối đầu", "doi dau", '"đối đầu" hai', '"doi dau" tối', "đầu", '"đối đầu"'])
@pytest.mark.parametrize("skip", [None, 5])
def test_tier_counts_are_each_tier_recounted_as_sets(conn, text, skip):
    """The one-statement counts equal the tiers recounted as plain sets of ids (each tier's expression less the
    tier before it, within the whole set and the other filters); core.store.matches reads those very sets, and
    a page ranked among its tiers' ids is the page."""
    q = search.parse(text)
    keep = {r[0] for r in conn.execute("SELECT id FROM articles")} - {skip}
    whole = _ids(conn, search.FOLDED_TABLE, q.match_all()) & keep
    if q.match_must_exact():
        whole &= _ids(conn, search.EXACT_TABLE, q.match_must_exact())
    exact = _ids(conn, search.EXACT_TABLE, q.match_exact()) & whole
    phrase = _ids(conn, search.FOLDED_TABLE, q.match_phrase()) & whole if q.match_phrase() else whole
    sets = (exact, phrase - exact, whole - phrase)
    if q.tiers == (search.EXACT,):
        sets = (exact, set(), set())
    where, params = ("WHERE a.id <> :skip", {"skip": skip}) if skip else ("", {})
    got = search.counts(conn, q, where, params)
    assert got == tuple(len(t) for t in sets) and sum(got) == len(whole)
    found = matches.ids(conn, q, where, params)
    assert found == tuple(sorted(whole))
    tiers = matches.tiers(conn, q, found)
    assert tuple(set(t) for t in tiers) == sets
    for page in (1, 2):
        plain_page = search.search(conn, q, where, params, page=page, per_page=2)
        assert search.search(conn, q, page=page, per_page=2, tier_ids=tiers) == plain_page


def test_the_filter_set_is_the_search_set(tmp_path):
    """The sidebar filter (Filters.to_sql) selects exactly what the Articles page's search counts."""
    path = tmp_path / "f.db"
    db = connection.connect(path)
    for a in ARTICLES:
        store.add_article(db, a)
    db.close()
    for q in ("đối đầu", '"đối đầu"', "doi dau", '"doi dau"', "nắng"):
        f = Filters(q=q)
        page = search_articles(path, f)
        assert count_articles(path, f) == page.total == len(page.table)
        assert page.table["id"].is_unique  # the tiers nest: no article in two of them
        ranks = [search.TIERS.index(t) for t in page.table["tier"]]
        assert ranks == sorted(ranks)


@pytest.mark.parametrize(
    "text",
    ['"', '""', 'đối"', '"đối đầu', "NEAR(đối", "đối AND đầu", "đối OR", "title:đối", "*", "đối*", "-đối",
     "^đối", "'; DROP TABLE articles; --", "\x00", "NEAR(a b, 3)", "(đối", "đối)", "   "],
)  # fmt: skip
def test_user_syntax_is_words_never_operators(conn, text):
    q = search.parse(text)
    for expr in (q.match_all(), q.match_exact(), q.match_phrase(), q.match_must_exact()):
        assert expr is None or re.fullmatch(r'"[^"]+"( "[^"]+")*', expr), expr
    search.search(conn, text)  # never raises
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(ARTICLES)


def test_operators_find_what_the_words_find(conn):
    assert set(search.search(conn, "-đối AND đầu").ids) == set(search.search(conn, "đối and đầu").ids)
    assert search.search(conn, "đối AND đầu").total == 0  # "and" is a word to find: no article has it


def test_migration_indexes_articles_stored_before_it(tmp_path):
    """m010 fills the accent-keeping index from the articles already stored."""
    path = tmp_path / "old.db"
    db = connection.connect(path)
    store.add_article(db, ARTICLES[0])
    db.execute("DROP TABLE articles_fts_exact")
    db.execute("DROP INDEX idx_articles_relevant_adate")
    db.execute("DELETE FROM _migrations WHERE name = 'm010_exact_search'")
    db.execute("PRAGMA user_version = 0")
    db.conn.commit()
    assert connection.migrate(db) == ["m010_exact_search"]
    db.close()
    with connection.read_only(path) as c:
        assert search.search(c, "đối đầu").counts == (1, 0, 0)


# --- the Articles page ----------------------------------------------------------------------------------------


@pytest.fixture
def news_db(tmp_path, monkeypatch):
    """The dashboard fixture store plus articles for the other tiers (6: other marks, 7: words apart)."""
    path = build_store(tmp_path / "news.db")
    db = connection.connect(path)
    store.add_article(db, ARTICLES[1])
    store.add_article(db, ARTICLES[3])
    db.close()
    monkeypatch.setenv("NEWS_DB", str(path))
    st.cache_data.clear()
    yield path
    st.cache_data.clear()


def test_articles_page_labels_tiers_and_counts(news_db):
    at = open_page("articles", lang="en", q="đối đầu", relevance="all")
    table = at.dataframe[0].value
    assert list(table["id"]) == [3, 6, 7]
    assert list(table["found as"]) == ["exact phrase", "other accents", "words apart"]
    seen = " ".join(plain(at))
    assert "3 articles match" in seen
    assert "exact phrase: 1 · other accents: 1 · words apart: 1" in seen


def test_articles_page_in_vietnamese(news_db):
    at = open_page("articles", lang="vi", q="đối đầu", relevance="all")
    assert list(at.dataframe[0].value["khớp theo"])[0] == "đúng cụm từ"
    assert any("3 bài phù hợp" in m for m in plain(at))


def test_articles_page_pages_through_results(news_db, monkeypatch):
    monkeypatch.setattr(search, "page_size", lambda: 2)
    at = open_page("articles", lang="en", q="đối đầu", relevance="all")
    assert list(at.dataframe[0].value["id"]) == [3, 6]
    assert any("page 1 of 2" in m for m in plain(at))
    at.number_input(key="page").set_value(2).run()
    assert not at.exception
    assert list(at.dataframe[0].value["id"]) == [7]
    assert at.query_params["page"] == "2"
    # A shared link opens on its page; a changed search starts again from the first.
    at = open_page("articles", lang="en", q="đối đầu", relevance="all", page="2")
    assert list(at.dataframe[0].value["id"]) == [7]
    at.text_input(key="f_q").set_value("Nga").run()
    assert at.number_input(key="page").value == 1 and "page" not in at.query_params


def test_browsing_without_a_query_pages_too(news_db, monkeypatch):
    monkeypatch.setattr(search, "page_size", lambda: 3)
    at = open_page("articles", lang="en", relevance="all")
    assert len(at.dataframe[0].value) == 3
    assert any("7 articles match" in m and "page 1 of 3" in m for m in plain(at))


def test_sidebar_says_what_the_text_filter_matches_on_every_page(news_db):
    at = open_page("timeline", lang="en", q="đối đầu", relevance="all")
    note = [c.value for c in at.sidebar.caption if "exact phrase" in c.value]
    assert note and "1" in note[0] and "words apart: 1" in note[0]


def test_search_filter_sets_the_same_articles_on_other_pages(news_db):
    f = Filters(q="đối đầu")
    assert count_articles(news_db, f) == 3
    assert count_articles(news_db, replace(f, q='"đối đầu"')) == 1
