"""Exports for briefings: chart PNGs (kaleido), CSVs of exactly the table shown, and a one-page briefing.

Kaleido 1.x drives a headless Chromium. Starting it costs about two seconds, a render on a warm browser
about a fifth of that, so we keep one kaleido server alive for the process (`kaleido.start_sync_server`)
and render through it. Its request/response queues are not safe for concurrent callers (two Streamlit
sessions clicking at once could swap results), hence the lock.
"""

from __future__ import annotations

import base64
import csv
import html
import struct
import threading
from collections.abc import Sequence
from pathlib import Path

import kaleido
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.charts import FONT, TEMPLATE, esc
from core.labels import label

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_SIZE = (1200, 700)
BRIEFING_SIZE = (1240, 1754)  # A4 portrait at 150 dpi

_RENDER_LOCK = threading.Lock()

MISSING_CHROMIUM = (
    "PNG export needs Chromium, which kaleido draws the charts in, and this server has none. "
    "As root: apt-get install -y chromium fonts-noto-core (or: bash scripts/setup.sh --test)."
)


def png_unavailable() -> str | None:
    """Why PNG export cannot run on this machine, else None. Asked before starting kaleido: without a
    browser its server thread dies and the render would wait for it forever. Kaleido's own finder
    (choreographer: $BROWSER_PATH, then chromium/chrome on PATH and their usual places)."""
    from choreographer.browsers import Chromium

    found = Chromium.find_browser(skip_local=False)
    return None if found and Path(found).is_file() else MISSING_CHROMIUM


def _ensure_server() -> None:
    # MathJax would be fetched from a CDN on every cold start; we never typeset LaTeX.
    pio.defaults.mathjax = None
    # A no-op when the server already runs (it is a singleton; the warning is silenced).
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)


def stop() -> None:
    """Close the kaleido browser (tests, shutdown); the next render starts a new one."""
    with _RENDER_LOCK:
        kaleido.stop_sync_server(silence_warnings=True)


def png(fig: go.Figure, width: int = CHART_SIZE[0], height: int | None = None, scale: float = 1) -> bytes:
    """The figure as PNG bytes, `width` x `height` pixels at scale 1 (height: the figure's own, else 700)."""
    height = height or fig.layout.height or CHART_SIZE[1]
    fig = go.Figure(fig)
    fig.update_layout(template=TEMPLATE, width=width, height=height)
    if missing := png_unavailable():
        raise RuntimeError(missing)
    with _RENDER_LOCK:
        _ensure_server()
        data = kaleido.calc_fig_sync(
            fig.to_dict(), opts=dict(format="png", width=int(width), height=int(height), scale=scale)
        )
    if not data.startswith(PNG_SIGNATURE):
        raise RuntimeError("kaleido did not return a PNG")
    return data


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert with a leading single quote (OWASP).

    Only text is touched: article titles, speakers and entity names are data from the web and may begin
    with `=HYPERLINK(...)`; a negative number in a numeric column is a number and stays one.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM so Excel shows Vietnamese correctly; the columns and rows exactly as displayed.

    Every text cell (and header: co-occurrence columns are entity names) is quoted and formula-like text is
    neutralised, so opening the file in a spreadsheet never evaluates what an article said.
    """
    safe = df.copy()
    for i in range(safe.shape[1]):  # by position: a frame may repeat a column name
        col = safe.iloc[:, i]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            safe.isetitem(i, col.map(neutralise_cell, na_action="ignore"))
    safe.columns = [neutralise_cell(c) for c in safe.columns]
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8-sig")


def _wrap(text: str, width: int) -> str:
    """Escape, then break a line into <br>-joined chunks of about `width` characters (Plotly tables wrap
    poorly on long Vietnamese sentences)."""
    words, lines, line = str(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        lines.append(line)
    return "<br>".join(html.escape(x) for x in lines)


def briefing(
    title: str,
    sentence: str,
    figures: Sequence[go.Figure],
    statements: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    size: tuple[int, int] = BRIEFING_SIZE,
) -> bytes:
    """One A4-ish PNG: title, the filter sentence, the charts, top statements (date, speaker, quote) and the
    sources. Charts are rendered first, then placed as images on a page figure rendered once more."""
    w, h = size
    figures = list(figures)[:2]
    chart_h = 520 if len(figures) == 1 else 420
    page = go.Figure()
    y = 1 - 150 / h  # below title and sentence
    for fig in figures:
        img = png(fig, width=w - 80, height=chart_h)
        top = y
        page.add_layout_image(
            source="data:image/png;base64," + base64.b64encode(img).decode("ascii"),
            xref="paper",
            yref="paper",
            x=0,
            y=top,
            sizex=1,
            sizey=chart_h / h,
            xanchor="left",
            yanchor="top",
            layer="above",
        )
        y = top - (chart_h + 20) / h
    table_top = y
    st = statements.head(8)
    quotes = [
        _wrap(f"“{t}” ({s or '?'})", 80)
        for t, s in zip(st.get("text", []), st.get("source", []), strict=True)
    ]
    speakers = [_wrap(s, 22) for s in st.get("speaker", [])]
    # Plotly tables fill from the top of their domain; size the domain to the rows so the sources follow.
    rows_px = 34 + sum(
        8 + 20 * max(q.count("<br>"), s.count("<br>")) + 20 for q, s in zip(quotes, speakers, strict=True)
    )
    stmt_bottom = max(table_top - rows_px / h, 0.2)
    stmt_domain = [stmt_bottom, table_top]
    src_top = stmt_bottom - 30 / h
    stance = [label(f"values.stance.{s}", lang) for s in st.get("stance", [])]
    page.add_trace(
        go.Table(
            domain=dict(x=[0, 1], y=stmt_domain),
            columnwidth=[90, 170, 90, 620],
            header=dict(
                values=[
                    f"<b>{label('columns.date', lang)}</b>",
                    f"<b>{label('columns.speaker', lang)}</b>",
                    f"<b>{label('columns.stance', lang)}</b>",
                    f"<b>{label('export.top_statements', lang)}</b>",
                ],
                fill_color="#1d4e89",
                font=dict(color="white", family=FONT, size=14),
                align="left",
                height=30,
            ),
            cells=dict(
                values=[
                    [esc(d) if isinstance(d, str) else "—" for d in st.get("date", [])],
                    speakers,
                    stance,
                    quotes,
                ],
                font=dict(family=FONT, size=13),
                align="left",
                height=26,
                fill_color=[["#f5f7fa", "white"] * 8],
            ),
        )
    )
    src = sources.head(8)
    page.add_trace(
        go.Table(
            domain=dict(x=[0, 0.6], y=[0, max(src_top, 0.02)]),
            columnwidth=[400, 120],
            header=dict(
                values=[
                    f"<b>{label('export.sources_list', lang)}</b>",
                    f"<b>{label('overview.articles', lang)}</b>",
                ],
                fill_color="#444",
                font=dict(color="white", family=FONT, size=14),
                align="left",
                height=30,
            ),
            cells=dict(
                values=[[esc(s) for s in src.get("source", [])], [int(n) for n in src.get("articles", [])]],
                font=dict(family=FONT, size=13),
                align="left",
                height=26,
            ),
        )
    )
    page.update_layout(
        template=TEMPLATE,
        width=w,
        height=h,
        margin=dict(l=40, r=40, t=40, b=40),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        annotations=[
            dict(
                text=f"<b>{esc(title)}</b>",
                x=0,
                y=1,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                font=dict(size=30, family=FONT, color="#1d4e89"),
            ),
            dict(
                text=_wrap(sentence, 110),
                x=0,
                y=1 - 60 / h,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                align="left",
                font=dict(size=17, family=FONT, color="#333"),
            ),
        ],
    )
    return png(page, width=w, height=h)
