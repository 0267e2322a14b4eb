"""core.app.charts and entity_charts: figures are pure functions of their data; labels follow the language; article text is
escaped; empty data gives a labelled empty figure rather than an error."""

from __future__ import annotations

import pandas as pd
import pytest

from core.app import charts, entity_charts
from core.read.entities import cooccurrence, entity_timeline, top_entities
from core.read.filters import Filters
from core.read.overview import side_stance_counts
from core.read.timeline import statement_counts, statement_points
from tests.dashboard_fixtures import SCRIPT_TITLE, build_store


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("charts") / "news.db")


def test_side_stance_bars(path):
    fig = charts.side_stance_bars(side_stance_counts(path, Filters()), "vi")
    names = [t.name for t in fig.data]
    assert names == ["hợp tác", "trung lập", "đối đầu"]
    assert list(fig.data[2].x) == ["NATO", "Nga"] and list(fig.data[2].y) == [0, 3]
    assert fig.layout.barmode == "stack"
    assert "Noto Sans" in fig.layout.template.layout.font.family


def test_statement_points_hover_and_ids(path):
    df = statement_points(path, Filters())
    fig = charts.statement_points(df, "speaker", "en")
    ids = sorted(int(c[0]) for t in fig.data for c in t.customdata)
    assert ids == sorted(df["id"])
    assert "customdata[1]" in fig.data[0].hovertemplate and "customdata[3]" in fig.data[0].hovertemplate
    assert {t.marker.color for t in fig.data} <= set(charts.STANCE_COLORS.values())
    by_side = charts.statement_points(df, "side", "vi")
    assert _rows(by_side) == {"NATO", "Nga"}


def _rows(fig) -> set[str]:
    """The row label of every statement point: its y rounded to the nearest row, named by the y axis' ticks."""
    names = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    return {names[round(y)] for t in fig.data if t.customdata is not None for y in t.y}


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
    assert _rows(fig) == {"&lt;b&gt;X&lt;/b&gt;"}


@pytest.mark.parametrize("period", ["week", "month"])
def test_statement_counts_one_row_per_side(path, period):
    fig = charts.statement_counts(statement_counts(path, Filters(), period), period, "en")
    assert {t.yaxis for t in fig.data} == {"y", "y2"}
    assert sum(sum(t.y) for t in fig.data) == 6
    legend = [t.name for t in fig.data if t.showlegend]
    assert sorted(legend) == ["conflictual", "cooperative"]


def test_entity_charts(path):
    top = top_entities(path, Filters())
    fig = entity_charts.top_entities(top, "en")
    assert sum(len(t.x) for t in fig.data) == len(top)
    heat = entity_charts.cooccurrence(cooccurrence(path, Filters(), list(top["name"])))
    assert heat.data[0].z.shape == (len(top), len(top))
    lines = entity_charts.entity_lines(entity_timeline(path, Filters(), ["NATO", "Nga"]))
    assert {t.name for t in lines.data} == {"NATO", "Nga"}


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.side_stance_bars(pd.DataFrame(columns=["side", "stance", "n"])),
        lambda: charts.statement_points(
            pd.DataFrame(columns=["id", "date", "speaker", "side", "verb", "stance", "text"])
        ),
        lambda: charts.statement_counts(pd.DataFrame(columns=["period", "side", "stance", "n"])),
        lambda: entity_charts.top_entities(
            pd.DataFrame(columns=["name", "type", "side", "articles", "mentions"])
        ),
        lambda: entity_charts.entity_lines(pd.DataFrame(columns=["period", "name", "mentions"])),
        lambda: entity_charts.cooccurrence(pd.DataFrame()),
    ],
)
def test_empty_data_gives_labelled_empty_figure(make):
    fig = make()
    assert not fig.data
    assert fig.layout.annotations[0].text == "Nothing matches these filters."


@pytest.mark.parametrize("source", ["crawled", "crawled_bulk"])
def test_collection_dates_are_drawn_as_upper_bounds(path, source):
    """A statement dated only by its crawl time (or a bulk import's) is a hollow marker named as an upper bound,
    never a plain dot."""
    df = statement_points(path, Filters())
    df = df.assign(date_source=[source] + ["metadata"] * (len(df) - 1))
    fig = charts.statement_points(df, "speaker", "en")
    drawn = [t for t in fig.data if t.customdata is not None]
    hollow = [t for t in drawn if t.marker.symbol == "circle-open"]
    assert len(hollow) == 1 and len(hollow[0].x) == 1
    assert "upper bound" in hollow[0].name
    assert "on or before" in hollow[0].hovertemplate
    assert sum(len(t.x) for t in drawn) == len(df), "every statement drawn once"
    assert all("upper bound" not in t.name for t in fig.data if t.marker.symbol != "circle-open")


# --- edge cases: one day, one month, one point, thousands of points, many entities ------------------------------


def _points(dates: list[str], speakers: list[str] | None = None) -> pd.DataFrame:
    n = len(dates)
    return pd.DataFrame(
        {
            "id": range(1, n + 1),
            "date": dates,
            "speaker": speakers or ["Vladimir Putin"] * n,
            "side": ["russia"] * n,
            "verb": ["nói"] * n,
            "stance": ["conflictual"] * n,
            "text": ["NATO đang bao vây Nga"] * n,
        }
    )


def _span_days(axis) -> float:
    lo, hi = (pd.Timestamp(v) for v in axis.range)
    return (hi - lo) / pd.Timedelta(days=1)


@pytest.mark.parametrize("dates", [["2017-05-08"], ["2017-05-08"] * 3])
def test_one_day_gets_day_ticks_not_milliseconds(dates):
    fig = charts.statement_points(_points(dates), "speaker", "vi")
    axis = fig.layout.xaxis
    assert axis.dtick >= charts.DAY_MS, "a tick per day at the finest"
    assert axis.tickformat == "%d/%m/%Y"
    assert 5 <= _span_days(axis) <= 10, "a few days around the one date"
    lo, hi = (pd.Timestamp(v) for v in axis.range)
    assert lo < pd.Timestamp("2017-05-08") < hi


def test_long_spans_get_month_then_year_ticks():
    months = charts.statement_points(_points(["2017-01-03", "2017-11-20"]), "speaker", "en").layout.xaxis
    assert months.dtick == "M1" and months.tickformat == "%b %Y"
    years = charts.statement_points(_points(["2009-01-03", "2019-11-20"]), "speaker", "vi").layout.xaxis
    assert years.tickformat == "%Y" and years.dtick in ("M12", "M24")


@pytest.mark.parametrize("period", ["month", "week"])
def test_one_period_of_bars_does_not_fill_the_plot(period):
    counts = pd.DataFrame({"period": ["2017-05-01"], "side": ["nato"], "stance": ["conflictual"], "n": [4]})
    fig = charts.statement_counts(counts, period, "vi")
    unit = 30.5 if period == "month" else 7
    assert _span_days(fig.layout.xaxis) >= charts.MIN_PERIODS * unit - 2
    assert fig.data[0].width / charts.DAY_MS <= unit, "a bar is one period wide at most"
    assert fig.data[0].xperiodalignment == "middle", "drawn across its own period"
    assert fig.layout.xaxis.dtick != 1  # never millisecond ticks


def test_week_ticks_fall_on_mondays():
    counts = pd.DataFrame(
        {"period": ["2017-05-01", "2017-05-15"], "side": ["nato"] * 2, "stance": ["neutral"] * 2, "n": [1, 2]}
    )
    axis = charts.statement_counts(counts, "week", "en").layout.xaxis
    assert pd.Timestamp(axis.tick0).day_name() == "Monday" and axis.dtick == 7 * charts.DAY_MS


def test_thousands_of_points_keep_rows_bounded_and_every_point():
    n = 4000
    speakers = [f"Người {i % 400:03d}" for i in range(n)]
    dates = [str(pd.Timestamp("2015-01-01") + pd.Timedelta(days=i % 900))[:10] for i in range(n)]
    fig = charts.statement_points(_points(dates, speakers), "speaker", "en")
    rows = _rows(fig)
    assert len(rows) == charts.MAX_ROWS
    assert "371 other speakers" in rows
    assert list(fig.layout.yaxis.ticktext)[0] == "371 other speakers", "the shared row at the bottom"
    assert sum(len(t.x) for t in fig.data) == n, "every statement is still drawn"
    assert fig.layout.height <= 80 + 28 * charts.MAX_ROWS
    assert fig.data[0].marker.size < 11 and fig.data[0].opacity < 1


def test_few_speakers_keep_one_row_each():
    fig = charts.statement_points(_points(["2017-05-08", "2017-05-09"], ["A", "B"]), "speaker", "en")
    assert list(fig.layout.yaxis.ticktext) == ["B", "A"], "alphabetical from the top"


def _entity_lines(names: int, periods: int = 6) -> tuple[pd.DataFrame, dict[str, str]]:
    rows = []
    for i in range(names):
        for p in range(periods):
            rows.append({"period": f"2017-{p + 1:02d}-01", "name": f"E{i:02d}", "mentions": names - i + p})
    sides = {f"E{i:02d}": ("nato", "russia", "other")[i % 3] for i in range(names)}
    return pd.DataFrame(rows), sides


def test_many_entities_top_lines_and_the_rest_summed():
    df, sides = _entity_lines(25)
    fig = entity_charts.entity_lines(df, "vi", sides=sides)
    names = [t.name for t in fig.data]
    assert len(fig.data) == entity_charts.MAX_LINES + 1
    assert names[-1] == f"{25 - entity_charts.MAX_LINES} thực thể khác"
    rest = fig.data[-1]
    top = [f"E{i:02d}" for i in range(entity_charts.MAX_LINES)]  # the most mentioned, by construction
    assert set(names[:-1]) == set(top)
    expected = df[~df["name"].isin(top)].groupby("period")["mentions"].sum()
    assert list(rest.y) == list(expected)


def test_entity_line_colours_follow_the_sides():
    df, sides = _entity_lines(12)
    fig = entity_charts.entity_lines(df, "en", sides=sides)
    for trace in fig.data[:-1]:
        side = sides[trace.name]
        assert trace.line.color in entity_charts.SIDE_SHADES[side], (trace.name, side)
        assert trace.legendgroup == side
    nato = {t.line.color for t in fig.data if sides.get(t.name) == "nato"}
    assert not nato & set(entity_charts.SIDE_SHADES["russia"]), "a NATO line is never drawn in Russia's red"


def test_entity_lines_one_point():
    df = pd.DataFrame({"period": ["2017-05-01"], "name": ["NATO"], "mentions": [3]})
    fig = entity_charts.entity_lines(df, "en", sides={"NATO": "nato"})
    assert len(fig.data) == 1 and fig.data[0].line.color == charts.SIDE_COLORS["nato"]
    assert _span_days(fig.layout.xaxis) >= charts.MIN_PERIODS * 28


def test_top_entities_name_types_in_the_language():
    df = pd.DataFrame({"name": ["NATO"], "type": ["ORG"], "side": ["nato"], "articles": [3], "mentions": [5]})
    assert list(entity_charts.top_entities(df, "vi").data[0].y) == ["NATO (tổ chức)"]


def test_source_bars_top_outlets_other_and_unnamed():
    df = pd.DataFrame(
        {"source": [f"Báo {i:02d}" for i in range(20)] + [None], "articles": list(range(40, 20, -1)) + [9]}
    )
    fig = charts.source_bars(df, "vi", top=15)
    bars = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert len(bars) == 17
    assert bars["5 nguồn khác"] == sum(range(25, 20, -1))
    assert bars["không ghi nguồn"] == 9
    assert "?" not in bars
