"""Overview: how much is in the store, who says what by side and stance, the latest statements, and the
queue of articles without a full date (with the form that dates them). Run: `streamlit run dashboard.py`.
"""

from __future__ import annotations

import streamlit as st

from core.app import charts, context, dates, outputs, sidebar, ui
from core.read import briefing, overview

ctx = ui.page("overview")
if ctx is not None:
    f = ctx.filters
    info = context.q(ctx, overview.overview, f)
    if not info["total_articles"]:
        ui.empty_state(ctx, "store")
    else:
        ui.sentence(ctx, "statements")
        c1, c2, c3, c4 = st.columns([1, 2, 1, 1])
        c1.metric(ctx.t("overview.articles"), info["articles"])
        span = f"{info['first'][:7]} → {info['last'][:7]}" if info["first"] else "—"
        full = f"{info['first']} → {info['last']}" if info["first"] else None
        c2.metric(ctx.t("overview.span"), span, help=full)
        c3.metric(ctx.t("overview.sources"), info["sources"])
        c4.metric(ctx.t("overview.statements"), info["statements"])

        outlets = context.q(ctx, briefing.source_counts, f)
        if not outlets.empty:
            fig_outlets = charts.source_bars(outlets, ctx.lang)
            outputs.chart(ctx, fig_outlets, outlets, key="ov_outlets", name="articles-by-outlet")

        if not info["total_statements"]:
            ui.empty_state(ctx, "statements")
        else:
            counts = context.q(ctx, overview.side_stance_counts, f)
            fig = charts.side_stance_bars(counts, ctx.lang)
            outputs.chart(
                ctx,
                fig,
                counts,
                key="ov_side_stance",
                name="statements-by-side-stance",
                **sidebar.click_to_filter(ctx, "ov_side_stance", "side_stance"),
            )
            outputs.briefing_button(ctx, ctx.t("app.title"), [fig])

            st.subheader(ctx.t("overview.latest"))
            latest = context.q(ctx, overview.latest_statements, f, limit=20)
            if latest.empty:
                ui.empty_state(ctx, "results")
            else:
                outputs.table(
                    ctx,
                    latest[
                        [
                            "date",
                            "speaker",
                            "side",
                            "verb",
                            "stance",
                            "text",
                            "title",
                            "source",
                            "id",
                            "article_id",
                        ]
                    ],
                    key="ov_latest",
                    name="latest-statements",
                )

        dates.date_queue(ctx)
