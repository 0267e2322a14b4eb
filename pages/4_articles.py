"""Articles: the filtered table one page at a time, with the sidebar's text search ranked in labelled tiers
(exact phrase, other accents, words apart) and counted; then a reader: highlighted text, captions, source
line, date with its evidence, the entities and statements found, and the raw input.
"""

from __future__ import annotations

import streamlit as st

from core.app import context, dates, marking, outputs, render, state, tables, ui
from core.read import articles, overview

ctx = ui.page("articles")
if ctx is not None:
    f = ctx.filters
    if not context.q(ctx, overview.has_articles):
        ui.empty_state(ctx, "store")
    else:
        ui.sentence(ctx, "articles")
        st.subheader(ctx.t("articles.table"))
        res = ui.results(ctx)
        table = res.table
        if table.empty:
            ui.empty_state(ctx, "results")
        picked = outputs.table(
            ctx, table, key="art_table", name="articles", on_select="rerun", selection_mode="multi-row"
        )
        if res.total:
            marking.bulk_relevance(ctx, res.total)
            dates.bulk_dates(ctx, table, picked, res.total)

        options = [None, *table["id"].astype(int).tolist()]
        labels = {int(r.id): render.article_label(r) for r in table.itertuples(index=False)}
        wanted = state.url_id("article")
        if wanted is not None and wanted not in labels:
            # A link may point at an article outside the current filters: still open it.
            extra = context.q(ctx, articles.article_titles, (wanted,))
            for k, v in extra.items():
                options.append(k)
                labels[k] = f"{k} · {v}"
        article_id = state.url_widget(
            st.selectbox,
            "article",
            ctx.t("articles.pick"),
            default=None,
            parse=state.parse_id,
            options=options,
            format_func=lambda v: "—" if v is None else labels.get(v, str(v)),
        )
        if article_id is not None:
            doc = context.q(ctx, articles.article, article_id)
            if doc is None:
                st.warning(ctx.t("articles.not_found", id=article_id))
            else:
                st.divider()
                render.html_block(
                    '<h2 style="margin:0 0 .3em 0">'
                    + render.highlight_html(doc["title"], render.spans("title", doc))
                    + "</h2>"
                )
                st.caption(
                    render.md(
                        ctx.t(
                            "articles.source_line",
                            source=doc["source"] or ctx.t("overview.no_outlet"),
                            origin=doc["origin"],
                            format=tables.value_label("format", doc["format"], ctx.lang) or "?",
                        )
                    )
                )
                date = doc["published"] or "/".join(
                    str(v) for v in (doc["day"], doc["month"], doc["year"] or "????") if v
                )
                if doc["year"] or doc["month"] or doc["day"]:
                    line = ctx.t(
                        "articles.date_line",
                        date=date,
                        source=tables.value_label("date_source", doc["date_source"], ctx.lang) or "?",
                        evidence=tables.evidence_text(doc["date_evidence"], ctx.lang),
                    )
                else:
                    line = ctx.t("articles.date_unknown")
                st.markdown(render.md(line))
                dates.article_date_form(ctx, doc)
                outputs.provenance_line(ctx, doc)
                outputs.relevance_block(ctx, doc)
                marking.relevance_marking(ctx, doc)
                st.caption(ctx.t("compare.legend"))
                if doc["lede"]:
                    render.html_block(
                        "<p><b>" + render.highlight_html(doc["lede"], render.spans("lede", doc)) + "</b></p>"
                    )
                body = render.excerpt(doc["body"])
                render.html_block("<p>" + render.highlight_html(body, render.spans("body", doc)) + "</p>")
                if len(body) < len(doc["body"]):
                    st.caption(
                        ctx.t("articles.excerpt", shown=f"{len(body):,}", total=f"{len(doc['body']):,}")
                    )
                if doc["captions"]:
                    with st.expander(ctx.t("articles.captions")):
                        for c in doc["captions"]:
                            st.markdown("- " + render.md(c))
                c1, c2 = st.columns(2)
                with c1:
                    st.markdown(f"**{ctx.t('articles.statements')}**")
                    outputs.table(
                        ctx,
                        doc["statements"][
                            ["speaker", "side", "side_from", "verb", "stance", "score", "text"]
                        ],
                        key="art_statements",
                        name=f"article-{article_id}-statements",
                    )
                with c2:
                    st.markdown(f"**{ctx.t('articles.mentions')}**")
                    outputs.table(
                        ctx,
                        doc["mentions"][["name", "type", "side", "surface", "field", "start", "end"]],
                        key="art_mentions",
                        name=f"article-{article_id}-entities",
                    )
                state.link(ctx, "compare", label=ctx.t("app.compare_with"), a=article_id)
                with st.expander(ctx.t("articles.raw")):
                    raw = render.excerpt(doc["raw"])
                    st.code(raw, language=None, wrap_lines=True)
                    if len(raw) < len(doc["raw"] or ""):
                        st.caption(
                            ctx.t("articles.excerpt", shown=f"{len(raw):,}", total=f"{len(doc['raw']):,}")
                        )
