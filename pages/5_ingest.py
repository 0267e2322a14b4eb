"""Ingest: upload files (text, JSONL, CSV, HTML); each is parsed, extracted and stored; per-file results
and every failure recorded so far.
"""

from __future__ import annotations

import streamlit as st

from core.app import context, outputs, ui, uploads
from core.read import overview

ctx = ui.page("ingest")
if ctx is not None:
    files = st.file_uploader(ctx.t("ingest.upload"), accept_multiple_files=True, key="ing_files")
    nlp = st.checkbox(ctx.t("ingest.nlp"), value=True, key="ing_nlp")
    if st.button(ctx.t("ingest.run"), key="ing_run", type="primary", disabled=not files):
        summary = uploads.ingest_uploads(ctx, files, nlp=nlp)
        st.success(ctx.t("ingest.done", line=summary.line()))
        st.markdown(f"**{ctx.t('ingest.per_file')}**")
        outputs.table(ctx, uploads.per_file_table(summary), key="ing_per_file", name="ingest-per-file")
        if summary.failures:
            outputs.table(
                ctx, uploads.failures_table(summary), key="ing_run_failures", name="ingest-failures-this-run"
            )
    st.subheader(ctx.t("ingest.failures"))
    failures = context.q(ctx, overview.failures)
    if failures.empty:
        st.caption(ctx.t("ingest.no_failures"))
    else:
        outputs.table(ctx, failures, key="ing_failures", name="failures")
