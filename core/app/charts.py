"""Plotly figures from the DataFrames of the core.read query modules. No Streamlit, no SQL: a figure is a
pure function of its data and the label language, so the page, the PNG export and the briefing draw the
same thing.

Every string that came from an article (speaker, quote, entity name) is HTML-escaped before it reaches a
figure: Plotly renders a small HTML subset in labels and hover text, and article text is data.

Here: the common style (fonts, colours, template, date axes, names of coded values) and the statement and
outlet charts; the entity and attention charts are core.app.entity_charts.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.labels import SIDES, STANCES, label
from core.models import UPPER_BOUND_SOURCES

FONT = "Noto Sans, DejaVu Sans, sans-serif"
STANCE_COLORS = {
    "cooperative": "#2a9d8f",
    "neutral": "#8d99ae",
    "conflictual": "#d62828",
    "unsure": "#e9c46a",
}
# Bars on a date axis are as wide as the smallest gap unless told otherwise: one period minus a small gap.
BAR_MS = {"week": 6 * 86_400_000, "month": 27 * 86_400_000}
SIDE_COLORS = {"nato": "#1d4e89", "russia": "#b5172b", "other": "#7f7f7f"}

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=13, color="#222"),
        # Left-aligned: a centred title runs into the legend, which sits above the plot on the right.
        title=dict(font=dict(family=FONT, size=17), x=0, xref="paper", xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(gridcolor="#e6e6e6", zeroline=False, automargin=True),
        yaxis=dict(gridcolor="#e6e6e6", zeroline=False, automargin=True),
        # Above the plot, right-aligned: never collides with the x-axis title.
        legend=dict(orientation="h", x=1, xanchor="right", y=1.02, yanchor="bottom"),
        margin=dict(l=60, r=20, t=60, b=60),
        hoverlabel=dict(font=dict(family=FONT)),
    )
)


def esc(value: object) -> str:
    """Text for Plotly's pseudo-HTML: <, > and & escaped. Quotes are left alone: Plotly decodes &lt; &gt;
    &amp; but prints &quot; and &#x27; literally."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return html.escape(text, quote=False)


def _short(text: object, n: int = 140) -> str:
    s = "" if text is None else str(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def empty_figure(title: str, lang: str) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[
            dict(
                text=label("app.no_results", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
            )
        ],
    )
    return fig


DAY_MS = 86_400_000
# Counts per period are drawn in the middle of their period (a month's bar spans the month, not the days
# around its first); weeks start on Monday (2000-01-03 was one), like core.read.aggregates' periods.
PERIOD_X = {
    "month": dict(xperiod="M1", xperiodalignment="middle"),
    "week": dict(xperiod=7 * 86_400_000, xperiod0="2000-01-03", xperiodalignment="middle"),
}
# Bars of one period never fill the plot: the axis shows at least this many periods.
MIN_PERIODS = 8
# Fewer than this many days on the axis: tick per day(s), never hours or milliseconds.
DAY_TICKS_BELOW = 62


def date_axis(lang: str, dates: Iterable | None = None, period: str | None = None) -> dict:
    """A date axis whose range and ticks suit the data: a single day is shown with a few days around it and
    day ticks (Plotly would zoom to milliseconds), a few months of bars get at least MIN_PERIODS periods of
    room (one bar would fill the plot), long spans get month or year ticks. Plotly's month names are
    English only, so Vietnamese readers get numbers (03/2018)."""
    axis: dict = {"type": "date"}
    ts = pd.to_datetime(pd.Series(list(dates) if dates is not None else [], dtype=object), errors="coerce")
    ts = ts.dropna()
    if ts.empty:
        if lang == "vi":
            axis["tickformat"] = "%m/%Y"
        return axis
    lo, hi = ts.min(), ts.max()
    if period in ("week", "month"):
        # Drawn in the middle of their period (PERIOD_X): the range covers whole periods, at least MIN_PERIODS.
        unit = pd.DateOffset(months=1) if period == "month" else pd.Timedelta(days=7)
        n = len(pd.date_range(lo, hi, freq="MS" if period == "month" else "7D"))
        spare = max(MIN_PERIODS - n, 0)
        start = lo - unit * (spare // 2) - pd.Timedelta(days=1)
        end = hi + unit * (1 + spare - spare // 2) + pd.Timedelta(days=1)
    else:
        pad = max((hi - lo) * 0.03, pd.Timedelta(days=3))
        start, end = lo - pad, hi + pad
    days = (end - start).days
    axis["range"] = [start.strftime("%Y-%m-%d %H:%M"), end.strftime("%Y-%m-%d %H:%M")]
    if days < DAY_TICKS_BELOW:
        step = 7 if period == "week" else max(1, math.ceil(days / 10))
        axis.update(dtick=step * DAY_MS, tickformat="%d/%m/%Y" if lang == "vi" else "%d %b %Y")
        if period == "week":
            axis["tick0"] = "2000-01-03"
    elif days <= 3 * 366:
        months = max(1, math.ceil(days / 30 / 12))
        months = next(m for m in (1, 2, 3, 6, 12) if m >= months)
        axis.update(dtick=f"M{months}", tickformat="%m/%Y" if lang == "vi" else "%b %Y")
    else:
        years = max(1, math.ceil(days / 365 / 10))
        axis.update(dtick=f"M{12 * years}", tickformat="%Y")
    return axis


def _stance_name(stance: str, lang: str) -> str:
    return label(f"values.stance.{stance}", lang) if stance in STANCES else esc(stance)


def side_name(side: str, lang: str) -> str:
    return label(f"values.side.{side}", lang) if side in SIDES else esc(side)


def side_stance_bars(df: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    """Counts by speaker side (x), stacked by stance: the overview's one chart. customdata is (side code,
    stance code), so a click on a bar can set those filters."""
    title = title if title is not None else label("overview.by_side_stance", lang)
    if df.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    sides = [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES))
    for stance in [s for s in STANCES if s in set(df["stance"])]:
        part = df[df["stance"] == stance].set_index("side")["n"]
        fig.add_bar(
            x=[side_name(s, lang) for s in sides],
            y=[int(part.get(s, 0)) for s in sides],
            name=_stance_name(stance, lang),
            marker_color=STANCE_COLORS[stance],
            customdata=[[s, stance] for s in sides],  # the codes a click sets as filters (core.app.ui)
        )
    fig.update_layout(
        template=TEMPLATE,
        barmode="stack",
        title=title,
        xaxis_title=label("columns.side", lang),
        yaxis_title=label("columns.n", lang),
    )
    return fig


# Points of one row spread over ±JITTER of the row spacing by their id, so ten statements of one day show as ten.
JITTER = 0.3


def row_offsets(ids: Iterable[int] | np.ndarray) -> np.ndarray:
    """Offsets from the row's centre in [-JITTER, JITTER), fixed by the id (Fibonacci hashing: never moving
    between renders; consecutive ids, one article's statements on one day, land far apart)."""
    unit = ((np.asarray(ids, dtype=np.int64) * 2654435769) % 2**32).astype(np.float64) / 2**32
    return (unit - 0.5) * 2 * JITTER


def statement_points(
    df: pd.DataFrame, y: str = "speaker", lang: str = "en", title: str | None = None
) -> go.Figure:
    """Each statement a point: date x speaker (or side), coloured by stance; customdata[0] is the statement id.
    Rows are numbered positions labelled by their ticks (a category axis cannot offset a point within its row):
    each point sits at its row plus a small offset fixed by its id, so same-day points do not hide each other."""
    title = title if title is not None else label("timeline.title", lang)
    if df.empty:
        return empty_figure(title, lang)
    ycol = "speaker" if y == "speaker" else "side"
    fig = go.Figure()
    rows = _point_rows(df, ycol, lang)
    categories = list(dict.fromkeys(rows))
    other = [c for c in categories if c not in set(rows.attrs.get("kept", categories))]
    order = other + sorted(set(categories) - set(other), reverse=True)  # A at the top, "other" at the bottom
    position = {name: i for i, name in enumerate(order)}
    ys = rows.map(position).astype(float) + row_offsets(df["id"])
    size, opacity = _marker_size(len(df))
    # A date known only as "collected on" (date_source crawled, crawled_bulk) is an upper bound: a hollow marker,
    # said so in its hover and by one legend entry for all stances (the stance entries stand for both kinds).
    bound = (
        df["date_source"].isin(UPPER_BOUND_SOURCES)
        if "date_source" in df
        else pd.Series(False, index=df.index)
    )
    for stance in [s for s in STANCES if s in set(df["stance"])] + sorted(set(df["stance"]) - set(STANCES)):
        for upper in (False, True):
            part = df[(df["stance"] == stance) & (bound == upper)]
            if part.empty:
                continue
            name = _stance_name(stance, lang)
            when = "%{x}"
            if upper:
                name = label("timeline.upper_bound", lang, stance=name)
                when = label("timeline.on_or_before", lang, date="%{x}")
            color = STANCE_COLORS.get(stance, "#444")
            # Arrays, not lists of tuples: Plotly checks a list element by element (0.1 s for 3,000 points),
            # an array as a whole.
            fig.add_scatter(
                x=part["date"].to_numpy(dtype=object),
                y=ys.loc[part.index].to_numpy(),
                mode="markers",
                name=name,
                legendgroup=stance,
                showlegend=not upper or not (~bound & df["stance"].eq(stance)).any(),
                opacity=opacity,
                marker=dict(
                    size=size,
                    color=color,
                    symbol="circle-open" if upper else "circle",
                    line=dict(width=2 if upper else 1, color=color if upper else "white"),
                ),
                customdata=np.column_stack(
                    [
                        part["id"].astype(int).to_numpy(dtype=object),
                        np.array([esc(v) for v in part["speaker"].to_numpy(dtype=object)], dtype=object),
                        np.array([esc(v) for v in part["verb"].to_numpy(dtype=object)], dtype=object),
                        np.array([esc(_short(v)) for v in part["text"].to_numpy(dtype=object)], dtype=object),
                    ]
                ),
                hovertemplate="<b>%{customdata[1]}</b> %{customdata[2]}<br>“%{customdata[3]}”<br>"
                + when
                + "<extra></extra>",
            )
    if bound.any():  # the key to hollow markers: an empty grey trace, named once
        key = dict(size=11, color="#555", symbol="circle-open", line=dict(width=2))
        fig.add_scatter(
            x=[None], y=[None], mode="markers", name=label("timeline.hollow_key", lang), marker=key
        )
    # Up to five legend entries (stances and the hollow key) wrap into rows above the plot: the title goes to the
    # top of the figure and the margin makes room for the rows, so a longer language's legend never covers it.
    rows_of_legend = -(-sum(1 for t in fig.data if t.showlegend is not False) // 2)
    fig.update_layout(
        template=TEMPLATE,
        title=dict(text=title, yref="container", y=1, yanchor="top", pad=dict(t=14)),
        margin=dict(t=56 + 20 * rows_of_legend),
        xaxis=dict(**date_axis(lang, df["date"]), title=label("columns.date", lang)),
        yaxis=dict(
            type="linear",
            title=label(f"values.axis.{ycol}", lang),
            tickmode="array",
            tickvals=list(range(len(order))),
            ticktext=order,
            range=[-0.5, len(order) - 0.5],
            showgrid=False,
            # Lines between the rows' bands, not through them: a point's row is the band it sits in.
            minor=dict(tickmode="array", tickvals=[i + 0.5 for i in range(len(order) - 1)], showgrid=True),
        ),
        height=max(360, 80 + 28 * len(order)),
        clickmode="event+select",
    )
    return fig


# One row per speaker stays readable up to this many; the rest share one row, named with their number.
MAX_ROWS = 30


def _point_rows(df: pd.DataFrame, ycol: str, lang: str) -> pd.Series:
    """The y label of each statement: its side, or its speaker among the MAX_ROWS - 1 most frequent, else
    'N other speakers'. `attrs['kept']` lists the rows that are one speaker (or side) each."""
    if ycol == "side":
        out = df["side"].map(lambda v: side_name(v, lang) if isinstance(v, str) else "—")
        out.attrs["kept"] = list(dict.fromkeys(out))
        return out
    speakers = df["speaker"].fillna("?").astype(str)
    counts = speakers.value_counts()
    kept = list(counts.index) if len(counts) <= MAX_ROWS else list(counts.index[: MAX_ROWS - 1])
    keep = set(kept)
    other = label("charts.other_speakers", lang, n=len(counts) - len(kept))
    out = speakers.map(lambda v: esc(v) if v in keep else other)
    out.attrs["kept"] = [esc(v) for v in kept]
    return out


def _marker_size(n: int) -> tuple[int, float]:
    """Smaller, translucent markers as points multiply, so thousands of them still show where they crowd."""
    if n <= 300:
        return 11, 1.0
    if n <= 1500:
        return 8, 0.8
    return 6, 0.6


def period_label(start: object, period: str, lang: str) -> str:
    """A period as hover text: '05/2017' or 'May 2017' for a month, 'week of 01/05/2017' for a week."""
    try:  # a period start is an ISO date: read directly, not by pd.to_datetime's format guessing (20x slower)
        day = dt.datetime.fromisoformat(str(start))
    except ValueError:
        day = pd.to_datetime(start, errors="coerce")
    if pd.isna(day):
        return esc(start)
    if period == "month":
        return day.strftime("%m/%Y" if lang == "vi" else "%b %Y")
    return label("charts.week_of", lang, day=day.strftime("%d/%m/%Y" if lang == "vi" else "%d %b %Y"))


def statement_counts(
    df: pd.DataFrame, period: str = "month", lang: str = "en", title: str | None = None
) -> go.Figure:
    """Counts per period, one row of bars per side, stacked by stance."""
    pname = label(f"values.period.{period}", lang)
    title = title if title is not None else label("timeline.counts", lang, period=pname)
    if df.empty:
        return empty_figure(title, lang)
    sides = [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES))
    n = len(sides)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.08 if n > 1 else 0.0)
    shown: set[str] = set()
    # Each period's label once (9 side x stance traces share ~130 months at 100k articles: 1,000+ labels).
    labels = {p: period_label(p, period, lang) for p in dict.fromkeys(df["period"])}
    for i, side in enumerate(sides, start=1):
        for stance in [s for s in STANCES if s in set(df["stance"])]:
            part = df[(df["side"] == side) & (df["stance"] == stance)]
            if part.empty:
                continue
            fig.add_bar(
                x=part["period"],
                y=part["n"],
                name=_stance_name(stance, lang),
                legendgroup=stance,
                showlegend=stance not in shown,
                marker_color=STANCE_COLORS[stance],
                width=BAR_MS.get(period),
                customdata=[labels[p] for p in part["period"]],
                hovertemplate=f"{side_name(side, lang)} · {_stance_name(stance, lang)}<br>"
                + "%{customdata}: %{y}<extra></extra>",
                row=i,
                col=1,
                **PERIOD_X.get(period, {}),
            )
            shown.add(stance)
        fig.update_yaxes(title_text=side_name(side, lang), row=i, col=1)
    fig.update_xaxes(**date_axis(lang, df["period"], period), automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(template=TEMPLATE, barmode="stack", title=title, height=max(320, 150 * n + 120))
    return fig


def source_bars(df: pd.DataFrame, lang: str = "en", title: str | None = None, top: int = 15) -> go.Figure:
    """Matching articles per outlet (core.read.briefing.source_counts), largest first: the `top` outlets, the rest
    as one bar named with their number, and the articles with no outlet recorded as a grey bar of their own."""
    title = title if title is not None else label("overview.by_source", lang)
    if df.empty:
        return empty_figure(title, lang)
    named = df[df["source"].notna() & df["source"].astype(str).str.strip().ne("")]
    named = named.sort_values("articles", ascending=False, kind="stable")
    unnamed = int(df["articles"].sum() - named["articles"].sum())
    bars = [(esc(r.source), int(r.articles), "#1d4e89") for r in named.head(top).itertuples(index=False)]
    if len(named) > top:
        rest = named.iloc[top:]
        bars.append(
            (label("charts.other_outlets", lang, n=len(rest)), int(rest["articles"].sum()), "#8d99ae")
        )
    if unnamed:
        bars.append((label("overview.no_outlet", lang), unnamed, "#c8c8c8"))
    fig = go.Figure(
        go.Bar(
            y=[b[0] for b in bars],
            x=[b[1] for b in bars],
            orientation="h",
            marker_color=[b[2] for b in bars],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        yaxis=dict(type="category", categoryorder="array", categoryarray=[b[0] for b in reversed(bars)]),
        xaxis_title=label("overview.articles", lang),
        height=max(260, 100 + 26 * len(bars)),
    )
    return fig


def all_figures(figs: Iterable[go.Figure]) -> list[go.Figure]:
    return [f for f in figs if f is not None]
