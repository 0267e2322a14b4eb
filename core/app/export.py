"""Exports for briefings: chart PNGs (kaleido), CSVs of exactly the table shown, and a one-page briefing.

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
import re
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import kaleido
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from core.app.charts import FONT, SIDE_COLORS, TEMPLATE
from core.labels import SIDES, label
from core.text.textnorm import fold

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


def _render(fig: go.Figure, width: int, height: int, scale: float = 1) -> bytes:
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


def _wrap(text: str, width: int) -> str:
    """Escaped lines joined with <br> (Plotly wraps no text by itself)."""
    return "<br>".join(plain(x) for x in wrap_lines(text, width))


def clip_sentences(text: str, limit: int = 280) -> str:
    """The first whole sentences of `text` that fit in `limit` characters, with "…" when something was left
    out; a first sentence longer than the limit is cut at a word boundary, also with "…".

    >>> clip_sentences("Một câu ngắn. Câu thứ hai dài hơn nhiều.", 20)
    'Một câu ngắn. …'
    >>> clip_sentences("Ngắn thôi.", 20)
    'Ngắn thôi.'
    """
    from core.models import Article
    from core.nlp.tokens import split_sentences

    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    kept = ""
    for s in split_sentences(Article("", "", text, "", "")):
        if s.field != "body":
            continue
        candidate = f"{kept} {s.text}".strip()
        if len(candidate) + 2 > limit:
            break
        kept = candidate
    if not kept:
        cut = text[: limit - 1]
        kept = cut[: cut.rfind(" ")] if " " in cut else cut
        return kept.rstrip(" ,;:–-") + "…"
    return kept + " …"


# --- URLs ---------------------------------------------------------------------------------------------------


def safe_url(url: object) -> str | None:
    """An address to show as a link only when it is a plain http(s) one (never javascript: or data:)."""
    text = str(url or "").strip()
    return text if re.match(r"^https?://[^\s<>\"']+$", text, re.IGNORECASE) else None


# --- tables in the interface language ------------------------------------------------------------------------

# Columns whose values are codes, and where their names live in data/labels.yaml.
CODED = {
    "side": "values.side",
    "entity_side": "values.side",
    "stance": "values.stance",
    "type": "values.type",
    "date_source": "values.date_source",
    "relevant": "values.verdict",
    "field": "values.field",
    "quote": "values.quote",
    "tier": "values.tier",  # how a search result matched (core.store.search.TIERS)
}
EVIDENCE_COLUMNS = ("evidence", "date_evidence")


def column_label(column: object, lang: str) -> object:
    """A column's header in `lang` (data/labels.yaml `columns`); a column we do not know (an entity name in
    the co-occurrence matrix) keeps its own name."""
    if not isinstance(column, str):
        return column
    key = f"columns.{column}"
    text = label(key, lang)
    return column if text == key else text


def _code_key(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _number_text(value: object) -> str:
    if value is None or pd.isna(value):
        return "—"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def value_label(column: str, value: object, lang: str) -> str | None:
    """The name of a coded value in `lang` ('nato' -> 'NATO', 'conflictual' -> 'đối đầu', 1 -> 'có');
    None stays None, and a code the labels do not know shows itself."""
    code = _code_key(value)
    if code is None:
        return None
    key = f"{CODED[column]}.{code}"
    text = label(key, lang)
    return code if text == key else text


def _evidence_rules(lang: str) -> list[tuple[re.Pattern, str]]:
    from core.config import rules

    out = []
    for item in rules("labels").get("evidence", []) or []:
        if lang in item:
            out.append((re.compile(item["pattern"]), item[lang]))
    return out


def evidence_text(evidence: object, lang: str) -> str:
    """A stored date evidence line in `lang`. Its wording is core.text.dates' own (fixed English phrases around
    quoted article text); the phrases are rewritten by the patterns in data/labels.yaml `evidence`, and
    text between “ and ” (the article's own words) is never touched."""
    text = "" if evidence is None or (isinstance(evidence, float) and pd.isna(evidence)) else str(evidence)
    rules = _evidence_rules(lang)
    if not text or not rules:
        return text
    parts = re.split(r"(“[^”]*”)", text)
    for i in range(0, len(parts), 2):  # even positions lie outside the quotes
        for pattern, repl in rules:
            parts[i] = pattern.sub(repl, parts[i])
    return "".join(parts)


def localise(df: pd.DataFrame, lang: str, *, codes: bool = False) -> pd.DataFrame:
    """The frame as a reader of `lang` sees it: headers from data/labels.yaml, coded values (side, stance,
    entity type, date source, relevance verdict) by name, date evidence in the language, addresses only when
    plain http(s).

    `codes=True` (CSV) keeps each coded column's codes in a column right beside its names, so a spreadsheet
    can still filter on 'nato' whatever the interface language; missing values stay empty there, while the
    screen (`codes=False`) shows "—" for a missing text value instead of a bare 'None'.
    """
    names: list[object] = []
    columns: list[pd.Series] = []

    def add(name: object, series: pd.Series, dash: bool) -> None:
        if dash and not codes and series.isna().any():
            if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
                series = series.map(_number_text).astype(object)  # 24.0 and NaN read "24" and "—"
            elif series.dtype == object or pd.api.types.is_string_dtype(series):
                series = series.astype(object).where(series.notna(), "—")
        names.append(name)
        columns.append(series.reset_index(drop=True))

    for i, col in enumerate(df.columns):
        series = df.iloc[:, i]
        name = column_label(col, lang)
        if col in CODED:
            add(name, series.map(lambda v, c=col: value_label(c, v, lang)).astype(object), True)
            if codes:
                add(label("columns.code", lang, name=name), series.map(_code_key).astype(object), False)
        elif col in EVIDENCE_COLUMNS:
            add(name, series.map(lambda v: evidence_text(v, lang) or None).astype(object), True)
        elif col == "url":  # a link only when plain http(s); on screen an empty cell rather than 'None'
            add(name, series.map(lambda v: safe_url(v) or (None if codes else "")).astype(object), False)
        else:
            add(name, series, True)
    frame = pd.concat(columns, axis=1, ignore_index=True) if columns else pd.DataFrame(index=df.index)
    frame.columns = names
    frame.index = df.index
    return frame


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
_LINE = 1.3  # Plotly's line spacing (svg_text_utils LINE_SPACING): a line is 1.3 x the font size


def _chars(width_px: float, size: float) -> int:
    """How many characters fit in `width_px` at font `size` (Noto Sans averages ~0.55 em; a little spare)."""
    return max(int(width_px / (size * 0.58)), 10)


def _provenance_lines(prov: Provenance, width_px: float, size: float) -> list[str]:
    n = _chars(width_px, size)
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
    chart = _render(fig, width, height, scale)
    if provenance is None:
        return chart
    lines = _provenance_lines(provenance, width - 40, _FOOT_FONT)
    band = int(len(lines) * _FOOT_FONT * _LINE + 28)
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
    return _render(page, width, total, scale)


# --- the briefing -------------------------------------------------------------------------------------------


def pick_statements(candidates: pd.DataFrame, n: int = 8, balance: Sequence[str] = ()) -> pd.DataFrame:
    """The `n` statements a briefing quotes, from candidates already ranked best first (core.read.queries.
    briefing_data: named speakers, direct quotes and strong stance first).

    The same words carried by several outlets (a wire story reprinted) count once. With two or more sides in
    `balance`, the picks alternate between them (best of each in turn) so a "NATO or Russia" briefing quotes
    both; a side with too few statements leaves its turns to the others."""
    if candidates.empty:
        return candidates
    key = candidates["text"].map(lambda t: " ".join(fold(str(t or "")).split())[:200])
    pool = candidates.loc[~key.duplicated()]
    balance = [s for s in balance if s in set(pool.get("side", pd.Series(dtype=object)))]
    if len(balance) < 2:
        return pool.head(n).reset_index(drop=True)
    queues = {s: list(pool.index[pool["side"] == s]) for s in balance}
    chosen: list = []
    while len(chosen) < n and any(queues.values()):
        for s in balance:
            if queues[s] and len(chosen) < n:
                chosen.append(queues[s].pop(0))
    rest = [i for i in pool.index if i not in set(chosen)]
    chosen += rest[: n - len(chosen)]
    # Keep the balance but show the strongest first.
    return pool.loc[sorted(chosen, key=list(pool.index).index)].reset_index(drop=True)


@dataclass(frozen=True)
class _Layout:
    """Pixel geometry of the briefing page (A4 at 150 dpi)."""

    margin: int = 48
    left_col: int = 290  # date, speaker, side and stance
    gap: int = 16
    title: int = 28
    body: float = 13
    small: float = 12


def _statement_block(row: pd.Series, lang: str, width_px: float, geo: _Layout) -> tuple[str, str, int]:
    """(left text, right text, height in px) of one statement row."""
    date = row.get("date")
    date = date if isinstance(date, str) and date else "—"
    side = row.get("side")
    side_name = label(f"values.side.{side}", lang) if side in SIDES else "—"
    stance = row.get("stance")
    stance_name = label(f"values.stance.{stance}", lang) if isinstance(stance, str) else "—"
    left_lines = [f"<b>{plain(date)}</b>"]
    left_lines += [
        f"<b>{plain(x)}</b>"
        for x in wrap_lines(row.get("speaker") or "—", _chars(geo.left_col - 24, geo.body))
    ]
    left_lines.append(plain(f"{side_name} · {stance_name}"))
    quote = clip_sentences(str(row.get("text") or ""), 300)
    if not quote.startswith(('"', "“", "‘", "«")):  # statements often carry their own quotation marks
        quote = f"“{quote}”"
    right = wrap_lines(quote, _chars(width_px, geo.body))
    src = row.get("source")
    src = src.strip() if isinstance(src, str) and src.strip() and src.strip() != "?" else None
    title = row.get("title")
    cite = " — ".join(x for x in (src, title if isinstance(title, str) else None) if x)
    cite_lines = wrap_lines(cite, _chars(width_px, geo.small)) if cite else []
    right_html = "<br>".join(plain(x) for x in right)
    if cite_lines:
        right_html += "<br>" + "<br>".join(f"<i>{plain(x)}</i>" for x in cite_lines[:2])
    lines = max(len(left_lines), len(right) + min(len(cite_lines), 2))
    height = int(lines * geo.body * _LINE + 14)
    return "<br>".join(left_lines), right_html, height


def briefing(
    title: str,
    sentence: str,
    figures: Sequence[go.Figure],
    statements: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    size: tuple[int, int] = BRIEFING_SIZE,
    provenance: Provenance | None = None,
    balance: Sequence[str] = (),
) -> bytes:
    """One A4 PNG: title, the filter sentence, a provenance line (outlets, URL, generation time), the charts,
    the top statements (date, speaker, side and stance beside the quote clipped at a sentence end, its outlet
    and article) and the outlets. See briefing_page for the layout."""
    page = briefing_page(title, sentence, figures, statements, sources, lang, size, provenance, balance)
    return _render(page, size[0], size[1])


def briefing_page(
    title: str,
    sentence: str,
    figures: Sequence[go.Figure],
    statements: pd.DataFrame,
    sources: pd.DataFrame,
    lang: str = "en",
    size: tuple[int, int] = BRIEFING_SIZE,
    provenance: Provenance | None = None,
    balance: Sequence[str] = (),
) -> go.Figure:
    """The briefing as a page figure, laid out in pixels: every block is measured before it is placed, and a
    statement that would not fit whole is left out (with a line saying how many more there are), never cut.
    Charts are rendered to PNG first and placed as images; the page's `meta` says which statements it
    placed (tests, and what a reader of the figure may check)."""
    w, h = size
    geo = _Layout()
    prov = provenance or Provenance.of(sentence, sources, None, lang)
    inner = w - 2 * geo.margin
    annotations: list[dict] = []
    shapes: list[dict] = []
    images: list[dict] = []

    def text(s: str, x: float, y: float, size: float, color: str = "#222", **kw) -> None:
        annotations.append(
            dict(
                text=s, x=x / w, y=1 - y / h, xref="paper", yref="paper", xanchor="left", yanchor="top",
                align="left", showarrow=False, font=dict(size=size, family=FONT, color=color), **kw,
            )
        )  # fmt: skip

    def rect(y0: float, y1: float, color: str, x0: float = geo.margin, x1: float = w - geo.margin) -> None:
        shapes.append(
            dict(type="rect", xref="paper", yref="paper", x0=x0 / w, x1=x1 / w, y0=1 - y1 / h, y1=1 - y0 / h,
                 fillcolor=color, line=dict(width=0), layer="below")
        )  # fmt: skip

    y = geo.margin
    text(f"<b>{plain(title)}</b>", geo.margin, y, geo.title, "#1d4e89")
    y += geo.title * _LINE + 8
    sentence_lines = wrap_lines(sentence, _chars(inner, 16))
    text("<br>".join(plain(x) for x in sentence_lines), geo.margin, y, 16, "#222")
    y += len(sentence_lines) * 16 * _LINE + 6
    meta = [
        f"{label('export.meta.generated', lang)}: {prov.generated_text()}",
        f"{label('export.meta.url', lang)}: {prov.url or '—'}",
    ]
    meta_lines = [x for m in meta for x in wrap_lines(m, _chars(inner, geo.small))]
    text("<br>".join(plain(x) for x in meta_lines), geo.margin, y, geo.small, "#555")
    y += len(meta_lines) * geo.small * _LINE + geo.gap

    # The outlets go at the bottom; measure them first so the statements know where to stop.
    src_lines = wrap_lines(
        f"{label('export.sources_list', lang)}: {prov.sources_text(limit=12)}", _chars(inner, geo.small)
    )
    bottom = h - geo.margin - len(src_lines) * geo.small * _LINE - geo.gap

    figures = list(figures)[:2]
    chart_h = 520 if len(figures) == 1 else 400
    for fig in figures:
        img = png(fig, width=inner, height=chart_h)
        images.append(
            dict(
                source="data:image/png;base64," + base64.b64encode(img).decode("ascii"),
                xref="paper", yref="paper", x=geo.margin / w, y=1 - y / h, sizex=inner / w, sizey=chart_h / h,
                xanchor="left", yanchor="top", layer="above",
            )
        )  # fmt: skip
        y += chart_h + geo.gap

    header_h = 30
    rect(y, y + header_h, "#1d4e89")
    text(f"<b>{plain(label('export.top_statements', lang))}</b>", geo.margin + 10, y + 6, 15, "white")
    y += header_h + 4
    quote_x = geo.margin + geo.left_col
    quote_w = w - geo.margin - quote_x - 10
    picked = pick_statements(statements, n=8, balance=balance) if len(statements) else statements
    placed = 0
    for i, row in enumerate(picked.to_dict("records")):
        left, right, row_h = _statement_block(row, lang, quote_w, geo)
        reserve = geo.small * _LINE + 6 if i < len(picked) - 1 else 0  # room for the "more" line
        if y + row_h + reserve > bottom:
            break
        if placed % 2 == 0:
            rect(y, y + row_h, "#f3f6fa")
        side = row.get("side")
        rect(y, y + row_h, SIDE_COLORS.get(side, SIDE_COLORS["other"]), geo.margin, geo.margin + 5)
        text(left, geo.margin + 14, y + 7, geo.body)
        text(right, quote_x, y + 7, geo.body)
        y += row_h
        placed += 1
    if placed == 0:
        text(plain(label("export.no_statements", lang)), geo.margin + 14, y + 7, geo.body, "#555")
        y += geo.body * _LINE + 14
    elif placed < len(picked):
        text(
            plain(label("export.more_statements", lang, n=len(picked) - placed)),
            geo.margin + 14, y + 4, geo.small, "#555",
        )  # fmt: skip

    text("<br>".join(plain(x) for x in src_lines), geo.margin, bottom + geo.gap, geo.small, "#333")

    page = go.Figure()
    page.update_layout(
        template=TEMPLATE,
        width=w,
        height=h,
        margin=dict(l=0, r=0, t=0, b=0),
        xaxis=dict(visible=False, range=[0, 1]),
        yaxis=dict(visible=False, range=[0, 1]),
        annotations=annotations,
        shapes=shapes,
        images=images,
    )
    page.update_layout(
        meta=dict(placed=placed, candidates=len(picked), statements_bottom=y, sources_top=bottom)
    )
    return page
