"""The page scaffold: `ctx = ui.page("timeline")` sets up a page, the filter sentence, search results, empty states.

A page is `ctx = ui.page("timeline")`, then cached queries (`context.q`), charts and `outputs.chart`/`outputs.table`.
`ui.page` opens the render's read snapshot (core/read/db.py), reads the URL into a `Filters`, draws the one sidebar
(core/app/sidebar.py) with stable widget keys and writes the URL back (core/app/state.py), because `st.query_params`
is cleared whenever the user moves between pages: the URL is the state, so a copied link reproduces the view. Page
links carry the filters and the language.

core/app is the only Streamlit code. The dashboard writes only through core/app/writes.py (relevance marking,
date and review corrections with their undo; their forms are marking.py and dates.py) and uploads.py, plus
the first-run build of the store (context.ensure_store).
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3

import streamlit as st

from core.app import state
from core.app.context import LANG_NAMES, LANGS, PAGES, Ctx, ensure_store, q
from core.app.render import md
from core.app.sidebar import clear_filters, draw_sidebar, facet_pills, search_note, tier_line, write_base
from core.app.state import (
    PAGE_CHANGED_KEY,
    PAGE_KEY,
    init_widget,
    link,
    parse_id,
    set_param,
    url_id,
    url_widget,
)
from core.config import db_path
from core.labels import label
from core.read import articles, db, overview
from core.read.filters import Filters

_RESULTS_FOR = "_results_filters"  # session_state: the filters the shown page number belongs to


def results(ctx: Ctx) -> articles.ArticlePage:
    """The Articles table one page at a time (never cut short): how many articles match, how many in each
    search tier, which page; the page number lives in the URL (`page`), and a changed filter or search
    starts again from the first page."""
    f = ctx.filters
    before = st.session_state.get(_RESULTS_FOR)
    if before is not None and before != f and not st.session_state.get(PAGE_CHANGED_KEY, True):
        st.session_state.pop("page", None)
        set_param("page", None)
    st.session_state[_RESULTS_FOR] = f
    # The tiers' ids the sidebar's search note read are kept for the render (articles.matched_tiers).
    res = q(ctx, articles.search_articles, f, page=url_id("page") or 1)
    c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
    if res.pages > 1:
        wanted = url_widget(
            c2.number_input,
            "page",
            ctx.t("search.page"),
            default=1,
            parse=parse_id,
            min_value=1,
            max_value=res.pages,
            step=1,
        )
        if wanted != res.page:
            res = q(ctx, articles.search_articles, f, page=wanted)
    elif state.param("page") is not None:
        set_param("page", None)
    shown = len(res.table)
    first = (res.page - 1) * res.per_page + 1 if shown else 0
    c1.caption(
        ctx.t(
            "search.matches",
            n=f"{res.total:,}",
            page=res.page,
            pages=res.pages,
            first=f"{first:,}",
            last=f"{max(first + shown - 1, 0):,}",
        )
    )
    if res.tiers:
        c1.caption(tier_line(ctx, res.counts, res.tiers), help=ctx.t("search.tiers_help"))
    return res


def page(name: str) -> Ctx | None:
    """Set up a page: config, language, first-run build, sidebar filters, URL write-back, page links.

    Returns None (after showing why) when there is no store to read.
    """
    st.set_page_config(page_title="NATO–Russia · " + name, page_icon="📰", layout="wide")
    # The built-in page list drops the query string; our own links (below) carry the filters instead.
    st.html("<style>[data-testid='stSidebarNav']{display:none}</style>")
    st.session_state[PAGE_CHANGED_KEY] = st.session_state.get(PAGE_KEY) != name
    st.session_state[PAGE_KEY] = name
    raw_lang = state.param("lang")
    init_widget("lang", raw_lang if raw_lang in LANGS else LANGS[0])
    lang = st.sidebar.radio(
        label("app.language_both"), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True
    )
    path = db_path()
    st.title(label(f"nav.{name}", lang))
    db.end_render()  # a first-run build or an upgrade must not wait on this thread's last snapshot
    if not ensure_store(path, lang):
        return None
    # One snapshot for the whole render (core.read.db): the page's numbers, charts and tables agree. An
    # unreadable store is left to the first query, which says why as before.
    with contextlib.suppress(sqlite3.Error):
        db.begin_render(path)
    url_filters = Filters.from_params(st.query_params.to_dict())
    if state.param("relevance") is None and not q(
        Ctx(name, path, lang, url_filters), overview.relevance_known
    ):
        # Nothing was judged yet (a store built without NLP): the default view is every article.
        url_filters = dataclasses.replace(url_filters, relevance=None)
    filters = draw_sidebar(name, path, lang, url_filters)
    ctx = Ctx(name, path, lang, filters)
    write_base(ctx)
    if name != "ingest":
        search_note(ctx)
        facet_pills(ctx)
    st.sidebar.button(ctx.t("filters.reset"), key="f_reset", on_click=clear_filters)
    st.sidebar.divider()
    st.sidebar.caption(ctx.t("app.pages"))
    with st.sidebar:
        for p in PAGES:
            link(ctx, p)
    return ctx


def sentence(ctx: Ctx, subject: str = "statements") -> str:
    """The filters as one sentence, shown above the results (escaped: it contains the user's text)."""
    text = ctx.filters.describe(subject, ctx.lang)
    st.markdown(f"**{md(text)}**")
    return text


def empty_state(ctx: Ctx, kind: str = "store") -> None:
    key = {"store": "app.no_store", "statements": "app.no_statements", "results": "app.no_results"}[kind]
    st.info(ctx.t(key), icon=":material/info:")
