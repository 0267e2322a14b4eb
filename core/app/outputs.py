"""Tables, charts and exports on a page: CSV/PNG buttons with provenance, the briefing, the attention section."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from core.app import briefing, export, tables
from core.app.context import PAGES, q
from core.app.render import md, safe_url
from core.app.state import link, url_widget
from core.nlp import relevance_model
from core.read import articles
from core.read.briefing import briefing_data, source_counts

if TYPE_CHECKING:
    from core.app.context import Ctx


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
        ctx.filters.describe(subject, ctx.lang), q(ctx, source_counts, ctx.filters), view_url(ctx), ctx.lang
    )


def _now(prov: export.Provenance) -> export.Provenance:
    return dataclasses.replace(prov, generated=dt.datetime.now().astimezone())


# A CSV of more rows than this is made when its button is clicked, not on every render: the timeline's 3,000
# points with their texts cost 0.1 s a render at 100k articles (localised, neutralised, written) for a file
# rarely taken. Smaller ones are made at once, so the button works even where a deferred download cannot.
EAGER_CSV_ROWS = 500


def csv_data(df: pd.DataFrame, lang: str, prov: export.Provenance) -> bytes | Callable[[], bytes]:
    """A download button's `data` for the CSV of `df`: the bytes, or for a long table a function making them
    on click (stamped with the time of the click)."""
    if len(df) <= EAGER_CSV_ROWS:
        return export.csv_bytes(tables.localise(df, lang, codes=True), prov)
    return lambda: export.csv_bytes(tables.localise(df, lang, codes=True), _now(prov))


def _csv_button(ctx: Ctx, where: Any, df: pd.DataFrame, key: str, name: str) -> None:
    """The CSV of exactly the rows and columns shown (with each coded column's codes beside its names),
    after a block saying which filters, outlets and URL it comes from and when it was made."""
    where.download_button(
        f"⬇ {ctx.t('export.csv')}",
        data=csv_data(df, ctx.lang, provenance(ctx)),
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
    from core.app import entity_charts
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
    df = q(ctx, attn.attention, ctx.filters, terms=terms, entities=ents, period=period)
    if df.empty:
        st.info(ctx.t("attention.no_dates"), icon=":material/info:")
        return df
    found = df.groupby(["kind", "series"], sort=False)["matched"].sum()
    missing = [name for (_, name), n in found.items() if not n]
    if missing:
        st.caption(md(ctx.t("attention.no_match", names=", ".join(missing))))
    fig = entity_charts.attention(df, ctx.lang, period=period, min_base=attn.MIN_BASE)
    few_text = ctx.t("attention.few_value", n=attn.MIN_BASE)
    shown = df.assign(
        series=[
            s if k == "term" else ctx.t("attention.entity_series", name=s)
            for k, s in zip(df["kind"], df["series"], strict=True)
        ],
        few=[few_text if f else "" for f in df["few"]],
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
    if df["few"].any():
        # Fewer than MIN_BASE articles: each one moves the share by at least 100 / (MIN_BASE - 1) points.
        st.caption(ctx.t("attention.few", n=attn.MIN_BASE, points=100 // max(attn.MIN_BASE - 1, 1)))
    pick = attention_pick(event)
    if pick is None:
        st.caption(ctx.t("attention.click"))
        return df
    start, kind, series = pick
    arts = q(ctx, attn.attention_articles, ctx.filters, period, start, kind, series)
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
    shown = tables.localise(df, ctx.lang)
    head = lambda c: tables.column_label(c, ctx.lang)  # noqa: E731
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
        data = briefing_data(ctx.path, ctx.filters)
        page = briefing.briefing_page(
            title,
            sentence_text,
            figures,
            data["statements"],
            data["sources"],
            ctx.lang,
            provenance=_now(prov),
            balance=balance,
        )
        return briefing.briefing_png(page)

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


def relevance_block(ctx: Ctx, doc: dict) -> None:
    """Why an article counts (or not): its verdict, score and the relations that made it, sentence by sentence.

    Every stored value is escaped: actor names and sentences come from the article."""
    if doc.get("relevant") is None:
        st.caption(ctx.t("articles.verdict_unknown"))
        return
    score = doc.get("relevance_score")
    score = "?" if score is None else f"{score:g}"
    verdict = "articles.verdict_relevant" if doc["relevant"] else "articles.verdict_irrelevant"
    decided = q(ctx, articles.relevance_decision, int(doc["id"])) if "id" in doc else None
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
        prob = doc.get("relevance_prob")
        if prob is not None:  # the learned model decided; its threshold is today's model file's
            model = relevance_model.load_model()
            cut = f"{model.threshold:.2f}" if model is not None else "?"
            st.caption(md(ctx.t("articles.verdict_model", prob=f"{float(prob):.2f}", threshold=cut)))
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
