"""core.charts: figures are pure functions of their data; labels follow the language; article text is
escaped; empty data gives a labelled empty figure rather than an error."""

from __future__ import annotations

import pandas as pd
import pytest

from core import charts, queries
from core.queries import Filters
from tests.dashboard_fixtures import SCRIPT_TITLE, build_store


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("charts") / "news.db")


def test_side_stance_bars(path):
    fig = charts.side_stance_bars(queries.side_stance_counts(path, Filters()), "vi")
    names = [t.name for t in fig.data]
    assert names == ["hợp tác", "trung lập", "đối đầu"]
    assert list(fig.data[2].x) == ["NATO", "Nga"] and list(fig.data[2].y) == [0, 3]
    assert fig.layout.barmode == "stack"
    assert "Noto Sans" in fig.layout.template.layout.font.family


def test_statement_points_hover_and_ids(path):
    df = queries.statement_points(path, Filters())
    fig = charts.statement_points(df, "speaker", "en")
    ids = sorted(int(c[0]) for t in fig.data for c in t.customdata)
    assert ids == sorted(df["id"])
    assert "customdata[1]" in fig.data[0].hovertemplate and "customdata[3]" in fig.data[0].hovertemplate
    assert {t.marker.color for t in fig.data} <= set(charts.STANCE_COLORS.values())
    by_side = charts.statement_points(df, "side", "vi")
    assert {y for t in by_side.data for y in t.y} == {"NATO", "Nga"}


def test_hover_text_is_escaped():
    df = pd.DataFrame(
        [
            {
                "id": 1,
                "date": "2019-01-01",
                "speaker": "<b>X</b>",
                "side": "nato",
                "verb": "nói",
                "stance": "neutral",
                "text": SCRIPT_TITLE,
            }
        ]
    )
    fig = charts.statement_points(df)
    speaker, _, quote = fig.data[0].customdata[0][1:]
    assert speaker == "&lt;b&gt;X&lt;/b&gt;" and "<script>" not in quote and "&lt;script&gt;" in quote
    assert list(fig.data[0].y) == ["&lt;b&gt;X&lt;/b&gt;"]


@pytest.mark.parametrize("period", ["week", "month"])
def test_statement_counts_one_row_per_side(path, period):
    fig = charts.statement_counts(queries.statement_counts(path, Filters(), period), period, "en")
    assert {t.yaxis for t in fig.data} == {"y", "y2"}
    assert sum(sum(t.y) for t in fig.data) == 6
    legend = [t.name for t in fig.data if t.showlegend]
    assert sorted(legend) == ["conflictual", "cooperative"]


def test_entity_charts(path):
    top = queries.top_entities(path, Filters())
    fig = charts.top_entities(top, "en")
    assert sum(len(t.x) for t in fig.data) == len(top)
    heat = charts.cooccurrence(queries.cooccurrence(path, Filters(), list(top["name"])))
    assert heat.data[0].z.shape == (len(top), len(top))
    lines = charts.entity_lines(queries.entity_timeline(path, Filters(), ["NATO", "Nga"]))
    assert {t.name for t in lines.data} == {"NATO", "Nga"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.side_stance_bars(pd.DataFrame(columns=["side", "stance", "n"])),
        lambda: charts.statement_points(
            pd.DataFrame(columns=["id", "date", "speaker", "side", "verb", "stance", "text"])
        ),
        lambda: charts.statement_counts(pd.DataFrame(columns=["period", "side", "stance", "n"])),
        lambda: charts.top_entities(pd.DataFrame(columns=["name", "type", "side", "articles", "mentions"])),
        lambda: charts.entity_lines(pd.DataFrame(columns=["period", "name", "mentions"])),
        lambda: charts.cooccurrence(pd.DataFrame()),
    ],
)
def test_empty_data_gives_labelled_empty_figure(make):
    fig = make()
    assert not fig.data
    assert fig.layout.annotations[0].text == "Nothing matches these filters."


def test_collection_dates_are_drawn_as_upper_bounds(path):
    """A statement dated only by its crawl time is a hollow marker named as an upper bound, never a plain dot."""
    df = queries.statement_points(path, Filters())
    df = df.assign(date_source=["crawled"] + ["metadata"] * (len(df) - 1))
    fig = charts.statement_points(df, "speaker", "en")
    hollow = [t for t in fig.data if t.marker.symbol == "circle-open"]
    assert len(hollow) == 1 and len(hollow[0].x) == 1
    assert "upper bound" in hollow[0].name
    assert "on or before" in hollow[0].hovertemplate
    assert sum(len(t.x) for t in fig.data) == len(df), "every statement drawn once"
    assert all("upper bound" not in t.name for t in fig.data if t.marker.symbol != "circle-open")
