"""Compare two articles: side by side with entities and statements highlighted, shared and unique
entities, and each sentence of A aligned with the most similar sentence of B (TF-IDF cosine on folded words).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from core.app import context, outputs, render, state, ui
from core.read import articles, compare, overview

ctx = ui.page("compare")
if ctx is not None:
    info = context.q(ctx, overview.overview, ctx.filters)
    if not info["total_articles"]:
        ui.empty_state(ctx, "store")
    else:
        ui.sentence(ctx, "articles")
        pairs = context.q(ctx, compare.load_pairs, str(compare.sample_pairs_file()), lang=ctx.lang)
        if pairs:
            st.markdown(f"**{ctx.t('compare.pairs')}**")
            titles = context.q(
                ctx, articles.article_titles, tuple(sorted({p[k] for p in pairs for k in ("a", "b")}))
            )
            for i, p in enumerate(pairs):
                state.select_button(
                    f"{titles.get(p['a'], p['a'])} ↔ {titles.get(p['b'], p['b'])} — {p['why']}",
                    key=f"cmp_pair_{i}",
                    a=p["a"],
                    b=p["b"],
                )

        # Each side has its own search (diacritic-insensitive, like the sidebar's) narrowing its pick list.
        c1, c2 = st.columns(2)
        picks = {}
        for col, side in ((c1, "a"), (c2, "b")):
            with col:
                query = state.url_widget(
                    st.text_input, f"q{side}", ctx.t(f"compare.search_{side}"), default=""
                )
                found = context.q(
                    ctx, articles.articles_table, replace(ctx.filters, q=query or ctx.filters.q), limit=300
                )
                labels = {int(r.id): render.article_label(r) for r in found.itertuples(index=False)}
                wanted = state.url_id(side)
                if wanted is not None and wanted not in labels:
                    # An id from the URL or a pair stays selectable even when the search does not find it.
                    for k, v in context.q(ctx, articles.article_titles, (wanted,)).items():
                        labels[k] = f"{k} · {v}"
                picks[side] = state.url_widget(
                    st.selectbox,
                    side,
                    ctx.t(f"compare.pick_{side}"),
                    default=None,
                    parse=state.parse_id,
                    options=[None, *labels],
                    format_func=lambda v, labels=labels: "—" if v is None else labels.get(v, str(v)),
                )
        a, b = picks["a"], picks["b"]
        st.caption(ctx.t("compare.legend"))
        if a is None or b is None:
            st.info(ctx.t("compare.need_two"), icon=":material/info:")
        else:
            docs = [context.q(ctx, articles.article, a), context.q(ctx, articles.article, b)]
            if None in docs:
                st.warning(ctx.t("articles.not_found", id=a if docs[0] is None else b))
            else:
                for col, doc in zip(st.columns(2), docs, strict=True):
                    with col:
                        render.html_block(
                            '<h3 style="margin:0">'
                            + render.highlight_html(doc["title"], render.spans("title", doc))
                            + "</h3>"
                        )
                        st.caption(render.md(f"{doc['source'] or '?'} · {doc['published'] or '—'}"))
                        body = render.highlight_html(render.excerpt(doc["body"]), render.spans("body", doc))
                        render.html_block(f'<div style="max-height:28em;overflow:auto">{body}</div>')
                        state.link(ctx, "articles", label=ctx.t("app.open_article"), article=doc["id"])

                sets = compare.entity_sets(docs[0]["mentions"], docs[1]["mentions"])
                c1, c2, c3 = st.columns(3)
                for col, key in zip((c1, c2, c3), ("shared", "only_a", "only_b"), strict=True):
                    with col:
                        st.markdown(f"**{ctx.t('compare.' + key)}** ({len(sets[key])})")
                        st.markdown("\n".join("- " + render.md(n) for n in sets[key]) or "—")

                st.subheader(ctx.t("compare.alignment"))
                sa = [s for s in docs[0]["sentences"].itertuples(index=False) if s.field != "title"]
                sb = [s for s in docs[1]["sentences"].itertuples(index=False) if s.field != "title"]
                if not sa or not sb:
                    sa = [s for s in docs[0]["body"].split("\n") if s.strip()]
                    sb = [s for s in docs[1]["body"].split("\n") if s.strip()]
                else:
                    sa, sb = [s.text for s in sa], [s.text for s in sb]
                aligned = compare.align_sentences(sa, sb)[["similarity", "a", "b", "a_idx", "b_idx"]]
                outputs.table(
                    ctx,
                    aligned,
                    key="cmp_align",
                    name=f"alignment-{a}-{b}",
                    column_config={
                        "similarity": st.column_config.ProgressColumn(
                            ctx.t("compare.similarity"), min_value=0.0, max_value=1.0, format="%.2f"
                        )
                    },
                )
