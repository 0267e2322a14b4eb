"""The one sidebar: filter widgets from the URL, the search note, facet pills with counts, and chart clicks that set filters."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from core.app.context import Ctx, q
from core.app.render import md
from core.app.state import init_widget, remember
from core.labels import label
from core.read import articles, choices, db, facets
from core.read.filters import BY_URL, FILTER_KEYS, SPECS, WIDGET_KEYS, Filters, Spec
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
    """Draw the filters, one widget per field of `Filters` in its order (core.read.filters.SPECS: widget kind,
    key, label, options). Widget state starts from the URL (first run on this page) and wins afterwards."""
    opts = q(Ctx(page, path, lang, url), choices.choices)
    t = lambda key, **kw: label(key, lang, **kw)  # noqa: E731
    sb = st.sidebar
    sb.header(t("filters.header"))
    values: dict[str, Any] = {}
    dates = [s for s in SPECS if s.kind == "date"]
    for spec in SPECS:
        if spec.kind != "date":
            values[spec.field] = _filter_widget(spec, getattr(url, spec.field), opts, t)
        elif spec is dates[0]:  # the date range: one row of date pickers under one caption
            values.update(_date_widgets(dates, url, opts, lang, t))
    return Filters(**values)


def _date_widgets(
    dates: Sequence[Spec], url: Filters, opts: dict[str, Any], lang: str, t: Callable[..., str]
) -> dict[str, str | None]:
    lo = _date(opts["first"]) or dt.date(1990, 1, 1)
    hi = _date(opts["last"]) or dt.date.today()
    kw = dict(min_value=min(lo, dt.date(1990, 1, 1)), max_value=max(hi, dt.date.today()), format="YYYY-MM-DD")
    for spec in dates:
        value = _url_date(spec.url, getattr(url, spec.field), kw["min_value"], kw["max_value"], lang)
        init_widget(spec.widget, value, spec.url)
    st.sidebar.caption(t("filters.dates"))
    out = {}
    for col, spec in zip(st.sidebar.columns(len(dates)), dates, strict=True):
        got = col.date_input(t(spec.title), key=spec.widget, **kw)
        out[spec.field] = got.isoformat() if isinstance(got, dt.date) else None
    return out


def _filter_widget(spec: Spec, current: Any, opts: dict[str, Any], t: Callable[..., str]) -> Any:
    """One filter's widget (by its kind), started from the URL's value; returns the field's new value."""
    sb = st.sidebar
    coded = {"format_func": lambda v: t(f"values.{spec.url}.{v}")} if spec.coded else {}
    if spec.kind == "multi":
        if spec.coded:
            options = list(spec.options)
        else:  # a shared link may name a value this store does not have (yet)
            options = list(opts[spec.options]) + [v for v in current if v not in opts[spec.options]]
        init_widget(spec.widget, list(current), spec.url)
        got = sb.multiselect(
            t(spec.title), options, key=spec.widget, placeholder=t("filters.choose"), **coded
        )
        return tuple(v for v in options if v in got) if spec.coded else tuple(got)
    if spec.kind == "pick":
        values = ["", *opts[spec.options]]
        if current and current not in values:
            values.append(current)  # a shared link may name a speaker this store does not have yet
        init_widget(spec.widget, current or "", spec.url)
        if st.session_state[spec.widget] not in values:
            st.session_state[spec.widget] = ""
        got = sb.selectbox(
            t(spec.title), values, key=spec.widget, format_func=lambda v: v or t("filters.any")
        )
        return got or None
    if spec.kind == "select":  # the widget shows the URL's word for the value (its default when left out)
        init_widget(spec.widget, spec.dump(current) or spec.parse(None), spec.url)
        return spec.parse(sb.selectbox(t(spec.title), spec.options, key=spec.widget, **coded))
    if spec.kind == "text":
        init_widget(spec.widget, current or "", spec.url)
        extra = {"help": t(spec.help)} if spec.help else {}
        return sb.text_input(t(spec.title), key=spec.widget, **extra).strip() or None
    raise ValueError(f"no widget for filter kind {spec.kind!r} ({spec.url})")


def write_base(ctx: Ctx) -> None:
    current = st.query_params.to_dict()
    keep = {k: v for k, v in current.items() if k not in (*FILTER_KEYS, "lang")}
    base = ctx.base_params()
    new = {**keep, **base}
    if new != current:
        st.query_params.from_dict(new)
    remember(base, (*FILTER_KEYS, "lang"))


def clear_filters() -> None:
    for key in WIDGET_KEYS:
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
    if name in BY_URL and BY_URL[name].coded:
        return ctx.t(f"values.{name}.{value}")
    return md(value)  # names and outlets come from articles; pills render Markdown


def facet_pills(ctx: Ctx) -> None:
    """Datasette-style facets in the sidebar: each value with its articles under the other filters, as pills;
    a click adds or removes the value (the sidebar filter and the URL follow)."""
    data = _facets_cached(str(ctx.path), db.store_stamp(ctx.path), ctx.filters)
    if not any(fc.values or fc.timed_out for fc in data):
        return
    sb = st.sidebar
    sb.subheader(ctx.t("facets.header"), help=ctx.t("facets.help"))
    # Estimated facets (core.read.facets: a sample of a large matching set) say so: one caption when they share
    # one sample (a text query alone), else one per facet whose sample differs from the first.
    samples = [(fc.sampled, fc.matched, fc.every) for fc in data if fc.estimated and fc.values]
    if samples:
        n, total, k = samples[0]
        sb.caption(ctx.t("facets.estimated", n=f"{n:,}", total=f"{total:,}", k=k))
    for fc in data:
        if fc.timed_out:
            sb.caption(ctx.t("facets.timed_out", facet=ctx.t(f"facets.{fc.name}")))
        if not fc.values:
            continue
        if fc.estimated and (fc.sampled, fc.matched, fc.every) != samples[0]:
            sb.caption(
                ctx.t(
                    "facets.estimated_one",
                    facet=ctx.t(f"facets.{fc.name}"),
                    n=f"{fc.sampled:,}",
                    total=f"{fc.matched:,}",
                )
            )
        key = f"facet_{fc.name}"
        counts = dict(fc.values)
        multi = fc.name in facets.MULTI
        # The pills show the filters, whatever was clicked before: set before the widget is drawn.
        st.session_state[key] = list(fc.selected) if multi else (fc.selected[0] if fc.selected else None)
        sb.pills(
            ctx.t(f"facets.{fc.name}"),
            [v for v, _ in fc.values],
            selection_mode="multi" if multi else "single",
            format_func=lambda v, c=counts, n=fc.name, late=fc.timed_out, about=fc.estimated: (
                _facet_value(ctx, n, v)  # given up: no count to show, the value stays removable
                if late
                else ctx.t(
                    "facets.value_estimated" if about else "facets.value",
                    value=_facet_value(ctx, n, v),
                    n=f"{c.get(v, 0):,}",
                )
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
