"""The URL is the state: reading ids and values from the query string, widgets that write back to it, page links."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

from core.app.context import ICONS, LANGS, PAGES
from core.app.render import md
from core.labels import label

if TYPE_CHECKING:
    from core.app.context import Ctx


def param(key: str) -> str | None:
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
    raw = param(key)
    try:
        return None if raw is None else parse_id(raw)
    except ValueError:
        return None


def url_notice(key: str, raw: str) -> None:
    """Say calmly that a value the link carried cannot be shown here (instead of a traceback or silence)."""
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    lang = st.session_state.get("lang", LANGS[0])
    st.info(md(label("app.url_ignored", lang, param=key, value=shown)), icon=":material/link_off:")


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


PAGE_KEY = "_ui_page"  # session_state: the page the previous run drew


PAGE_CHANGED_KEY = "_ui_page_changed"  # session_state: this run draws a different page than the previous one


def init_widget(key: str, value: object, url_key: str | None = None) -> None:
    """Give widget `key` its starting value: from the URL when the URL changed since we last wrote it (a
    link was followed, e.g. "open article 5" while the reader still holds article 2), otherwise keep the
    widget's own state."""
    last = st.session_state.setdefault(_LAST, {})
    url_key = url_key or key
    raw = st.query_params.get(url_key) or None
    # After a page switch the same key is a new widget (its old state is not carried over), so the URL
    # the link carried is the truth.
    fresh = st.session_state.get(PAGE_CHANGED_KEY, True)
    if fresh or key not in st.session_state or last.get(url_key) != raw:
        st.session_state[key] = value
    last[url_key] = raw


def remember(params: dict[str, str], keys: Sequence[str]) -> None:
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
    raw = param(key)
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
    init_widget(key, value)
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
