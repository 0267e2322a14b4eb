"""Clickable charts: a bar of the Overview's side×stance chart or of the Entities page's top-entities chart
sets the sidebar filters (side and stance; entity) the way a facet pill does. AppTest cannot click a Plotly
chart, so the mapping is tested with selection events shaped like Streamlit's, from the figures themselves,
and the pages are checked to draw those charts as selectable widgets."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from streamlit.proto.PlotlyChart_pb2 import PlotlyChart

from core.app import charts, entity_charts, sidebar
from core.labels import label
from core.read.filters import Filters
from tests.browser_support import CHROMIUM
from tests.test_browser import _url, _wait_idle, server  # noqa: F401 (server: the fixture store's dashboard)
from tests.test_pages import open_page

BASE = Filters(q="NATO", sources=("TTXVN",), date_from="2019-01-01")


def event(*customdata: list) -> dict:
    """A selection event as `st.plotly_chart(on_select=...)` gives it (session_state[key])."""
    points = [
        {"curve_number": 0, "point_number": i, "point_index": i, "x": "x", "y": 1, "customdata": list(c)}
        for i, c in enumerate(customdata)
    ]
    return {
        "selection": {"points": points, "point_indices": list(range(len(points))), "box": [], "lasso": []}
    }


def clicked(fig, trace: int, point: int) -> dict:
    """The event of a click on one bar of `fig`, its customdata taken from the figure as Plotly sends it."""
    return event(list(fig.data[trace].customdata[point]))


def test_a_side_stance_bar_sets_side_and_stance_and_keeps_the_rest():
    counts = pd.DataFrame(
        {
            "side": ["nato", "russia", "russia"],
            "stance": ["neutral", "conflictual", "neutral"],
            "n": [4, 3, 2],
        }
    )
    fig = charts.side_stance_bars(counts, "vi")  # labels in Vietnamese; the click still carries the codes
    trace = next(i for i, t in enumerate(fig.data) if t.name == label("values.stance.conflictual", "vi"))
    point = list(fig.data[trace].x).index(label("values.side.russia", "vi"))
    new = sidebar.chart_click_filters(BASE, clicked(fig, trace, point), sidebar.CHART_CLICKS["side_stance"])
    assert new == replace(BASE, sides=("russia",), stances=("conflictual",))
    # Clicking another bar replaces the choice (a bar is one side and one stance), it does not add to it.
    again = sidebar.chart_click_filters(new, event(["nato", "neutral"]), sidebar.CHART_CLICKS["side_stance"])
    assert (again.sides, again.stances, again.q) == (("nato",), ("neutral",), "NATO")


def test_a_top_entity_bar_sets_the_entity():
    top = pd.DataFrame(
        {
            "name": ["Vladimir Putin", "NATO"],
            "type": ["PER", "ORG"],
            "side": ["russia", "nato"],
            "articles": [5, 7],
            "mentions": [9, 12],
        }
    )
    fig = entity_charts.top_entities(top, "en")
    trace = next(i for i, t in enumerate(fig.data) if t.name == label("values.side.russia", "en"))
    new = sidebar.chart_click_filters(BASE, clicked(fig, trace, 0), sidebar.CHART_CLICKS["top_entities"])
    assert new == replace(BASE, entity="Vladimir Putin")
    # The hover still reads the mentions from the first column.
    assert int(fig.data[trace].customdata[0][0]) == 9


@pytest.mark.parametrize(
    "ev",
    [None, {}, {"selection": {"points": [], "box": [], "lasso": []}}, event([]), {"selection": None}],
)
def test_no_click_changes_nothing(ev):
    assert sidebar.chart_click_filters(BASE, ev, sidebar.CHART_CLICKS["side_stance"]) is None


def _selectable(at, title: str) -> PlotlyChart:
    for el in at.get("plotly_chart"):
        if title in el.proto.spec:
            return el.proto
    raise AssertionError(f"no chart titled {title!r}")


@pytest.mark.parametrize(
    ("page", "title", "plain"),
    [
        ("overview", label("overview.by_side_stance", "en"), label("overview.by_source", "en")),
        ("entities", label("entities.top", "en"), None),
    ],
)
def test_pages_draw_the_charts_as_point_selections(news_db, page, title, plain):
    at = open_page(page, lang="en", relevance="all")
    proto = _selectable(at, title)
    # A widget id (from the key) and point selection: a click reruns the page with the callback.
    assert proto.id and list(proto.selection_mode) == [PlotlyChart.SelectionMode.POINTS]
    if plain:  # charts without a click mapping stay plain pictures
        assert not _selectable(at, plain).selection_mode


# --- in a real browser (the click AppTest cannot make) -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is absent")
@pytest.mark.parametrize(
    ("path", "expect"), [("", ("side=", "stance=")), ("entities", ("entity=",))], ids=["overview", "entities"]
)
def test_a_bar_click_sets_the_filter_in_the_browser(server, browser, path, expect):  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/{path}?lang=en&relevance=all", wait_until="networkidle")
        _wait_idle(page)
        title = label("overview.by_side_stance" if not path else "entities.top", "en")
        chart = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=title).first
        bars = chart.locator(".barlayer .point")
        bars.first.wait_for(timeout=20_000)
        bars.first.click(force=True)
        deadline = time.time() + 20
        while not all(e in _url(page) for e in expect) and time.time() < deadline:
            time.sleep(0.2)
        assert all(e in _url(page) for e in expect), _url(page)
        _wait_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
