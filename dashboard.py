"""Overview: how much is in the store, who says what by side and stance, the latest statements, and the
queue of articles whose year is unknown (with the form that dates them). Run: `streamlit run dashboard.py`.
"""

from __future__ import annotations

import streamlit as st

from core.app import actions, charts, context, outputs, render, sidebar, ui

ctx = ui.page("overview")
if ctx is not None:
    f = ctx.filters
    info = context.q(ctx, "overview", f)
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

        outlets = context.q(ctx, "source_counts", f)
        if not outlets.empty:
            fig_outlets = charts.source_bars(outlets, ctx.lang)
            outputs.chart(ctx, fig_outlets, outlets, key="ov_outlets", name="articles-by-outlet")

        if not info["total_statements"]:
            ui.empty_state(ctx, "statements")
        else:
            counts = context.q(ctx, "side_stance_counts", f)
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
            latest = context.q(ctx, "latest_statements", f, limit=20)
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

        st.subheader(ctx.t("overview.queue"))
        if "dq_saved" in st.session_state:
            st.success(st.session_state.pop("dq_saved"))
        queue = context.q(ctx, "undated_articles", f)
        if queue.empty:
            st.success(ctx.t("overview.queue_empty"))
        else:
            outputs.table(ctx, queue, key="ov_queue", name="articles-without-year")
            with st.form("date_form"):
                st.markdown(f"**{ctx.t('overview.set_date')}**")
                labels = {int(r.id): render.article_label(r) for r in queue.itertuples(index=False)}
                article_id = st.selectbox(
                    ctx.t("overview.article"), list(labels), key="dq_article", format_func=labels.get
                )
                c1, c2, c3 = st.columns(3)
                year = c1.number_input(ctx.t("overview.year"), 1900, 2100, 2017, key="dq_year")
                month = c2.number_input(ctx.t("overview.month"), 0, 12, 0, key="dq_month")
                day = c3.number_input(ctx.t("overview.day"), 0, 31, 0, key="dq_day")
                who = st.text_input(ctx.t("overview.who"), key="dq_who")
                why = st.text_input(ctx.t("overview.why"), key="dq_why")
                if st.form_submit_button(ctx.t("overview.save")):
                    if not who.strip():
                        st.warning(ctx.t("overview.need_who"))
                    else:
                        try:
                            actions.set_article_date(
                                ctx,
                                article_id,
                                year=int(year),
                                month=int(month) or None,
                                day=int(day) or None,
                                who=who.strip(),
                                why=why.strip(),
                            )
                        except ValueError as exc:  # an impossible date (2017-02-31): the reason in words
                            st.error(render.md(str(exc)), icon=":material/event_busy:")
                        except Exception as exc:  # noqa: BLE001 - show the reason, keep the page
                            st.error(render.md(f"{type(exc).__name__}: {exc}"))
                        else:
                            date = "-".join(str(v) for v in (int(year), int(month), int(day)) if v)
                            st.session_state["dq_saved"] = ctx.t("overview.saved", id=article_id, date=date)
                            st.rerun()
