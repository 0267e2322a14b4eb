"""Every URL parameter of every page, given values out of range or of the wrong type, answers calmly: the
page's normal results or "nothing matches", or a notice saying the value was left out or brought into range,
never a traceback. The date form refuses impossible dates. All through AppTest on the fixture store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.app import state
from core.read.filters import FILTER_KEYS
from core.store import connection, corrections, edits
from tests.dashboard_fixtures import build_store

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
PAGES = {
    "overview": None,
    "timeline": "pages/1_timeline.py",
    "entities": "pages/2_entities.py",
    "compare": "pages/3_compare.py",
    "articles": "pages/4_articles.py",
    "ingest": "pages/5_ingest.py",
}
GLOBAL = ("lang", *FILTER_KEYS)  # read by ui.page on every page
PAGE_PARAMS = {
    "overview": (),
    "timeline": ("y", "period", "stmt", "terms", "ents"),
    "entities": ("types", "n", "period", "focus"),
    "compare": ("qa", "qb", "a", "b"),
    "articles": ("article", "page"),
    "ingest": (),
}
# Out of range, negative, too big for SQLite, the wrong type, digits str.isdigit() accepts but int() or SQLite
# does not, dates outside 1990…today, markup and SQL.
BAD = (
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "²",
    "٣",
    "1e9",
    "1.5",
    "abc",
    " ",
    "0001-01-01",
    "2999-12-31",
    "x" * 2000,
    "<script>alert(1)</script>",
    "'; DROP TABLE articles; --",
    ",,",
)


def start(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.run()
    if PAGES[name] is not None:
        at.switch_page(PAGES[name]).run()
    assert not at.exception
    return at


def follow(at: AppTest, **params: str) -> AppTest:
    """Open a link with these parameters in the same session (as a user pasting it)."""
    at.query_params.clear()
    at.query_params.update(params)
    return at.run()


def calm(at: AppTest, what: object) -> None:
    assert not at.exception, (what, [e.value for e in at.exception])
    assert not at.error, (what, [e.value for e in at.error])


def notices(at: AppTest) -> list[str]:
    return [i.value.replace("\\", "") for i in at.info]


# --- every parameter ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAGES))
def test_the_parameter_list_is_every_parameter_a_page_reads(news_db, monkeypatch, name):
    """The lists above are what the pages read from the URL (so the test below covers every one)."""
    read: set[str] = set()
    real = state.param

    def spy(key: str) -> str | None:
        read.add(key)
        return real(key)

    monkeypatch.setattr(state, "param", spy)
    at = start(name)
    follow(at, lang="en")
    calm(at, name)
    assert read - set(GLOBAL) <= set(PAGE_PARAMS[name]), read
    assert set(PAGE_PARAMS[name]) <= read | {"focus"}  # focus: read once the entity list is drawn
    if name == "entities":
        assert "focus" in read


@pytest.mark.parametrize("name", list(PAGES))
def test_bad_values_of_every_parameter_never_raise(news_db, name):
    at = start(name)
    for value in BAD:
        # The page's own parameters, all at once with the filters left alone (so every widget is drawn) …
        if PAGE_PARAMS[name]:
            follow(at, lang="en", **dict.fromkeys(PAGE_PARAMS[name], value))
            calm(at, (name, value))
        # … then every filter of the sidebar and the language.
        follow(at, **dict.fromkeys(GLOBAL, value))
        calm(at, (name, "filters", value))
    # Both together, for a page whose results the filters do not empty.
    follow(
        at, lang="xx", **{"from": "0001-01-01", "to": "2999-12-31"}, **dict.fromkeys(PAGE_PARAMS[name], "²")
    )
    calm(at, (name, "all"))


# --- the cases of the issue, one by one, with what the reader sees ------------------------------------------


def test_dates_outside_the_picker_are_brought_into_range_with_a_note(news_db):
    at = start("overview")
    today = dt.date.today().isoformat()
    shown = follow(at, lang="en", **{"from": "1990-01-01", "to": today}).dataframe[0].value
    follow(at, lang="en", **{"from": "0001-01-01", "to": "2999-12-31"})
    calm(at, "dates")
    assert at.date_input(key="f_from").value == dt.date(1990, 1, 1)
    assert at.date_input(key="f_to").value == dt.date.today()
    said = notices(at)
    assert any("from=0001-01-01 is outside 1990-01-01" in s for s in said), said
    assert any("to=2999-12-31 is outside" in s for s in said), said
    # Before the first day the picker offers means from that day: the same statements as a link naming it.
    assert at.dataframe[0].value.equals(shown)
    assert at.query_params["from"] == "1990-01-01"


def test_a_date_range_after_the_last_day_matches_nothing(news_db):
    at = follow(start("articles"), lang="en", **{"from": "2999-01-01"})
    calm(at, "from future")
    assert at.date_input(key="f_from").value == dt.date.today()
    assert at.dataframe[0].value.empty
    assert any("Nothing matches" in s for s in notices(at))


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "٣", "-1", "0", "424242", "1.0"])
def test_an_article_id_no_store_can_hold_is_left_out_with_a_note(news_db, value):
    at = follow(start("articles"), lang="en", article=value)
    calm(at, value)
    assert at.selectbox(key="article").value is None
    assert any(f"article={value} is not available here" in s for s in notices(at)), notices(at)
    assert len(at.dataframe[0].value) > 0  # the table is still there


def test_compare_ids_out_of_range_are_left_out_with_a_note(news_db):
    at = follow(start("compare"), lang="en", a="99999999999999999999", b="²")
    calm(at, "compare")
    said = notices(at)
    assert any("a=99999999999999999999 is not available" in s for s in said), said
    assert any("b=² is not available" in s for s in said), said
    assert any("Pick two articles" in s or "two articles" in s for s in said), said


@pytest.mark.parametrize("value", ["0", "-1", "2", "31", "99999999999999999999", "ten"])
def test_entities_top_n_out_of_range_uses_the_default_with_a_note(news_db, value):
    at = follow(start("entities"), lang="en", n=value)
    calm(at, value)
    assert at.slider(key="n").value == 10
    assert any(f"n={value} is not available here" in s for s in notices(at)), notices(at)
    assert "n" not in at.query_params


def test_entities_top_n_in_range_is_kept(news_db):
    at = follow(start("entities"), lang="en", n="3")
    calm(at, "n=3")
    assert at.slider(key="n").value == 3
    assert not any("is not available" in s for s in notices(at))


@pytest.mark.parametrize(
    ("param", "value"), [("stmt", "99999999999999999999"), ("y", "diagonal"), ("period", "year")]
)
def test_timeline_values_it_cannot_show_are_left_out_with_a_note(news_db, param, value):
    at = follow(start("timeline"), lang="en", **{param: value})
    calm(at, value)
    assert any(f"{param}={value} is not available" in s for s in notices(at)), notices(at)


def test_a_valid_link_has_no_note(news_db):
    at = follow(start("articles"), lang="en", article="2", **{"from": "2018-01-01"})
    calm(at, "valid")
    assert at.selectbox(key="article").value == 2
    assert not any("not available" in s or "outside" in s for s in notices(at))


def test_parse_id_takes_only_ids_sqlite_can_hold():
    assert state.parse_id("12") == 12
    assert state.parse_id(str(state.SQLITE_INT_MAX)) == 2**63 - 1
    for bad in ("0", "-1", "²", "٣", "1_0", "1.0", "", "abc", str(2**63), "99999999999999999999"):
        with pytest.raises(ValueError):
            state.parse_id(bad)


# --- the date form refuses impossible dates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "day", "why"),
    [
        (2017, 2, 31, "2017-02-31 is not a date: February 2017 has 28 days"),
        (2016, 2, 30, "2016-02-30 is not a date: February 2016 has 29 days"),
        (2017, 4, 31, "2017-04-31 is not a date: April 2017 has 30 days"),
        (2017, 13, None, "bad month: 13"),
        (2017, None, 5, "a day needs a month"),
        (dt.date.today().year + 1, None, None, "bad year"),
    ],
)
def test_impossible_dates_are_refused_in_words(tmp_path, year, month, day, why):
    db = connection.connect(build_store(tmp_path / "news.db"))
    before = edits.article_date_row(db, 3)
    with pytest.raises(ValueError, match=why):
        corrections.set_article_date(db, 3, year=year, month=month, day=day, who="lan")
    assert edits.article_date_row(db, 3) == before
    assert corrections.list_corrections(db) == []
    corrections.set_article_date(db, 3, year=2016, month=2, day=29, who="lan")  # a leap day is a date
    assert edits.article_date_row(db, 3)["published"] == "2016-02-29"
    db.close()


def test_date_form_refuses_february_31_with_a_clear_message(news_db):
    at = follow(start("overview"), lang="en")
    queue = set(at.dataframe[1].value["id"])
    assert 3 in queue
    at.selectbox(key="dq_article").set_value(3)
    at.number_input(key="dq_year").set_value(2017)
    at.number_input(key="dq_month").set_value(2)
    at.number_input(key="dq_day").set_value(31)
    at.text_input(key="dq_who").set_value("lan")
    next(b for b in at.button if b.label == "Save date").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert errors == ["2017-02-31 is not a date: February 2017 has 28 days"]
    assert not at.success
    assert set(at.dataframe[1].value["id"]) == queue  # article 3 is still undated
    db = connection.connect(news_db)
    assert corrections.list_corrections(db) == []
    db.close()
