"""Uploads on the Ingest page: the files saved under names of ours and ingested with a progress bar, and
the run's per-file counts and failures as tables."""

from __future__ import annotations

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
from core.text.parse import printable

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
    bar.progress(1.0, text=ctx.t("ingest.done", line=summary.line()))
    return summary


def per_file_table(summary: Any) -> pd.DataFrame:
    """The Summary's per-file counts as rows, named as the user uploaded them."""
    rows = [{"file": origin.removeprefix("upload:"), **counts} for origin, counts in summary.per_file.items()]
    return pd.DataFrame(rows, columns=["file", "new", "duplicate", "failed"])


def failures_table(summary: Any) -> pd.DataFrame:
    rows = [
        {
            "file": f.origin.removeprefix("upload:"),
            "line": f.line,
            "reason": f.reason,
        }
        for f in summary.failures
    ]
    return pd.DataFrame(rows, columns=["file", "line", "reason"])
