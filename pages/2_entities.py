"""Entities: the most-mentioned entities (by type and side), their mentions over time, how often the top
ones appear together, and one entity in detail: its articles, what it said, what was said about it, and the
ways its name is written.
"""

from __future__ import annotations

import streamlit as st

from core.app import context, entity_charts, outputs, sidebar, state, ui
from core.read import choices, entities, overview
from core.read.entities import TYPES

ctx = ui.page("entities")
if ctx is not None:
    f = ctx.filters
    info = context.q(ctx, overview.overview, f)
    if not info["total_articles"]:
        ui.empty_state(ctx, "store")
    else:
        c1, c2, c3 = st.columns([3, 2, 2])
        types = state.url_widget(
            c1.multiselect,
            "types",
            ctx.t("entities.types"),
            default=[],
            parse=lambda v: [t for t in v.split(",") if t in TYPES],
            options=TYPES,
            format_func=lambda v: ctx.t(f"values.type.{v}"),
        )
        top_n = state.url_widget(
            c2.slider, "n", ctx.t("entities.top_n"), default=10, parse=int, min_value=3, max_value=30
        )
        period = outputs.period_widget(ctx, c3)
        ui.sentence(ctx, "mentions")
        top = context.q(ctx, entities.top_entities, f, types=tuple(types), limit=int(top_n))
        if top.empty:
            st.info(ctx.t("entities.none"), icon=":material/info:")
        else:
            fig_top = entity_charts.top_entities(top, ctx.lang)
            outputs.chart(
                ctx,
                fig_top,
                top,
                key="ent_top",
                name="top-entities",
                **sidebar.click_to_filter(ctx, "ent_top", "top_entities"),
            )
            names = tuple(top["name"])
            lines = context.q(ctx, entities.entity_timeline, f, names=names, period=period)
            sides = dict(zip(top["name"], top["side"], strict=True))
            fig_lines = entity_charts.entity_lines(lines, ctx.lang, sides=sides, period=period)
            outputs.chart(ctx, fig_lines, lines, key="ent_lines", name=f"entity-mentions-per-{period}")
            matrix = context.q(ctx, entities.cooccurrence, f, names=names)
            fig_heat = entity_charts.cooccurrence(matrix, ctx.lang)
            outputs.chart(
                ctx, fig_heat, matrix.reset_index(names="entity"), key="ent_heat", name="entity-cooccurrence"
            )
            outputs.briefing_button(ctx, ctx.t("entities.title"), [fig_top, fig_heat], subject="statements")

            st.subheader(ctx.t("entities.focus"))
            all_names = context.q(ctx, choices.choices)["entities"]
            focus = state.url_widget(
                st.selectbox,
                "focus",
                ctx.t("entities.focus"),
                default=f.entity or names[0],
                options=[*all_names, *([f.entity] if f.entity and f.entity not in all_names else [])],
                open_ended=True,
            )
            if focus:
                tabs = st.tabs(
                    [
                        ctx.t("entities.articles"),
                        ctx.t("entities.said_by"),
                        ctx.t("entities.said_about"),
                        ctx.t("entities.variants"),
                    ]
                )
                cols = ["date", "speaker", "verb", "stance", "text", "title", "source", "id", "article_id"]
                with tabs[0]:
                    arts = context.q(ctx, entities.entity_articles, f, focus)
                    outputs.table(ctx, arts, key="ent_articles", name="entity-articles")
                    if not arts.empty:
                        state.link(
                            ctx, "articles", label=ctx.t("app.open_article"), article=int(arts["id"].iloc[0])
                        )
                with tabs[1]:
                    outputs.table(
                        ctx,
                        context.q(ctx, entities.statements_by, f, focus)[cols],
                        key="ent_by",
                        name="statements-by",
                    )
                with tabs[2]:
                    outputs.table(
                        ctx,
                        context.q(ctx, entities.statements_about, f, focus)[cols],
                        key="ent_about",
                        name="statements-about",
                    )
                with tabs[3]:
                    outputs.table(
                        ctx,
                        context.q(ctx, entities.name_variants, f, focus),
                        key="ent_variants",
                        name="name-variants",
                    )
