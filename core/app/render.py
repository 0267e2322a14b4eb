"""Article text on screen: escaping for Markdown and HTML, highlighted spans, excerpts, the article page's evidence blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from core.app import tables
from core.config import VIEW_CHARS
from core.read import articles

if TYPE_CHECKING:
    pass


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")


def md(text: object) -> str:
    """Article text for st.markdown: HTML-escaped (so <script> is text) and Markdown-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if text is None else str(text), quote=False))


def highlight_html(text: str, spans: Sequence[dict]) -> str:
    """Text with entity spans marked (background by side) and statement spans underlined (colour by stance).

    Every piece of text is html.escape'd; tags come only from here. Spans may nest or overlap: the text is
    cut at every span boundary and each segment gets the wrappers of the spans covering it.
    """
    text = text or ""
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        seg = html.escape(text[a:b])
        covering = [s for s in spans if s["start"] <= a and b <= s["end"]]
        ent = next((s for s in covering if s["kind"] == "entity"), None)
        stmt = next((s for s in covering if s["kind"] == "statement"), None)
        if ent:
            bg = SIDE_BG.get(ent.get("side"), SIDE_BG["other"])
            seg = (
                f'<mark style="background:{bg};padding:0 2px;border-radius:3px" '
                f'title="{html.escape(str(ent.get("label", "")), quote=True)}">{seg}</mark>'
            )
        if stmt:
            color = STANCE_LINE.get(stmt.get("label"), "#444")
            seg = (
                f'<span style="text-decoration:underline 2px {color};text-underline-offset:3px">{seg}</span>'
            )
        out.append(seg)
    return "".join(out).replace("\n", "<br>")


def excerpt(text: str | None, limit: int = VIEW_CHARS) -> str:
    """At most `limit` characters of a stored text, cut at a line end when one is near (see VIEW_CHARS).

    >>> excerpt("một\\nhai ba", limit=6)
    'một'
    """
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", limit // 2, limit)
    return text[: cut if cut > 0 else limit]


def spans(field: str, doc: dict) -> list[dict]:
    return articles.spans_for(doc, field)


def safe_url(url: object) -> str | None:
    """An article's original address, only when it is a plain http(s) link (never javascript: or data:)."""
    return tables.safe_url(url)


def html_block(body: str) -> None:
    """Render already-escaped HTML (from highlight_html or built with html.escape)."""
    st.html(f"<div style=\"font-family:'Noto Sans',sans-serif;line-height:1.7\">{body}</div>")


def article_label(row: Any) -> str:
    """'12 · 2018-03-10 · Title' for pick lists (plain text: selectbox labels are not HTML)."""
    date = row.get("date") if isinstance(row, dict) else getattr(row, "date", None)
    date = date if isinstance(date, str) else "—"
    title = row.get("title") if isinstance(row, dict) else getattr(row, "title", "")
    ident = row.get("id") if isinstance(row, dict) else getattr(row, "id", "")
    return f"{ident} · {date} · {title}"


SIDE_BG = {"nato": "#cfe0f7", "russia": "#f8d0d4", "other": "#e4e4e4"}


STANCE_LINE = {"cooperative": "#2a9d8f", "neutral": "#8d99ae", "conflictual": "#d62828"}
