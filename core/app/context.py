"""What every page needs: the page context (store, language, filters), the page list, and cached queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from core.app.render import md
from core.labels import label
from core.read import db
from core.read.filters import Filters

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


@dataclass(frozen=True)
class Ctx:
    """What every page needs: where the store is, the label language, the page and its filters."""

    page: str
    path: Path
    lang: str
    filters: Filters

    def t(self, key: str, **kw: Any) -> str:
        return label(key, self.lang, **kw)

    def base_params(self) -> dict[str, str]:
        return {**self.filters.to_params(), "lang": self.lang}


def ensure_store(path: Path, lang: str) -> bool:
    """First run on a fresh machine: build the store from data/samples with a visible progress bar."""
    from core.ingest import bootstrap

    if not bootstrap.needs_build(path):
        if bootstrap.needs_upgrade(path):
            try:
                with st.spinner(label("app.upgrading", lang)):
                    bootstrap.upgrade(path)
            except Exception as exc:  # noqa: BLE001 - e.g. a read-only store: say so instead of failing each query
                st.error(md(f"{type(exc).__name__}: {exc}"))
                return False
        return True
    bar = st.progress(0.0, text=label("app.building", lang))

    def on_file(i: int, n: int, name: str) -> None:
        bar.progress(min(i / max(n, 1), 1.0), text=label("app.building_file", lang, name=name, i=i + 1, n=n))

    try:
        summary = bootstrap.build_default_store(path, on_file=on_file)
    except Exception as exc:  # noqa: BLE001 - a broken build must not hide the rest of the app
        bar.empty()
        st.error(md(f"{type(exc).__name__}: {exc}"))
        return not bootstrap.needs_build(path)
    bar.progress(1.0, text=label("app.built", lang, line=summary.line()))
    return True


def query_name(fn: Callable[..., Any]) -> str:
    """A query's cache key: its qualified name (module and function), e.g. core.read.overview.overview."""
    return f"{fn.__module__}.{fn.__qualname__}"


@st.cache_data(show_spinner=False, max_entries=512)
def cached(name: str, _fn: Callable[..., Any], path: str, stamp: tuple, args: tuple, kwargs: tuple) -> Any:
    """Query results keyed by the query's qualified name (`_fn` itself is not hashed: `name` stands for it),
    its arguments (Filters is frozen, so hashable) and the store stamp."""
    return _fn(path, *args, **dict(kwargs))


def q(ctx: Ctx, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a read query `fn(path, *args, **kwargs)` (a function of core.read, passed itself: a misspelt one
    fails at import) through the cache."""
    if not callable(fn):
        raise TypeError(f"context.q takes the query function itself (e.g. overview.overview), not {fn!r}")
    return cached(
        query_name(fn),
        fn,
        str(ctx.path),
        db.store_stamp(ctx.path),
        tuple(args),
        tuple(sorted(kwargs.items())),
    )
