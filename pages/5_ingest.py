"""Ingest: upload files (text, JSONL, CSV, HTML); each is parsed, extracted and stored; per-file results
and every failure recorded so far, in the reader's language.
"""

from __future__ import annotations

import streamlit as st

from core.app import context, outputs, ui, uploads
from core.read import overview

ctx = ui.page("ingest")
if ctx is not None:
    files = uploads.uploader(ctx, "ing_files")
    nlp = st.checkbox(ctx.t("ingest.nlp"), value=True, key="ing_nlp")
    if st.button(ctx.t("ingest.run"), key="ing_run", type="primary", disabled=not files):
        summary = uploads.ingest_uploads(ctx, files, nlp=nlp)
        st.success(ctx.t("ingest.done", line=uploads.summary_line(ctx, summary)))
        st.markdown(f"**{ctx.t('ingest.per_file')}**")
        outputs.table(ctx, uploads.per_file_table(summary), key="ing_per_file", name="ingest-per-file")
        if summary.failures:
            outputs.table(
                ctx,
                uploads.failures_table(summary, ctx.lang),
                key="ing_run_failures",
                name="ingest-failures-this-run",
            )
    st.subheader(ctx.t("ingest.failures"))
    failures = context.q(ctx, overview.failures)
    if failures.empty:
        st.caption(ctx.t("ingest.no_failures"))
    else:
        outputs.table(ctx, uploads.stored_failures(failures, ctx.lang), key="ing_failures", name="failures")
