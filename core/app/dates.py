"""Dates by hand in the dashboard: the Overview's queue of articles without a full date, one article's
pre-filled form (queue and reader), and a year or a date for many articles at once (ticked rows or every
article the filters select), each save with an undo button (the writes are core.app.writes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from core.app import outputs, paging, render
from core.app.context import q
from core.app.render import md
from core.app.writes import MARK_LIMIT, set_article_date, set_dates, undo_batch
from core.models import UPPER_BOUND_SOURCES
from core.read import articles, review

if TYPE_CHECKING:
    from core.app.context import Ctx


DATE_QUEUE_SIZE = 20  # rows of the date queue per page
_DATE_MSG = "_date_msg"  # session_state: (kind, text, batch or None, where) shown where the date was set


def _date_note(kind: str, text: str, where: str, batch: str | None = None) -> None:
    st.session_state[_DATE_MSG] = (kind, text, batch, where)


def _date_message(ctx: Ctx, where: str) -> None:
    """The outcome of the last date set here, with an undo button while it is the latest one; a warning or
    an error is shown once."""
    msg = st.session_state.get(_DATE_MSG)
    if not msg or msg[3] != where:
        return
    kind, text, batch, _ = msg
    # Our own words around numbers and dates; an error may quote a reason with markdown characters in it.
    getattr(st, kind)(md(text) if kind == "error" else text)
    if batch:
        st.button(
            ctx.t("dates.undo"),
            key=f"{where}_undo",
            icon=":material/undo:",
            on_click=_undo_dates,
            args=(ctx, batch, where),
        )
    else:
        st.session_state.pop(_DATE_MSG, None)


def _undo_dates(ctx: Ctx, batch: str, where: str) -> None:
    who = str(st.session_state.get(f"{where}_who") or "")
    try:
        n = undo_batch(ctx, batch, who=who, why="undo")
    except ValueError as exc:
        _date_note("error", ctx.t("dates.failed", reason=str(exc)), where)
    else:
        _date_note("success", ctx.t("dates.undone", n=n), where)


def _keep_name(key: str) -> None:
    """The analyst's name outlives a form that was not drawn for a run (Streamlit forgets the state of a
    widget it did not draw): kept beside the widget, given back when the form returns."""
    kept = f"_{key}_kept"
    if st.session_state.get(key):
        st.session_state[kept] = st.session_state[key]
    elif st.session_state.get(kept):
        st.session_state[key] = st.session_state[kept]


def _iso(year: int, month: int | None, day: int | None) -> str:
    return "-".join([f"{year:04d}", *(f"{v:02d}" for v in (month, day) if v)])


def _known(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _save_date(ctx: Ctx, article_id: int, where: str) -> None:
    """The date form's submit (a callback, so the form can be emptied after a save): refuse without a name or
    a year, keep what was typed on an error, else write, say so with an undo, and clear the form."""
    get = st.session_state.get
    who, why = str(get(f"{where}_who") or ""), str(get(f"{where}_why") or "")
    year, month, day = get(f"{where}_year"), int(get(f"{where}_month") or 0), int(get(f"{where}_day") or 0)
    if not who.strip():
        _date_note("warning", ctx.t("overview.need_who"), where)
        return
    if year is None:
        _date_note("warning", ctx.t("dates.need_year"), where)
        return
    try:
        batch = set_article_date(
            ctx,
            article_id,
            year=int(year),
            month=month or None,
            day=day or None,
            who=who.strip(),
            why=why.strip(),
        )
    except ValueError as exc:  # an impossible date (2017-02-31): the reason in words
        _date_note("error", str(exc), where)
        return
    except Exception as exc:  # noqa: BLE001 - show the reason, keep the page
        _date_note("error", f"{type(exc).__name__}: {exc}", where)
        return
    date = _iso(int(year), month or None, day or None)
    _date_note("success", ctx.t("overview.saved", id=article_id, date=date), where, batch)
    st.session_state[f"_{where}_who_kept"] = who
    for k in ("year", "month", "day", "why", "for"):  # the next article starts from its own evidence
        st.session_state.pop(f"{where}_{k}", None)


def date_form(ctx: Ctx, row: Any, where: str) -> None:
    """One article's date form, pre-filled from its evidence: the stored year if any, else the year the crawl
    time allows (core.read.review.date_prefill); day and month from the dateline. Enter does not submit; a
    save empties the form (the name stays: the same analyst goes on)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k, None)
    article_id = int(get("id"))
    crawled = get("crawled_at")
    crawled = crawled if isinstance(crawled, str) and crawled.strip() else None
    day, month, year = _known(get("day")), _known(get("month")), _known(get("year"))
    if get("date_source") in UPPER_BOUND_SOURCES:  # the collection's day, not a dateline's: the year alone
        day = month = year = None
    p_year, p_month, p_day = review.date_prefill(day, month, crawled)
    if st.session_state.get(f"{where}_for") != article_id:
        st.session_state[f"{where}_year"] = year if year is not None else p_year
        st.session_state[f"{where}_month"] = p_month or 0
        st.session_state[f"{where}_day"] = p_day or 0
        st.session_state[f"{where}_for"] = article_id
    dm = f"{day}/{month}" if day and month else str(month) if month else ctx.t("dates.no_dateline")
    st.caption(md(ctx.t("dates.prefill", dm=dm, crawled=crawled or ctx.t("dates.no_crawl"))))
    with st.form(f"{where}_form", enter_to_submit=False):
        st.markdown(f"**{ctx.t('overview.set_date')}**")
        c1, c2, c3 = st.columns(3)
        c1.number_input(
            ctx.t("overview.year"),
            min_value=1900,
            max_value=dt.date.today().year,
            step=1,
            key=f"{where}_year",
        )
        c2.number_input(ctx.t("overview.month"), min_value=0, max_value=12, step=1, key=f"{where}_month")
        c3.number_input(ctx.t("overview.day"), min_value=0, max_value=31, step=1, key=f"{where}_day")
        c1, c2 = st.columns(2)
        _keep_name(f"{where}_who")
        c1.text_input(ctx.t("overview.who"), key=f"{where}_who")
        c2.text_input(ctx.t("overview.why"), key=f"{where}_why")
        st.form_submit_button(ctx.t("overview.save"), on_click=_save_date, args=(ctx, article_id, where))


def date_queue(ctx: Ctx) -> None:
    """The Overview's queue of articles without a full date under the filters (dates aside): its total, one
    page at a time (the page in the URL), and the pre-filled form for the article picked."""
    f, where = ctx.filters, "dq"
    st.subheader(ctx.t("dates.queue"))
    _date_message(ctx, where)
    total = q(ctx, review.undated_total, f)
    if not total:
        st.success(ctx.t("dates.queue_empty"))
        return
    page = paging.pager(ctx, total, DATE_QUEUE_SIZE, key="page", reset_on=f)
    queue = q(ctx, review.undated_articles, f, limit=DATE_QUEUE_SIZE, offset=(page - 1) * DATE_QUEUE_SIZE)
    outputs.table(ctx, queue, key="ov_queue", name="articles-without-full-date")
    rows = {int(r["id"]): r for r in queue.to_dict("records")}
    if not rows:
        return
    if st.session_state.get(f"{where}_article") not in rows:
        st.session_state.pop(f"{where}_article", None)
    article_id = st.selectbox(
        ctx.t("overview.article"),
        list(rows),
        key=f"{where}_article",
        format_func=lambda i: render.article_label({**rows[i], "date": None}),
    )
    date_form(ctx, rows[article_id], where)


def article_date_form(ctx: Ctx, doc: dict) -> None:
    """The reader's "Correct the date": the same pre-filled form for the open article."""
    where = "ad"
    msg = st.session_state.get(_DATE_MSG)
    with st.expander(ctx.t("dates.correct"), expanded=bool(msg and msg[3] == where)):
        _date_message(ctx, where)
        date_form(ctx, doc, where)


def _bulk_save(ctx: Ctx, scope: str, mode: str, ids: tuple[int, ...], table_key: str | None) -> None:
    """The bulk date form's submit: checks, the write as one batch, the message with its undo, a clear form."""
    where, get = "bd", st.session_state.get
    who, why = str(get("bd_who") or ""), str(get("bd_why") or "")
    year = get("bd_year")
    month, day = (get("bd_month"), get("bd_day")) if mode == "date" else (None, None)
    if not who.strip() or not why.strip():
        _date_note("warning", ctx.t("dates.need_who"), where)
        return
    if year is None or (mode == "date" and (month is None or day is None)):
        _date_note("warning", ctx.t("dates.need_year"), where)
        return
    if scope == "all":
        if not get("bd_sure"):
            _date_note("warning", ctx.t("dates.need_confirm"), where)
            return
        ids, _ = q(ctx, articles.article_ids, ctx.filters, limit=MARK_LIMIT)
    if not ids:
        _date_note("warning", ctx.t("dates.none_selected"), where)
        return
    y, m, d = int(year), None if month is None else int(month), None if day is None else int(day)
    try:
        batch = set_dates(ctx, ids, year=y, month=m, day=d, who=who, why=why)
    except ValueError as exc:
        _date_note("error", ctx.t("dates.failed", reason=str(exc)), where)
        return
    date = _iso(y, m, d) if m else ctx.t("dates.year_only", year=y)
    _date_note("success", ctx.t("dates.bulk_saved", n=f"{len(ids):,}", date=date), where, batch)
    st.session_state["_bd_who_kept"] = who
    for k in ("bd_year", "bd_month", "bd_day", "bd_why", "bd_sure", _PICK):
        st.session_state.pop(k, None)
    if table_key:  # untick the rows: they are dated, and the table re-sorts
        st.session_state[table_key] = {"selection": {"rows": [], "columns": [], "cells": []}}


def _ticked(event: Any) -> tuple[int, ...]:
    """The row positions ticked in a table drawn with row selection."""
    selection = getattr(event, "selection", None)
    rows = getattr(selection, "rows", None)
    if rows is None and isinstance(selection, dict):
        rows = selection.get("rows")
    return tuple(int(r) for r in rows or () if isinstance(r, int))


_PICK = "_bd_pick"  # session_state: (ticked positions, the article ids they meant when ticked)
_SHOWN = "_bd_table"  # session_state: the ids of the table as the last run drew it


def selected_ids(table: pd.DataFrame, event: Any) -> list[int]:
    """The ids of the articles ticked in the table. A tick is a row position; it is read against the table
    the analyst saw when ticking (the previous run's), and then kept as ids, so a table that re-sorts after
    a save or moves to another page never turns a tick into another article."""
    shown = tuple(int(i) for i in table["id"]) if "id" in table else ()
    rows = _ticked(event)
    before_rows, before_ids = st.session_state.get(_PICK, ((), ()))
    if rows != before_rows:
        basis = st.session_state.get(_SHOWN) or shown
        ids = tuple(dict.fromkeys(basis[r] for r in rows if 0 <= r < len(basis)))
        st.session_state[_PICK] = (rows, ids)
    else:
        ids = before_ids
    st.session_state[_SHOWN] = shown
    return list(ids)


def bulk_dates(ctx: Ctx, table: pd.DataFrame, event: Any, total: int, table_key: str = "art_table") -> None:
    """Below the Articles table: set a year (each article keeping its day and month) or one full date for the
    rows ticked in the table, or for every article the filters select (count stated, a confirming tick
    needed, at most MARK_LIMIT); one batch with who and why, undoable as one."""
    where = "bd"
    ids = selected_ids(table, event)
    msg = st.session_state.get(_DATE_MSG)
    with st.expander(ctx.t("dates.bulk_title"), expanded=bool(ids) or bool(msg and msg[3] == where)):
        _date_message(ctx, where)
        scope = st.radio(
            ctx.t("dates.scope"),
            ("selected", "all"),
            format_func=lambda v: ctx.t(f"dates.scope_{v}", n=f"{len(ids) if v == 'selected' else total:,}"),
            horizontal=True,
            key="bd_scope",
        )
        if scope == "selected":
            if not ids:
                st.caption(ctx.t("dates.select_hint"))
                return
            st.caption(ctx.t("dates.selected_ids", ids=", ".join(map(str, ids))))
            n = len(ids)
        else:
            if total > MARK_LIMIT:
                st.caption(ctx.t("dates.too_many", n=f"{total:,}", limit=f"{MARK_LIMIT:,}"))
                return
            n = total
        mode = st.radio(
            ctx.t("dates.mode"),
            ("year", "date"),
            format_func=lambda v: ctx.t(f"dates.mode_{v}"),
            horizontal=True,
            key="bd_mode",
        )
        with st.form("bd_form", enter_to_submit=False):
            c1, c2, c3 = st.columns(3)
            c1.number_input(
                ctx.t("dates.year"),
                min_value=1900,
                max_value=dt.date.today().year,
                value=None,
                step=1,
                key="bd_year",
            )
            if mode == "date":
                c2.number_input(
                    ctx.t("dates.month"), min_value=1, max_value=12, value=None, step=1, key="bd_month"
                )
                c3.number_input(
                    ctx.t("dates.day"), min_value=1, max_value=31, value=None, step=1, key="bd_day"
                )
            c1, c2 = st.columns(2)
            _keep_name("bd_who")
            c1.text_input(ctx.t("dates.who"), key="bd_who")
            c2.text_input(ctx.t("dates.why"), key="bd_why")
            if scope == "all":
                st.checkbox(ctx.t("dates.confirm", n=f"{n:,}"), key="bd_sure")
            st.form_submit_button(
                ctx.t("dates.button", n=f"{n:,}"),
                on_click=_bulk_save,
                args=(ctx, scope, mode, tuple(ids), table_key),
            )
