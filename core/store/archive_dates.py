"""Dates from the archive's own order: an article's neighbours by file id date what its text and crawl cannot.

An aggregator numbers articles as it publishes them. baomoi-2017 shows it: among the ~27,000 files a crawler saved
within hours of publication, file id and crawl time rank alike (Spearman 0.99999). So an article without a
dateline that arrived in a bulk import (date_source crawled_bulk, only "on or before 2017-05-08") sits among
neighbours whose datelines say when they came out: with the `neighbours` nearest dated files on each side by id,
the median date of those before and of those after bracket its own. When the bracket is tight, the later end is
its date ("neighbours": an estimate, drawn hollow as the crawl's bounds are), with the files and dates it rests on as
evidence. A dateline far outside its file's bracket dates an event the story recalls ("Ngày 9/1" of a wedding in a
story filed among 6 February's, "hôm 22/5" of an attack in one about an arrest filed among 3 June's): it is rejected
with that evidence, and the file takes its crawl's bound (a crawl within hours) or its neighbours' date (a bulk
import). This is tighter than core.text.dates' own test, which knows one file only and must allow a crawler's
downtime (a dateline up to 30 days before a two-hourly crawl stands there); neighbours crawled late are late too.

Nothing happens unless the store shows the order: numeric file names, enough dated files, and a rank correlation
between id and date of at least `order_min_rho` (data/dates.yaml). Dates an analyst set are never touched, and
the pass is recomputed from scratch after every ingest, so the result depends on the store, not on the runs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median_low

import sqlite_utils

from core.config import rules
from core.store import connection
from core.store.aggregates import reaggregate
from core.text.dates import BULK_NOTE
from core.text.meta import parse_time

# Publication dates read from the article or its metadata: what neighbours may be dated by.
ANCHOR_SOURCES = ("metadata", "dateline", "dateline+crawl", "dateline+hint", "inferred", "analyst")
# Dates a dateline gave (core.text.dates): what its neighbours may prove to be an event's.
DATELINE_SOURCES = ("dateline", "dateline+crawl", "dateline+hint", "inferred")
# Where the neighbours' evidence starts in an evidence text, so a later run can recompute it.
MARK = "; dated by its neighbours in the archive: "
_NUMBERED = re.compile(r"(?:^|/)(\d{3,})\.[^/.]+$")


@dataclass(frozen=True)
class Row:
    article_id: int
    key: int  # the file's number in the archive
    source: str | None
    date: dt.date | None
    crawled: dt.datetime | None
    crawled_at: str | None
    evidence: str


@dataclass(frozen=True)
class Change:
    article_id: int
    date: dt.date
    source: str
    evidence: str


def file_number(origin: str) -> int | None:
    """The archive's number of a file ("baomoi-2017/21455847.txt" -> 21455847), None for other names.

    >>> file_number("baomoi-2017/21455847.txt"), file_number("samples/001_7b4ea694.txt"), file_number("a.jsonl#3")
    (21455847, None, None)
    """
    m = _NUMBERED.search(origin)
    return int(m.group(1)) if m else None


def _settings() -> dict:
    r = rules("dates")["archive_order"]
    return {k: (float(v) if k == "order_min_rho" else int(v)) for k, v in r.items()}


def rank_correlation(xs: list, ys: list) -> float:
    """Spearman's rho of two sequences (pandas, already loaded by ingest; scipy.stats would cost seconds to import);
    0 when either is constant.

    >>> rank_correlation([1, 2, 3, 4], [10, 20, 30, 40]), rank_correlation([1, 2, 3, 4], [4, 3, 2, 1])
    (1.0, -1.0)
    """
    import pandas as pd

    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return 0.0
    days = [y.toordinal() if isinstance(y, dt.date) else y for y in ys]
    return float(pd.DataFrame({"x": xs, "y": days}).corr(method="spearman").iloc[0, 1])


class Order:
    """The dated files of an archive sorted by number, to bracket any number's date by its neighbours."""

    def __init__(self, anchors: list[tuple[int, dt.date]], k: int, max_span_days: int) -> None:
        self.anchors = sorted(anchors)
        self.keys = [a for a, _ in self.anchors]
        self.k, self.max_span = k, max_span_days

    def bracket(self, key: int) -> tuple[dt.date, dt.date, int, int] | None:
        """(the median date of the k dated files before `key`, that of the k after, the first and last file
        number they span) when the two are in order and at most `max_span_days` apart, else None (either side has
        fewer, or the medians of noisy dates cross or lie far apart); the file `key` is not its own neighbour."""
        i = bisect.bisect_left(self.keys, key)
        j = bisect.bisect_right(self.keys, key)
        below, above = self.anchors[max(0, i - self.k) : i], self.anchors[j : j + self.k]
        if len(below) < self.k or len(above) < self.k:
            return None
        lo, hi = median_low(d for _, d in below), median_low(d for _, d in above)
        return (lo, hi, below[0][0], above[-1][0]) if 0 <= (hi - lo).days <= self.max_span else None


def _from_dateline(r: Row) -> bool:
    """A date read from the dateline position (its year written there or completed), not a page's time stamp."""
    return r.source in DATELINE_SOURCES and r.date is not None and not r.evidence.startswith("time stamp:")


def _plain(evidence: str | None) -> str:
    return (evidence or "").split(MARK, 1)[0]


def _rows(db: sqlite_utils.Database) -> list[Row]:
    out = []
    times: dict[str, dt.datetime | None] = {}  # a crawl saves many files at one time: each read once
    for aid, origin, source, y, m, d, crawled_at, evidence in db.execute(
        "SELECT id, origin, date_source, year, month, day, crawled_at, date_evidence FROM articles"
    ):
        key = file_number(origin or "")
        if key is None:
            continue
        try:
            date = dt.date(y, m, d) if y and m and d else None
        except ValueError:
            date = None
        if crawled_at and crawled_at not in times:
            times[crawled_at] = parse_time(crawled_at)
        crawled = times[crawled_at] if crawled_at else None
        out.append(Row(aid, key, source, date, crawled, crawled_at, evidence or ""))
    return out


def _bulk_times(rows: list[Row]) -> set[str]:
    """Bulk imports' collection times: one core.text.dates found shared by thousands of the sidecar's rows (the
    evidence of a file of it without a dateline says so, also once dated by its neighbours), or one shared by that
    many stored articles."""
    together = Counter(r.crawled_at for r in rows if r.crawled_at)
    return {r.crawled_at for r in rows if r.crawled_at and BULK_NOTE in r.evidence} | {
        t for t, n in together.items() if n >= int(rules("dates")["bulk_batch"])
    }


def plan(rows: list[Row]) -> list[Change]:
    """What the archive's order changes (pure: `apply` reads and writes the store): datelines far from their
    neighbours rejected for the crawl's bound, and each bulk-imported article without a dateline (or with a rejected
    one) dated by its neighbours, or back to its import's bound when they no longer bracket it tightly."""
    s = _settings()
    anchors = [(r.key, r.date) for r in rows if r.source in ANCHOR_SOURCES and r.date]
    ordered = (
        len(anchors) >= s["min_dated"] and rank_correlation(*zip(*anchors, strict=True)) >= s["order_min_rho"]
    )
    bulk_times = _bulk_times(rows)

    def in_bulk(r: Row) -> bool:
        return r.crawled is not None and r.crawled_at in bulk_times

    # A dateline far from its neighbours' dates is an event's date ("hôm 22/5" of an attack in a story about an arrest
    # filed among 3 June's): out, before anything is dated by the rest. Rejecting one can expose another, so until
    # none is left; a store this has been applied to then plans no change (its anchors are the final ones).
    rejected: dict[int, str] = {}
    while True:
        kept = [
            (r.key, r.date)
            for r in rows
            if r.source in ANCHOR_SOURCES and r.date and r.article_id not in rejected
        ]
        order = Order(kept if ordered else [], s["neighbours"], s["max_span_days"])
        found = {}
        for r in rows:
            if not _from_dateline(r) or r.crawled is None or r.article_id in rejected:
                continue
            b = order.bracket(r.key)
            if b is None:
                continue  # no tight bracket to judge by
            lo, hi = b[0] - dt.timedelta(days=s["dateline_slack_days"]), b[1] + dt.timedelta(days=1)
            if not lo <= r.date <= hi:
                found[r.article_id] = (
                    f"{r.date.isoformat()} rejected: its neighbours in the archive (files {b[2]}–{b[3]}) came "
                    f"out {b[0].isoformat()}…{b[1].isoformat()}"
                )
        if not found:
            break
        rejected.update(found)
    changes = []
    for r in rows:
        if r.crawled is None or not (r.source in ("crawled_bulk", "neighbours") or r.article_id in rejected):
            continue
        base = _plain(r.evidence)
        if r.article_id in rejected:
            base = f"{base}; {rejected[r.article_id]}"
        b = order.bracket(r.key) if in_bulk(r) else None  # a crawl within hours bounds better than neighbours
        if b and b[0] <= r.crawled.date():
            new = Change(
                r.article_id,
                min(b[1], r.crawled.date()),  # never after the file was collected
                "neighbours",
                f"{base}{MARK}the {s['neighbours']} dated files before it came out on {b[0].isoformat()} "
                f"(median), the {s['neighbours']} after on {b[1].isoformat()} (files {b[2]}–{b[3]}): "
                "an estimate",
            )
        else:  # the crawl's bound, as core.text.dates gives it: a bulk import's is loose and not drawn
            new = Change(r.article_id, r.crawled.date(), "crawled_bulk" if in_bulk(r) else "crawled", base)
        if (new.date, new.source, new.evidence) != (r.date, r.source, r.evidence):
            changes.append(new)
    return changes


def apply(db: sqlite_utils.Database) -> int:
    """Date by the archive's order (`plan`) and bring the changed articles' aggregates up to date, in one
    transaction; how many articles changed."""
    changes = plan(_rows(db))
    if not changes:
        return 0
    # One transaction (the store's connection commits each statement alone otherwise): all of it or nothing.
    with connection.transaction(db):
        db.conn.executemany(
            """UPDATE articles SET year = ?, month = ?, day = ?, published = ?, date_source = ?, date_evidence = ?
               WHERE id = ?""",
            [
                (
                    c.date.year,
                    c.date.month,
                    c.date.day,
                    c.date.isoformat(),
                    c.source,
                    c.evidence,
                    c.article_id,
                )
                for c in changes
            ],
        )
        reaggregate(db, [c.article_id for c in changes])
    return len(changes)


def check(rows: list[Row]) -> dict:
    """How well the order dates: each dated file's date foretold by its neighbours alone (the later end of a tight
    bracket, as `plan` dates), minus its own date, in days (clipped to -3..3), over all files and over those of
    bulk imports; with the rank correlation of file number and date."""
    s = _settings()
    dated = [r for r in rows if r.source in ANCHOR_SOURCES and r.date]
    order = Order([(r.key, r.date) for r in dated], s["neighbours"], s["max_span_days"])
    bulk_times = _bulk_times(rows)
    late: dict[str, Counter] = {"all": Counter(), "bulk": Counter()}
    for r in dated:
        b = order.bracket(r.key)
        if b is None:
            continue
        estimate = min(b[1], r.crawled.date()) if r.crawled else b[1]
        days = max(-3, min(3, (estimate - r.date).days))
        late["all"][days] += 1
        if r.crawled_at in bulk_times:
            late["bulk"][days] += 1
    rho = rank_correlation([r.key for r in dated], [r.date for r in dated]) if len(dated) > 1 else 0.0
    return {"dated": len(dated), "rho": rho, "late": late}


def main(argv: list[str] | None = None) -> int:
    """`python -m core.store.archive_dates --db DB`: the order's figures on a store (after ingest applied it)."""
    import argparse

    from core.config import db_path

    parser = argparse.ArgumentParser(prog="python -m core.store.archive_dates", description=main.__doc__)
    parser.add_argument("--db", help="store path (default: $NEWS_DB or data/news.db)")
    db = sqlite_utils.Database(db_path(parser.parse_args(argv).db))
    result = check(_rows(db))
    print(
        f"dated files with a number: {result['dated']:,}; rank correlation of number and date: {result['rho']:.4f}"
    )
    for name, counts in result["late"].items():
        n = sum(counts.values())
        if not n:
            continue
        names = {-3: "<=-3", 3: ">=+3"}
        share = ", ".join(f"{names.get(d, f'{d:+d}')}: {counts[d] / n:.1%}" for d in range(-3, 4))
        print(f"{name}: {n:,} foretold by their neighbours; estimate minus own date in days: {share}")
    for source, n, relevant in db.execute(
        "SELECT date_source, count(*), sum(relevant = 1) FROM articles GROUP BY 1 ORDER BY 2 DESC"
    ):
        print(f"date_source {source}: {n:,} articles, {relevant or 0:,} relevant")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
