"""One parser per input format -> Article or Failure.

Formats: the scraped text format (seeds, baomoi-2017), JSONL and CSV with `title`/`text` fields, saved HTML
pages (trafilatura). Encodings: UTF-8 with or without BOM, UTF-16 with BOM; anything else is refused with
the offset of the first bad byte, never guessed.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from core.clean import clean_body, clean_lede, split_scraped
from core.config import MAX_ARTICLE_BYTES
from core.dates import date_article
from core.models import Article, Failure
from core.textnorm import normalize

TEXT_EXT = {".txt", ""}
JSONL_EXT = {".jsonl", ".ndjson"}
CSV_EXT = {".csv"}
HTML_EXT = {".html", ".htm"}
# Files a folder walk leaves alone: documentation, rule files, our own stores.
SKIP_EXT = {".md", ".yaml", ".yml", ".py", ".db", ".db-wal", ".db-shm", ".json", ".toml"}
REQUIRED = ("title", "text")


class InputError(ValueError):
    """An input we refuse, with a reason a user can act on."""


def decode(data: bytes) -> str:
    """UTF-8 (BOM optional) or UTF-16 with BOM; anything else raises InputError naming the bad byte."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not text; expected UTF-8 or UTF-16 with BOM")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            f"not UTF-8: byte 0x{bad} at offset {exc.start}; re-save the file as UTF-8 (or UTF-16 with BOM)"
        ) from None


def read_limited(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"file is {size / 1e6:.1f} MB; one article is at most {MAX_ARTICLE_BYTES / 1e6:.0f} MB "
            "(split it, or use JSONL/CSV for many articles)"
        )
    return path.read_bytes()


def build_article(
    *,
    title: str,
    text: str,
    origin: str,
    raw: str,
    lede: str = "",
    published: str | None = None,
    url: str | None = None,
    source: str | None = None,
    fmt: str,
) -> Article:
    """Common tail of every parser: normalise, clean the body, date it."""
    title = normalize(title).strip()
    lede = clean_lede(normalize(lede or ""))
    lines = normalize(text).splitlines()
    cleaned = clean_body(lines, title, lede)
    if not title:
        raise InputError("no title")
    if not cleaned.body and not lede:
        raise InputError("no article text after cleaning")
    paragraphs = cleaned.body.split("\n\n")
    date = date_article(published, [lede, *paragraphs[:2]], "\n".join([title, lede, cleaned.body]))
    return Article(
        title=title,
        lede=lede,
        body=cleaned.body,
        origin=origin,
        raw=raw,
        source=(normalize(source).strip() if source else None) or cleaned.source,
        url=(url or "").strip() or None,
        date=date,
        captions=cleaned.captions,
        links=cleaned.links,
        format=fmt,
    )


def parse_scraped(text: str, origin: str) -> Article:
    title, lede, rest = split_scraped(text)  # build_article normalises each part once
    return build_article(title=title, lede=lede, text="\n".join(rest), origin=origin, raw=text, fmt="text")


def parse_html(html: str, origin: str) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        raise InputError("HTML page without extractable article text")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    title = meta.get("title") or ""
    lede = meta.get("description") or ""
    if not text.strip():
        raise InputError("HTML page without extractable article text")
    # The page's description is the lede; clean_body drops it (and the <h1>) where the body repeats them.
    return build_article(
        title=title,
        lede=lede,
        text=text,
        origin=origin,
        raw=html,
        published=meta.get("date"),
        url=meta.get("url"),
        source=meta.get("sitename"),
        fmt="html",
    )


def record_article(rec: dict, origin: str, raw: str, fmt: str) -> Article:
    missing = [f for f in REQUIRED if not str(rec.get(f) or "").strip()]
    if missing:
        raise InputError(f"missing required field(s): {', '.join(missing)}")
    return build_article(
        title=str(rec["title"]),
        text=str(rec["text"]),
        lede=str(rec.get("lede") or ""),
        published=rec.get("published") or None,
        url=rec.get("url") or None,
        source=rec.get("source") or None,
        origin=origin,
        raw=raw,
        fmt=fmt,
    )


Result = Article | Failure


def _text_stream(path: Path) -> io.TextIOBase:
    head = path.open("rb").read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return open(path, encoding="utf-16", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def iter_jsonl(path: Path, origin: str) -> Iterator[Result]:
    """One article per line; a broken line fails alone and its neighbours are kept."""
    try:
        stream = _text_stream(path)
        lines = enumerate(stream, start=1)
        with stream:
            while True:
                try:
                    lineno, line = next(lines)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    yield Failure(origin, f"not UTF-8 after byte {exc.start} of a line; rest of file skipped")
                    return
                if not line.strip():
                    continue
                where = f"{origin}#{lineno}"
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict):
                        raise InputError("a JSON object per line expected")
                    yield record_article(rec, where, line.rstrip("\r\n"), "jsonl")
                except json.JSONDecodeError as exc:
                    yield Failure(
                        origin, f"invalid JSON: {exc.msg} at column {exc.colno}", lineno, line.encode()
                    )
                except InputError as exc:
                    yield Failure(origin, str(exc), lineno, line.encode())
    except OSError as exc:
        yield Failure(origin, f"cannot read: {exc.strerror}")


def iter_csv(path: Path, origin: str) -> Iterator[Result]:
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    try:
        with _text_stream(path) as stream:
            reader = csv.DictReader(stream)
            try:
                fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            except UnicodeDecodeError as exc:
                yield Failure(origin, f"not UTF-8 at byte {exc.start}; re-save as UTF-8")
                return
            if not fields:
                yield Failure(origin, "empty CSV file")
                return
            missing = [f for f in REQUIRED if f not in fields]
            if missing:
                yield Failure(
                    origin, f"CSV has no {' / '.join(missing)} column (columns: {', '.join(fields)})", 1
                )
                return
            reader.fieldnames = fields
            row_no = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except UnicodeDecodeError as exc:
                    yield Failure(origin, f"not UTF-8 at byte {exc.start}; rest of file skipped")
                    return
                except csv.Error as exc:
                    yield Failure(origin, f"malformed CSV: {exc}", row_no + 1)
                    return
                row_no += 1
                raw = json.dumps(row, ensure_ascii=False)
                try:
                    yield record_article(row, f"{origin}#{row_no}", raw, "csv")
                except InputError as exc:
                    yield Failure(origin, str(exc), row_no, raw.encode())
    except OSError as exc:
        yield Failure(origin, f"cannot read: {exc.strerror}")


def iter_file(path: Path, origin: str | None = None) -> Iterator[Result]:
    """Every article (or failure) one file holds."""
    origin = origin or path.as_posix()
    ext = path.suffix.lower()
    if ext in JSONL_EXT:
        yield from iter_jsonl(path, origin)
        return
    if ext in CSV_EXT:
        yield from iter_csv(path, origin)
        return
    data = b""
    try:
        data = read_limited(path)
        text = decode(data)
        if ext in HTML_EXT or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            yield parse_html(text, origin)
        else:
            yield parse_scraped(text, origin)
    except InputError as exc:
        yield Failure(origin, str(exc), raw=data[:MAX_ARTICLE_BYTES])
    except OSError as exc:
        yield Failure(origin, f"cannot read: {exc.strerror}")


def walk(paths: list[Path], exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """Files to ingest (folders recursively, sorted) and the files a folder walk skipped by extension."""
    files: list[Path] = []
    skipped: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p).parts
                if (
                    not f.is_file()
                    or any(part.startswith(".") for part in rel)
                    or any(x in rel for x in exclude)
                ):
                    continue
                (skipped if f.suffix.lower() in SKIP_EXT else files).append(f)
        else:
            files.append(p)
    return files, skipped
