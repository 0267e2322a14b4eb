"""Collection metadata kept beside the text files of an archive (a "sidecar"), per input file.

A real archive stores when and where each file was collected next to the text: `--meta FILE` reads a CSV or
JSONL sidecar whose rows name an input file (column `id`, `file` or `name`: the file name, or its stem such as
`21455847` for `21455847.txt`) and give any of `published`, `crawled_at`, `url`, `source`, `section`.
`../shared/corpus/baomoi-2017.crawled.csv` is one (`id,crawled_at`).

Values are evidence, not truth: `crawled_at` is only an upper bound of the publication date (core.text.dates uses
it to complete a dateline's year; how many rows share one collection instant tells a crawl from a bulk import,
whose time bounds publication only loosely), `published` is a publication date. A bad sidecar fails as a whole
with a line number before any article is read, so nothing is ingested against half a sidecar.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

KEY_COLUMNS = ("id", "file", "name")
FIELDS = ("published", "crawled_at", "url", "source", "section")


class MetaError(ValueError):
    """A sidecar we refuse, with the line that made us refuse it."""


@dataclass(frozen=True)
class FileMeta:
    """What the sidecar (and the run's options) say about one input file."""

    published: str | None = None
    crawled_at: str | None = None  # ISO 8601 time of collection: an upper bound of publication
    url: str | None = None
    source: str | None = None
    section: str | None = None
    year_hint: int | None = None  # `--year-hint`: the archive's year when nothing better is known
    batch: int = (
        1  # sidecar rows collected at this same instant: thousands at once are a bulk import, not a crawl
    )

    def crawled(self) -> dt.datetime | None:
        return parse_time(self.crawled_at) if self.crawled_at else None


def parse_time(value: str) -> dt.datetime | None:
    """ISO 8601 with or without time and zone ("2017-05-27T10:00:23+07:00", "2017-05-27")."""
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _rows(path: Path) -> list[tuple[int, dict]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MetaError(f"{path.name}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise MetaError(f"{path.name}:{n}: a JSON object per line expected")
            out.append((n, rec))
        return out
    reader = csv.DictReader(text.splitlines())
    return [(n + 1, row) for n, row in enumerate(reader, 1)]


def load_sidecar(path: Path) -> dict[str, FileMeta]:
    """Sidecar rows keyed by the file name or stem they name.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.csv"
    >>> _ = p.write_text("id,crawled_at\\n21455847,2017-02-06T15:41:52+07:00\\n", encoding="utf-8")
    >>> load_sidecar(p)["21455847"].crawled_at
    '2017-02-06T15:41:52+07:00'
    """
    try:
        rows = _rows(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise MetaError(f"{path.name}: cannot read the sidecar ({exc})") from None
    out: dict[str, FileMeta] = {}
    for n, row in rows:
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        key = next((str(row[k]).strip() for k in KEY_COLUMNS if row.get(k) not in (None, "")), None)
        if key is None:
            raise MetaError(f"{path.name}:{n}: no id, file or name column to say which file the row is about")
        values = {}
        for f in FIELDS:
            v = row.get(f)
            if v is None or v == "":
                continue
            if not isinstance(v, str):
                raise MetaError(f"{path.name}:{n}: {f} must be text, not {type(v).__name__}")
            values[f] = v.strip()
        if "published" in values:
            from core.text.dates import parse_published  # dates reads FileMeta: imported when first needed

            if parse_published(values["published"]) is None:
                raise MetaError(f"{path.name}:{n}: published {values['published']!r} is not a date")
        if "crawled_at" in values and parse_time(values["crawled_at"]) is None:
            raise MetaError(f"{path.name}:{n}: crawled_at {values['crawled_at']!r} is not an ISO 8601 time")
        out[key] = FileMeta(**values)
    if not out:
        raise MetaError(f"{path.name}: the sidecar has no rows")
    together = Counter(m.crawled_at for m in out.values() if m.crawled_at)
    return {k: replace(m, batch=together[m.crawled_at]) if m.crawled_at else m for k, m in out.items()}


def for_file(sidecar: dict[str, FileMeta], path: Path, year_hint: int | None = None) -> FileMeta | None:
    """The sidecar row of one input file (by file name, then stem), with the run's year hint."""
    meta = sidecar.get(path.name) or sidecar.get(path.stem)
    if meta is None and year_hint is None:
        return None
    meta = meta or FileMeta()
    return FileMeta(**{**meta.__dict__, "year_hint": year_hint}) if year_hint else meta
