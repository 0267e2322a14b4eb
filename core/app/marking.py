"""Relevance marking in the dashboard: the reader's "Mark off-topic / on-topic" and the Articles page's
"mark every article the filters select", each with the analyst's name and reason and an undo button after
the save (the writes are core.app.writes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from core.app.context import q
from core.app.render import md
from core.app.writes import MARK_LIMIT, mark_relevance, review_fix, undo_batch
from core.read import articles

if TYPE_CHECKING:
    from core.app.context import Ctx


_MARK_MSG = "_mark_msg"  # session_state: (kind, text, batch or None) shown after the rerun a marking makes


def _mark_message(ctx: Ctx, where: str, tag: str) -> None:
    """The last marking's outcome (after its rerun) where it was made (`tag`: the form and the article),
    with an undo button for a marking just made."""
    msg = st.session_state.get(_MARK_MSG)
    if not msg or msg[3] != tag:
        return
    kind, text, batch, _ = msg
    getattr(st, kind)(md(text))
    if batch and st.button(ctx.t("mark.undo"), key=f"mark_undo_{where}"):
        who = str(st.session_state.get(f"mark_who_{where}") or "")
        try:
            n = undo_batch(ctx, batch, who=who, why="undo")
        except ValueError as exc:
            st.session_state[_MARK_MSG] = ("error", ctx.t("mark.failed", reason=str(exc)), None, tag)
        else:
            st.session_state[_MARK_MSG] = ("success", ctx.t("mark.undone", n=n), None, tag)
        st.rerun()


def outcome(ctx: Ctx, saved: str, unread: Sequence[int]) -> tuple[str, str]:
    """A marking's message: what was saved, and the articles marked on-topic whose reading failed (a warning)."""
    if not unread:
        return "success", saved
    return "warning", saved + " " + ctx.t("mark.unread", n=len(unread), ids=", ".join(map(str, unread[:10])))


def _mark_submit(
    ctx: Ctx, where: str, tag: str, ids: Sequence[int], relevant: int, saved: str, **shown: object
) -> None:
    """A marking form's submit: refuse without a name or a reason, else write and rerun with the message."""
    who = str(st.session_state.get(f"mark_who_{where}") or "")
    why = str(st.session_state.get(f"mark_why_{where}") or "")
    if not who.strip() or not why.strip():
        st.warning(ctx.t("mark.need_who"))
        return
    bar: list = []  # the progress bar, drawn once an article marked on-topic has to be read in full

    def reading(i: int, n: int) -> None:
        if not bar:
            bar.append(st.progress(0.0))
        bar[0].progress(i / n, text=ctx.t("mark.reading", i=f"{i:,}", n=f"{n:,}"))

    try:
        batch, unread = mark_relevance(ctx, ids, relevant, who=who, why=why, on_article=reading)
    except ValueError as exc:
        st.error(md(ctx.t("mark.failed", reason=str(exc))))
        return
    level, text = outcome(ctx, ctx.t(saved, value=ctx.t(f"mark.state.{relevant}"), **shown), unread)
    st.session_state[_MARK_MSG] = (level, text, batch, tag)
    st.rerun()


def relevance_marking(ctx: Ctx, doc: dict) -> None:
    """The reader's "Mark off-topic" / "Mark on-topic" (whichever applies), with the analyst's name and
    reason; the marking outlives re-extraction and can be undone."""
    where, tag = "one", f"one:{doc['id']}"
    _mark_message(ctx, where, tag)
    relevant = 0 if doc.get("relevant") in (1, None) else 1
    with st.form(f"mark_form_{doc['id']}", clear_on_submit=False, enter_to_submit=False):
        c1, c2 = st.columns(2)
        c1.text_input(ctx.t("mark.who"), key=f"mark_who_{where}")
        c2.text_input(ctx.t("mark.why"), key=f"mark_why_{where}")
        pressed = st.form_submit_button(ctx.t(f"mark.button.{relevant}"))
        decided = q(ctx, articles.relevance_decision, int(doc["id"]))
        undo = decided is not None and st.form_submit_button(ctx.t("mark.undo_decided"))
    if pressed:
        _mark_submit(ctx, where, tag, [int(doc["id"])], relevant, "mark.saved", id=doc["id"])
    elif undo:
        who = str(st.session_state.get(f"mark_who_{where}") or "")
        if not who.strip():
            st.warning(ctx.t("mark.need_who"))
            return
        try:
            review_fix(
                ctx,
                "undo",
                int(decided["id"]),
                who=who,
                why=str(st.session_state.get(f"mark_why_{where}") or ""),
            )
        except ValueError as exc:
            st.error(md(ctx.t("mark.failed", reason=str(exc))))
            return
        st.session_state[_MARK_MSG] = ("success", ctx.t("mark.undone", n=1), None, tag)
        st.rerun()


def bulk_relevance(ctx: Ctx, total: int) -> None:
    """Below the Articles table: mark every article the current filters select (count stated, a confirming
    tick needed) off-topic, or on-topic when the table shows off-topic articles."""
    where = "all"
    with st.expander(
        ctx.t("mark.bulk_title"), expanded=st.session_state.get(_MARK_MSG, (0,) * 4)[3] == where
    ):
        _mark_message(ctx, where, where)
        if total > MARK_LIMIT:
            st.caption(ctx.t("mark.too_many", n=f"{total:,}", limit=f"{MARK_LIMIT:,}"))
            return
        rel = ctx.filters.relevance
        if rel is None:
            relevant = st.radio(
                ctx.t("mark.bulk_value"),
                (0, 1),
                format_func=lambda v: ctx.t(f"mark.state.{v}"),
                horizontal=True,
                key="mark_all_value",
            )
        else:
            relevant = 1 if rel == "irrelevant" else 0
        value = ctx.t(f"mark.state.{relevant}")
        with st.form("mark_all_form", enter_to_submit=False):
            c1, c2 = st.columns(2)
            c1.text_input(ctx.t("mark.who"), key=f"mark_who_{where}")
            c2.text_input(ctx.t("mark.why"), key=f"mark_why_{where}")
            sure = st.checkbox(ctx.t("mark.confirm", n=f"{total:,}", value=value), key="mark_all_sure")
            pressed = st.form_submit_button(ctx.t("mark.bulk_button", n=f"{total:,}", value=value))
        if pressed:
            if not sure:
                st.warning(ctx.t("mark.need_confirm"))
                return
            ids, _ = q(ctx, articles.article_ids, ctx.filters, limit=MARK_LIMIT)
            _mark_submit(ctx, where, where, ids, relevant, "mark.bulk_saved", n=f"{len(ids):,}")
