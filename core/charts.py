"""Plotly figures from the DataFrames of core.queries. No Streamlit, no SQL: a figure is a pure function of
its data and the label language, so the page, the PNG export and the briefing draw the same thing.

Every string that came from an article (speaker, quote, entity name) is HTML-escaped before it reaches a
figure: Plotly renders a small HTML subset in labels and hover text, and article text is data.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.labels import SIDES, STANCES, label

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
        title=dict(font=dict(family=FONT, size=17)),
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
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _short(text: object, n: int = 140) -> str:
    s = "" if text is None else str(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def _empty(title: str, lang: str) -> go.Figure:
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


def _date_axis(lang: str) -> dict:
    # Plotly's month names are English only; Vietnamese readers get numeric months (03/2018).
    return {"type": "date", "tickformat": "%m/%Y"} if lang == "vi" else {"type": "date"}


def _stance_name(stance: str, lang: str) -> str:
    return label(f"values.stance.{stance}", lang) if stance in STANCES else esc(stance)


def _side_name(side: str, lang: str) -> str:
    return label(f"values.side.{side}", lang) if side in SIDES else esc(side)


def side_stance_bars(df: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    """Counts by speaker side (x), stacked by stance: the overview's one chart."""
    title = title if title is not None else label("overview.by_side_stance", lang)
    if df.empty:
        return _empty(title, lang)
    fig = go.Figure()
    sides = [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES))
    for stance in [s for s in STANCES if s in set(df["stance"])]:
        part = df[df["stance"] == stance].set_index("side")["n"]
        fig.add_bar(
            x=[_side_name(s, lang) for s in sides],
            y=[int(part.get(s, 0)) for s in sides],
            name=_stance_name(stance, lang),
            marker_color=STANCE_COLORS[stance],
        )
    fig.update_layout(
        template=TEMPLATE,
        barmode="stack",
        title=title,
        xaxis_title=label("columns.side", lang),
        yaxis_title=label("columns.n", lang),
    )
    return fig


def statement_points(
    df: pd.DataFrame, y: str = "speaker", lang: str = "en", title: str | None = None
) -> go.Figure:
    """Each statement a point: date x speaker (or side), coloured by stance; customdata[0] is the statement id."""
    title = title if title is not None else label("timeline.title", lang)
    if df.empty:
        return _empty(title, lang)
    ycol = "speaker" if y == "speaker" else "side"
    fig = go.Figure()
    # A date known only as "collected on" (date_source crawled) is an upper bound: a hollow marker, said so.
    bound = df["date_source"].eq("crawled") if "date_source" in df else pd.Series(False, index=df.index)
    for stance in [s for s in STANCES if s in set(df["stance"])] + sorted(set(df["stance"]) - set(STANCES)):
        for upper in (False, True):
            part = df[(df["stance"] == stance) & (bound == upper)]
            if part.empty:
                continue
            yvals = [esc(v) if ycol == "speaker" else _side_name(v, lang) for v in part[ycol].fillna("?")]
            name = _stance_name(stance, lang)
            when = "%{x}"
            if upper:
                name = label("timeline.upper_bound", lang, stance=name)
                when = label("timeline.on_or_before", lang, date="%{x}")
            color = STANCE_COLORS.get(stance, "#444")
            fig.add_scatter(
                x=part["date"],
                y=yvals,
                mode="markers",
                name=name,
                marker=dict(
                    size=11,
                    color=color,
                    symbol="circle-open" if upper else "circle",
                    line=dict(width=2 if upper else 1, color=color if upper else "white"),
                ),
                customdata=list(
                    zip(
                        part["id"].astype(int),
                        [esc(v) for v in part["speaker"]],
                        [esc(v) for v in part["verb"]],
                        [esc(_short(v)) for v in part["text"]],
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{customdata[1]}</b> %{customdata[2]}<br>“%{customdata[3]}”<br>"
                + when
                + "<extra></extra>",
            )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis=dict(**_date_axis(lang), title=label("columns.date", lang)),
        yaxis=dict(
            type="category", title=label(f"values.axis.{ycol}", lang), categoryorder="category descending"
        ),
        height=max(360, 60 + 28 * df[ycol].nunique()),
        clickmode="event+select",
    )
    return fig


def statement_counts(
    df: pd.DataFrame, period: str = "month", lang: str = "en", title: str | None = None
) -> go.Figure:
    """Counts per period, one row of bars per side, stacked by stance."""
    pname = label(f"values.period.{period}", lang)
    title = title if title is not None else label("timeline.counts", lang, period=pname)
    if df.empty:
        return _empty(title, lang)
    sides = [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES))
    n = len(sides)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.08 if n > 1 else 0.0)
    shown: set[str] = set()
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
                hovertemplate=f"{_side_name(side, lang)} · {_stance_name(stance, lang)}<br>%{{x}}: %{{y}}<extra></extra>",
                row=i,
                col=1,
            )
            shown.add(stance)
        fig.update_yaxes(title_text=_side_name(side, lang), row=i, col=1)
    fig.update_xaxes(**_date_axis(lang), automargin=True)
    fig.update_yaxes(automargin=True)
    fig.update_layout(template=TEMPLATE, barmode="stack", title=title, height=max(320, 150 * n + 120))
    return fig


def top_entities(df: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    """Horizontal bars, most-mentioned first, coloured by side; the type is in the label."""
    title = title if title is not None else label("entities.top", lang)
    if df.empty:
        return _empty(title, lang)
    fig = go.Figure()
    names = [f"{esc(r.name)} ({esc(r.type)})" for r in df.itertuples(index=False)]
    for side in [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES)):
        mask = (df["side"] == side).to_numpy()
        fig.add_bar(
            y=[n for n, m in zip(names, mask, strict=True) if m],
            x=df.loc[mask, "articles"],
            orientation="h",
            name=_side_name(side, lang),
            marker_color=SIDE_COLORS.get(side, "#444"),
            customdata=df.loc[mask, ["mentions"]].to_numpy(),
            hovertemplate="%{y}: %{x} "
            + label("overview.articles", lang)
            + " · %{customdata[0]} "
            + label("columns.mentions", lang)
            + "<extra></extra>",
        )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        barmode="overlay",
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(names))),
        xaxis_title=label("overview.articles", lang),
        height=max(320, 90 + 24 * len(df)),
    )
    return fig


def entity_lines(df: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    title = title if title is not None else label("entities.over_time", lang)
    if df.empty:
        return _empty(title, lang)
    fig = go.Figure()
    for name, part in df.groupby("name", sort=False):
        fig.add_scatter(x=part["period"], y=part["mentions"], mode="lines+markers", name=esc(name))
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis=_date_axis(lang),
        yaxis_title=label("columns.n", lang),
        height=380,
    )
    return fig


def cooccurrence(matrix: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    title = title if title is not None else label("entities.heatmap", lang)
    if matrix.empty:
        return _empty(title, lang)
    names = [esc(n) for n in matrix.index]
    z = matrix.to_numpy()
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=names,
            colorscale="Blues",
            text=z,
            texttemplate="%{text}",
            hovertemplate="%{y} + %{x}: %{z}<extra></extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        yaxis=dict(autorange="reversed"),
        height=max(360, 120 + 32 * len(names)),
    )
    return fig


def all_figures(figs: Iterable[go.Figure]) -> list[go.Figure]:
    return [f for f in figs if f is not None]
