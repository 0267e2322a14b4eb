"""Tables in the interface language: column headers and coded values by name (data/labels.yaml), date
evidence translated, addresses shown only when plain http(s). The screen and the CSV export both use it."""

from __future__ import annotations

import re

import pandas as pd

from core.labels import label

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
    "side_from": "values.side_from",
    "field": "values.field",
    "quote": "values.quote",
    "tier": "values.tier",  # how a search result matched (core.store.search.TIERS)
    "format": "values.format",
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
