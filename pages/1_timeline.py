"""Timeline: each statement a point (date x speaker or side, coloured by stance), counts per week or month,
a selected statement in its context with a link to its article, and the statements dated without a year.
"""

from __future__ import annotations

import streamlit as st

from core.app import charts, context, outputs, render, state, ui
from core.read import overview, timeline

POINTS = 3000  # a point per statement stays readable (and light in the browser) up to a few thousand;
# past it, a sample spread over the whole range (core.read.timeline.statement_points)

ctx = ui.page("timeline")
if ctx is not None:
    f = ctx.filters
    info = context.q(ctx, overview.overview, f)
    if not info["total_articles"]:
        ui.empty_state(ctx, "store")
    elif not info["total_statements"]:
        ui.empty_state(ctx, "statements")
    else:
        ui.sentence(ctx, "statements")
        c1, c2 = st.columns(2)
        y = state.url_widget(
            c1.radio,
            "y",
            ctx.t("timeline.y_axis"),
            default="speaker",
            options=("speaker", "side"),
            format_func=lambda v: ctx.t(f"values.axis.{v}"),
            horizontal=True,
        )
        period = outputs.period_widget(ctx, c2)

        points = context.q(ctx, timeline.statement_points, f, limit=POINTS, period=period)
        st.caption(ctx.t("timeline.points"))
        total = int(points.attrs.get("total", len(points)))
        if total > len(points):
            st.caption(
                ctx.t(
                    "timeline.sampled",
                    n=f"{len(points):,}",
                    total=f"{total:,}",
                    period=ctx.t(f"values.period.{period}"),
                )
            )
        fig_points = charts.statement_points(points, y, ctx.lang)
        shown = points[["id", "date", "speaker", "side", "verb", "stance", "text", "title", "article_id"]]
        event = outputs.chart(
            ctx,
            fig_points,
            shown,
            key="tl_points",
            name="statements-timeline",
            on_select="rerun",
            selection_mode="points",
        )
        picked = state.picked_id(event, "tl_points")
        if picked is not None:
            state.select_in_url("stmt", picked)

        counts = context.q(ctx, timeline.statement_counts, f, period=period)
        fig_counts = charts.statement_counts(counts, period, ctx.lang)
        outputs.chart(ctx, fig_counts, counts, key="tl_counts", name=f"statements-per-{period}")
        outputs.briefing_button(ctx, ctx.t("timeline.title"), [fig_points, fig_counts])

        st.subheader(ctx.t("timeline.context"))
        options = [None, *points["id"].astype(int).tolist()]
        texts = {
            int(r.id): f"{r.date} · {r.speaker} {r.verb}: {r.text}" for r in points.itertuples(index=False)
        }
        stmt = state.url_widget(
            st.selectbox,
            "stmt",
            ctx.t("timeline.select"),
            default=None,
            parse=state.parse_id,
            options=options,
            format_func=lambda v: "—" if v is None else texts.get(v, str(v)),
        )
        detail = context.q(ctx, timeline.statement_context, stmt) if stmt is not None else None
        if detail is None:
            st.caption(ctx.t("timeline.none_selected"))
        else:
            st.markdown(
                f"**{render.md(detail['speaker'])}** · {render.md(detail['verb'])} · "
                f"{render.md(ctx.t('values.stance.' + detail['stance']))} · {render.md(detail['date'] or '—')} · "
                f"{render.md(detail['source'] or '')}"
            )
            parts = []
            for s in detail["sentences"]:
                if s["idx"] == detail["sentence"]:
                    spans = [
                        {
                            "start": max(detail["start"] - s["start"], 0),
                            "end": min(detail["end"] - s["start"], len(s["text"])),
                            "kind": "statement",
                            "label": detail["stance"],
                        }
                    ]
                    parts.append("<b>" + render.highlight_html(s["text"], spans) + "</b>")
                else:
                    parts.append(
                        '<span style="color:#666">' + render.highlight_html(s["text"], []) + "</span>"
                    )
            render.html_block(" … ".join(parts))
            state.link(ctx, "articles", label=ctx.t("app.open_article"), article=detail["article_id"])

        yearless = context.q(ctx, timeline.yearless_statements, f)
        if not yearless.empty:
            st.subheader(ctx.t("timeline.yearless"))
            outputs.table(ctx, yearless, key="tl_yearless", name="statements-without-year")

        loose = context.q(ctx, timeline.loosely_dated_statements, f)
        if not loose.empty:
            st.subheader(ctx.t("timeline.loose"))
            st.caption(ctx.t("timeline.loose_note", n=f"{loose.attrs.get('total', len(loose)):,}"))
            outputs.table(ctx, loose, key="tl_loose", name="statements-bulk-dated")

        outputs.attention_section(ctx, period)
