"""Every page driven through AppTest on a fixture store: widgets by key, filters, URL state, exports,
empty states and escaping.

Pages are reached the way a user reaches them: run dashboard.py, then switch page (which clears the query
string, as a real page switch does) and set the query string the link would carry.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from core.app import briefing, export
from core.read.filters import WIDGET_KEYS
from tests.dashboard_fixtures import IMG_TITLE, SCRIPT_TITLE, build_empty, build_store

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
PAGES = {
    "overview": None,
    "timeline": "pages/1_timeline.py",
    "entities": "pages/2_entities.py",
    "compare": "pages/3_compare.py",
    "articles": "pages/4_articles.py",
    "ingest": "pages/5_ingest.py",
    "review": "pages/6_review.py",
}


def _clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def downloads(monkeypatch):
    """What the download buttons would serve: {file_name: bytes or zero-arg callable}."""
    seen: dict[str, object] = {}
    real_add, real_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def add(self, path_or_data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            seen[file_name] = path_or_data
        return real_add(self, path_or_data, mimetype, coordinates, file_name, is_for_static_download)

    def add_deferred(self, callable_fn, *args, **kwargs):
        seen[kwargs.get("file_name") or f"deferred-{len(seen)}"] = callable_fn
        return real_deferred(self, callable_fn, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen


def open_page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    if PAGES[name] is None:
        at.query_params.update(params)
        at.run()
    else:
        at.run()
        at.switch_page(PAGES[name])
        at.query_params.clear()
        at.query_params.update(params)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    """Everything rendered as Markdown or HTML (where an unescaped tag would become markup)."""
    out = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.get("html")]
    out += [s.value for s in at.subheader] + [t.value for t in at.title]
    return out


def plain(at: AppTest) -> list[str]:
    """texts() with Markdown backslash-escapes removed: what the reader sees."""
    return [re.sub(r"\\(.)", r"\1", t) for t in texts(at)]


# --- every page --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_runs_with_sidebar_widgets(news_db, name):
    at = open_page(name, lang="en")
    for key in ("lang", *WIDGET_KEYS):  # one sidebar widget per filter field (core.read.filters.SPECS)
        assert at.sidebar.get(key) or _has_widget(at, key), key
    assert at.query_params.get("lang") == "en"


def _has_widget(at: AppTest, key: str) -> bool:
    try:
        return at.session_state[key] is not None or key in at.session_state
    except KeyError:
        return False


def test_page_links_carry_filters(news_db):
    at = open_page("overview", lang="vi", stance="conflictual")
    links = at.get("page_link")
    assert len(links) == len(PAGES)
    for link in links:
        assert "stance=conflictual" in link.proto.query_string
        assert "lang=vi" in link.proto.query_string


# --- filters and the URL ------------------------------------------------------------------------------------


def test_filter_widget_changes_results_and_url(news_db):
    at = open_page("overview", lang="en")
    latest = at.dataframe[0].value
    assert set(latest["stance"]) == {"cooperative", "conflictual", "neutral"}
    at.multiselect(key="f_stance").set_value(["conflictual"]).run()
    assert not at.exception
    latest = at.dataframe[0].value
    assert len(latest) == 3 and set(latest["stance"]) == {"conflictual"}
    assert at.query_params["stance"] == "conflictual"
    assert any("Statements, conflictual" in m for m in plain(at))


def test_text_search_is_diacritic_insensitive(news_db):
    at = open_page("articles", lang="en", q="doi thoai")
    table = at.dataframe[0].value
    assert set(table["id"]) == {1, 5}
    assert any("matching 'doi thoai'" in m for m in plain(at))


def test_url_round_trips(news_db):
    params = {
        "lang": "en",
        "side": "russia",
        "entity": "NATO",
        "stance": "conflictual",
        "from": "2018-01-01",
        "to": "2019-12-31",
        "q": "Skripal",
    }
    at = open_page("timeline", **params)
    assert at.multiselect(key="f_side").value == ["russia"]
    assert at.selectbox(key="f_entity").value == "NATO"
    assert at.text_input(key="f_q").value == "Skripal"
    assert str(at.date_input(key="f_from").value) == "2018-01-01"
    assert {k: at.query_params[k] for k in params} == params
    sentence = (
        "Statements by Russia-side speakers about NATO, conflictual, 2018–2019, in relevant articles, "
        "matching 'Skripal'"
    )
    assert any(sentence in m for m in plain(at))
    # The same link on another page keeps the filters and reads them into that page's widgets.
    at2 = open_page("entities", **params)
    assert at2.multiselect(key="f_stance").value == ["conflictual"]
    assert {k: at2.query_params[k] for k in params} == params


def test_page_selection_lives_in_url(news_db):
    at = open_page("articles", lang="en", article="2")
    assert at.selectbox(key="article").value == 2
    at.selectbox(key="article").set_value(5).run()
    assert at.query_params["article"] == "5"
    at = open_page("timeline", lang="en", stmt="3", y="side", period="week")
    assert at.selectbox(key="stmt").value == 3
    assert at.radio(key="y").value == "side"
    assert at.radio(key="period").value == "week"
    assert any(
        "Open the article" in (p.proto.label or "") and "article=2" in p.proto.query_string
        for p in at.get("page_link")
    )


def test_language_switch_is_in_url(news_db):
    at = open_page("overview")
    at.radio(key="lang").set_value("vi").run()
    assert at.query_params["lang"] == "vi"
    assert at.title[0].value == "Tổng quan"
    assert any("Các phát biểu, trong các bài liên quan" in m for m in plain(at))


def test_bad_url_values_are_ignored(news_db):
    at = open_page(
        "timeline", lang="xx", side="martians", stance="angry", stmt="abc", **{"from": "2018-13-45"}
    )
    assert at.multiselect(key="f_side").value == []
    assert at.selectbox(key="stmt").value is None
    assert "side" not in at.query_params and "from" not in at.query_params


# --- exports ------------------------------------------------------------------------------------------------


def test_csv_equals_table_shown(news_db, downloads):
    at = open_page("overview", lang="en", side="nato")
    shown = at.dataframe[0].value
    # The CSV: a provenance block, then the table shown with each coded column's codes beside its names.
    got = export.read_csv(downloads["latest-statements.csv"])
    codes = [c for c in got.columns if c.endswith(" (code)")]
    assert codes == ["side (code)", "stance (code)"]
    table = got.drop(columns=codes)
    pd.testing.assert_frame_equal(  # the screen says "—" where the CSV leaves a cell empty
        table.astype(object).where(table.notna(), "—").astype(str).reset_index(drop=True),
        shown.astype(str).reset_index(drop=True),
    )
    counts = export.read_csv(downloads["statements-by-side-stance.csv"])
    assert counts.to_dict("records") == [
        {
            "side": "NATO",
            "side (code)": "nato",
            "stance": "cooperative",
            "stance (code)": "cooperative",
            "count": 2,
        },
        {"side": "NATO", "side (code)": "nato", "stance": "neutral", "stance (code)": "neutral", "count": 1},
    ]


@pytest.mark.skipif(export.png_unavailable() is not None, reason=export.MISSING_CHROMIUM)
def test_png_and_briefing_downloads(news_db, downloads):
    at = open_page("timeline", lang="vi")
    png = downloads["statements-timeline.png"]()
    assert png.startswith(export.PNG_SIGNATURE)
    assert export.png_size(png)[0] == export.CHART_SIZE[0]
    brief = downloads["briefing-timeline.png"]()
    assert export.png_size(brief) == briefing.BRIEFING_SIZE
    assert not at.exception


# --- empty states -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_empty_store_shows_empty_state(tmp_path, monkeypatch, name):
    monkeypatch.setenv("NEWS_DB", str(build_empty(tmp_path / "news.db")))
    _clear_caches()
    at = open_page(name, lang="en")
    if name != "ingest":
        assert any("store is empty" in i.value for i in at.info)


@pytest.mark.parametrize("name", list(PAGES))
def test_store_without_statements(tmp_path, monkeypatch, name):
    monkeypatch.setenv("NEWS_DB", str(build_store(tmp_path / "news.db", with_extraction=False)))
    _clear_caches()
    at = open_page(name, lang="en", a="1", b="2", article="1")
    if name in ("overview", "timeline"):
        assert any("No statements yet" in i.value for i in at.info)
    if name == "entities":
        assert any("No entities yet" in i.value for i in at.info)
    if name == "articles":
        assert len(at.dataframe[0].value) == 5


def test_first_run_builds_store_with_progress(tmp_path, monkeypatch):
    from core.ingest import bootstrap

    target = tmp_path / "fresh" / "news.db"
    monkeypatch.setenv("NEWS_DB", str(target))
    calls = []

    def fake_build(path=None, on_file=None, nlp=True):
        for i in range(3):
            on_file(i, 3, f"file{i}.txt")
            calls.append(i)
        build_store(Path(path))
        from core.ingest.run import Summary

        return Summary(new=5)

    monkeypatch.setattr(bootstrap, "build_default_store", fake_build)
    _clear_caches()
    at = open_page("overview", lang="en")
    assert calls == [0, 1, 2]
    assert at.get("progress") and "Store built" in at.get("progress")[0].proto.text
    assert target.exists()
    at.run()  # second run reuses the store: no build, no progress bar
    assert not at.get("progress") and len(calls) == 3


# --- escaping -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("overview", {}),
        ("timeline", {"stmt": "3"}),
        ("entities", {"focus": "Vladimir Putin"}),
        ("compare", {"a": "2", "b": "3"}),
        ("articles", {"article": "2"}),
        ("articles", {"article": "3"}),
        ("articles", {"q": "<script>alert(1)</script>"}),
    ],
)
def test_article_html_is_text(news_db, name, params):
    at = open_page(name, lang="en", **params)
    rendered = texts(at)
    assert rendered
    for text in rendered:
        assert "<script" not in text.lower()
        assert "onerror=" not in text.lower() or "&lt;img" in text
        assert "<img" not in text.lower()
    if name == "articles" and params.get("article") == "2":
        assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in t for t in rendered)


def test_titles_with_html_reach_tables_as_data(news_db):
    at = open_page("articles", lang="en")
    titles = set(at.dataframe[0].value["title"])
    assert SCRIPT_TITLE in titles and IMG_TITLE in titles


# --- the write path: dating an article --------------------------------------------------------------------


def test_date_form_sets_year_and_empties_queue(news_db):
    # The queue follows the filters: relevant articles by default, the off-topic one (4) under "all".
    at = open_page("overview", lang="en", relevance="all")
    assert set(at.dataframe[1].value["id"]) == {3, 4}
    at = open_page("overview", lang="en")
    queue = at.dataframe[1].value
    assert set(queue["id"]) == {3}
    at.selectbox(key="dq_article").set_value(3)
    at.number_input(key="dq_year").set_value(2016)
    at.number_input(key="dq_month").set_value(11)
    at.number_input(key="dq_day").set_value(24)
    at.text_input(key="dq_who").set_value("lan")
    at.text_input(key="dq_why").set_value("TTXVN dateline")
    next(b for b in at.button if b.label == "Save date").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert any("article 3 dated 2016-11-24" in s.value for s in at.success)
    assert len(at.dataframe) == 1, "no relevant article waits for a date any more"
    assert set(open_page("overview", lang="en", relevance="all").dataframe[1].value["id"]) == {4}


# --- ingest ---------------------------------------------------------------------------------------------------


def test_ingest_upload_shows_per_file_results_and_failures(news_db):
    samples = ROOT / "data" / "samples"
    good = next(samples.glob("000_*.txt"))
    bad = samples / "bad" / "broken.jsonl"
    at = open_page("ingest", lang="en")
    assert at.button(key="ing_run").disabled
    at.file_uploader(key="ing_files").set_value(
        [(good.name, good.read_bytes(), "text/plain"), (bad.name, bad.read_bytes(), "application/json")]
    )
    at.checkbox(key="ing_nlp").set_value(False)
    at.run()
    at.button(key="ing_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = [s.value for s in at.success if s.value.startswith("Done: new:")]
    assert done and "failed: 1" in done[0], [s.value for s in at.success] + [e.value for e in at.error]
    per_file = at.dataframe[0].value
    assert set(per_file["file"]) == {good.name, bad.name}
    assert int(per_file.set_index("file").loc[good.name, "new"]) == 1
    assert int(per_file.set_index("file").loc[bad.name, "failed"]) >= 1
    stored = at.dataframe[-1].value  # the failures table of every run, read back from the store
    assert len(stored) >= 1


def test_entities_page_state_in_url(news_db, downloads):
    at = open_page("entities", lang="en", types="PER", n="3", focus="Vladimir Putin")
    assert at.multiselect(key="types").value == ["PER"]
    assert at.slider(key="n").value == 3
    top = export.read_csv(downloads["top-entities.csv"])
    assert list(top["name"]) == ["Jens Stoltenberg", "Sergei Lavrov", "Vladimir Putin"]
    assert set(top["type (code)"]) == {"PER"} and set(top["type"]) == {"person"}
    assert at.selectbox(key="focus").value == "Vladimir Putin"
    variants = at.dataframe[-1].value
    assert set(variants["as written"]) == {"Vladimir Putin", "Putin"}
    assert at.query_params["types"] == "PER" and at.query_params["focus"] == "Vladimir Putin"


def test_a_shared_link_names_an_entity_beyond_the_pick_lists(news_db, monkeypatch):
    """Pick lists stop at the most frequent names; a link to one further down the tail still opens it."""
    from core.read import choices

    monkeypatch.setattr(choices, "PICK_LIMIT", 2)
    assert "Vladimir Putin" not in choices.choices(news_db)["entities"]
    at = open_page("entities", lang="en", focus="Vladimir Putin")
    assert at.selectbox(key="focus").value == "Vladimir Putin"
    assert set(at.dataframe[-1].value["as written"]) == {"Vladimir Putin", "Putin"}
    at = open_page("entities", lang="en", entity="Vladimir Putin")
    assert at.selectbox(key="f_entity").value == "Vladimir Putin"


def test_compare_pair_button_selects_both_articles(news_db, tmp_path, monkeypatch):
    from core.read import compare

    pairs = tmp_path / "pairs.yaml"
    pairs.write_text(
        "- {title_a: 'NATO muốn đối thoại với Nga', title_b: 'Lavrov: Nga sẵn sàng hợp tác với NATO', why: test}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(compare, "sample_pairs_file", lambda: pairs)
    at = open_page("compare", lang="en")
    assert any("Choose two articles" in i.value for i in at.info)
    at.button(key="cmp_pair_0").click().run()
    assert not at.exception
    assert (at.query_params["a"], at.query_params["b"]) == ("1", "5")
    assert at.selectbox(key="a").value == 1 and at.selectbox(key="b").value == 5
    aligned = at.dataframe[0].value
    assert list(aligned.columns) == [
        "similarity",
        "sentence of A",
        "most similar sentence of B",
        "no. in A",
        "no. in B",
    ]
    assert aligned["similarity"].max() > 0.3
    assert any("Shared entities" in m for m in plain(at))


def test_clear_filters(news_db):
    at = open_page("overview", lang="en", stance="conflictual", side="russia", q="Putin")
    at.button(key="f_reset").click().run()
    assert not at.exception
    assert at.multiselect(key="f_stance").value == [] and at.text_input(key="f_q").value == ""
    assert dict(at.query_params) == {"lang": "en"}


def test_date_form_needs_a_name(news_db):
    at = open_page("overview", lang="en")
    at.selectbox(key="dq_article").set_value(3)
    next(b for b in at.button if b.label == "Save date").click().run()
    assert any("Please give your name" in w.value for w in at.warning)
    assert set(at.dataframe[1].value["id"]) == {3}


def test_compare_search_narrows_each_side(news_db):
    at = open_page("compare", lang="en", qa="Putin", qb="hop tac")
    assert at.selectbox(key="a").options == ["—", f"2 · 2019-07-05 · {SCRIPT_TITLE}"]
    at.selectbox(key="a").set_value(2)
    at.selectbox(key="b").set_value(5).run()
    assert not at.exception
    assert (at.query_params["a"], at.query_params["b"], at.query_params["qa"]) == ("2", "5", "Putin")
    assert any("Shared entities" in m for m in plain(at))


def test_cache_follows_the_store(news_db):
    """Results are cached, keyed by the store's mtime stamp: a write shows up on the next run."""
    from core.store import connection
    from core.store import db as store
    from tests.dashboard_fixtures import articles

    at = open_page("articles", lang="en", relevance="all")
    assert len(at.dataframe[0].value) == 5
    db = connection.connect(news_db)
    art = articles()[0][0]
    store.add_article(db, dataclasses.replace(art, body=art.body + " Bổ sung.", title="Bài mới"))
    db.close()
    at.run()
    assert len(at.dataframe[0].value) == 6


# --- why an article counts ----------------------------------------------------------------------------------


def test_article_page_says_why_it_counts_and_links_the_original(news_db):
    """The relations behind the flag are listed with their sentence (escaped), and the original URL is a link
    only when it is a plain http(s) address."""
    import json
    import sqlite3

    evidence = [
        {
            "sentence": 1,
            "field": "body",
            "nato": ["NATO"],
            "russia": ["Nga"],
            "kind": "statement",
            "weight": 2.0,
            "excluded": None,
            "text": "NATO nói <b>không</b> đối đầu với Nga.",
        },
        {
            "sentence": 2,
            "field": "body",
            "nato": ["Mỹ"],
            "russia": ["Nga"],
            "kind": "event",
            "weight": 0.0,
            "excluded": "sport",
            "text": "Nga thắng Mỹ 2-1.",
        },
    ]
    with sqlite3.connect(news_db) as conn:
        conn.execute(
            "UPDATE articles SET relevance_score = 2, relevance_evidence = ?, url = ?, crawled_at = ?, "
            "relevance_prob = 0.87 WHERE id = 1",
            [json.dumps(evidence), "https://example.org/a?id=1", "2017-05-27T10:00:23+07:00"],
        )
        conn.execute("UPDATE articles SET url = 'javascript:alert(1)' WHERE id = 2")
    at = open_page("articles", lang="en", article="1")
    assert not at.exception
    shown = "\n".join(plain(at))
    assert "Relevant to NATO–Russia relations (score 2)" in shown
    assert "statement · NATO side: NATO ↔ Russia side: Nga · weight 2" in shown
    assert "Decided by the learned model: probability 0.87 (relevant from " in shown
    assert "NATO nói &lt;b&gt;không&lt;/b&gt; đối đầu với Nga." in shown, "article text is escaped"
    assert "not counted: sport context" in shown
    assert [b.proto.url for b in at.get("link_button")] == ["https://example.org/a?id=1"]
    assert "Collected 2017-05-27T10:00:23+07:00" in shown
    at = open_page("articles", lang="en", article="2")
    assert not at.get("link_button"), "a javascript: URL is never a link"


def test_queries_are_called_by_reference():
    """Pages and the app call read queries by function (a misspelt one fails at import), never by name."""
    import ast

    root = Path(__file__).resolve().parents[1]
    files = [root / "dashboard.py", *(root / "pages").glob("*.py"), *(root / "core" / "app").glob("*.py")]
    by_name = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = getattr(node, "func", None)
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            call = isinstance(node, ast.Call) and name == "q" and len(node.args) > 1
            if call and isinstance(node.args[1], ast.Constant):
                by_name.append(f"{path.name}:{node.lineno}")
    assert files and not by_name, by_name
    from core.app import context

    with pytest.raises(TypeError, match="query function itself"):
        context.q(None, "overview")
