"""Shared Streamlit widgets: the only core module that imports streamlit.

A page is `ctx = ui.page("timeline")`, then cached queries (`ui.q`), charts and `ui.chart`/`ui.table`.
`ui.page` reads the URL into a `Filters`, draws the one sidebar with stable widget keys and writes the URL
back, because `st.query_params` is cleared whenever the user moves between pages: the URL is the state, so
a copied link reproduces the view. Page links carry the filters and the language.

The dashboard writes in exactly three places, all here and all through core: the date-correction form
(`set_article_date`), the review queue's fixes and their undo (`review_fix`) and the Ingest page
(`ingest_uploads`), plus the first-run build of the store.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.app import export
from core.config import SAMPLES_DIR, VIEW_CHARS, db_path
from core.read import facets, queries
from core.read.queries import DEFAULT_RELEVANCE, FILTER_KEYS, RELEVANCE, SIDES, STANCES, Filters
from core.store import search

LANGS = ("en", "vi")
LANG_NAMES = {"en": "English", "vi": "Tiếng Việt"}
PAGES = {
    "overview": "dashboard.py",
    "timeline": "pages/1_timeline.py",
    "entities": "pages/2_entities.py",
    "compare": "pages/3_compare.py",
    "articles": "pages/4_articles.py",
    "ingest": "pages/5_ingest.py",
    "review": "pages/6_review.py",
}
ICONS = {
    "overview": ":material/dashboard:",
    "timeline": ":material/timeline:",
    "entities": ":material/hub:",
    "compare": ":material/compare:",
    "articles": ":material/article:",
    "ingest": ":material/upload_file:",
    "review": ":material/rule:",
}
SIDE_BG = {"nato": "#cfe0f7", "russia": "#f8d0d4", "other": "#e4e4e4"}
STANCE_LINE = {"cooperative": "#2a9d8f", "neutral": "#8d99ae", "conflictual": "#d62828"}


@dataclass(frozen=True)
class Ctx:
    """What every page needs: where the store is, the label language, the page and its filters."""

    page: str
    path: Path
    lang: str
    filters: Filters

    def t(self, key: str, **kw: Any) -> str:
        return queries.label(key, self.lang, **kw)

    def base_params(self) -> dict[str, str]:
        return {**self.filters.to_params(), "lang": self.lang}


# --- text safety -------------------------------------------------------------------------------------------

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
    return queries.spans_for(doc, field)


def relevance_block(ctx: Ctx, doc: dict) -> None:
    """Why an article counts (or not): its verdict, score and the relations that made it, sentence by sentence.

    Every stored value is escaped: actor names and sentences come from the article."""
    if doc.get("relevant") is None:
        st.caption(ctx.t("articles.verdict_unknown"))
        return
    score = doc.get("relevance_score")
    score = "?" if score is None else f"{score:g}"
    verdict = "articles.verdict_relevant" if doc["relevant"] else "articles.verdict_irrelevant"
    decided = q(ctx, "relevance_decision", int(doc["id"])) if "id" in doc else None
    with st.expander(ctx.t("articles.why"), expanded=bool(doc["relevant"]) or decided is not None):
        if decided is not None:
            # An analyst's marking outranks the rules; their evidence stays below for the record.
            line = ctx.t(
                "mark.decided",
                value=ctx.t(f"mark.state.{int(decided['relevant'])}"),
                who=decided["who"],
                at=decided["at"],
                why=decided["why"] or "—",
            )
            st.markdown(md(line))
            st.caption(md(ctx.t("mark.rules_said", verdict=ctx.t(verdict, score=score))))
        else:
            st.markdown(md(ctx.t(verdict, score=score)))
        relations = doc.get("relevance_evidence") or []
        if not relations:
            st.caption(ctx.t("articles.no_relation"))
        for rel in relations:
            line = ctx.t(
                "articles.relation",
                kind=ctx.t(f"articles.kind.{rel.get('kind', 'event')}"),
                nato=", ".join(map(str, rel.get("nato", []))),
                russia=", ".join(map(str, rel.get("russia", []))),
                weight=f"{float(rel.get('weight', 0)):g}",
            )
            if rel.get("excluded"):
                domain = ctx.t(f"articles.domain.{rel['excluded']}")
                line += " · " + ctx.t("articles.relation_excluded", domain=domain)
            st.markdown(f"- {md(line)}  \n  “{md(rel.get('text', ''))}”")


MARK_LIMIT = 10_000  # the most articles one "mark all shown" form acts on (one transaction)
_MARK_MSG = "_mark_msg"  # session_state: (kind, text, batch or None) shown after the rerun a marking makes


def mark_relevance(ctx: Ctx, article_ids: Sequence[int], relevant: int, *, who: str, why: str) -> str:
    """The on/off-topic marking's write (one article or every one the filters select), through
    core.store.corrections with who and why; returns the batch id that undoes it."""
    from core.store import corrections
    from core.store import db as store

    if not who.strip() or not why.strip():
        raise ValueError("a marking needs the analyst's name and a reason")
    db = store.connect(ctx.path)
    try:
        return corrections.mark_articles(db, list(article_ids), relevant, who=who.strip(), why=why.strip())
    finally:
        db.close()


def undo_marking(ctx: Ctx, batch: str, *, who: str, why: str = "") -> int:
    """Take back one marking (all its articles); returns how many articles got their earlier verdict back."""
    from core.store import corrections
    from core.store import db as store

    db = store.connect(ctx.path)
    try:
        return corrections.undo_batch(db, batch, who=who.strip() or "?", why=why)
    finally:
        db.close()


def _mark_message(ctx: Ctx, where: str, tag: str) -> None:
    """The last marking's outcome (after its rerun) where it was made (`tag`: the form and the article),
    with an undo button for a marking just made."""
    msg = st.session_state.get(_MARK_MSG)
    if not msg or msg[3] != tag:
        return
    kind, text, batch, _ = msg
    getattr(st, kind)(md(text))
    if batch and st.button(ctx.t("mark.undo"), key=f"mark_undo_{where}"):
        who = str(st.session_state.get(f"mark_who_{where}") or "")
        try:
            n = undo_marking(ctx, batch, who=who, why="undo")
        except ValueError as exc:
            st.session_state[_MARK_MSG] = ("error", ctx.t("mark.failed", reason=str(exc)), None, tag)
        else:
            st.session_state[_MARK_MSG] = ("success", ctx.t("mark.undone", n=n), None, tag)
        st.rerun()


def _mark_submit(
    ctx: Ctx, where: str, tag: str, ids: Sequence[int], relevant: int, saved: str, **shown: object
) -> None:
    """A marking form's submit: refuse without a name or a reason, else write and rerun with the message."""
    who = str(st.session_state.get(f"mark_who_{where}") or "")
    why = str(st.session_state.get(f"mark_why_{where}") or "")
    if not who.strip() or not why.strip():
        st.warning(ctx.t("mark.need_who"))
        return
    try:
        batch = mark_relevance(ctx, ids, relevant, who=who, why=why)
    except ValueError as exc:
        st.error(md(ctx.t("mark.failed", reason=str(exc))))
        return
    value = ctx.t(f"mark.state.{relevant}")
    st.session_state[_MARK_MSG] = ("success", ctx.t(saved, value=value, **shown), batch, tag)
    st.rerun()


def relevance_marking(ctx: Ctx, doc: dict) -> None:
    """The reader's "Mark off-topic" / "Mark on-topic" (whichever applies), with the analyst's name and
    reason; the marking outlives re-extraction and can be undone."""
    where, tag = "one", f"one:{doc['id']}"
    _mark_message(ctx, where, tag)
    relevant = 0 if doc.get("relevant") in (1, None) else 1
    with st.form(f"mark_form_{doc['id']}", clear_on_submit=False, enter_to_submit=False):
        c1, c2 = st.columns(2)
        c1.text_input(ctx.t("mark.who"), key=f"mark_who_{where}")
        c2.text_input(ctx.t("mark.why"), key=f"mark_why_{where}")
        pressed = st.form_submit_button(ctx.t(f"mark.button.{relevant}"))
        decided = q(ctx, "relevance_decision", int(doc["id"]))
        undo = decided is not None and st.form_submit_button(ctx.t("mark.undo_decided"))
    if pressed:
        _mark_submit(ctx, where, tag, [int(doc["id"])], relevant, "mark.saved", id=doc["id"])
    elif undo:
        who = str(st.session_state.get(f"mark_who_{where}") or "")
        if not who.strip():
            st.warning(ctx.t("mark.need_who"))
            return
        try:
            review_fix(
                ctx,
                "undo",
                int(decided["id"]),
                who=who,
                why=str(st.session_state.get(f"mark_why_{where}") or ""),
            )
        except ValueError as exc:
            st.error(md(ctx.t("mark.failed", reason=str(exc))))
            return
        st.session_state[_MARK_MSG] = ("success", ctx.t("mark.undone", n=1), None, tag)
        st.rerun()


def bulk_relevance(ctx: Ctx, total: int) -> None:
    """Below the Articles table: mark every article the current filters select (count stated, a confirming
    tick needed) off-topic, or on-topic when the table shows off-topic articles."""
    where = "all"
    with st.expander(
        ctx.t("mark.bulk_title"), expanded=st.session_state.get(_MARK_MSG, (0,) * 4)[3] == where
    ):
        _mark_message(ctx, where, where)
        if total > MARK_LIMIT:
            st.caption(ctx.t("mark.too_many", n=f"{total:,}", limit=f"{MARK_LIMIT:,}"))
            return
        rel = ctx.filters.relevance
        if rel is None:
            relevant = st.radio(
                ctx.t("mark.bulk_value"),
                (0, 1),
                format_func=lambda v: ctx.t(f"mark.state.{v}"),
                horizontal=True,
                key="mark_all_value",
            )
        else:
            relevant = 1 if rel == "irrelevant" else 0
        value = ctx.t(f"mark.state.{relevant}")
        with st.form("mark_all_form", enter_to_submit=False):
            c1, c2 = st.columns(2)
            c1.text_input(ctx.t("mark.who"), key=f"mark_who_{where}")
            c2.text_input(ctx.t("mark.why"), key=f"mark_why_{where}")
            sure = st.checkbox(ctx.t("mark.confirm", n=f"{total:,}", value=value), key="mark_all_sure")
            pressed = st.form_submit_button(ctx.t("mark.bulk_button", n=f"{total:,}", value=value))
        if pressed:
            if not sure:
                st.warning(ctx.t("mark.need_confirm"))
                return
            ids, _ = q(ctx, "article_ids", ctx.filters, limit=MARK_LIMIT)
            _mark_submit(ctx, where, where, ids, relevant, "mark.bulk_saved", n=f"{len(ids):,}")


def safe_url(url: object) -> str | None:
    """An article's original address, only when it is a plain http(s) link (never javascript: or data:)."""
    return export.safe_url(url)


def provenance_line(ctx: Ctx, doc: dict) -> None:
    """The original URL (a link) and what the archive recorded when the article was collected."""
    url = safe_url(doc.get("url"))
    if url:
        st.link_button(ctx.t("articles.original"), url)
    if doc.get("crawled_at") or doc.get("section"):
        st.caption(
            md(
                ctx.t(
                    "articles.collected",
                    crawled=doc.get("crawled_at") or "?",
                    section=doc.get("section") or "?",
                )
            )
        )


def html_block(body: str) -> None:
    """Render already-escaped HTML (from highlight_html or built with html.escape)."""
    st.html(f"<div style=\"font-family:'Noto Sans',sans-serif;line-height:1.7\">{body}</div>")


# --- store ------------------------------------------------------------------------------------------------


def ensure_store(path: Path, lang: str) -> bool:
    """First run on a fresh machine: build the store from data/samples with a visible progress bar."""
    from core.ingest import bootstrap

    if not bootstrap.needs_build(path):
        if bootstrap.needs_upgrade(path):
            try:
                with st.spinner(queries.label("app.upgrading", lang)):
                    bootstrap.upgrade(path)
            except Exception as exc:  # noqa: BLE001 - e.g. a read-only store: say so instead of failing each query
                st.error(md(f"{type(exc).__name__}: {exc}"))
                return False
        return True
    bar = st.progress(0.0, text=queries.label("app.building", lang))

    def on_file(i: int, n: int, name: str) -> None:
        bar.progress(
            min(i / max(n, 1), 1.0), text=queries.label("app.building_file", lang, name=name, i=i + 1, n=n)
        )

    try:
        summary = bootstrap.build_default_store(path, on_file=on_file)
    except Exception as exc:  # noqa: BLE001 - a broken build must not hide the rest of the app
        bar.empty()
        st.error(md(f"{type(exc).__name__}: {exc}"))
        return not bootstrap.needs_build(path)
    bar.progress(1.0, text=queries.label("app.built", lang, line=summary.line()))
    return True


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(name: str, path: str, stamp: tuple, args: tuple, kwargs: tuple) -> Any:
    """Query results keyed by query name, arguments (Filters is frozen, so hashable) and the store stamp."""
    return queries.QUERIES[name](path, *args, **dict(kwargs))


def q(ctx: Ctx, name: str, *args: Any, **kwargs: Any) -> Any:
    """Run core.read.queries.<name>(path, *args, **kwargs) through the cache."""
    if name not in queries.QUERIES:
        raise KeyError(name)
    return _cached(
        name, str(ctx.path), queries.store_stamp(ctx.path), tuple(args), tuple(sorted(kwargs.items()))
    )


# --- URL state --------------------------------------------------------------------------------------------


def _param(key: str) -> str | None:
    v = st.query_params.get(key)
    return v if v else None


SQLITE_INT_MAX = 2**63 - 1  # the largest id SQLite can store; a larger int overflows in the driver


def parse_id(raw: str) -> int:
    """A row id from the URL: ASCII digits for 1 … 2**63-1, else ValueError.

    int() alone is too lenient for a link: str.isdigit() is true for '²', int() reads '٣', ' 7' and '1_0',
    and a twenty-digit id raises OverflowError inside sqlite3 instead of finding nothing.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= SQLITE_INT_MAX:
        raise ValueError(f"not an id: {raw!r}")
    return int(text)


def url_id(key: str) -> int | None:
    """The id the URL names under `key`, or None when it names none (or one no store can hold)."""
    raw = _param(key)
    try:
        return None if raw is None else parse_id(raw)
    except ValueError:
        return None


def url_notice(key: str, raw: str) -> None:
    """Say calmly that a value the link carried cannot be shown here (instead of a traceback or silence)."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    lang = st.session_state.get("lang", LANGS[0])
    st.info(md(queries.label("app.url_ignored", lang, param=key, value=shown)), icon=":material/link_off:")


def set_param(key: str, value: object, default: object = None) -> None:
    """Write one page selection to the URL; defaults are left out so a clean view has a clean URL."""
    last = st.session_state.setdefault(_LAST, {})
    if value is None or value == "" or value == default or (isinstance(value, list | tuple) and not value):
        if key in st.query_params:
            del st.query_params[key]
        last[key] = None
        return
    text = ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    if st.query_params.get(key) != text:
        st.query_params[key] = text
    last[key] = text


_LAST = "_url_last"  # session_state: the URL value of each key as we last wrote (or read) it
_PAGE = "_ui_page"  # session_state: the page the previous run drew
_PAGE_CHANGED = "_ui_page_changed"  # session_state: this run draws a different page than the previous one


def _init(key: str, value: object, url_key: str | None = None) -> None:
    """Give widget `key` its starting value: from the URL when the URL changed since we last wrote it (a
    link was followed, e.g. "open article 5" while the reader still holds article 2), otherwise keep the
    widget's own state."""
    last = st.session_state.setdefault(_LAST, {})
    url_key = url_key or key
    raw = st.query_params.get(url_key) or None
    # After a page switch the same key is a new widget (its old state is not carried over), so the URL
    # the link carried is the truth.
    fresh = st.session_state.get(_PAGE_CHANGED, True)
    if fresh or key not in st.session_state or last.get(url_key) != raw:
        st.session_state[key] = value
    last[url_key] = raw


def _remember(params: dict[str, str], keys: Sequence[str]) -> None:
    last = st.session_state.setdefault(_LAST, {})
    for k in keys:
        last[k] = params.get(k) or None


def url_widget(
    widget: Callable[..., Any],
    key: str,
    label: str,
    *,
    default: Any = None,
    parse: Callable[[str], Any] = str,
    options: Sequence[Any] | None = None,
    open_ended: bool = False,
    **kwargs: Any,
) -> Any:
    """A page-level widget whose value lives in the URL under `key` (e.g. ?article=12).

    `open_ended`: a value from the URL outside `options` is added to them rather than dropped (pick lists that
    stop at the most frequent names; a shared link may name one further down the tail)."""
    raw = _param(key)
    value = default
    usable = True  # whether the URL's value (if any) is what the widget will show
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, TypeError, OverflowError):
            value, usable = default, False
    lo, hi = kwargs.get("min_value"), kwargs.get("max_value")  # sliders and number inputs
    if usable and raw is not None and lo is not None and hi is not None:
        try:
            usable = lo <= value <= hi
        except TypeError:
            usable = False
        value = value if usable else default
    kind = getattr(widget, "__name__", "")  # st.multiselect or a column's .multiselect
    if options is not None:
        options = list(options)
        if open_ended and kind != "multiselect" and value not in (None, "") and value not in options:
            options.append(value)
        if kind == "multiselect":
            value = [v for v in (value or []) if v in options]
        elif value not in options:
            usable = usable and raw is None
            value = default if default in options else (options[0] if options else None)
        kwargs["options"] = options
    if raw is not None and not usable:
        url_notice(key, raw)
    stale = key in st.session_state and options is not None and kind != "multiselect"
    if stale and st.session_state[key] not in options:
        del st.session_state[key]
    _init(key, value)
    if kind in ("selectbox", "multiselect"):
        kwargs.setdefault("placeholder", "—")
    result = widget(label, key=key, **kwargs)
    set_param(key, result, default)
    return result


def picked_id(event: Any, key: str) -> int | None:
    """The id (customdata[0]) of a newly clicked chart point, or None when the selection did not change."""
    points = list(event.selection.points) if event is not None and hasattr(event, "selection") else []
    ids = [p.get("customdata", [None])[0] for p in points if isinstance(p, dict)]
    ids = [int(i) for i in ids if i is not None]
    last_key = f"_{key}_last_pick"
    current = ids[0] if ids else None
    if current == st.session_state.get(last_key):
        return None
    st.session_state[last_key] = current
    return current


def select_in_url(key: str, value: object) -> None:
    """Make a selection made elsewhere (a chart click) the value of the URL-backed widget `key`."""
    st.session_state.pop(key, None)
    st.query_params[key] = str(value)


def _select(values: dict[str, object]) -> None:
    for key, value in values.items():
        st.session_state[key] = value
        st.query_params[key] = str(value)


def select_button(label: str, key: str, **values: object) -> None:
    """A button that sets URL-backed selections on the current page (a page link to the page you are on
    does not navigate)."""
    st.button(
        label, key=key, on_click=_select, args=(values,), icon=":material/compare_arrows:", type="tertiary"
    )


def page_params(ctx: Ctx, **extra: object) -> dict[str, str]:
    return {**ctx.base_params(), **{k: str(v) for k, v in extra.items() if v not in (None, "")}}


def link(ctx: Ctx, page: str, label: str | None = None, icon: str | None = None, **extra: object) -> None:
    """A link to another page that keeps the filters and language (plus page selections in `extra`)."""
    from streamlit.errors import StreamlitPageNotFoundError

    # A page run on its own (no pages/ beside it) has no link to draw.
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link(
            PAGES[page],
            label=label or ctx.t(f"nav.{page}"),
            icon=icon or ICONS.get(page),
            query_params=page_params(ctx, **extra),
        )


# --- the sidebar --------------------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _url_date(key: str, value: str | None, lo: dt.date, hi: dt.date, lang: str) -> dt.date | None:
    """A date from the URL, brought into the range the date picker offers (which would raise otherwise).

    Before the first day is the same filter as the first day, after the last the same as the last, so the
    results are those of the link; a sidebar note says which date is used instead.
    """
    day = _date(value)
    if day is None or lo <= day <= hi:
        return day
    used = min(max(day, lo), hi)
    st.sidebar.info(
        md(queries.label("app.url_date", lang, param=key, value=value, lo=lo, hi=hi, used=used)),
        icon=":material/event_busy:",
    )
    return used


def _sidebar(page: str, path: Path, lang: str, url: Filters) -> Filters:
    """Draw the filters. Widget state starts from the URL (first run on this page) and wins afterwards."""
    opts = q(Ctx(page, path, lang, url), "choices")
    t = lambda key, **kw: queries.label(key, lang, **kw)  # noqa: E731
    sb = st.sidebar
    sb.header(t("filters.header"))

    lo = _date(opts["first"]) or dt.date(1990, 1, 1)
    hi = _date(opts["last"]) or dt.date.today()
    kw = dict(min_value=min(lo, dt.date(1990, 1, 1)), max_value=max(hi, dt.date.today()), format="YYYY-MM-DD")
    _init("f_from", _url_date("from", url.date_from, kw["min_value"], kw["max_value"], lang), "from")
    _init("f_to", _url_date("to", url.date_to, kw["min_value"], kw["max_value"], lang), "to")
    sb.caption(t("filters.dates"))
    c1, c2 = sb.columns(2)
    d_from = c1.date_input(t("filters.from"), key="f_from", **kw)
    d_to = c2.date_input(t("filters.to"), key="f_to", **kw)

    _init("f_side", list(url.sides), "side")
    sides = sb.multiselect(
        t("filters.side"),
        SIDES,
        key="f_side",
        format_func=lambda s: t(f"values.side.{s}"),
        placeholder=t("filters.choose"),
    )

    def pick(key: str, url_key: str, label_key: str, values: list[str], current: str | None) -> str | None:
        values = ["", *values]
        if current and current not in values:
            values.append(current)  # a shared link may name a speaker this store does not have yet
        _init(key, current or "", url_key)
        if st.session_state[key] not in values:
            st.session_state[key] = ""
        got = sb.selectbox(t(label_key), values, key=key, format_func=lambda v: v or t("filters.any"))
        return got or None

    speaker = pick("f_speaker", "speaker", "filters.speaker", opts["speakers"], url.speaker)
    entity = pick("f_entity", "entity", "filters.entity", opts["entities"], url.entity)

    src_values = list(opts["sources"]) + [s for s in url.sources if s not in opts["sources"]]
    _init("f_source", list(url.sources), "source")
    sources = sb.multiselect(t("filters.source"), src_values, key="f_source", placeholder=t("filters.choose"))
    _init("f_stance", list(url.stances), "stance")
    stances = sb.multiselect(
        t("filters.stance"),
        STANCES,
        key="f_stance",
        format_func=lambda s: t(f"values.stance.{s}"),
        placeholder=t("filters.choose"),
    )
    _init("f_relevance", url.relevance or "all", "relevance")
    relevance = sb.selectbox(
        t("filters.relevance"),
        RELEVANCE,
        key="f_relevance",
        format_func=lambda s: t(f"values.relevance.{s}"),
    )
    _init("f_q", url.q or "", "q")
    text = sb.text_input(t("filters.query"), key="f_q", help=t("filters.query_help"))

    return Filters(
        date_from=d_from.isoformat() if isinstance(d_from, dt.date) else None,
        date_to=d_to.isoformat() if isinstance(d_to, dt.date) else None,
        sides=tuple(s for s in SIDES if s in sides),
        speaker=speaker,
        entity=entity,
        sources=tuple(sources),
        stances=tuple(s for s in STANCES if s in stances),
        relevance=None if relevance == "all" else relevance if relevance in RELEVANCE else DEFAULT_RELEVANCE,
        q=text.strip() or None,
    )


def _write_base(ctx: Ctx) -> None:
    current = st.query_params.to_dict()
    keep = {k: v for k, v in current.items() if k not in (*FILTER_KEYS, "lang")}
    base = ctx.base_params()
    new = {**keep, **base}
    if new != current:
        st.query_params.from_dict(new)
    _remember(base, (*FILTER_KEYS, "lang"))


def _clear_filters() -> None:
    for key in (
        "f_from",
        "f_to",
        "f_side",
        "f_speaker",
        "f_entity",
        "f_source",
        "f_stance",
        "f_relevance",
        "f_q",
    ):
        st.session_state.pop(key, None)
    for key in FILTER_KEYS:
        if key in st.query_params:
            del st.query_params[key]


# --- search note and facets (sidebar) ----------------------------------------------------------------------


def _tier_line(ctx: Ctx, counts: Sequence[int], tiers: Sequence[int]) -> str:
    """ "exact phrase: 741 · other accents: 159 · words apart: 20,169" for the tiers a query can have."""
    return " · ".join(
        ctx.t("search.tier_count", tier=ctx.t(f"values.tier.{search.TIERS[i]}"), n=f"{counts[i]:,}")
        for i in tiers
    )


def search_note(ctx: Ctx) -> None:
    """Under the text filter, on every page: how many articles it matches in each tier (core.store.search), so
    words found apart are never taken for the phrase; the tooltip says how to keep only the phrase."""
    counts, tiers = q(ctx, "search_counts", ctx.filters)
    if tiers:
        st.sidebar.caption(
            ctx.t("search.note", tiers=_tier_line(ctx, counts, tiers)), help=ctx.t("search.tiers_help")
        )


@st.cache_data(show_spinner=False, max_entries=256)
def _facets_cached(path: str, stamp: tuple, f: Filters) -> tuple[facets.Facet, ...]:
    return facets.all_facets(path, f)


def _facet_picked(name: str, key: str, f: Filters) -> None:
    """A facet click: the filters with the facet's new selection go to the URL; the sidebar's widgets read
    them from there on this rerun (`_init`), and a changed filter starts the results at their first page."""
    _filters_to_url(facets.with_selection(f, name, st.session_state.get(key)))


def _filters_to_url(new: Filters) -> None:
    """Put `new` in the URL (called from a widget callback, before the script): the sidebar's widgets read
    it from there on this rerun (`_init`). Shared by facet pills and chart clicks."""
    params = new.to_params()
    for k in FILTER_KEYS:
        if params.get(k):
            st.query_params[k] = params[k]
        elif k in st.query_params:
            del st.query_params[k]


def _facet_value(ctx: Ctx, name: str, value: str) -> str:
    if name in ("side", "stance"):
        return ctx.t(f"values.{name}.{value}")
    return md(value)  # names and outlets come from articles; pills render Markdown


def facet_pills(ctx: Ctx) -> None:
    """Datasette-style facets in the sidebar: each value with its articles under the other filters, as pills;
    a click adds or removes the value (the sidebar filter and the URL follow)."""
    data = _facets_cached(str(ctx.path), queries.store_stamp(ctx.path), ctx.filters)
    if not any(fc.values for fc in data):
        return
    sb = st.sidebar
    sb.subheader(ctx.t("facets.header"), help=ctx.t("facets.help"))
    for fc in data:
        if not fc.values:
            continue
        key = f"facet_{fc.name}"
        counts = dict(fc.values)
        multi = fc.name in facets.MULTI
        # The pills show the filters, whatever was clicked before: set before the widget is drawn.
        st.session_state[key] = list(fc.selected) if multi else (fc.selected[0] if fc.selected else None)
        sb.pills(
            ctx.t(f"facets.{fc.name}"),
            [v for v, _ in fc.values],
            selection_mode="multi" if multi else "single",
            format_func=lambda v, c=counts, n=fc.name: ctx.t(
                "facets.value", value=_facet_value(ctx, n, v), n=f"{c.get(v, 0):,}"
            ),
            key=key,
            on_change=_facet_picked,
            args=(fc.name, key, ctx.filters),
        )


# --- chart clicks (a bar sets the filters, like a facet pill) --------------------------------------------

# Which facet each position of a clickable chart's customdata sets (see core.app.charts).
CHART_CLICKS: dict[str, dict[int, str]] = {
    "side_stance": {0: "side", 1: "stance"},  # charts.side_stance_bars: (side code, stance code)
    "top_entities": {1: "entity"},  # charts.top_entities: (mentions, name)
}


def _selected_points(event: Any) -> list[dict]:
    """The points of a plotly selection event, whether Streamlit's state object or a plain dict."""
    if event is None:
        return []
    sel = event.get("selection") if isinstance(event, dict) else getattr(event, "selection", None)
    points = (sel.get("points") if isinstance(sel, dict) else getattr(sel, "points", None)) or []
    return [p for p in points if isinstance(p, dict)]


def chart_click_filters(f: Filters, event: Any, fields: dict[int, str]) -> Filters | None:
    """The filters once the clicked point of a chart is applied: each customdata position in `fields` sets
    its facet through `facets.with_selection` (a side or stance becomes the only one chosen), every other
    filter kept. None when nothing was clicked (a cleared selection)."""
    for point in _selected_points(event):
        data = point.get("customdata")
        if not isinstance(data, list | tuple):
            continue
        picked = {
            name: str(data[i]) for i, name in fields.items() if i < len(data) and data[i] not in (None, "")
        }
        if not picked:
            continue
        new = f
        for name, value in picked.items():
            new = facets.with_selection(new, name, [value] if name in facets.MULTI else value)
        return new
    return None


def _chart_picked(key: str, fields: dict[int, str], f: Filters) -> None:
    new = chart_click_filters(f, st.session_state.get(key), fields)
    if new is not None:
        _filters_to_url(new)


def click_to_filter(ctx: Ctx, key: str, kind: str) -> dict[str, Any]:
    """`st.plotly_chart` arguments that make a click on a point of chart `key` set the filters its
    customdata names (CHART_CLICKS[kind]); the callback runs before the script, like a facet pill's."""
    return {
        "on_select": functools.partial(_chart_picked, key, CHART_CLICKS[kind], ctx.filters),
        "selection_mode": "points",
    }


# --- search results ---------------------------------------------------------------------------------------

_RESULTS_FOR = "_results_filters"  # session_state: the filters the shown page number belongs to


def results(ctx: Ctx) -> queries.ArticlePage:
    """The Articles table one page at a time (never cut short): how many articles match, how many in each
    search tier, which page; the page number lives in the URL (`page`), and a changed filter or search
    starts again from the first page."""
    f = ctx.filters
    before = st.session_state.get(_RESULTS_FOR)
    if before is not None and before != f and not st.session_state.get(_PAGE_CHANGED, True):
        st.session_state.pop("page", None)
        set_param("page", None)
    st.session_state[_RESULTS_FOR] = f
    res = q(ctx, "search_articles", f, page=url_id("page") or 1)
    c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
    if res.pages > 1:
        wanted = url_widget(
            c2.number_input,
            "page",
            ctx.t("search.page"),
            default=1,
            parse=parse_id,
            min_value=1,
            max_value=res.pages,
            step=1,
        )
        if wanted != res.page:
            res = q(ctx, "search_articles", f, page=wanted)
    elif _param("page") is not None:
        set_param("page", None)
    shown = len(res.table)
    first = (res.page - 1) * res.per_page + 1 if shown else 0
    c1.caption(
        ctx.t(
            "search.matches",
            n=f"{res.total:,}",
            page=res.page,
            pages=res.pages,
            first=f"{first:,}",
            last=f"{max(first + shown - 1, 0):,}",
        )
    )
    if res.tiers:
        c1.caption(_tier_line(ctx, res.counts, res.tiers), help=ctx.t("search.tiers_help"))
    return res


def page(name: str) -> Ctx | None:
    """Set up a page: config, language, first-run build, sidebar filters, URL write-back, page links.

    Returns None (after showing why) when there is no store to read.
    """
    st.set_page_config(page_title="NATO–Russia · " + name, page_icon="📰", layout="wide")
    # The built-in page list drops the query string; our own links (below) carry the filters instead.
    st.html("<style>[data-testid='stSidebarNav']{display:none}</style>")
    st.session_state[_PAGE_CHANGED] = st.session_state.get(_PAGE) != name
    st.session_state[_PAGE] = name
    raw_lang = _param("lang")
    _init("lang", raw_lang if raw_lang in LANGS else LANGS[0])
    lang = st.sidebar.radio(
        queries.label("app.language_both"), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True
    )
    path = db_path()
    st.title(queries.label(f"nav.{name}", lang))
    if not ensure_store(path, lang):
        return None
    url_filters = Filters.from_params(st.query_params.to_dict())
    if _param("relevance") is None and not _cached(
        "relevance_known", str(path), queries.store_stamp(path), (), ()
    ):
        # Nothing was judged yet (a store built without NLP): the default view is every article.
        url_filters = dataclasses.replace(url_filters, relevance=None)
    filters = _sidebar(name, path, lang, url_filters)
    ctx = Ctx(name, path, lang, filters)
    _write_base(ctx)
    if name != "ingest":
        search_note(ctx)
        facet_pills(ctx)
    st.sidebar.button(ctx.t("filters.reset"), key="f_reset", on_click=_clear_filters)
    st.sidebar.divider()
    st.sidebar.caption(ctx.t("app.pages"))
    with st.sidebar:
        for p in PAGES:
            link(ctx, p)
    return ctx


def sentence(ctx: Ctx, subject: str = "statements") -> str:
    """The filters as one sentence, shown above the results (escaped: it contains the user's text)."""
    text = ctx.filters.describe(subject, ctx.lang)
    st.markdown(f"**{md(text)}**")
    return text


# --- tables, charts, exports ------------------------------------------------------------------------------


# The subject each page's filter sentence speaks of (as `sentence` is called there), for export provenance.
PAGE_SUBJECT = {
    "overview": "statements",
    "timeline": "statements",
    "entities": "mentions",
    "compare": "articles",
    "articles": "articles",
    "ingest": "articles",
    "review": "statements",
}


def _page_path(page: str) -> str:
    """The URL path Streamlit gives a page: '' for the main script, 'timeline' for pages/1_timeline.py."""
    return "" if page == "overview" else re.sub(r"^\d+_", "", Path(PAGES[page]).stem)


def view_url(ctx: Ctx) -> str:
    """The address that reproduces this view: the page's URL with the current query parameters.

    The base is NEWS_BASE_URL when set (the public address behind a proxy, e.g. https://news.example.org),
    else the address the browser used (st.context.url), else Streamlit's browser.serverAddress and
    browser.serverPort (the configured server.address and server.port)."""
    from urllib.parse import urlencode

    query = urlencode(st.query_params.to_dict())
    base = os.environ.get("NEWS_BASE_URL", "").strip()
    if base:
        url = base.rstrip("/") + "/" + _page_path(ctx.page)
    else:
        url = None
        with contextlib.suppress(Exception):  # no browser session (AppTest, bare mode)
            url = st.context.url
        if not url:
            host = st.get_option("browser.serverAddress") or st.get_option("server.address") or "127.0.0.1"
            port = st.get_option("browser.serverPort") or st.get_option("server.port") or 8501
            prefix = (st.get_option("server.baseUrlPath") or "").strip("/")
            url = f"http://{host}:{port}/" + "/".join(x for x in (prefix, _page_path(ctx.page)) if x)
    return url + (f"?{query}" if query else "")


def provenance(ctx: Ctx, subject: str | None = None) -> export.Provenance:
    """What an export of this view covers: the filter sentence, the outlets of the matching articles, the
    URL reproducing the view and the time (exports made later re-stamp the time when they are made)."""
    subject = subject or PAGE_SUBJECT.get(ctx.page, "statements")
    return export.Provenance.of(
        ctx.filters.describe(subject, ctx.lang), q(ctx, "source_counts", ctx.filters), view_url(ctx), ctx.lang
    )


def _now(prov: export.Provenance) -> export.Provenance:
    return dataclasses.replace(prov, generated=dt.datetime.now().astimezone())


def _csv_button(ctx: Ctx, where: Any, df: pd.DataFrame, key: str, name: str) -> None:
    """The CSV of exactly the rows and columns shown (with each coded column's codes beside its names),
    after a block saying which filters, outlets and URL it comes from and when it was made."""
    where.download_button(
        f"⬇ {ctx.t('export.csv')}",
        data=export.csv_bytes(export.localise(df, ctx.lang, codes=True), provenance(ctx)),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )


def period_widget(ctx: Ctx, where: Any) -> str:
    """Month or week counts, kept in the URL as `period` (timeline and entities share it)."""
    return url_widget(
        where.radio,
        "period",
        ctx.t("timeline.period"),
        default="month",
        options=("month", "week"),
        format_func=lambda v: ctx.t(f"values.period.{v}"),
        horizontal=True,
    )


ATTENTION_LINKS = 20  # article links under a picked point; the table beside them holds every one


def attention_pick(event: Any) -> tuple[str, str, str] | None:
    """(period start, kind, series) of the clicked point of the attention chart, or None. The chart's
    customdata is (label, matched, total, period start, kind, series)."""
    points = list(event.selection.points) if event is not None and hasattr(event, "selection") else []
    for p in points:
        data = p.get("customdata") if isinstance(p, dict) else None
        if isinstance(data, list | tuple) and len(data) >= 6:
            return str(data[3]), str(data[4]), str(data[5])
    return None


def attention_section(ctx: Ctx, period: str) -> pd.DataFrame | None:
    """Media Cloud-style attention: terms (`terms`) and entity names (`ents`) from the URL, each one line of
    the share of the period's articles it matches (core.read.attention); a clicked point lists its articles with
    links to the Articles page. Returns the drawn data (None when nothing was asked)."""
    from core.app import charts
    from core.read import attention as attn

    st.subheader(ctx.t("attention.title"))
    c1, c2 = st.columns(2)
    terms_text = url_widget(
        c1.text_input, "terms", ctx.t("attention.terms"), default="", help=ctx.t("attention.terms_help")
    )
    ents_text = url_widget(
        c2.text_input, "ents", ctx.t("attention.ents"), default="", help=ctx.t("attention.ents_help")
    )
    terms = attn.split_list(terms_text, limit=10**6)
    ents = attn.split_list(ents_text, limit=10**6)
    if not terms and not ents:
        st.caption(ctx.t("attention.hint", period=ctx.t(f"values.period.{period}")))
        return None
    if len(terms) + len(ents) > attn.MAX_SERIES:
        st.caption(ctx.t("attention.too_many", n=attn.MAX_SERIES))
    df = q(ctx, "attention", ctx.filters, terms=terms, entities=ents, period=period)
    if df.empty:
        st.info(ctx.t("attention.no_dates"), icon=":material/info:")
        return df
    found = df.groupby(["kind", "series"], sort=False)["matched"].sum()
    missing = [name for (_, name), n in found.items() if not n]
    if missing:
        st.caption(md(ctx.t("attention.no_match", names=", ".join(missing))))
    fig = charts.attention(df, ctx.lang, period=period)
    shown = df.assign(
        series=[
            s if k == "term" else ctx.t("attention.entity_series", name=s)
            for k, s in zip(df["kind"], df["series"], strict=True)
        ]
    ).drop(columns=["kind"])
    event = chart(
        ctx,
        fig,
        shown,
        key="tl_attention",
        name=f"attention-per-{period}",
        on_select="rerun",
        selection_mode="points",
    )
    pick = attention_pick(event)
    if pick is None:
        st.caption(ctx.t("attention.click"))
        return df
    start, kind, series = pick
    arts = q(ctx, "attention_articles", ctx.filters, period, start, kind, series)
    day = pd.to_datetime(start, errors="coerce")
    when = (
        start
        if pd.isna(day)
        else day.strftime("%m/%Y" if ctx.lang == "vi" else "%b %Y")
        if period == "month"
        else ctx.t("charts.week_of", day=day.strftime("%d/%m/%Y" if ctx.lang == "vi" else "%d %b %Y"))
    )
    name = series if kind == "term" else ctx.t("attention.entity_series", name=series)
    row = df[(df["period"] == start) & (df["kind"] == kind) & (df["series"] == series)]
    n = int(row["matched"].iloc[0]) if len(row) else len(arts)
    st.markdown(f"**{md(ctx.t('attention.picked', n=n, series=name, period=when))}**")
    table(ctx, arts, key="tl_attention_articles", name=f"attention-{start}")
    if len(arts) > ATTENTION_LINKS:
        st.caption(ctx.t("attention.more", n=ATTENTION_LINKS))
    for r in arts.head(ATTENTION_LINKS).itertuples(index=False):
        link(ctx, "articles", label=f"{md(r.date)} · {md(r.title)}", article=int(r.id))
    return df


def table(ctx: Ctx, df: pd.DataFrame, key: str, name: str, **kwargs: Any) -> Any:
    """A dataframe in the interface language (headers, coded values by name, '—' for nothing, original
    addresses as links) plus a CSV download of exactly those rows and columns.

    `column_config` and `column_order` name the frame's own columns; they follow the translated headers."""
    shown = export.localise(df, ctx.lang)
    head = lambda c: export.column_label(c, ctx.lang)  # noqa: E731
    config = {head(k): v for k, v in (kwargs.pop("column_config", None) or {}).items()}
    if "url" in df.columns:
        config.setdefault(
            head("url"),
            st.column_config.LinkColumn(head("url"), display_text=r"https?://(?:www\.)?([^/?#]+)"),
        )
    if kwargs.get("column_order") is not None:
        kwargs["column_order"] = [head(c) for c in kwargs["column_order"]]
    event = st.dataframe(shown, key=key, hide_index=True, column_config=config or None, **kwargs)
    _csv_button(ctx, st, df, key, name)
    return event


def chart(ctx: Ctx, fig: go.Figure, df: pd.DataFrame, key: str, name: str, **kwargs: Any) -> Any:
    """A Plotly chart with a server-rendered PNG (on click) and the CSV of the data it draws."""
    event = st.plotly_chart(fig, key=key, **kwargs)
    prov = provenance(ctx)
    c1, c2, _ = st.columns([1, 1, 6])
    missing = export.png_unavailable()  # no Chromium on the server: say so on the button, not after a click
    c1.download_button(
        f"⬇ {ctx.t('export.png')}",
        data=lambda: export.png(fig, provenance=_now(prov)),
        file_name=f"{name}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        disabled=missing is not None,
        help=missing,
    )
    _csv_button(ctx, c2, df, key, name)
    return event


def briefing_button(ctx: Ctx, title: str, figures: Sequence[go.Figure], subject: str = "statements") -> None:
    """One click: an A4 PNG of the current view (title, filter sentence, charts, top statements, sources)."""
    sentence_text = ctx.filters.describe(subject, ctx.lang)
    figures = list(figures)
    prov = provenance(ctx, subject)
    sides = ctx.filters.sides
    # Both sides quoted in turn when the view covers both (no side filter, or two sides chosen).
    balance = sides if len(sides) > 1 else () if sides else ("nato", "russia")

    def render() -> bytes:  # on click only: neither the PNG nor its lists cost anything on a page view
        data = queries.briefing_data(ctx.path, ctx.filters)
        return export.briefing(
            title,
            sentence_text,
            figures,
            data["statements"],
            data["sources"],
            ctx.lang,
            provenance=_now(prov),
            balance=balance,
        )

    missing = export.png_unavailable()
    st.download_button(
        f"⬇ {ctx.t('overview.briefing')}",
        data=render,
        file_name=f"briefing-{ctx.page}.png",
        mime="image/png",
        key=f"{ctx.page}_briefing",
        on_click="ignore",
        type="primary",
        disabled=missing is not None,
        help=missing,
    )


def empty_state(ctx: Ctx, kind: str = "store") -> None:
    key = {"store": "app.no_store", "statements": "app.no_statements", "results": "app.no_results"}[kind]
    st.info(ctx.t(key), icon=":material/info:")


def article_label(row: Any) -> str:
    """'12 · 2018-03-10 · Title' for pick lists (plain text: selectbox labels are not HTML)."""
    date = row.get("date") if isinstance(row, dict) else getattr(row, "date", None)
    date = date if isinstance(date, str) else "—"
    title = row.get("title") if isinstance(row, dict) else getattr(row, "title", "")
    ident = row.get("id") if isinstance(row, dict) else getattr(row, "id", "")
    return f"{ident} · {date} · {title}"


# --- the only writes ----------------------------------------------------------------------------------------


def set_article_date(
    ctx: Ctx, article_id: int, *, year: int, month: int | None, day: int | None, who: str, why: str = ""
) -> None:
    """The correction form's write: a short-lived write connection through core.store.corrections."""
    from core.store import corrections
    from core.store import db as store

    db = store.connect(ctx.path)
    try:
        corrections.set_article_date(db, int(article_id), year=year, month=month, day=day, who=who, why=why)
    finally:
        db.close()


def upload_names(name: str) -> tuple[str, str]:
    """(file name to save an upload under, its origin): ours on disk, the user's (printable, bounded) as origin.

    >>> upload_names("../../etc/feed.JSONL")
    ('upload.jsonl', 'upload:feed.JSONL')
    >>> upload_names("..")
    ('upload', 'upload:..')
    """
    from core.text.parse import printable

    base = name.replace("\\", "/").rsplit("/", 1)[-1] or name
    suffix = Path(base).suffix.lower() if re.fullmatch(r".+\.[A-Za-z0-9]{1,10}", base) else ""
    shown = printable(base)
    return f"upload{suffix}", "upload:" + (shown if len(shown) <= 200 else shown[:199] + "…")


REVIEW_FIXES = ("stance", "speaker", "side", "undo")


def review_fix(ctx: Ctx, fix: str, target: int, value: object = None, *, who: str, why: str = "") -> None:
    """One click of the review queue, recorded through core.store.corrections with who and why:
    `stance` (statement id, stance), `speaker` (statement id, entity id), `side` (the speaker's entity id,
    side) or `undo` (correction id)."""
    from core.store import corrections
    from core.store import db as store

    if fix not in REVIEW_FIXES:
        raise ValueError(f"fix must be one of {REVIEW_FIXES}")
    if not who.strip():
        raise ValueError("a fix needs the analyst's name")
    who, why = who.strip(), why.strip()
    db = store.connect(ctx.path)
    try:
        if fix == "stance":
            corrections.set_statement_stance(db, int(target), str(value), who=who, why=why)
        elif fix == "speaker":
            corrections.set_statement_speaker(db, int(target), int(value), who=who, why=why)
        elif fix == "side":
            corrections.set_entity_side(db, int(target), str(value), who=who, why=why)
        else:
            corrections.undo(db, int(target), who=who, why=why)
    finally:
        db.close()


def ingest_uploads(ctx: Ctx, files: Sequence[Any], *, nlp: bool = True):
    """Save uploaded files to a temporary folder and ingest them, with a progress bar; returns the Summary."""
    from core.ingest.run import ingest_paths
    from core.store import db as store

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
        db = store.connect(ctx.path)
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


def pairs_file() -> Path:
    return SAMPLES_DIR / "pairs.yaml"
