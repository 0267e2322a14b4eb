"""Plotly figures of what the news names: the most-mentioned entities, their mentions over time, which appear
together, and attention (the share of articles naming an entity or matching a term). Style, axes and the
escaping of article text come from core.app.charts, so these draw like the statement charts."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from core.app.charts import (
    PERIOD_X,
    SIDE_COLORS,
    TEMPLATE,
    date_axis,
    empty_figure,
    esc,
    period_label,
    side_name,
)
from core.labels import SIDES, label


def _type_name(kind: object, lang: str) -> str:
    key = f"values.type.{kind}"
    text = label(key, lang)
    return esc(kind) if text == key else text


def top_entities(df: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    """Horizontal bars, most-mentioned first, coloured by side; the type is in the label."""
    title = title if title is not None else label("entities.top", lang)
    if df.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    names = [f"{esc(r.name)} ({_type_name(r.type, lang)})" for r in df.itertuples(index=False)]
    for side in [s for s in SIDES if s in set(df["side"])] + sorted(set(df["side"]) - set(SIDES)):
        mask = (df["side"] == side).to_numpy()
        fig.add_bar(
            y=[n for n, m in zip(names, mask, strict=True) if m],
            x=df.loc[mask, "articles"],
            orientation="h",
            name=side_name(side, lang),
            marker_color=SIDE_COLORS.get(side, "#444"),
            customdata=df.loc[mask, ["mentions", "name"]].to_numpy(),  # name: what a click filters on
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


# Lines of one side share its hue (SIDE_COLORS), told apart by shade and dash, so a line's colour never
# says another side than the bars above it.
SIDE_SHADES = {
    "nato": ("#1d4e89", "#4f8fd6", "#0b2545", "#86b6ea"),
    "russia": ("#b5172b", "#e8646a", "#6e0d1a", "#f29c9a"),
    "other": ("#5f5f5f", "#9a9a9a", "#2e2e2e", "#bdbdbd"),
}
DASHES = ("solid", "dash", "dot", "dashdot")
OTHER_LINE = "#c8c8c8"
MAX_LINES = 6


def entity_lines(
    df: pd.DataFrame,
    lang: str = "en",
    title: str | None = None,
    sides: Mapping[str, str] | None = None,
    period: str = "month",
    top: int = MAX_LINES,
) -> go.Figure:
    """Mentions per period, one line per entity for the `top` most mentioned, the others summed into one
    light line named with their number. Lines take their side's colour (`sides`: name -> side), grouped in
    the legend by side; one hover lists every line of a period."""
    title = title if title is not None else label("entities.over_time", lang)
    if df.empty:
        return empty_figure(title, lang)
    sides = dict(sides or {})
    totals = df.groupby("name", sort=False)["mentions"].sum().sort_values(ascending=False, kind="stable")
    kept = list(totals.index[:top]) if len(totals) > top + 1 else list(totals.index)
    rest = [n for n in totals.index if n not in set(kept)]
    fig = go.Figure()
    used: dict[str, int] = {}
    order = {s: i for i, s in enumerate(SIDES)}
    for name in sorted(kept, key=lambda n: (order.get(sides.get(n, "other"), 9), -totals[n])):
        part = df[df["name"] == name]
        side = sides.get(name, "other")
        side = side if side in SIDE_SHADES else "other"
        i = used.get(side, 0)
        used[side] = i + 1
        shades = SIDE_SHADES[side]
        fig.add_scatter(
            x=part["period"],
            y=part["mentions"],
            mode="lines+markers" if len(part) <= 60 else "lines",
            name=esc(name),
            legendgroup=side,
            legendgrouptitle_text=side_name(side, lang),
            line=dict(color=shades[i % len(shades)], dash=DASHES[(i // len(shades)) % len(DASHES)], width=2),
            marker=dict(size=5),
            customdata=[period_label(p, period, lang) for p in part["period"]],
            hovertemplate=f"{esc(name)}: %{{y}}<extra></extra>",
            **PERIOD_X.get(period, {}),
        )
    if rest:
        part = df[df["name"].isin(rest)].groupby("period", as_index=False)["mentions"].sum()
        fig.add_scatter(
            x=part["period"],
            y=part["mentions"],
            mode="lines",
            name=label("charts.other_entities", lang, n=len(rest)),
            legendgroup="rest",
            line=dict(color=OTHER_LINE, width=2, dash="dot"),
            hovertemplate=label("charts.other_entities", lang, n=len(rest)) + ": %{y}<extra></extra>",
            **PERIOD_X.get(period, {}),
        )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis=date_axis(lang, df["period"], period),
        yaxis_title=label("columns.mentions", lang),
        hovermode="x unified",
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top", groupclick="toggleitem"),
        margin=dict(r=220),
        height=420,
    )
    return fig


def cooccurrence(matrix: pd.DataFrame, lang: str = "en", title: str | None = None) -> go.Figure:
    title = title if title is not None else label("entities.heatmap", lang)
    if matrix.empty:
        return empty_figure(title, lang)
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


# One colour per compared series (Okabe–Ito, told apart with colour-blindness); entities are dashed.
ATTENTION_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def attention(
    df: pd.DataFrame,
    lang: str = "en",
    period: str = "month",
    title: str | None = None,
    min_base: int | None = None,
) -> go.Figure:
    """Share of the period's articles matching each term or naming each entity (core.read.attention), one line
    per series on one chart, y in percent. Hover gives the counts behind the share; each point carries
    (period label, matched, total, period start, kind, series) as customdata, so a click can list its
    articles. Periods without any article have no share: the line breaks there.

    A period with too few articles (`few`, fewer than `min_base`: core.read.attention.MIN_BASE, passed in
    since a chart reads nothing) is not on the line: a 2-of-2 "100 %" would spike over months of hundreds.
    Its point is drawn apart, hollow and faded, in the series' colour (a second trace of the same legend
    group, outside the legend), and its hover says why."""
    title = title if title is not None else label("attention.chart_title", lang)
    if df.empty:
        return empty_figure(title, lang)
    fig = go.Figure()
    counts = label("attention.hover", lang, matched="%{customdata[1]}", total="%{customdata[2]}")
    few_note = label("attention.few_hover", lang, n=min_base) if min_base else label("columns.few", lang)
    series = list(dict.fromkeys(zip(df["kind"], df["series"], strict=True)))
    for i, (kind, name) in enumerate(series):
        part = df[(df["kind"] == kind) & (df["series"] == name)]
        few = part["few"].astype(bool) if "few" in part else pd.Series(False, index=part.index)
        shown = esc(name) if kind == "term" else label("attention.entity_series", lang, name=esc(name))
        color = ATTENTION_COLORS[i % len(ATTENTION_COLORS)]
        labels = [period_label(p, period, lang) for p in part["period"]]
        data = list(
            zip(
                labels,
                part["matched"],
                part["total"],
                part["period"],
                part["kind"],
                part["series"],
                strict=True,
            )
        )
        hover = f"{shown} · %{{customdata[0]}}<br>{counts} (%{{y:.1f}} %)"
        fig.add_scatter(
            x=part["period"],
            y=part["share"].where(~few),
            mode="lines+markers" if len(part) <= 120 else "lines",
            name=shown,
            legendgroup=f"series{i}",
            line=dict(color=color, dash="dash" if kind == "entity" else "solid"),
            marker=dict(size=6),
            connectgaps=False,
            customdata=data,
            hovertemplate=hover + "<extra></extra>",
            **PERIOD_X.get(period, {}),
        )
        if few.any():
            fig.add_scatter(
                x=part["period"][few],
                y=part["share"][few],
                mode="markers",
                name=shown,
                legendgroup=f"series{i}",
                showlegend=False,
                opacity=0.45,
                marker=dict(size=8, symbol="circle-open", color=color, line=dict(width=1.5, color=color)),
                customdata=[d for d, f in zip(data, few, strict=True) if f],
                hovertemplate=f"{hover}<br><i>{few_note}</i><extra></extra>",
                **PERIOD_X.get(period, {}),
            )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        xaxis=date_axis(lang, df["period"], period),
        yaxis=dict(title=label("attention.y_axis", lang), ticksuffix=" %", rangemode="tozero"),
        height=420,
    )
    return fig
