"""One parser per input format -> Article or Failure.

Formats: the scraped text format (seeds, baomoi-2017), JSONL and CSV with `title`/`text` fields, saved HTML
pages (trafilatura). Encodings: UTF-8 with or without BOM, UTF-16 with BOM; anything else is refused with
the line and offset of the first bad byte, never guessed.

One bad input costs only itself: a JSONL line or CSV row that cannot be read (bad byte, NUL, wrong type,
nesting, over the size limit) fails alone with its line number and reading goes on at the next line. Every
file is read through `open_regular`, so devices, FIFOs and sockets are refused without blocking, and one
article (file, line or row) is at most `MAX_ARTICLE_BYTES` whatever the format.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import io
import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from core.config import FIRST_YEAR, MAX_ARTICLE_BYTES, MAX_META_CHARS
from core.labels import label
from core.models import Article, Failure
from core.text.clean import clean_body, clean_lede, split_label, split_scraped
from core.text.dates import date_article, parse_published, split_stamp
from core.text.textnorm import normalize

TEXT_EXT = {".txt", ""}
JSONL_EXT = {".jsonl", ".ndjson"}
CSV_EXT = {".csv"}
HTML_EXT = {".html", ".htm"}
# Files a folder walk leaves alone: documentation, rule files, our own stores.
SKIP_EXT = {".md", ".yaml", ".yml", ".py", ".db", ".db-wal", ".db-shm", ".json", ".toml"}
REQUIRED = ("title", "text")
# Record fields we read; each must be a string (or null / absent when optional). Others are ignored.
FIELDS = ("title", "text", "lede", "published", "url", "source")
UTF32_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
)  # checked first: UTF-32-LE's BOM starts like UTF-16-LE's
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_MB = MAX_ARTICLE_BYTES / 1024 / 1024


def failure_text(code: str, params: dict[str, Any], lang: str = "en") -> str:
    """A failure's reason in `lang`: data/labels.yaml failure.<code> filled with its parameters ("kind" and
    "type" are codes themselves, of failure.kind / failure.type). Why codes: the reason is stored once and
    shown in whichever language the reader chose; the English one is the terminal's and the stored text.

    >>> failure_text("not_regular", {"kind": "fifo"}, "vi")
    'một ống có tên (FIFO), không phải tệp thông thường; bị từ chối'
    """
    shown = dict(params)
    for name in ("kind", "type"):
        if name in shown:
            shown[name] = label(f"failure.{name}.{shown[name]}", lang, value=shown.get("value", ""))
    if "error" in shown and (key := f"failure.oserror.{shown['error']}") != label(key, lang):
        shown["error"] = label(
            key, lang
        )  # an errno name (os_error): the system's reason in the reader's language
    return label(f"failure.{code}", lang, **shown)


def os_error(exc: OSError) -> str:
    """What the operating system said, as a code a reader sees in their language: the errno name when
    data/labels.yaml failure.oserror knows it ("EACCES" -> "permission denied" / "không có quyền truy cập"),
    else the system's own text (shown as is).

    >>> failure_text("cannot_read", {"error": os_error(PermissionError(13, "Permission denied"))}, "vi")
    'không đọc được (lỗi hệ thống: không có quyền truy cập)'
    """
    name = errno.errorcode.get(exc.errno or 0, "")
    if name and label(f"failure.oserror.{name}") != f"failure.oserror.{name}":
        return name
    return str(exc.strerror or exc)


def failure(origin: str, code: str, line: int | None = None, raw: bytes = b"", **params: Any) -> Failure:
    """A Failure with its code, parameters and English reason."""
    return Failure(origin, failure_text(code, params), line, raw, code, params)


class InputError(ValueError):
    """An input we refuse, with a reason a user can act on (and the line it concerns, when there is one): a
    code of data/labels.yaml failure.* and its parameters; str() is the English reason."""

    def __init__(self, code: str, line: int | None = None, **params: Any) -> None:
        super().__init__(failure_text(code, params))
        self.code, self.params, self.line = code, params, line

    def failure(self, origin: str, line: int | None = None, raw: bytes = b"") -> Failure:
        return Failure(origin, str(self), line, raw, self.code, self.params)


def printable(name: str) -> str:
    """A file name or origin as one printable line: undecodable bytes as \\xff, control characters escaped.

    File names may hold any byte but NUL and '/'; an origin is stored, printed after FAILED and shown on pages.

    >>> printable("b\\udcffd\\nname.txt")
    'b\\\\xffd\\\\nname.txt'
    """
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _kind(mode: int) -> str:
    """The code (failure.kind.*) of what a path is when it is not a regular file."""
    for test, name in (
        (stat.S_ISDIR, "folder"),
        (stat.S_ISCHR, "char_device"),
        (stat.S_ISBLK, "block_device"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "other"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; anything else (device, FIFO, socket, folder) raises InputError at once.

    The FIFO case is why: opening one blocks until a writer comes, so the type is checked before the open
    (stat) and again on the descriptor (fstat, opened non-blocking) in case the path was swapped in between.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not_regular", kind=_kind(st.st_mode))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError("not_regular", kind=_kind(st.st_mode))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _nul_check(text: str, field: str | None = None) -> None:
    i = text.find("\x00")
    if i >= 0:
        if field is None:
            raise InputError("nul_in_file", offset=i)
        raise InputError("nul_in_field", field=field, offset=i)


def decode(data: bytes) -> str:
    """UTF-8 (BOM optional) or UTF-16 with BOM; anything else raises InputError naming the bad byte."""
    if not data.strip():
        raise InputError("empty_file")
    if data.startswith(UTF32_BOMS):
        raise InputError("utf32")
    if data.startswith(UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("bad_utf16", offset=exc.start) from None
        _nul_check(text)
        return text
    if b"\x00" in data:
        raise InputError("binary_file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError("not_utf8", byte=bad, offset=exc.start, at_line=line) from None


def _too_big(size: int, what: str = "file") -> InputError:
    return InputError(
        f"too_big_{what}", size=size, mb=size / 1024 / 1024, limit_mb=_MB, limit=MAX_ARTICLE_BYTES
    )


def read_limited(path: Path) -> bytes:
    """The whole file, at most MAX_ARTICLE_BYTES (checked before reading, and while reading)."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_ARTICLE_BYTES:
            raise _too_big(size)
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_big(len(data))
    return data


def _check_string(name: str, value: str) -> None:
    """Text we store must be valid Unicode without NUL: sqlite and every page would choke on it later."""
    m = _SURROGATE.search(value)
    if m:
        raise InputError("lone_surrogate", field=name, codepoint=f"{ord(m.group(0)):04x}", offset=m.start())
    _nul_check(value, name)


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
    """Common tail of every parser: check, normalise, clean the body, date it."""
    for name, value in (("title", title), ("text", text), ("lede", lede), ("url", url), ("source", source)):
        if value:
            _check_string(name, value)
    title = normalize(title).strip()
    lede, lines, stamp = split_stamp(normalize(lede or ""), normalize(text).splitlines())
    label = None
    if fmt == "text":  # a scrape's second line; feeds and pages name their lede
        lede, lines, label = split_label(lede, lines)
    lede = clean_lede(lede)
    cleaned = clean_body(lines, title, lede)
    if not title:
        raise InputError("no_title")
    if not cleaned.body and not lede:
        raise InputError("no_text")
    paragraphs = cleaned.body.split("\n\n")
    date = date_article(published, [lede, *paragraphs[:2]], "\n".join([title, lede, cleaned.body]), stamp)
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
        section=label,
    )


def parse_scraped(text: str, origin: str) -> Article:
    title, lede, rest = split_scraped(text)  # build_article normalises each part once
    return build_article(title=title, lede=lede, text="\n".join(rest), origin=origin, raw=text, fmt="text")


def checked_published(value: str | None) -> str | None:
    """A metadata date we can read and believe, else InputError naming the field.

    Unreadable text or a year outside FIRST_YEAR..this year is refused rather than stored or dropped quietly.
    """
    import datetime as dt

    if value is None or not value.strip():
        return None
    if len(value) > 64:
        raise InputError("published_too_long", length=len(value))
    _check_string("published", value)
    info = parse_published(value)
    if info is None or info.year is None:
        raise InputError("published_not_date", value=value.strip())
    last = dt.date.today().year
    if not FIRST_YEAR <= info.year <= last:
        raise InputError("published_year", year=info.year, first=FIRST_YEAR, last=last)
    return value


def parse_html(html: str, origin: str) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    if doc is None:
        raise InputError("html_no_text")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    title = meta.get("title") or ""
    lede = meta.get("description") or ""
    if not text.strip():
        raise InputError("html_no_text")
    try:
        published = checked_published(meta.get("date"))
    except InputError:
        published = None  # a page's own metadata date that we cannot believe is left out, not the page
    # The page's description is the lede; clean_body drops it (and the <h1>) where the body repeats them.
    return build_article(
        title=title,
        lede=lede,
        text=text,
        origin=origin,
        raw=html,
        published=published,
        url=meta.get("url"),
        source=meta.get("sitename"),
        fmt="html",
    )


def _type_name(value: object) -> dict[str, str]:
    """The parameters naming a JSON value's type (failure.type.*, and the value where it says more)."""
    if isinstance(value, bool):
        return {"type": "boolean", "value": str(value).lower()}
    if isinstance(value, int | float):
        return {"type": "number"} if math.isfinite(value) else {"type": "special_number", "value": str(value)}
    for kind, name in ((list, "list"), (dict, "object"), (str, "string"), (type(None), "null")):
        if isinstance(value, kind):
            return {"type": name}
    return {"type": "object"}


def record_fields(rec: dict) -> dict[str, str]:
    """The fields we read from one JSONL/CSV record, each a string; wrong types raise InputError naming the field.

    Never str() a value: a list or NaN would be stored as its Python repr ("['a', 'b']", "nan").
    """
    out: dict[str, str] = {}
    for name in FIELDS:
        value = rec.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError("field_type", field=name, **_type_name(value))
        if name in ("url", "source") and len(value) > MAX_META_CHARS:
            raise InputError("field_too_long", field=name, length=len(value), limit=MAX_META_CHARS)
        _check_string(name, value)
        out[name] = value
    return out


def record_article(rec: dict, origin: str, raw: str, fmt: str) -> Article:
    values = record_fields(rec)
    missing = [f for f in REQUIRED if not values.get(f, "").strip()]
    if missing:
        raise InputError("missing_fields", fields=", ".join(missing))
    return build_article(
        title=values["title"],
        text=values["text"],
        lede=values.get("lede", ""),
        published=checked_published(values.get("published")),
        url=values.get("url") or None,
        source=values.get("source") or None,
        origin=origin,
        raw=raw,
        fmt=fmt,
    )


Result = Article | Failure


class BadLine(Exception):
    """One physical line that cannot be read; reading goes on after it."""

    def __init__(self, line: int, code: str, raw: bytes = b"", **params: Any) -> None:
        super().__init__(failure_text(code, params))
        self.line, self.code, self.params, self.raw = line, code, params, raw

    def failure(self, origin: str) -> Failure:
        return Failure(origin, str(self), self.line, self.raw[:MAX_ARTICLE_BYTES], self.code, self.params)


class Lines:
    """A file's physical lines, decoded and numbered, each at most MAX_ARTICLE_BYTES.

    UTF-8 is read and decoded line by line, so a bad byte, a NUL or an over-long line fails that line alone
    (BadLine with its number) and the next call goes on with the line after it; memory stays bounded by one
    line. UTF-16 (with BOM) is decoded as a stream; an undecodable stretch ends the file. `mark`/`rewind`
    let the CSV reader start again after a row that swallowed the rest of the file.
    """

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        head = fh.read(4)
        fh.seek(0)
        if head.startswith(UTF32_BOMS):
            raise InputError("utf32")
        self.text: io.TextIOWrapper | None = None
        if head.startswith(UTF16_BOMS):
            self.text = io.TextIOWrapper(fh, encoding="utf-16", newline="")
        elif head.startswith(codecs.BOM_UTF8):
            fh.seek(len(codecs.BOM_UTF8))
        self.lineno = 0
        self.done = False

    def __iter__(self) -> Lines:
        return self

    def mark(self) -> tuple[int, int]:
        return self.lineno, (self.text or self.fh).tell()

    def rewind(self, mark: tuple[int, int]) -> None:
        self.lineno, pos = mark
        (self.text or self.fh).seek(pos)
        self.done = False

    def _skip_rest(self, src: io.IOBase) -> None:
        """Read past the rest of an over-long line in bounded chunks."""
        while True:
            chunk = src.readline(1 << 20)
            if not chunk or chunk.endswith(b"\n" if isinstance(chunk, bytes) else "\n"):
                return

    def __next__(self) -> str:
        if self.done:
            raise StopIteration
        src = self.text or self.fh
        limit = MAX_ARTICLE_BYTES // 2 if self.text else MAX_ARTICLE_BYTES
        try:
            line = src.readline(limit + 1)
        except UnicodeDecodeError:
            self.done = True
            raise BadLine(self.lineno + 1, "bad_utf16_rest") from None
        if not line:
            self.done = True
            raise StopIteration
        self.lineno += 1
        if len(line) > limit and not line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
            self._skip_rest(src)
            raise BadLine(self.lineno, "line_too_long", limit_mb=_MB)
        if isinstance(line, bytes):
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad = line[exc.start : exc.start + 1].hex()
                raise BadLine(self.lineno, "line_not_utf8", line, byte=bad, column=exc.start + 1) from None
        else:
            text = line
        if "\x00" in text:
            raise BadLine(
                self.lineno,
                "line_nul",
                line.encode("utf-8", "replace") if isinstance(line, str) else line,
                column=text.index(chr(0)) + 1,
            )
        return text


def _json_error(exc: Exception) -> InputError:
    if isinstance(exc, json.JSONDecodeError):
        return InputError("json_invalid", message=exc.msg, column=exc.colno)
    if isinstance(exc, RecursionError):
        return InputError("json_too_deep")
    if "integer string conversion" in str(exc):
        return InputError("json_long_number")
    return InputError("json_other", error=str(exc))


def _unexpected(exc: Exception, what: str = "record") -> InputError:
    """A record (or file) our code could not handle: still one line, naming the error, never a traceback."""
    return InputError(f"unexpected_{what}", error=f"{type(exc).__name__}: {str(exc)[:200]}")


def _file_results(
    path: Path, origin: str, rows: Callable[[Lines, str], Iterator[Result]]
) -> Iterator[Result]:
    """The results `rows` reads from one file's lines; a file that cannot be opened or read, or breaks in a way
    no record caught, ends as one Failure and never costs the batch (shared by the JSONL and CSV readers)."""
    try:
        with open_regular(path) as fh:
            yield from rows(Lines(fh), origin)
    except InputError as exc:
        yield exc.failure(origin)
    except OSError as exc:
        yield failure(origin, "cannot_read", error=os_error(exc))
    except Exception as exc:  # noqa: BLE001 -- isolation: one file never costs the batch
        yield _unexpected(exc, "rest").failure(origin)


def iter_jsonl(path: Path, origin: str) -> Iterator[Result]:
    """One article per line; a broken line fails alone (with its number) and its neighbours are kept."""
    yield from _file_results(path, origin, _jsonl_rows)


def _jsonl_rows(lines: Lines, origin: str) -> Iterator[Result]:
    seen = False
    while True:
        try:
            line = next(lines)
        except StopIteration:
            break
        except BadLine as bad:
            seen = True
            yield bad.failure(origin)
            continue
        if not line.strip():
            continue
        seen = True
        lineno = lines.lineno
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise InputError("not_json_object", **_type_name(rec))
            yield record_article(rec, f"{origin}#{lineno}", line.rstrip("\r\n"), "jsonl")
        except InputError as exc:
            yield exc.failure(origin, lineno, line.encode())
        except (ValueError, RecursionError) as exc:
            yield _json_error(exc).failure(origin, lineno, line.encode())
        except Exception as exc:  # noqa: BLE001 -- isolation: one record never costs the file
            yield _unexpected(exc).failure(origin, lineno, line.encode())
    if not seen:
        yield failure(origin, "empty_jsonl")


def _row_text(row: list[str]) -> int:
    return sum(len(v) for v in row)


def iter_csv(path: Path, origin: str) -> Iterator[Result]:
    """One article per row after a header naming the columns; a bad row fails alone with its line number.

    Parsed strictly: a quote left open to the end of the file (or past the size limit) is reported on the
    line where it opened, and reading starts again on the next line instead of merging the rows after it.
    """
    previous = csv.field_size_limit(MAX_ARTICLE_BYTES)  # process-wide: given back when the file is read
    try:
        yield from _file_results(path, origin, _csv_rows)
    finally:
        csv.field_size_limit(previous)


def _csv_rows(lines: Lines, origin: str) -> Iterator[Result]:
    fields: list[str] | None = None
    rows = 0
    reader = csv.reader(lines, strict=True)
    while True:
        mark = lines.mark()
        first = mark[0] + 1  # the line this row starts on
        try:
            row = next(reader)
        except StopIteration:
            break
        except BadLine as bad:
            yield bad.failure(origin)
            reader = csv.reader(lines, strict=True)  # the row in progress is lost with its bad line
            continue
        except csv.Error as exc:
            end = None if "end of data" in str(exc) else _row_end(lines, mark)
            if end is None:
                yield failure(origin, "csv_unbalanced_quote", first)
                lines.rewind(mark)  # read again from the line after the one the broken row started on
                with contextlib.suppress(BadLine, StopIteration):
                    next(lines)
            elif "field limit" in str(exc):
                yield failure(origin, "csv_field_too_long", first, limit_mb=_MB, first=first, last=end)
            else:
                yield failure(origin, "csv_malformed", first, first=first, last=end, error=str(exc))
            reader = csv.reader(lines, strict=True)
            continue
        if fields is None:
            if not any(c.strip() for c in row):
                continue
            fields = [c.strip().lower() for c in row]
            missing = [f for f in REQUIRED if f not in fields]
            if missing:
                yield failure(
                    origin,
                    "csv_missing_columns",
                    first,
                    missing=" / ".join(missing),
                    columns=", ".join(fields),
                )
                return
            continue
        if not any(c.strip() for c in row):
            continue
        rows += 1
        raw = json.dumps(dict(zip(fields, row, strict=False)), ensure_ascii=False)
        try:
            if len(row) != len(fields):
                raise InputError("csv_field_count", got=len(row), expected=len(fields))
            if _row_text(row) > MAX_ARTICLE_BYTES:
                raise _too_big(_row_text(row), "row")
            # The origin counts rows (as stored by earlier versions); failures name the physical line.
            yield record_article(dict(zip(fields, row, strict=True)), f"{origin}#{rows}", raw, "csv")
        except InputError as exc:
            yield exc.failure(origin, first, raw.encode()[:MAX_ARTICLE_BYTES])
        except Exception as exc:  # noqa: BLE001 -- isolation: one record never costs the file
            yield _unexpected(exc).failure(origin, first, raw.encode()[:MAX_ARTICLE_BYTES])
    if fields is None:
        yield failure(origin, "csv_empty")
    elif rows == 0:
        yield failure(origin, "csv_no_rows", 1)


def _row_end(lines: Lines, mark: tuple[int, int]) -> int | None:
    """The last line of the row that starts at `mark`, by counting quotes (positioned after it), or None when
    its quotes never balance; memory stays one line's."""
    lines.rewind(mark)
    inside = False
    while True:
        try:
            line = next(lines)
        except BadLine:
            continue
        except StopIteration:
            return None
        inside ^= line.count('"') % 2 == 1
        if not inside:
            return lines.lineno


def iter_file(path: Path, origin: str | None = None) -> Iterator[Result]:
    """Every article (or failure) one file holds; nothing a file holds ends the caller's batch."""
    origin = printable(origin or path.as_posix())
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
        yield exc.failure(origin, exc.line, data[:MAX_ARTICLE_BYTES])
    except OSError as exc:
        yield failure(origin, "cannot_read", error=os_error(exc))
    except Exception as exc:  # noqa: BLE001 -- isolation: one file never costs the batch
        yield _unexpected(exc, "file").failure(origin, raw=data[:MAX_ARTICLE_BYTES])


@dataclass(frozen=True)
class Scan:
    """What a folder walk found: files to read, files left alone by extension, entries refused outright."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    refused: list[Failure] = field(default_factory=list)


def scan(paths: list[Path], exclude: tuple[str, ...] = ()) -> Scan:
    """Files to ingest (folders recursively, sorted), files skipped by extension, and entries refused.

    Refused, each with one line: a folder that cannot be read, a device, FIFO or socket, and a symbolic link
    that leads out of the folder given (a link to /etc/passwd or /proc/self/environ must not become an
    article). Paths named directly are taken as given; `iter_file` still refuses what is not a regular file.
    """
    out = Scan()
    for p in paths:
        if not p.is_dir():
            out.files.append(p)
            continue
        root = os.path.realpath(p)
        found: list[Path] = []

        def unreadable(exc: OSError, top: Path = p) -> None:
            name = printable(exc.filename if isinstance(exc.filename, str) else top.as_posix())
            out.refused.append(failure(name, "cannot_read_folder", error=os_error(exc)))

        for folder, dirs, names in os.walk(p, onerror=unreadable):
            rel_folder = Path(folder).relative_to(p).parts
            if any(part.startswith(".") for part in rel_folder) or any(x in rel_folder for x in exclude):
                dirs[:] = []
                continue
            subfolders = set(dirs)  # sets: a folder of 35,000 files made `name in names` quadratic (6 s)
            for name in [*dirs, *names]:
                if name.startswith(".") or name in exclude:
                    continue
                f = Path(folder) / name
                refusal = _refusal(f, root, is_dir=name in subfolders)
                if refusal is not None:
                    out.refused.append(refusal.failure(printable(f.as_posix())))
                elif name not in subfolders or (f.is_symlink() and not f.is_dir()):
                    found.append(f)
        for f in sorted(found):
            (out.skipped if f.suffix.lower() in SKIP_EXT else out.files).append(f)
    return out


def _refusal(f: Path, root: str, *, is_dir: bool) -> InputError | None:
    """Why a folder entry is refused, or None (folders are walked, regular files and inner links read)."""
    try:
        st = f.lstat()
    except OSError as exc:
        return InputError("cannot_read", error=os_error(exc))
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(f)
        if os.path.commonpath([root, target]) != root:
            return InputError("link_outside")
        if os.path.isdir(target):
            return None  # the folder it points to is walked where it is
        try:
            mode = os.stat(target).st_mode
        except OSError as exc:
            return InputError("broken_link", error=os_error(exc))
        return None if stat.S_ISREG(mode) else InputError("link_to_special", kind=_kind(mode))
    if stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode):
        return None
    return InputError("not_regular", kind=_kind(st.st_mode))


def walk(paths: list[Path], exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[Path]]:
    """Files to ingest and files skipped by extension (see `scan` for the entries it refuses)."""
    found = scan(paths, exclude)
    return found.files, found.skipped
