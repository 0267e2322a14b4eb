"""Paging through a queue (the review queue, the date queue): "21–40 of 1,234", previous / next, and the page
number in the URL, like the search results' paging (core.app.ui.results), so no queue stops silently at a cap."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.app.state import PAGE_CHANGED_KEY, parse_id, set_param, url_id, url_widget

if TYPE_CHECKING:
    from core.app.context import Ctx


def _goto(key: str, page: int) -> None:
    """A pager button's click: the page number in its widget and in the URL (page 1 leaves the URL clean)."""
    st.session_state[key] = page
    if page > 1:
        st.query_params[key] = str(page)
    elif key in st.query_params:
        del st.query_params[key]


def pager(ctx: Ctx, total: int, per_page: int, *, key: str = "page", reset_on: object = None) -> int:
    """A queue's place in the whole ("21–40 of 1,234"), previous / next and the page number, which lives in
    the URL under `key` (a link reopens the same page); returns the page to show. A change of `reset_on`
    (the filters, the queue's kind or page size) starts again from the first page, as the search results
    do; a queue that shrank under the page (after a fix) shows its last page."""
    memory = f"_pager_for_{key}"
    before = st.session_state.get(memory)
    if before is not None and before != reset_on and not st.session_state.get(PAGE_CHANGED_KEY, True):
        _goto(key, 1)
    st.session_state[memory] = reset_on
    per_page = max(1, int(per_page))
    pages = max(1, -(-int(total) // per_page))
    if pages > 1 and (url_id(key) or 1) > pages:
        _goto(key, pages)  # before the widget exists in this run, so its value may still be set
    c1, c2, c3, c4 = st.columns([4, 1, 1, 1], vertical_alignment="bottom")
    page = 1
    if pages > 1:
        with c4:
            page = url_widget(
                st.number_input,
                key,
                ctx.t("pager.page"),
                default=1,
                parse=parse_id,
                min_value=1,
                max_value=pages,
                step=1,
            )
        page = min(max(1, int(page or 1)), pages)
        c2.button(
            ctx.t("pager.previous"),
            key=f"{key}_prev",
            icon=":material/chevron_left:",
            disabled=page <= 1,
            on_click=_goto,
            args=(key, page - 1),
        )
        c3.button(
            ctx.t("pager.next"),
            key=f"{key}_next",
            icon=":material/chevron_right:",
            disabled=page >= pages,
            on_click=_goto,
            args=(key, page + 1),
        )
    elif key in st.query_params:  # one page: no page number in the URL
        set_param(key, None)
    first = (page - 1) * per_page + 1 if total else 0
    last = min(page * per_page, int(total))
    c1.caption(ctx.t("pager.range", first=f"{first:,}", last=f"{last:,}", total=f"{int(total):,}"))
    return page
