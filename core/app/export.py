"""Exports: chart PNGs (kaleido) and CSVs of exactly the table shown, each with its provenance.
The one-page briefing is core.app.briefing; tables in the interface language are core.app.tables.

Every export says what it covers (`Provenance`): the filter sentence, the outlets and how many of their
articles match, the dashboard URL that reproduces the view and when it was made, so a PNG pasted into a
report or a CSV mailed to a colleague can be traced back and checked.

Kaleido 1.x drives a headless Chromium. Starting it costs about two seconds, a render on a warm browser
about a fifth of that, so we keep one kaleido server alive for the process (`kaleido.start_sync_server`)
and render through it. Its request/response queues are not safe for concurrent callers (two Streamlit
sessions clicking at once could swap results), hence the lock.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import kaleido
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.app.charts import FONT, TEMPLATE
from core.labels import label

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_SIZE = (1200, 700)

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


def render_png(fig: go.Figure, width: int, height: int, scale: float = 1) -> bytes:
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


# --- text for Plotly ------------------------------------------------------------------------------------------


def plain(value: object) -> str:
    """Article text for Plotly's pseudo-HTML: only <, > and & escaped. Plotly decodes &lt; &gt; &amp; but
    prints &quot; and &#x27; literally, so quotes (which are harmless in text) are left as they are."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def wrap_lines(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word gets a line of its own, cut)."""
    lines: list[str] = []
    line = ""
    for word in str(text).split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: width - 1] + "…")
            word = ""
        if not word:
            continue
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


# --- provenance ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """What an export covers: the filter sentence, the named outlets with their matching articles (largest
    first) and how many matching articles name none, the URL reproducing the view, and when it was made."""

    sentence: str
    sources: tuple[tuple[str, int], ...] = ()
    unnamed: int = 0
    url: str | None = None
    generated: dt.datetime | None = None
    lang: str = "en"

    @classmethod
    def of(
        cls,
        sentence: str,
        sources: pd.DataFrame | None,
        url: str | None,
        lang: str,
        generated: dt.datetime | None = None,
    ) -> Provenance:
        """From a frame of (source, articles) rows; a missing source is counted apart, never named '?'."""
        named: list[tuple[str, int]] = []
        unnamed = 0
        if sources is not None and len(sources):
            for src, n in zip(sources["source"], sources["articles"], strict=True):
                text = "" if src is None or (isinstance(src, float) and pd.isna(src)) else str(src).strip()
                if text in ("", "?"):  # nothing recorded: counted apart, never named '?'
                    unnamed += int(n)
                else:
                    named.append((text, int(n)))
        named.sort(key=lambda p: (-p[1], p[0]))
        return cls(
            sentence=sentence,
            sources=tuple(named),
            unnamed=unnamed,
            url=url,
            generated=generated or dt.datetime.now().astimezone(),
            lang=lang,
        )

    @property
    def articles(self) -> int:
        return sum(n for _, n in self.sources) + self.unnamed

    def sources_text(self, limit: int = 6) -> str:
        """'TTXVN 12, VnExpress 8 (+3 more) · 20 articles from 5 outlets · 4 with no outlet recorded'."""
        t = lambda key, **kw: label(key, self.lang, **kw)  # noqa: E731
        if not self.sources:
            return t("export.no_source", n=f"{self.unnamed:,}") if self.unnamed else t("export.sources_none")
        shown = ", ".join(f"{s} {n:,}" for s, n in self.sources[:limit])
        if len(self.sources) > limit:
            shown += " " + t("export.sources_more", n=len(self.sources) - limit)
        parts = [shown, t("export.sources_total", articles=f"{self.articles:,}", outlets=len(self.sources))]
        if self.unnamed:
            parts.append(t("export.no_source", n=f"{self.unnamed:,}"))
        return " · ".join(parts)

    def generated_text(self) -> str:
        when = self.generated or dt.datetime.now().astimezone()
        return when.strftime("%Y-%m-%d %H:%M %Z").strip() or when.isoformat(timespec="minutes")

    def rows(self) -> list[tuple[str, str]]:
        """(name, value) pairs in a fixed order and number (CSV_META_ROWS), in the interface language."""
        t = lambda key: label(key, self.lang)  # noqa: E731
        return [
            (t("export.meta.filters"), self.sentence),
            (t("export.meta.sources"), self.sources_text()),
            (t("export.meta.url"), self.url or "—"),
            (t("export.meta.generated"), self.generated_text()),
        ]


# Lines before a CSV's header: the provenance rows, then one empty line. Fixed, so a script reads the table
# with pandas.read_csv(path, skiprows=CSV_META_ROWS).
CSV_META_ROWS = 5

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


def csv_bytes(df: pd.DataFrame, provenance: Provenance | None = None) -> bytes:
    """UTF-8 with a BOM so Excel shows Vietnamese correctly; the columns and rows exactly as given.

    With `provenance`, a block of name/value rows (filters, sources, URL, generation time) and an empty line
    come first. A block above the header rather than '#' comments: spreadsheets have no comment syntax and
    would show '#' lines as data anyway, a block at the end is missed under a long table, and the empty line
    ends the block so a spreadsheet's filter or 'format as table' on the header row takes only the table.
    Every text cell (and header: co-occurrence columns are entity names) is quoted and formula-like text is
    neutralised, so opening the file in a spreadsheet never evaluates what an article said.
    """
    safe = df.copy()
    for i in range(safe.shape[1]):  # by position: a frame may repeat a column name
        col = safe.iloc[:, i]
        if not (pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col)):
            safe.isetitem(i, col.map(neutralise_cell, na_action="ignore"))
    safe.columns = [neutralise_cell(c) for c in safe.columns]
    head = ""
    if provenance is not None:
        buf = io.StringIO()
        writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for name, value in provenance.rows():
            writer.writerow([neutralise_cell(name), neutralise_cell(value)])
        writer.writerow([])
        head = buf.getvalue()
    body = safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    return (head + body).encode("utf-8-sig")


def read_csv(data: bytes) -> pd.DataFrame:
    """The table of a CSV made by csv_bytes with provenance (what a script reading our exports does)."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skiprows=CSV_META_ROWS)


# --- chart PNGs ---------------------------------------------------------------------------------------------

_FOOT_FONT = 13
LINE_SPACING = 1.3  # Plotly's line spacing (svg_text_utils LINE_SPACING): a line is 1.3 x the font size


def chars_fitting(width_px: float, size: float) -> int:
    """How many characters fit in `width_px` at font `size` (Noto Sans averages ~0.55 em; a little spare)."""
    return max(int(width_px / (size * 0.58)), 10)


def _provenance_lines(prov: Provenance, width_px: float, size: float) -> list[str]:
    n = chars_fitting(width_px, size)
    out = []
    for name, value in prov.rows():
        lines = wrap_lines(f"{name}: {value}", n)
        out += [plain(x) for x in lines]
    return out


def png(
    fig: go.Figure,
    width: int = CHART_SIZE[0],
    height: int | None = None,
    scale: float = 1,
    provenance: Provenance | None = None,
) -> bytes:
    """The figure as PNG bytes, `width` x `height` pixels at scale 1 (height: the figure's own, else 700).

    With `provenance`, its lines (filters, sources, URL, generation time) are printed in a band under the
    chart, which makes the image taller by that band."""
    height = int(height or fig.layout.height or CHART_SIZE[1])
    fig = go.Figure(fig)
    fig.update_layout(template=TEMPLATE, width=width, height=height)
    chart = render_png(fig, width, height, scale)
    if provenance is None:
        return chart
    lines = _provenance_lines(provenance, width - 40, _FOOT_FONT)
    band = int(len(lines) * _FOOT_FONT * LINE_SPACING + 28)
    total = height + band
    page = go.Figure()
    page.add_layout_image(
        source="data:image/png;base64," + base64.b64encode(chart).decode("ascii"),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        sizex=1,
        sizey=height / total,
        xanchor="left",
        yanchor="top",
        layer="above",
    )
    page.add_shape(
        type="line", xref="paper", yref="paper", x0=0.015, x1=0.985, y0=band / total, y1=band / total,
        line=dict(color="#bbb", width=1),
    )  # fmt: skip
    page.add_annotation(
        text="<br>".join(lines),
        x=20 / width,
        y=(band - 12) / total,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=_FOOT_FONT, family=FONT, color="#444"),
    )
    page.update_layout(
        template=TEMPLATE,
        width=width,
        height=total,
        margin=dict(l=0, r=0, t=0, b=0),
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
    )
    return render_png(page, width, total, scale)
