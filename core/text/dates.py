"""Publication dates with their evidence.

Metadata wins. Otherwise a dateline ("Ngày 24/11,", "Hà Nội, 3/4", "(ngày 4/4)") gives day and month and the
year stays None: we never invent one. A year is inferred only from evidence in data/dates.yaml (an anniversary
counted from a founding date, a well-known dated event) and the evidence is stored with it.

`complete` then weighs what the archive knows beside the text (core.text.meta): a crawl time completes a dateline's
year (24/11 crawled 2017-11-25 -> 2017-11-24, "dateline+crawl"), or stands alone as an upper bound
("crawled"); a `--year-hint` completes it when nothing else does. A year outside the plausible window of the
source (the crawl year and the one before it, around the hint, else 1990..this year) is never kept: a dated
event in the opening ("ngày 12/4/1961, ...") is not the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache

from core.config import rules
from core.models import Article, DateInfo
from core.text.meta import FileMeta
from core.text.textnorm import fold

# How the evidence of a date from a bulk import's collection time says so (core.store.archive_dates reads it).
BULK_NOTE = "a bulk import, a loose bound"

# Without any evidence about the source's time, a stated or inferred year must at least fall in this range.
EARLIEST_YEAR = 1990


@cache
def _compiled() -> dict:
    r = rules("dates")
    return {
        "datelines": [re.compile(p, re.IGNORECASE) for p in r["datelines"]],
        "window": int(r["dateline_window"]),
        "source_tag": re.compile(r["source_tag"]),
        "future_after": re.compile(r"^\s*(?:" + "|".join(map(re.escape, r["future_after"])) + r")\b", re.I),
        "future_before": re.compile(r"\b(?:" + "|".join(map(re.escape, r["future_before"])) + r")\b", re.I),
        "stamp_date": re.compile(r["stamp_date"]),
        "stamp_words": re.compile(
            r"(?<!\w)(?:" + "|".join(f"(?:{w})" for w in r["stamp_words"]) + r")(?!\w)|[,|:()–—-]", re.I
        ),
        "stamp_max": int(r["stamp_max_chars"]),
        "anniv": [re.compile(p, re.IGNORECASE) for p in r["anniversary_patterns"]],
        "anniversaries": [
            {**a, "founded": _as_date(a["founded"]), "folded_terms": [fold(t) for t in a["terms"]]}
            for a in r["anniversaries"]
        ],
        "events": [
            {**e, "date": _as_date(e["date"]), "rx": [re.compile(p) for p in e["patterns"]]}
            for e in r["events"]
        ],
    }


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _valid(day: int, month: int, year: int = 2000) -> bool:
    try:
        dt.date(year, month, day)  # 2000 is a leap year, so 29/2 passes without a year
        return True
    except ValueError:
        return False


def parse_published(value: str | None) -> DateInfo | None:
    """Metadata dates: ISO first (fast, exact), then dateparser for anything else ("4 tháng 4, 2018")."""
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    try:
        d = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        import dateparser

        # Absolute dates only, with day, month and year: "hôm qua" or "3 ngày trước" would date the article
        # by the day it was ingested.
        parsed = dateparser.parse(
            text,
            languages=["vi", "en"],
            settings={
                "DATE_ORDER": "DMY",
                "STRICT_PARSING": True,
                "PARSERS": ["custom-formats", "absolute-time"],
            },
        )
        if parsed is None:
            return None
        d = parsed.date()
    return DateInfo(d.day, d.month, d.year, "metadata", f"published: {text}")


def find_stamp(line: str) -> DateInfo | None:
    """The date of a page's time stamp line ("Thứ hai, 22/3/2021, 08:00 (GMT+7)"), year included, or None when the
    line says anything else (data/dates.yaml `stamp_words`).

    >>> find_stamp("Cập nhật: 15:20 | 16/04/2021").evidence
    'time stamp: Cập nhật: 15:20 | 16/04/2021'
    >>> find_stamp("Ngày 16/4/2021, Nga tuyên bố trục xuất 10 nhà ngoại giao Mỹ.") is None
    True
    """
    c = _compiled()
    line = line.strip()
    dates = list(c["stamp_date"].finditer(line)) if len(line) <= c["stamp_max"] else []
    if len(dates) != 1:
        return None
    m = dates[0]
    day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if c["stamp_words"].sub(" ", line[: m.start()] + " " + line[m.end() :]).strip() or not _valid(
        day, month, year
    ):
        return None
    return DateInfo(day, month, year, "dateline", f"time stamp: {line}")


def split_stamp(lede: str, lines: list[str]) -> tuple[str, list[str], DateInfo | None]:
    """A time stamp line under the title, in the lede's place or opening the body, taken out as the page's metadata:
    (lede, body lines, its date). When the stamp stood in the lede's place, the first body paragraph is the lede."""
    if stamp := find_stamp(lede) if lede.strip() else None:
        first = next((i for i, x in enumerate(lines) if x.strip()), None)
        if first is None:
            return "", lines, stamp
        return lines[first].strip(), lines[first + 1 :], stamp
    opening = [i for i, x in enumerate(lines) if x.strip()][:2]
    for i in opening:
        if stamp := find_stamp(lines[i]):
            return lede, lines[:i] + lines[i + 1 :], stamp
    return lede, lines, None


def find_dateline(opening: list[str]) -> DateInfo | None:
    """Day and month from the opening paragraphs; the year only when the dateline itself states it."""
    c = _compiled()
    # Only the dateline position counts: the opening sentence, after a source tag ("(TTXVN) Ngày 4/4").
    heads = [
        re.split(r"(?<=[.!?])\s", c["source_tag"].sub("", p[: c["window"]], count=1), maxsplit=1)[0]
        for p in opening
    ]
    # A pattern at a time over the opening paragraphs: a date opening one ("Ngày 6/2, ...") before a date inside a
    # sentence of an earlier one ("... bị bắn hạ hôm 25/1 ...").
    for rx in c["datelines"]:
        for head in heads:
            m = rx.search(head)
            if not m:
                continue
            day, month = int(m.group("d")), int(m.group("m"))
            year = int(m.group("y")) if m.group("y") else None
            if not _valid(day, month, year or 2000):
                continue
            if c["future_after"].search(head[m.end() :]) or c["future_before"].search(head[: m.start()]):
                continue  # a coming date: an event of the story, not the dateline
            return DateInfo(day, month, year, "dateline", f"dateline: {m.group(0).strip()}")
    return None


def _sentences_with(text: str, rx: re.Pattern) -> list[tuple[str, re.Match]]:
    out = []
    for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
        out.extend((sent, m) for m in rx.finditer(sent))
    return out


def _anniversary_years(text: str, day: int, month: int) -> list[tuple[int, str]]:
    c = _compiled()
    found: list[tuple[int, str]] = []
    for rx in c["anniv"]:
        for sent, m in _sentences_with(text, rx):
            n = int(m.group("n"))
            folded = fold(sent)
            for a in c["anniversaries"]:
                if not any(re.search(r"\b" + re.escape(t) + r"\b", folded) for t in a["folded_terms"]):
                    continue
                year = a["founded"].year + n
                # An anniversary is celebrated in its own year; a dateline before the founding day and month
                # would put the celebration in the previous calendar year, so we refuse to guess.
                if (month, day) < (a["founded"].month, a["founded"].day) and n > 0:
                    continue
                found.append((year, f"“{m.group(0)}” of {a['subject']} (founded {a['founded']:%d/%m/%Y})"))
        if found:
            break
    return found


def _event_years(text: str, day: int, month: int) -> list[tuple[int, str]]:
    folded = fold(text)
    found = []
    for e in _compiled()["events"]:
        if not any(rx.search(folded) for rx in e["rx"]):
            continue
        for year in (e["date"].year, e["date"].year + 1):
            if not _valid(day, month, year):
                continue
            delta = (dt.date(year, month, day) - e["date"]).days
            if 0 <= delta <= e["window"]:
                found.append(
                    (year, f"mentions {e['name']} ({e['date']:%d/%m/%Y}); dateline within {delta} days")
                )
    return found


def infer_year(text: str, dateline: DateInfo) -> DateInfo:
    """Add a year to a day/month dateline when the text gives evidence, else return it unchanged.

    Seed 002: "Ngày 4/4 ... kỷ niệm 69 năm thành lập liên minh quân sự này" -> 4/4/2018 (NATO, founded 1949).
    Candidates that disagree, or a later year written in the text, cancel the inference.
    """
    if dateline.year or not (dateline.day and dateline.month):
        return dateline
    candidates = _anniversary_years(text, dateline.day, dateline.month) or _event_years(
        text, dateline.day, dateline.month
    )
    years = {y for y, _ in candidates}
    if len(years) != 1:
        return dateline
    year = years.pop()
    stated = [int(y) for y in re.findall(r"\b(?:năm|nam)\s+((?:19|20)\d\d)\b", text)]
    if any(y > year for y in stated):
        return dateline  # the text speaks of a later year: our evidence is about the past, not the dateline
    evidence = "; ".join(sorted({e for _, e in candidates}))
    return DateInfo(dateline.day, dateline.month, year, "inferred", f"{dateline.evidence}; {evidence}")


def date_article(
    published: str | None, opening: list[str], full_text: str, stamp: DateInfo | None = None
) -> DateInfo:
    """The best date the input supports: metadata, else the page's time stamp, else dateline (+ inferred year),
    else nothing."""
    meta = parse_published(published)
    if meta:
        return meta
    if stamp is not None:
        return stamp
    line = find_dateline([p for p in opening if p])
    if line is None:
        return DateInfo()
    return infer_year(full_text, line)


def plausible_years(meta: FileMeta | None, today: dt.date | None = None) -> tuple[int, int, str]:
    """The years a publication date of this source may fall in, and where that window comes from."""
    crawled = meta.crawled() if meta else None
    if crawled:
        return crawled.year - 1, crawled.year, f"crawled {crawled:%Y-%m-%d}"
    if meta and meta.year_hint:
        return meta.year_hint - 1, meta.year_hint, f"year hint {meta.year_hint}"
    return EARLIEST_YEAR, (today or dt.date.today()).year, f"{EARLIEST_YEAR}..today"


def _before_crawl(day: int, month: int, crawled: dt.datetime) -> dt.date | None:
    """The latest day/month on or before the crawl day (a day of slack for time zones), or None."""
    for year in (crawled.year, crawled.year - 1):
        if _valid(day, month, year):
            d = dt.date(year, month, day)
            if d <= crawled.date() + dt.timedelta(days=1):
                return d
    return None


def _bulk(meta: FileMeta) -> bool:
    return meta.batch >= int(rules("dates")["bulk_batch"])


def _crawl_bound(meta: FileMeta, crawled: dt.datetime, lead: str) -> DateInfo:
    """The crawl day as a stated upper bound: "crawled", or "crawled_bulk" for a bulk import's loose one."""
    bulk = _bulk(meta)
    return DateInfo(
        crawled.day,
        crawled.month,
        crawled.year,
        "crawled_bulk" if bulk else "crawled",
        f"{lead}; crawled {meta.crawled_at}: an upper bound, not the publication date"
        + (f" (collected with {meta.batch - 1:,} other files at once: {BULK_NOTE})" if bulk else ""),
    )


def _against_crawl(date: DateInfo, meta: FileMeta, crawled: dt.datetime) -> str | None:
    """Why a dateline's full date cannot be the publication date of a file collected at `crawled`, or None.

    Nothing is published after it was collected (a day of slack for time zones): "Từ ngày 21-7-2017, ..." in a file
    crawled on 8 June announces an event. A crawler saving the news every two hours collects an article within hours
    of its publication, so a dateline more than `dateline_max_lag_days` before such a crawl dates an event the story
    recalls ("ngày 1-1-2016" in June 2017), or a coming one rolled back a year ("trận đấu ngày 13/6" crawled on 6
    June read as 2016). A bulk import's time is a loose bound: only the first test applies to it."""
    day = dt.date(date.year, date.month, date.day)
    if day > crawled.date() + dt.timedelta(days=1):
        return f"after the crawl ({meta.crawled_at})"
    lag = (crawled.date() - day).days
    limit = int(rules("dates")["dateline_max_lag_days"])
    if not _bulk(meta) and lag > limit:
        return (
            f"{lag} days before a crawl made within hours of publication ({meta.crawled_at}; at most {limit})"
        )
    return None


def complete(article: Article, meta: FileMeta | None) -> Article:
    """The article with the sidecar's fields and the best date all the evidence supports.

    Dateline 24/11 + crawled 2017-11-25 -> 24/11/2017 ("dateline+crawl"); no dateline + crawled
    2017-05-27 -> 27/05/2017 as an upper bound ("crawled"); a dateline year 1961 with a 2017 crawl -> dropped
    (it dates an event), with the reason kept in the evidence; so is a dateline after the crawl, or long before
    a crawl made within hours of publication (`_against_crawl`): the crawl's upper bound stands instead.
    """
    date = article.date
    notes: list[str] = []
    if meta and meta.published and date.source != "metadata":
        from_meta = parse_published(meta.published)
        if from_meta:
            date = replace(from_meta, evidence=f"sidecar {from_meta.evidence}")
    lo, hi, why = plausible_years(meta)
    if date.year is not None and date.source != "metadata" and not lo <= date.year <= hi:
        notes.append(f"{date.year} rejected: outside {lo}–{hi} ({why}) — {date.evidence}")
        # A year stated in the dateline dates an event, so its day and month go too; an inferred year only.
        date = DateInfo() if date.source == "dateline" else DateInfo(date.day, date.month, None, "dateline")
    crawled = meta.crawled() if meta else None
    if date.year is None and date.source != "metadata":
        if date.day and date.month and crawled:
            d = _before_crawl(date.day, date.month, crawled)
            if d:
                date = DateInfo(
                    d.day,
                    d.month,
                    d.year,
                    "dateline+crawl",
                    f"{date.evidence}; crawled {meta.crawled_at} (publication on or before)",
                )
        elif date.day and date.month and meta and meta.year_hint:
            if _valid(date.day, date.month, meta.year_hint):
                date = DateInfo(
                    date.day, date.month, meta.year_hint, "dateline+hint", f"{date.evidence}; year hint"
                )
        elif not (date.day and date.month) and crawled:
            date = _crawl_bound(meta, crawled, "no dateline")
    if crawled and date.source in ("dateline", "dateline+crawl") and date.year is not None:
        why = _against_crawl(date, meta, crawled)
        if why:
            notes.append(f"{date.iso} rejected: {why} — {date.evidence}")
            date = _crawl_bound(meta, crawled, "dateline rejected")
    if notes:
        date = replace(date, evidence="; ".join([*(filter(None, [date.evidence])), *notes]))
    if meta is None:
        return replace(article, date=date) if date != article.date else article
    return replace(
        article,
        date=date,
        url=article.url or meta.url,
        source=article.source or meta.source,
        section=article.section or meta.section,
        crawled_at=article.crawled_at or meta.crawled_at,
    )
