"""Review: the statements the extraction is least sure of come first (lowest stance probability, then
speakers nobody identified or on no side). One click fixes a stance, the speaker or the speaker's side, or says a
row is no statement; each fix is a correction with who and why (core.store.corrections), the latest can be undone,
and the next `python -m core.quality.train --db` learns from the stance fixes (`python -m core.quality.realness
--db` from the rows found to be no statement).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.app import context, marking, paging, render, state, ui, writes
from core.labels import SIDES
from core.read import overview, review

FIX_STANCES = ("cooperative", "neutral", "conflictual")
KINDS = review.REVIEW_KINDS
LIMITS = (10, 20, 50)
BORDERLINE_PAGE = 10


def _fix(
    ctx: context.Ctx, fix: str, target: int, value: object, shown: dict, value_key: str | None = None
) -> None:
    """A button's click: record the fix (or say why not) and leave a message for the next run."""
    who = str(st.session_state.get("rv_who") or "")
    if not who.strip():
        st.session_state["rv_msg"] = ("warning", ctx.t("review.need_who"))
        return
    if value_key is not None:  # the speaker picked in the row's select box
        value = st.session_state.get(value_key)
        if value is None:
            return
        shown = {**shown, "value": shown.get("names", {}).get(value, value)}
    try:
        writes.review_fix(ctx, fix, target, value, who=who, why=str(st.session_state.get("rv_why") or ""))
    except ValueError as exc:
        st.session_state["rv_msg"] = ("error", ctx.t("review.failed", reason=str(exc)))
    else:
        st.session_state["rv_msg"] = ("success", ctx.t(f"review.saved.{fix}", **shown))


def _mark(ctx: context.Ctx, article_id: int, relevant: int, title: str) -> None:
    """A borderline article's button: mark it on- or off-topic (on-topic reads it in full), or say why not."""
    who = str(st.session_state.get("rv_who") or "")
    if not who.strip():
        st.session_state["rv_msg"] = ("warning", ctx.t("review.need_who"))
        return
    why = str(st.session_state.get("rv_why") or "").strip() or ctx.t("review.borderline.why")
    try:
        _, unread = writes.mark_relevance(ctx, [article_id], relevant, who=who, why=why)
    except ValueError as exc:
        st.session_state["rv_msg"] = ("error", ctx.t("review.failed", reason=str(exc)))
        return
    saved = ctx.t("review.borderline.saved", title=title, value=ctx.t(f"mark.state.{relevant}"))
    st.session_state["rv_msg"] = marking.outcome(ctx, saved, unread)


def _borderline(ctx: context.Ctx, f) -> None:
    """The relevance queue: articles the model nearly flagged, most probable first, one click to decide."""
    st.subheader(ctx.t("review.borderline.title"))
    total = context.q(ctx, review.borderline_total, f)
    if not total:
        st.caption(ctx.t("review.borderline.empty"))
        return
    st.caption(ctx.t("review.borderline.intro", n=f"{total:,}", floor=f"{review.BORDERLINE_FLOOR:.2f}"))
    page = paging.pager(ctx, total, BORDERLINE_PAGE, key="bpage", reset_on=f)
    rows = context.q(
        ctx, review.borderline_articles, f, limit=BORDERLINE_PAGE, offset=(page - 1) * BORDERLINE_PAGE
    )
    for r in rows.itertuples(index=False):
        c1, c2, c3 = st.columns([5, 1.3, 1.3], vertical_alignment="center")
        with c1:
            state.link(
                ctx, "articles", label=f"{render.md(r.date or '—')} · {render.md(r.title)}", article=int(r.id)
            )
            st.caption(ctx.t("review.borderline.prob", p=f"{r.probability:.2f}"))
        for col, flag in ((c2, 1), (c3, 0)):
            col.button(
                ctx.t(f"mark.button.{flag}"),
                key=f"bl_{flag}_{int(r.id)}",
                on_click=_mark,
                args=(ctx, int(r.id), flag, r.title),
            )


def _row(ctx: context.Ctx, r: object, candidates: pd.DataFrame) -> None:
    sid = int(r.id)
    stance_name = ctx.t(f"values.stance.{r.stance}")
    side_name = ctx.t(f"values.side.{r.side or 'other'}")
    reasons = [ctx.t("review.reason.stance")] if r.stance_open else []
    if isinstance(r.speaker_issue, str):
        reasons.append(ctx.t(f"review.reason.{r.speaker_issue}"))
    if pd.notna(r.real_prob) and r.real_prob < review.DOUBTFUL:
        reasons.append(ctx.t("review.reason.statement", p=f"{r.real_prob:.2f}"))
    prob = (
        ctx.t("review.prob", p=f"{r.stance_prob:.2f}")
        if pd.notna(r.stance_prob)
        else ctx.t("review.rules_only")
    )
    meta = ctx.t("review.meta", speaker=r.speaker, side=side_name, verb=r.verb, stance=stance_name, prob=prob)
    st.markdown(f"**{render.md(' · '.join(reasons))}** — {render.md(meta)}")
    if isinstance(r.sentence_text, str) and pd.notna(r.span_start):
        span = {"kind": "statement", "start": int(r.span_start), "end": int(r.span_end), "label": r.stance}
        render.html_block(render.highlight_html(r.sentence_text, [span]))
    else:
        render.html_block(render.highlight_html(r.text, []))
    st.caption(render.md(ctx.t("review.source", title=r.title, date=r.date or "—", source=r.source or "?")))
    state.link(ctx, "articles", label=ctx.t("app.open_article"), article=int(r.article_id))

    cols = st.columns([2, 1, 1, 1])
    cols[0].caption(ctx.t("review.set_stance"))
    for col, stance in zip(cols[1:], FIX_STANCES, strict=True):
        col.button(
            ctx.t(f"values.stance.{stance}"),
            key=f"rv_stance_{sid}_{stance}",
            type="primary" if stance == r.stance else "secondary",
            on_click=_fix,
            args=(ctx, "stance", sid, stance, {"id": sid, "value": ctx.t(f"values.stance.{stance}")}),
        )
    st.button(
        ctx.t("review.drop"),
        key=f"rv_drop_{sid}",
        icon=":material/block:",
        help=ctx.t("review.drop_help"),
        on_click=_fix,
        args=(ctx, "drop", sid, None, {"id": sid}),
    )
    cols = st.columns([2, 1, 1, 1])
    if pd.isna(r.speaker_id):
        cols[0].caption(ctx.t("review.no_side"))
    else:
        cols[0].caption(render.md(ctx.t("review.set_side", speaker=r.speaker)))
        for col, side in zip(cols[1:], SIDES, strict=True):
            col.button(
                ctx.t(f"values.side.{side}"),
                key=f"rv_side_{sid}_{side}",
                type="primary" if side == r.side else "secondary",
                on_click=_fix,
                args=(
                    ctx,
                    "side",
                    int(r.speaker_id),
                    side,
                    {"name": r.speaker, "value": ctx.t(f"values.side.{side}")},
                ),
            )
    mine = candidates[candidates["article_id"] == r.article_id]
    if mine.empty:
        st.caption(ctx.t("review.no_candidates"))
        return
    names = {
        int(c.id): f"{c.name} ({ctx.t(f'values.type.{c.type}')}, {ctx.t(f'values.side.{c.side}')})"
        for c in mine.itertuples()
    }
    cols = st.columns([3, 1])
    current = int(r.speaker_id) if pd.notna(r.speaker_id) and int(r.speaker_id) in names else None
    options = list(names)
    cols[0].selectbox(
        ctx.t("review.speaker_pick"),
        options,
        index=options.index(current) if current is not None else None,
        key=f"rv_speaker_{sid}",
        format_func=names.get,
        placeholder="—",
    )
    cols[1].button(
        ctx.t("review.set_speaker"),
        key=f"rv_setspeaker_{sid}",
        on_click=_fix,
        args=(ctx, "speaker", sid, None, {"id": sid, "names": names}, f"rv_speaker_{sid}"),
    )


def _log_line(ctx: context.Ctx, r: object) -> str:
    gone = ctx.t("review.gone")
    if r.what == "entity_side":
        text = r.entity if isinstance(r.entity, str) else gone
        value = ctx.t(f"values.side.{r.entity_side}") if isinstance(r.entity_side, str) else gone
    else:
        text = r.text if isinstance(r.text, str) else gone
        if r.what == "statement_stance":
            value = ctx.t(f"values.stance.{r.stance}") if isinstance(r.stance, str) else gone
        elif r.what == "statement_drop":
            value = ""
        else:
            value = r.speaker if isinstance(r.speaker, str) else gone
    return ctx.t(
        f"review.log_line.{r.what}",
        id=int(r.id),
        text=text,
        value=value,
        who=r.who,
        at=r.at,
        why=r.why or "—",
    )


ctx = ui.page("review")
if ctx is not None:
    f = ctx.filters
    info = context.q(ctx, overview.overview, f)
    if not info["total_articles"]:
        ui.empty_state(ctx, "store")
    elif not info["total_statements"]:
        ui.empty_state(ctx, "statements")
    else:
        ui.sentence(ctx, "statements")
        st.caption(ctx.t("review.intro"))
        c1, c2 = st.columns(2)
        c1.text_input(ctx.t("review.who"), key="rv_who")
        c2.text_input(ctx.t("review.why"), key="rv_why")
        c1, c2 = st.columns([3, 1])
        kind = state.url_widget(
            c1.radio,
            "queue",
            ctx.t("review.queue"),
            default="all",
            options=KINDS,
            format_func=lambda k: ctx.t(f"review.kind.{k}"),
            horizontal=True,
        )
        limit = state.url_widget(
            c2.selectbox, "n", ctx.t("review_queue.per_page"), default=LIMITS[0], parse=int, options=LIMITS
        )
        if "rv_msg" in st.session_state:
            level, text = st.session_state.pop("rv_msg")
            getattr(st, level)(render.md(text))

        total = context.q(ctx, review.review_total, f, kind=kind)
        if not total:
            st.success(ctx.t("review.empty"))
        else:
            st.caption(ctx.t("review_queue.order"))
            page = paging.pager(ctx, total, limit, key="page", reset_on=(f, kind, limit))
            queue = context.q(ctx, review.review_queue, f, kind=kind, limit=limit, offset=(page - 1) * limit)
            candidates = context.q(
                ctx, review.review_speakers, tuple(int(a) for a in queue["article_id"].unique())
            )
            for r in queue.itertuples(index=False):
                with st.container(border=True):
                    _row(ctx, r, candidates)

        _borderline(ctx, f)

        st.subheader(ctx.t("review.log"))
        log = context.q(ctx, review.review_log, limit=20)
        if log.empty:
            st.caption(ctx.t("review.log_empty"))
        for r in log.itertuples(index=False):
            c1, c2 = st.columns([6, 1])
            c1.markdown(render.md(_log_line(ctx, r)))
            cid = int(r.id)
            c2.button(
                ctx.t("review.undo"),
                key=f"rv_undo_{cid}",
                icon=":material/undo:",
                on_click=_fix,
                args=(ctx, "undo", cid, None, {"id": cid}),
            )
