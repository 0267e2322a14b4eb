"""The one sidebar: filter widgets from the URL, the search note, facet pills with counts, and chart clicks that set filters."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from core.app.context import Ctx, q
from core.app.render import md
from core.app.state import init_widget, remember
from core.labels import SIDES, STANCES, label
from core.read import articles, choices, db, facets
from core.read.filters import DEFAULT_RELEVANCE, FILTER_KEYS, RELEVANCE, Filters
from core.store import search


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _url_date(key: str, value: str | None, lo: dt.date, hi: dt.date, lang: str) -> dt.date | None:
    """A date from the URL, brought into the range the date picker offers (which would raise otherwise).

    Before the first day is the same filter as the first day, after the last the same as the last, so the
    results are those of the link; a sidebar note says which date is used instead.
    """
    day = _date(value)
    if day is None or lo <= day <= hi:
        return day
    used = min(max(day, lo), hi)
    st.sidebar.info(
        md(label("app.url_date", lang, param=key, value=value, lo=lo, hi=hi, used=used)),
        icon=":material/event_busy:",
    )
    return used


def draw_sidebar(page: str, path: Path, lang: str, url: Filters) -> Filters:
    """Draw the filters. Widget state starts from the URL (first run on this page) and wins afterwards."""
    opts = q(Ctx(page, path, lang, url), choices.choices)
    t = lambda key, **kw: label(key, lang, **kw)  # noqa: E731
    sb = st.sidebar
    sb.header(t("filters.header"))

    lo = _date(opts["first"]) or dt.date(1990, 1, 1)
    hi = _date(opts["last"]) or dt.date.today()
    kw = dict(min_value=min(lo, dt.date(1990, 1, 1)), max_value=max(hi, dt.date.today()), format="YYYY-MM-DD")
    init_widget("f_from", _url_date("from", url.date_from, kw["min_value"], kw["max_value"], lang), "from")
    init_widget("f_to", _url_date("to", url.date_to, kw["min_value"], kw["max_value"], lang), "to")
    sb.caption(t("filters.dates"))
    c1, c2 = sb.columns(2)
    d_from = c1.date_input(t("filters.from"), key="f_from", **kw)
    d_to = c2.date_input(t("filters.to"), key="f_to", **kw)

    init_widget("f_side", list(url.sides), "side")
    sides = sb.multiselect(
        t("filters.side"),
        SIDES,
        key="f_side",
        format_func=lambda s: t(f"values.side.{s}"),
        placeholder=t("filters.choose"),
    )

    def pick(key: str, url_key: str, label_key: str, values: list[str], current: str | None) -> str | None:
        values = ["", *values]
        if current and current not in values:
            values.append(current)  # a shared link may name a speaker this store does not have yet
        init_widget(key, current or "", url_key)
        if st.session_state[key] not in values:
            st.session_state[key] = ""
        got = sb.selectbox(t(label_key), values, key=key, format_func=lambda v: v or t("filters.any"))
        return got or None

    speaker = pick("f_speaker", "speaker", "filters.speaker", opts["speakers"], url.speaker)
    entity = pick("f_entity", "entity", "filters.entity", opts["entities"], url.entity)

    src_values = list(opts["sources"]) + [s for s in url.sources if s not in opts["sources"]]
    init_widget("f_source", list(url.sources), "source")
    sources = sb.multiselect(t("filters.source"), src_values, key="f_source", placeholder=t("filters.choose"))
    init_widget("f_stance", list(url.stances), "stance")
    stances = sb.multiselect(
        t("filters.stance"),
        STANCES,
        key="f_stance",
        format_func=lambda s: t(f"values.stance.{s}"),
        placeholder=t("filters.choose"),
    )
    init_widget("f_relevance", url.relevance or "all", "relevance")
    relevance = sb.selectbox(
        t("filters.relevance"),
        RELEVANCE,
        key="f_relevance",
        format_func=lambda s: t(f"values.relevance.{s}"),
    )
    init_widget("f_q", url.q or "", "q")
    text = sb.text_input(t("filters.query"), key="f_q", help=t("filters.query_help"))

    return Filters(
        date_from=d_from.isoformat() if isinstance(d_from, dt.date) else None,
        date_to=d_to.isoformat() if isinstance(d_to, dt.date) else None,
        sides=tuple(s for s in SIDES if s in sides),
        speaker=speaker,
        entity=entity,
        sources=tuple(sources),
        stances=tuple(s for s in STANCES if s in stances),
        relevance=None if relevance == "all" else relevance if relevance in RELEVANCE else DEFAULT_RELEVANCE,
        q=text.strip() or None,
    )


def write_base(ctx: Ctx) -> None:
    current = st.query_params.to_dict()
    keep = {k: v for k, v in current.items() if k not in (*FILTER_KEYS, "lang")}
    base = ctx.base_params()
    new = {**keep, **base}
    if new != current:
        st.query_params.from_dict(new)
    remember(base, (*FILTER_KEYS, "lang"))


def clear_filters() -> None:
    for key in (
        "f_from",
        "f_to",
        "f_side",
        "f_speaker",
        "f_entity",
        "f_source",
        "f_stance",
        "f_relevance",
        "f_q",
    ):
        st.session_state.pop(key, None)
    for key in FILTER_KEYS:
        if key in st.query_params:
            del st.query_params[key]


def tier_line(ctx: Ctx, counts: Sequence[int], tiers: Sequence[int]) -> str:
    """ "exact phrase: 741 · other accents: 159 · words apart: 20,169" for the tiers a query can have."""
    return " · ".join(
        ctx.t("search.tier_count", tier=ctx.t(f"values.tier.{search.TIERS[i]}"), n=f"{counts[i]:,}")
        for i in tiers
    )


def search_note(ctx: Ctx) -> None:
    """Under the text filter, on every page: how many articles it matches in each tier (core.store.search), so
    words found apart are never taken for the phrase; the tooltip says how to keep only the phrase."""
    counts, tiers = q(ctx, articles.search_counts, ctx.filters)
    if tiers:
        st.sidebar.caption(
            ctx.t("search.note", tiers=tier_line(ctx, counts, tiers)), help=ctx.t("search.tiers_help")
        )


@st.cache_data(show_spinner=False, max_entries=256)
def _facets_cached(path: str, stamp: tuple, f: Filters) -> tuple[facets.Facet, ...]:
    return facets.all_facets(path, f)


def _facet_picked(name: str, key: str, f: Filters) -> None:
    """A facet click: the filters with the facet's new selection go to the URL; the sidebar's widgets read
    them from there on this rerun (`init_widget`), and a changed filter starts the results at their first page."""
    _filters_to_url(facets.with_selection(f, name, st.session_state.get(key)))


def _filters_to_url(new: Filters) -> None:
    """Put `new` in the URL (called from a widget callback, before the script): the sidebar's widgets read
    it from there on this rerun (`init_widget`). Shared by facet pills and chart clicks."""
    params = new.to_params()
    for k in FILTER_KEYS:
        if params.get(k):
            st.query_params[k] = params[k]
        elif k in st.query_params:
            del st.query_params[k]


def _facet_value(ctx: Ctx, name: str, value: str) -> str:
    if name in ("side", "stance"):
        return ctx.t(f"values.{name}.{value}")
    return md(value)  # names and outlets come from articles; pills render Markdown


def facet_pills(ctx: Ctx) -> None:
    """Datasette-style facets in the sidebar: each value with its articles under the other filters, as pills;
    a click adds or removes the value (the sidebar filter and the URL follow)."""
    data = _facets_cached(str(ctx.path), db.store_stamp(ctx.path), ctx.filters)
    if not any(fc.values for fc in data):
        return
    sb = st.sidebar
    sb.subheader(ctx.t("facets.header"), help=ctx.t("facets.help"))
    for fc in data:
        if not fc.values:
            continue
        key = f"facet_{fc.name}"
        counts = dict(fc.values)
        multi = fc.name in facets.MULTI
        # The pills show the filters, whatever was clicked before: set before the widget is drawn.
        st.session_state[key] = list(fc.selected) if multi else (fc.selected[0] if fc.selected else None)
        sb.pills(
            ctx.t(f"facets.{fc.name}"),
            [v for v, _ in fc.values],
            selection_mode="multi" if multi else "single",
            format_func=lambda v, c=counts, n=fc.name: ctx.t(
                "facets.value", value=_facet_value(ctx, n, v), n=f"{c.get(v, 0):,}"
            ),
            key=key,
            on_change=_facet_picked,
            args=(fc.name, key, ctx.filters),
        )


# Which facet each position of a clickable chart's customdata sets (see core.app.charts).
CHART_CLICKS: dict[str, dict[int, str]] = {
    "side_stance": {0: "side", 1: "stance"},  # charts.side_stance_bars: (side code, stance code)
    "top_entities": {1: "entity"},  # charts.top_entities: (mentions, name)
}


def _selected_points(event: Any) -> list[dict]:
    """The points of a plotly selection event, whether Streamlit's state object or a plain dict."""
    if event is None:
        return []
    sel = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (sel.get("points") if isinstance(sel, dict) else getattr(sel, "points", None)) or []
    return [p for p in points if isinstance(p, dict)]


def chart_click_filters(f: Filters, event: Any, fields: dict[int, str]) -> Filters | None:
    """The filters once the clicked point of a chart is applied: each customdata position in `fields` sets
    its facet through `facets.with_selection` (a side or stance becomes the only one chosen), every other
    filter kept. None when nothing was clicked (a cleared selection)."""
    for point in _selected_points(event):
        data = point.get("customdata")
        if not isinstance(data, list | tuple):
            continue
        picked = {
            name: str(data[i]) for i, name in fields.items() if i < len(data) and data[i] not in (None, "")
        }
        if not picked:
            continue
        new = f
        for name, value in picked.items():
            new = facets.with_selection(new, name, [value] if name in facets.MULTI else value)
        return new
    return None


def _chart_picked(key: str, fields: dict[int, str], f: Filters) -> None:
    new = chart_click_filters(f, st.session_state.get(key), fields)
    if new is not None:
        _filters_to_url(new)


def click_to_filter(ctx: Ctx, key: str, kind: str) -> dict[str, Any]:
    """`st.plotly_chart` arguments that make a click on a point of chart `key` set the filters its
    customdata names (CHART_CLICKS[kind]); the callback runs before the script, like a facet pill's."""
    return {
        "on_select": functools.partial(_chart_picked, key, CHART_CLICKS[kind], ctx.filters),
        "selection_mode": "points",
    }
