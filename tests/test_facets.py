"""Facets with counts (Datasette-style): each value with its articles under the other filters, the facet's own
filter left out, counts that agree with the Articles page, and a click that sets the sidebar filter and the
URL (AppTest)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.read import facets
from core.read.articles import count_articles
from core.read.filters import Filters
from tests.dashboard_fixtures import build_store
from tests.test_pages import open_page


@pytest.fixture
def path(tmp_path):
    return build_store(tmp_path / "news.db")


def values(facet: facets.Facet) -> dict[str, int]:
    return dict(facet.values)


def test_counts_articles_per_value(path):
    f = Filters()  # every article
    assert values(facets.side(path, f)) == {"nato": 3, "russia": 3}
    assert values(facets.stance(path, f)) == {"cooperative": 2, "conflictual": 2, "neutral": 1}
    assert values(facets.source(path, f)) == {"TTXVN": 2, "VnExpress": 2, "Tuổi Trẻ": 1}
    assert values(facets.speaker(path, f))["Jens Stoltenberg"] == 3
    assert values(facets.entity(path, f))["Vladimir Putin"] == 1
    assert facets.month(path, f).values == (("2019-07", 1), ("2018-11", 1), ("2018-03", 1))  # newest first


def test_a_facet_leaves_its_own_filter_out(path):
    f = Filters(sides=("nato",))
    side = facets.side(path, f)
    assert values(side) == {"nato": 3, "russia": 3} and side.selected == ("nato",)
    assert side.values[0][0] == "nato"  # what the filter holds comes first, to be removed
    # ...while the other facets count under it: article 2 quotes no NATO-side speaker.
    assert values(facets.source(path, f)) == {"TTXVN": 2, "VnExpress": 1}


def test_statement_facets_count_the_same_statement(path):
    """Side under stance=conflictual: articles with a conflictual statement by a speaker of that side."""
    assert values(facets.side(path, Filters(stances=("conflictual",)))) == {"russia": 2}
    assert values(facets.stance(path, Filters(speaker="Sergei Lavrov"))) == {
        "conflictual": 1,
        "cooperative": 1,
    }


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(relevance="relevant"),
        Filters(sides=("russia",), stances=("conflictual",)),
        Filters(entity="NATO", sources=("TTXVN",)),
        Filters(speaker="Jens Stoltenberg", date_from="2018-01-01", date_to="2018-12-31"),
        Filters(q="đối thoại"),
        Filters(q="Putin", relevance="relevant"),
    ],
)
def test_every_count_is_what_a_click_would_show(path, f):
    """Each value's count is the Articles page's count once that value alone is the facet's filter."""
    for name in facets.FACETS:
        facet = facets.FUNCTIONS[name](path, f)
        for value, n in facet.values:
            picked = facets.with_selection(f, name, [value] if name in facets.MULTI else value)
            assert n == count_articles(path, picked), (name, value)


def test_a_held_value_with_no_articles_is_still_listed(path):
    facet = facets.source(path, Filters(sources=("Nowhere",)))
    assert facet.values[0] == ("Nowhere", 0)


def test_limit_says_there_are_more(path):
    facet = facets.entity(path, Filters(), limit=2)
    assert len(facet.values) == 2 and facet.more
    assert not facets.side(path, Filters()).more


def test_with_selection():
    f = Filters(sides=("nato",), q="x")
    assert facets.with_selection(f, "side", ["nato", "russia"]).sides == ("nato", "russia")
    assert facets.with_selection(f, "side", []).sides == ()
    assert facets.with_selection(f, "entity", "NATO").entity == "NATO"
    assert facets.with_selection(f, "speaker", None).speaker is None
    feb = facets.with_selection(f, "month", "2016-02")
    assert (feb.date_from, feb.date_to, feb.q) == ("2016-02-01", "2016-02-29", "x")
    assert facets.month_of(feb) == "2016-02"
    assert facets.month_of(replace(feb, date_to="2016-03-31")) is None
    assert facets.with_selection(feb, "month", None).date_from is None


# --- in the sidebar ---------------------------------------------------------------------------------------------


def test_facets_show_counts_in_the_sidebar(news_db):
    at = open_page("articles", lang="en", relevance="all")
    assert at.sidebar.button_group(key="facet_side").options == ["NATO · 3", "Russia · 3"]
    assert "TTXVN · 2" in at.sidebar.button_group(key="facet_source").options
    at = open_page("overview", lang="vi", relevance="all")
    assert "Nga · 3" in at.sidebar.button_group(key="facet_side").options


def test_a_facet_click_sets_the_filter_and_the_url(news_db):
    at = open_page("articles", lang="en", relevance="all")
    at.sidebar.button_group(key="facet_side").set_value(["russia"]).run()
    assert not at.exception
    assert at.query_params["side"] == "russia"
    assert at.multiselect(key="f_side").value == ["russia"]
    assert set(at.dataframe[0].value["id"]) == {1, 2, 5}
    # Its own facet still offers the other side; another facet counts under the new filter.
    assert at.sidebar.button_group(key="facet_side").options == ["Russia · 3", "NATO · 3"]
    assert "VnExpress · 2" in at.sidebar.button_group(key="facet_source").options
    # A second click removes it.
    at.sidebar.button_group(key="facet_side").set_value([]).run()
    assert "side" not in at.query_params and at.multiselect(key="f_side").value == []


def test_entity_and_month_clicks(news_db):
    at = open_page("timeline", lang="en", relevance="all")
    at.sidebar.button_group(key="facet_entity").set_value("Vladimir Putin").run()
    assert at.query_params["entity"] == "Vladimir Putin"
    assert at.selectbox(key="f_entity").value == "Vladimir Putin"
    at.sidebar.button_group(key="facet_month").set_value("2019-07").run()
    assert (at.query_params["from"], at.query_params["to"]) == ("2019-07-01", "2019-07-31")
    assert str(at.date_input(key="f_from").value) == "2019-07-01"
    assert at.query_params["entity"] == "Vladimir Putin"  # the other filters stay


# --- a time limit, as Datasette's facet_time_limit_ms ------------------------------------------------------------


@pytest.fixture
def no_time(monkeypatch):
    """Every facet query over its time at once (the limit 0 ms, checked at every step)."""
    monkeypatch.setattr(facets, "time_limit_ms", lambda: 0)
    monkeypatch.setattr(facets, "PROGRESS_STEPS", 1)


def test_a_facet_over_its_time_is_given_up_and_keeps_the_held_values(path, no_time, monkeypatch):
    f = Filters(sides=("nato",), q="NATO")
    side = facets.side(path, f)
    assert side.timed_out and side.selected == ("nato",) and [v for v, _ in side.values] == ["nato"]
    assert facets.entity(path, f).timed_out
    # the connection is fine afterwards: the next query (with time) counts as before
    monkeypatch.setattr(facets, "PROGRESS_STEPS", 1000)
    monkeypatch.setattr(facets, "time_limit_ms", lambda: 10_000)
    assert values(facets.side(path, Filters())) == {"nato": 3, "russia": 3}


def test_facets_over_their_time_say_so_in_the_sidebar(news_db, no_time):
    at = open_page("articles", lang="en", relevance="all", side="nato")
    assert not at.exception
    notes = [c.value for c in at.sidebar.caption]
    assert any(n.startswith("Side: too many matching articles to count in time") for n in notes)
    # the held value stays a pill (to remove it), without a count that would mean nothing
    assert at.sidebar.button_group(key="facet_side").options == ["NATO"]
    at = open_page("articles", lang="vi", relevance="all")
    assert any(c.value.startswith("Phía: quá nhiều bài khớp") for c in at.sidebar.caption)
