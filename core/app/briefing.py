"""The one-page briefing: an A4 PNG of the current view — title, filter sentence, provenance, up to two charts,
the top statements (sides in turn, never cut mid-row) and the outlets."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core.app.charts import FONT, SIDE_COLORS, TEMPLATE
from core.app.export import LINE_SPACING, Provenance, chars_fitting, plain, png, render_png, wrap_lines
from core.labels import SIDES, label
from core.text.textnorm import fold

BRIEFING_SIZE = (1240, 1754)  # A4 portrait at 150 dpi


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


def pick_statements(candidates: pd.DataFrame, n: int = 8, balance: Sequence[str] = ()) -> pd.DataFrame:
    """The `n` statements a briefing quotes, from candidates already ranked best first (core.read.briefing.
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
        for x in wrap_lines(row.get("speaker") or "—", chars_fitting(geo.left_col - 24, geo.body))
    ]
    left_lines.append(plain(f"{side_name} · {stance_name}"))
    quote = clip_sentences(str(row.get("text") or ""), 300)
    if not quote.startswith(('"', "“", "‘", "«")):  # statements often carry their own quotation marks
        quote = f"“{quote}”"
    right = wrap_lines(quote, chars_fitting(width_px, geo.body))
    src = row.get("source")
    src = src.strip() if isinstance(src, str) and src.strip() and src.strip() != "?" else None
    title = row.get("title")
    cite = " — ".join(x for x in (src, title if isinstance(title, str) else None) if x)
    cite_lines = wrap_lines(cite, chars_fitting(width_px, geo.small)) if cite else []
    right_html = "<br>".join(plain(x) for x in right)
    if cite_lines:
        right_html += "<br>" + "<br>".join(f"<i>{plain(x)}</i>" for x in cite_lines[:2])
    lines = max(len(left_lines), len(right) + min(len(cite_lines), 2))
    height = int(lines * geo.body * LINE_SPACING + 14)
    return "<br>".join(left_lines), right_html, height


def briefing_png(page: go.Figure) -> bytes:
    """One A4 PNG of a briefing_page: title, the filter sentence, a provenance line (outlets, URL, generation
    time), the charts, the top statements (date, speaker, side and stance beside the quote clipped at a
    sentence end, its outlet and article) and the outlets. A page in, not its arguments again: the page is
    the one description of the briefing, this only renders it at its own size."""
    return render_png(page, page.layout.width, page.layout.height)


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
    y += geo.title * LINE_SPACING + 8
    sentence_lines = wrap_lines(sentence, chars_fitting(inner, 16))
    text("<br>".join(plain(x) for x in sentence_lines), geo.margin, y, 16, "#222")
    y += len(sentence_lines) * 16 * LINE_SPACING + 6
    meta = [
        f"{label('export.meta.generated', lang)}: {prov.generated_text()}",
        f"{label('export.meta.url', lang)}: {prov.url or '—'}",
    ]
    meta_lines = [x for m in meta for x in wrap_lines(m, chars_fitting(inner, geo.small))]
    text("<br>".join(plain(x) for x in meta_lines), geo.margin, y, geo.small, "#555")
    y += len(meta_lines) * geo.small * LINE_SPACING + geo.gap

    # The outlets go at the bottom; measure them first so the statements know where to stop.
    src_lines = wrap_lines(
        f"{label('export.sources_list', lang)}: {prov.sources_text(limit=12)}",
        chars_fitting(inner, geo.small),
    )
    bottom = h - geo.margin - len(src_lines) * geo.small * LINE_SPACING - geo.gap

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
        reserve = geo.small * LINE_SPACING + 6 if i < len(picked) - 1 else 0  # room for the "more" line
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
        y += geo.body * LINE_SPACING + 14
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
