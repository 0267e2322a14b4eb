"""The dashboard's only writes, all through core.store: relevance marking, date and review corrections with undo, uploads."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from core.app.context import q
from core.app.render import md
from core.config import SAMPLES_DIR

if TYPE_CHECKING:
    from core.app.context import Ctx


MARK_LIMIT = 10_000  # the most articles one "mark all shown" form acts on (one transaction)


_MARK_MSG = "_mark_msg"  # session_state: (kind, text, batch or None) shown after the rerun a marking makes


def mark_relevance(ctx: Ctx, article_ids: Sequence[int], relevant: int, *, who: str, why: str) -> str:
    """The on/off-topic marking's write (one article or every one the filters select), through
    core.store.corrections with who and why; returns the batch id that undoes it."""
    from core.store import corrections
    from core.store import db as store

    if not who.strip() or not why.strip():
        raise ValueError("a marking needs the analyst's name and a reason")
    db = store.connect(ctx.path)
    try:
        return corrections.mark_articles(db, list(article_ids), relevant, who=who.strip(), why=why.strip())
    finally:
        db.close()


def undo_marking(ctx: Ctx, batch: str, *, who: str, why: str = "") -> int:
    """Take back one marking (all its articles); returns how many articles got their earlier verdict back."""
    from core.store import corrections
    from core.store import db as store

    db = store.connect(ctx.path)
    try:
        return corrections.undo_batch(db, batch, who=who.strip() or "?", why=why)
    finally:
        db.close()


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
            n = undo_marking(ctx, batch, who=who, why="undo")
        except ValueError as exc:
            st.session_state[_MARK_MSG] = ("error", ctx.t("mark.failed", reason=str(exc)), None, tag)
        else:
            st.session_state[_MARK_MSG] = ("success", ctx.t("mark.undone", n=n), None, tag)
        st.rerun()


def _mark_submit(
    ctx: Ctx, where: str, tag: str, ids: Sequence[int], relevant: int, saved: str, **shown: object
) -> None:
    """A marking form's submit: refuse without a name or a reason, else write and rerun with the message."""
    who = str(st.session_state.get(f"mark_who_{where}") or "")
    why = str(st.session_state.get(f"mark_why_{where}") or "")
    if not who.strip() or not why.strip():
        st.warning(ctx.t("mark.need_who"))
        return
    try:
        batch = mark_relevance(ctx, ids, relevant, who=who, why=why)
    except ValueError as exc:
        st.error(md(ctx.t("mark.failed", reason=str(exc))))
        return
    value = ctx.t(f"mark.state.{relevant}")
    st.session_state[_MARK_MSG] = ("success", ctx.t(saved, value=value, **shown), batch, tag)
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
        decided = q(ctx, "relevance_decision", int(doc["id"]))
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
            ids, _ = q(ctx, "article_ids", ctx.filters, limit=MARK_LIMIT)
            _mark_submit(ctx, where, where, ids, relevant, "mark.bulk_saved", n=f"{len(ids):,}")


def set_article_date(
    ctx: Ctx, article_id: int, *, year: int, month: int | None, day: int | None, who: str, why: str = ""
) -> None:
    """The correction form's write: a short-lived write connection through core.store.corrections."""
    from core.store import corrections
    from core.store import db as store

    db = store.connect(ctx.path)
    try:
        corrections.set_article_date(db, int(article_id), year=year, month=month, day=day, who=who, why=why)
    finally:
        db.close()


def upload_names(name: str) -> tuple[str, str]:
    """(file name to save an upload under, its origin): ours on disk, the user's (printable, bounded) as origin.

    >>> upload_names("../../etc/feed.JSONL")
    ('upload.jsonl', 'upload:feed.JSONL')
    >>> upload_names("..")
    ('upload', 'upload:..')
    """
    from core.text.parse import printable

    base = name.replace("\\", "/").rsplit("/", 1)[-1] or name
    suffix = Path(base).suffix.lower() if re.fullmatch(r".+\.[A-Za-z0-9]{1,10}", base) else ""
    shown = printable(base)
    return f"upload{suffix}", "upload:" + (shown if len(shown) <= 200 else shown[:199] + "…")


REVIEW_FIXES = ("stance", "speaker", "side", "undo")


def review_fix(ctx: Ctx, fix: str, target: int, value: object = None, *, who: str, why: str = "") -> None:
    """One click of the review queue, recorded through core.store.corrections with who and why:
    `stance` (statement id, stance), `speaker` (statement id, entity id), `side` (the speaker's entity id,
    side) or `undo` (correction id)."""
    from core.store import corrections
    from core.store import db as store

    if fix not in REVIEW_FIXES:
        raise ValueError(f"fix must be one of {REVIEW_FIXES}")
    if not who.strip():
        raise ValueError("a fix needs the analyst's name")
    who, why = who.strip(), why.strip()
    db = store.connect(ctx.path)
    try:
        if fix == "stance":
            corrections.set_statement_stance(db, int(target), str(value), who=who, why=why)
        elif fix == "speaker":
            corrections.set_statement_speaker(db, int(target), int(value), who=who, why=why)
        elif fix == "side":
            corrections.set_entity_side(db, int(target), str(value), who=who, why=why)
        else:
            corrections.undo(db, int(target), who=who, why=why)
    finally:
        db.close()


def ingest_uploads(ctx: Ctx, files: Sequence[Any], *, nlp: bool = True):
    """Save uploaded files to a temporary folder and ingest them, with a progress bar; returns the Summary."""
    from core.ingest.run import ingest_paths
    from core.store import db as store

    bar = st.progress(0.0)

    def on_file(i: int, n: int, name: str) -> None:
        bar.progress(min(i / max(n, 1), 1.0), text=ctx.t("ingest.progress", name=name, i=i + 1, n=n))

    with tempfile.TemporaryDirectory(prefix="ingest-") as tmp:
        origins: dict[Path, str] = {}
        for i, up in enumerate(files):
            # The file on disk gets our name (a user's name may be "..", 300 characters or hold a newline);
            # the origin keeps the user's, printable. One folder per upload lets two uploads share a name.
            name, origin = upload_names(str(up.name))
            target = Path(tmp) / f"{i:03d}" / name
            target.parent.mkdir()
            with target.open("wb") as fh:
                up.seek(0)
                shutil.copyfileobj(up, fh)  # no second copy of the upload in memory
            origins[target] = origin
        db = store.connect(ctx.path)
        try:
            # Several files go to worker processes (die with the server, see core.ingest.parallel); one file is
            # read here record by record, so memory stays one record's whatever the upload holds.
            summary = ingest_paths(
                list(origins),
                db,
                nlp=nlp,
                progress=False,
                on_file=lambda i, n, _name: on_file(i, n, list(origins.values())[i].removeprefix("upload:")),
                origin_of=lambda p: origins.get(p, f"upload:{p.name}"),
                workers=min(2, os.cpu_count() or 1),
            )
        finally:
            db.close()
    bar.progress(1.0, text=ctx.t("ingest.done", line=summary.line()))
    return summary


def per_file_table(summary: Any) -> pd.DataFrame:
    """The Summary's per-file counts as rows, named as the user uploaded them."""
    rows = [{"file": origin.removeprefix("upload:"), **counts} for origin, counts in summary.per_file.items()]
    return pd.DataFrame(rows, columns=["file", "new", "duplicate", "failed"])


def failures_table(summary: Any) -> pd.DataFrame:
    rows = [
        {
            "file": f.origin.removeprefix("upload:"),
            "line": f.line,
            "reason": f.reason,
        }
        for f in summary.failures
    ]
    return pd.DataFrame(rows, columns=["file", "line", "reason"])


def pairs_file() -> Path:
    return SAMPLES_DIR / "pairs.yaml"
