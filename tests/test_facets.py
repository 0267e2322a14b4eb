"""Facets with counts (Datasette-style): each value with its articles under the other filters, the facet's own
filter left out, counts that agree with the Articles page, and a click that sets the sidebar filter and the
URL (AppTest)."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from core.models import Article, DateInfo
from core.read import estimates, facets
from core.read.articles import count_articles
from core.read.filters import Filters
from core.store import connection
from core.store import db as store
from tests import dashboard_fixtures
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
    monkeypatch.setattr(estimates, "time_limit_ms", lambda: 0)
    monkeypatch.setattr(estimates, "PROGRESS_STEPS", 1)


def test_a_facet_over_its_time_is_given_up_and_keeps_the_held_values(path, no_time, monkeypatch):
    f = Filters(sides=("nato",), q="NATO")
    side = facets.side(path, f)
    assert side.timed_out and side.selected == ("nato",) and [v for v, _ in side.values] == ["nato"]
    assert facets.entity(path, f).timed_out
    # the connection is fine afterwards: the next query (with time) counts as before
    monkeypatch.setattr(estimates, "PROGRESS_STEPS", 1000)
    monkeypatch.setattr(estimates, "time_limit_ms", lambda: 10_000)
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


# --- estimates under broad filters -------------------------------------------------------------------------------

# A skewed store: each value held by a share of the articles far from the others', drawn with a fixed seed, so the
# top values have a clear order an estimate must keep. Most articles (not all) contain the searched word.
SOURCES = (("TTXVN", 0.6), ("VnExpress", 0.3), ("Tuổi Trẻ", 0.1))
PLACES = ((dashboard_fixtures.UKRAINE, 0.5), (dashboard_fixtures.RUSSIA, 0.25))
SPEAKERS = (
    (dashboard_fixtures.STOLTENBERG, 0.55),
    (dashboard_fixtures.LAVROV, 0.3),
    (dashboard_fixtures.PUTIN, 0.15),
)
STANCES = (("conflictual", 0.6), ("neutral", 0.3), ("cooperative", 0.1))
MONTHS = ((3, 0.6), (7, 0.3), (11, 0.1))
SKEWED = 500


def _pick(rng: random.Random, choices):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


@pytest.fixture(scope="module")
def skewed(tmp_path_factory):
    rng = random.Random(11)
    path = tmp_path_factory.mktemp("skewed") / "news.db"
    db = connection.connect(path)
    try:
        with connection.transaction(db):
            for i in range(SKEWED):
                who = _pick(rng, SPEAKERS)
                words = "khảo sát" if rng.random() < 0.9 else "thăm dò"
                said = f"NATO cần {words} số {i}"
                body = f"Ông {who.name} nói rằng {said}. Bài viết số {i} về quan hệ hai bên"
                mentions = [(dashboard_fixtures.NATO, "NATO"), (who, who.name)]
                for place, share in PLACES:
                    if rng.random() < share:
                        body += f". Tình hình {place.name} được nhắc tới"
                        mentions.append((place, place.name))
                statement = {"speaker": who, "verb": "nói rằng", "text": said, "stance": _pick(rng, STANCES)}
                ex = dashboard_fixtures._build(f"Bài {i}", body, mentions, [statement])
                date = DateInfo(5, _pick(rng, MONTHS), 2018, "metadata", "2018")
                article = Article(
                    f"Bài {i}", "", body, f"skewed/{i}.txt", body, _pick(rng, SOURCES), date=date
                )
                store.add_article(db, article, ex)
    finally:
        db.close()
    return path


@pytest.fixture
def estimate_above(monkeypatch):
    """Estimates above 100 matching articles, over a sample of about 100 (every 5th id of the ~450 matching)."""
    monkeypatch.setattr(estimates, "estimate_above", lambda: 100)
    monkeypatch.setattr(estimates, "sample_size", lambda: 100)


def exact(path, f: Filters) -> dict[str, dict[str, int]]:
    return {name: values(facets.FUNCTIONS[name](path, f, limit=1000)) for name in facets.FACETS}


def test_above_the_threshold_counts_are_estimates_within_tolerance(skewed, estimate_above):
    """Every count is marked as an estimate, says how many of how many articles it was read off, and is within
    three standard errors of a random sample of that size of the exact count: |≈c - c| <= 3 sqrt(k c (1 - c/N))
    plus one step k (a value's count in the sample times k)."""
    f = Filters(q="khảo sát")
    matched = count_articles(skewed, f)
    assert 400 < matched < SKEWED  # the text query keeps most articles, not all
    truth = exact(skewed, f)
    for facet in facets.all_facets(skewed, f):
        assert facet.estimated and facet.matched == matched and facet.every == 5, facet.name
        assert facet.sampled == -(-matched // 5)  # every 5th id, the first included
        for value, guess in facet.values:
            c = truth[facet.name][value]
            tolerance = 3 * math.sqrt(5 * c * (1 - c / matched)) + 5
            assert abs(guess - c) <= tolerance, (facet.name, value, guess, c)


def test_estimates_keep_the_order_of_the_top_values(skewed, estimate_above):
    f = Filters(q="khảo sát")
    truth = exact(skewed, f)
    for facet in facets.all_facets(skewed, f):
        ranked = [v for v, _ in sorted(truth[facet.name].items(), key=lambda kv: -kv[1])]
        if facet.name == "month":  # months are listed newest first, not by count
            ranked = sorted(truth["month"], reverse=True)
        assert [v for v, _ in facet.values][:3] == ranked[:3], facet.name


def test_estimates_are_the_same_for_the_same_view(skewed, estimate_above):
    """An even sample (every k-th id in id order), not a random one: the link reproduces the numbers."""
    f = Filters(q="khảo sát", relevance="relevant")
    assert facets.all_facets(skewed, f) == facets.all_facets(skewed, f)
    sample = estimates.sample_of([9, 3, 7, 1, 5, 11, 13], 3)
    assert (sample.ids, sample.matched, sample.step) == ((1, 7, 13), 7, 3)


def test_a_held_value_counts_over_the_articles_without_its_own_filter(skewed, estimate_above):
    """With side=nato held, the side facet samples the articles the text query matches (its own filter left
    out), the other facets the fewer articles that also quote a NATO-side speaker."""
    f = Filters(q="khảo sát", sides=("nato",))
    got = {fc.name: fc for fc in facets.all_facets(skewed, f)}
    assert got["side"].matched == count_articles(skewed, Filters(q="khảo sát"))
    assert got["side"].values[0][0] == "nato" and got["side"].selected == ("nato",)
    assert got["source"].matched == count_articles(skewed, f) < got["side"].matched


def test_below_the_threshold_counts_are_exact(skewed, monkeypatch):
    monkeypatch.setattr(estimates, "estimate_above", lambda: SKEWED)
    for f in (Filters(q="khảo sát"), Filters(q="khảo sát", sides=("nato",)), Filters(sources=("TTXVN",))):
        got = facets.all_facets(skewed, f)
        assert not any(fc.estimated for fc in got)
        assert got == tuple(facets.FUNCTIONS[name](skewed, f) for name in facets.FACETS)


def test_facets_say_they_are_estimates_in_the_sidebar(news_db, monkeypatch):
    """Above the threshold every count reads "≈ N" and a caption says from how many of how many articles, in
    the interface's language; the pills still set filters."""
    monkeypatch.setattr(estimates, "estimate_above", lambda: 2)
    monkeypatch.setattr(
        estimates, "sample_size", lambda: 2
    )  # 5 articles: ids 1 and 4, each counted 2.5 times
    at = open_page("articles", lang="en", relevance="all", q="NATO")
    notes = [c.value for c in at.sidebar.caption]
    assert any(n.startswith("Counts marked ≈ are estimated from 2 of 5 matching articles") for n in notes)
    options = at.sidebar.button_group(key="facet_source").options
    assert options and all(" · ≈ " in o for o in options)
    at.sidebar.button_group(key="facet_source").set_value(["TTXVN"]).run()
    assert at.query_params["source"] == "TTXVN"
    at = open_page("articles", lang="vi", relevance="all", q="NATO")
    assert any("ước tính từ 2 trên 5 bài khớp" in c.value for c in at.sidebar.caption)
    # A held side: its facet samples the 5 articles matching the text, the others the 3 that also quote NATO.
    at = open_page("articles", lang="en", relevance="all", q="NATO", side="nato")
    notes = [c.value for c in at.sidebar.caption]
    assert any(n.startswith("Counts marked ≈ are estimated from 2 of 5 matching articles") for n in notes)
    assert "Outlet: estimated from 2 of 3 matching articles." in notes


def test_the_default_view_is_counted_exactly_whatever_its_size(path, monkeypatch):
    """No filter but relevance (or a search of no words, which keeps every article): kept aggregates and one
    index, never a sample."""
    monkeypatch.setattr(estimates, "estimate_above", lambda: 1)
    for f in (Filters(), Filters(relevance="relevant"), Filters(q="!!!")):
        assert not any(fc.estimated for fc in facets.all_facets(path, f))
