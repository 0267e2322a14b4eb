"""Uploads on the Ingest page: the uploader in the reader's language, the files saved under names of ours and
ingested with a progress bar, the run's per-file counts and every failure as tables, reasons in that language."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from core.ingest.run import ingest_paths
from core.store import connection
from core.text.parse import failure_text, printable

if TYPE_CHECKING:
    from core.app.context import Ctx


def upload_names(name: str) -> tuple[str, str]:
    """(file name to save an upload under, its origin): ours on disk, the user's (printable, bounded) as origin.

    >>> upload_names("../../etc/feed.JSONL")
    ('upload.jsonl', 'upload:feed.JSONL')
    >>> upload_names("..")
    ('upload', 'upload:..')
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1] or name
    suffix = Path(base).suffix.lower() if re.fullmatch(r".+\.[A-Za-z0-9]{1,10}", base) else ""
    shown = printable(base)
    return f"upload{suffix}", "upload:" + (shown if len(shown) <= 200 else shown[:199] + "…")


def max_upload_mb() -> int:
    """The size limit Streamlit enforces on each uploaded file (server.maxUploadSize, in MB)."""
    return int(st.get_option("server.maxUploadSize"))


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes, backslashes and line breaks escaped, '<' too (it sits in <style>)."""
    return '"' + "".join(c if c.isalnum() or c in " .,;:!?()-" else f"\\{ord(c):x} " for c in text) + '"'


def uploader(ctx: Ctx, key: str) -> Any:
    """st.file_uploader with its own words in the reader's language.

    Streamlit 1.67 offers no option for the dropzone's text (its "Upload" button and "200MB per file" are
    fixed English; streamlit/streamlit#13500 asks for one), so a CSS rule scoped to this widget's key hides the
    size line and shows the button's word from data/labels.yaml instead of Streamlit's; the button itself stays,
    so a click still opens the file chooser. The instruction and the real limit (server.maxUploadSize) are a
    caption of ours. A file the browser refuses (over the limit) or an upload cut off gets a chip marked
    aria-invalid whose "Error: File must be 200.0MB or smaller." is Streamlit's English too: that line is hidden
    and ours shown in its place (Streamlit's hover tooltip on the chip stays its own)."""
    zone = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    browse = f"{zone} > span > button"  # the chooser's button (not the file list's add/remove buttons)
    # The "Drag and drop files here" shown while a file is dragged over (the list of chosen files has test ids).
    drag = f"{zone} > div:not([data-testid]):not(:has([data-testid]))"
    refused = f".st-key-{key} [data-testid='stFileChip'][aria-invalid='true']"
    st.html(
        "<style>"
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions']{{display:none}}"
        f"{browse} [data-testid='stMarkdownContainer'], {drag} > span{{display:none}}"
        f"{browse}::after{{content:{_css_string(ctx.t('ingest.browse'))};margin-left:.35rem}}"
        f"{drag}::after{{content:{_css_string(ctx.t('ingest.drop'))}}}"
        f"{refused} [role='alert']{{display:none}}"
        f"{refused}{{flex-wrap:wrap}}"
        f"{refused}::after{{content:{_css_string(ctx.t('ingest.not_uploaded', mb=max_upload_mb()))};"
        "flex-basis:100%;font-size:.8rem;color:inherit}"
        "</style>"
    )
    files = st.file_uploader(ctx.t("ingest.upload"), accept_multiple_files=True, key=key)
    st.caption(ctx.t("ingest.dropzone", browse=ctx.t("ingest.browse"), mb=max_upload_mb()))
    return files


def summary_line(ctx: Ctx, summary: Any) -> str:
    """The run's counts in the reader's language (Summary.line() is the terminal's English one)."""
    line = ctx.t("ingest.summary", new=summary.new, duplicate=summary.duplicate, failed=summary.failed)
    return line + (ctx.t("ingest.skipped", n=len(summary.skipped)) if summary.skipped else "")


def reason_text(lang: str, code: Any, params: Any, reason: str) -> str:
    """A failure's reason in `lang` from its code and parameters; the stored English text when there is no code
    (stores of earlier versions) or the code is one this version does not know."""
    if not code or not isinstance(code, str):
        return reason
    try:
        values = json.loads(params) if isinstance(params, str) else dict(params or {})
        text = failure_text(code, values, lang)
    except (ValueError, TypeError, KeyError, IndexError):
        return reason
    return reason if text == f"failure.{code}" else text


def ingest_uploads(ctx: Ctx, files: Sequence[Any], *, nlp: bool = True):
    """Save uploaded files to a temporary folder and ingest them, with a progress bar; returns the Summary."""
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
        db = connection.connect(ctx.path)
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
    bar.progress(1.0, text=ctx.t("ingest.done", line=summary_line(ctx, summary)))
    return summary


def per_file_table(summary: Any) -> pd.DataFrame:
    """The Summary's per-file counts as rows, named as the user uploaded them."""
    rows = [{"file": origin.removeprefix("upload:"), **counts} for origin, counts in summary.per_file.items()]
    return pd.DataFrame(rows, columns=["file", "new", "duplicate", "failed"])


def failures_table(summary: Any, lang: str = "en") -> pd.DataFrame:
    """This run's failures, named as the user uploaded the files, each reason in `lang`."""
    rows = [
        {
            "file": f.origin.removeprefix("upload:"),
            "line": f.line,
            "reason": reason_text(lang, f.code, f.params, f.reason),
        }
        for f in summary.failures
    ]
    return pd.DataFrame(rows, columns=["file", "line", "reason"])


def stored_failures(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The failures table of the store (core.read.overview.failures) with each reason in `lang`."""
    out = df.drop(columns=["code", "params"], errors="ignore")
    if "code" in df.columns and len(df):
        out["reason"] = [
            reason_text(lang, c, p, r) for c, p, r in zip(df["code"], df["params"], df["reason"], strict=True)
        ]
    return out
