"""Analyst corrections: recorded once in the `corrections` table and replayed after every extraction.

The dashboard calls these functions; each one writes the change and its record in one transaction. Entity
corrections are keyed by (name, type) and statement corrections by (article id, sentence index, speaker
text), so `python -m core.ingest --reprocess` never loses them. This module checks the analyst's input and
logs it; the row edits and their SQL are core.store.edits and core.store.entities.

Example: an analyst dates an undated wire story and fixes a speaker the extractor got wrong::

    set_article_date(db, 12, year=2016, month=11, day=24, who="lan", why="TTXVN dateline 'Ngày 24/11'")
    set_statement_speaker(db, 40, jens_id, who="lan", why="'ông' là ông Stoltenberg")
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import uuid

import sqlite_utils

from core.labels import SIDES, STANCES
from core.store import connection, edits, entities


def _entity_ref(row: dict) -> dict:
    return {"id": row["id"], "name": row["name"], "type": row["type"]}


def _need_entity(db: sqlite_utils.Database, entity_id: int) -> dict:
    row = entities.entity_row(db, entity_id)
    if row is None:
        raise ValueError(f"no entity with id {entity_id}")
    return row


def _statement_key(db: sqlite_utils.Database, statement_id: int) -> tuple[dict, dict]:
    row = edits.statement_row(db, statement_id)
    if row is None:
        raise ValueError(f"no statement with id {statement_id}")
    key = {"article_id": row["article_id"], "sentence": row["sentence"], "speaker_text": row["speaker_text"]}
    return row, key


def check_date(
    year: int, month: int | None = None, day: int | None = None, *, today: dt.date | None = None
) -> None:
    """Refuse a date no article can have, with the reason in words: a day the month does not have
    (2017-02-31), a month outside 1-12, a day without a month, or a date after today.

    >>> check_date(2017, 2, 31)
    Traceback (most recent call last):
    ValueError: 2017-02-31 is not a date: February 2017 has 28 days
    """
    today = today or dt.date.today()
    y, m, d = int(year), None if month is None else int(month), None if day is None else int(day)
    if not 1 <= y <= today.year:
        raise ValueError(f"bad year: {y} (give a year up to {today.year})")
    if m is not None and not 1 <= m <= 12:
        raise ValueError(f"bad month: {m} (give a month from 1 to 12)")
    if d is not None and m is None:
        raise ValueError(f"bad day: {d} (a day needs a month)")
    if d is None:
        if m is not None and (y, m) > (today.year, today.month):
            raise ValueError(f"{y:04d}-{m:02d} is after today ({today.isoformat()})")
        return
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise ValueError(
            f"{y:04d}-{m:02d}-{d:02d} is not a date: {calendar.month_name[m]} {y} has {last} days"
        )
    if dt.date(y, m, d) > today:
        raise ValueError(f"{dt.date(y, m, d).isoformat()} is after today ({today.isoformat()})")


def set_article_date(
    db: sqlite_utils.Database,
    article_id: int,
    *,
    year: int,
    month: int | None = None,
    day: int | None = None,
    who: str,
    why: str = "",
) -> str:
    """Set an article's date by hand (date_source='analyst'); `published` is filled only for a full date.
    Returns the batch id (`undo_batch`), as `set_article_dates` does for many.

    >>> from core.models import Article
    >>> from core.store import db as store
    >>> db = connection.connect(":memory:")
    >>> aid, _ = store.add_article(db, Article("Tin", "", "Nga nói.", "a.txt", "raw"))
    >>> _ = set_article_date(db, aid, year=2016, month=11, day=24, who="lan")
    >>> edits.article_date_row(db, aid)["published"]
    '2016-11-24'
    >>> _ = set_article_date(db, aid, year=2016, who="lan")
    >>> edits.article_date_row(db, aid)["published"] is None
    True
    """
    return _set_dates(db, [article_id], year, month, day, keep_day_month=False, who=who, why=why)


def set_article_dates(
    db: sqlite_utils.Database,
    article_ids: list[int],
    *,
    year: int,
    month: int | None = None,
    day: int | None = None,
    who: str,
    why: str = "",
) -> str:
    """Date many articles at once, e.g. the rows an analyst selected or every article the filters select.

    With a month (and day), every article gets that date. With a year alone, each article keeps its own day
    and month (a dateline's "Ngày 24/11" gets its year), so one click dates a whole wire series. One
    transaction and one `article_date` correction per article sharing a batch id (returned): `undo_batch`
    gives every article the date it had before, and a later correction of an article still holds. Unknown
    ids, or a year some article's day and month do not exist in (29/2), are refused before anything is
    written, with the articles named.

    >>> from core.models import Article, DateInfo
    >>> from core.store import db as store
    >>> db = connection.connect(":memory:")
    >>> ids = [store.add_article(db, Article(f"Tin {d}", "", f"Nga {d}.", f"{d}.txt", "raw",
    ...        date=DateInfo(d, 11, None, "dateline")))[0] for d in (3, 24)]
    >>> batch = set_article_dates(db, ids, year=2016, who="lan", why="loạt tin tháng 11/2016")
    >>> [edits.article_date_row(db, i)["published"] for i in ids]
    ['2016-11-03', '2016-11-24']
    >>> undo_batch(db, batch, who="lan")
    2
    >>> [edits.article_date_row(db, i)["year"] for i in ids]
    [None, None]
    """
    return _set_dates(db, article_ids, year, month, day, keep_day_month=month is None, who=who, why=why)


def _set_dates(
    db: sqlite_utils.Database,
    article_ids: list[int],
    year: int,
    month: int | None,
    day: int | None,
    *,
    keep_day_month: bool,
    who: str,
    why: str,
) -> str:
    check_date(year, month, day)
    if not who.strip():
        raise ValueError("a date needs the analyst's name (who)")
    who, why = who.strip(), why.strip()
    ids = list(dict.fromkeys(int(i) for i in article_ids))
    if not ids:
        raise ValueError("no articles to date")
    batch = uuid.uuid4().hex[:12]
    evidence = f"analyst {who}" + (f": {why}" if why else "")
    with connection.transaction(db):
        before = edits.article_date_rows(db, ids)
        unknown = [i for i in ids if i not in before]
        if unknown:
            raise ValueError(f"no article with id {', '.join(map(str, unknown[:5]))}")
        wanted: dict[int, tuple[int | None, int | None]] = {}
        bad: list[str] = []
        for i in ids:
            m, d = (before[i]["month"], before[i]["day"]) if keep_day_month else (month, day)
            if m is None:
                d = None  # a day without its month dates nothing
            try:
                check_date(year, m, d)
            except ValueError as exc:
                bad.append(f"article {i}: {exc}")
            wanted[i] = (m, d)
        if bad:
            more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
            raise ValueError("; ".join(bad[:5]) + more)
        for i in ids:
            m, d = wanted[i]
            edits.write_article_date(db, i, year, m, d, evidence)
            new = {
                "year": year,
                "month": m,
                "day": d,
                "evidence": evidence,
                "batch": batch,
                "articles": len(ids),
            }
            edits.record_correction(db, "article_date", i, before[i], new, who, why)
    return batch


def rename_entity(
    db: sqlite_utils.Database, entity_id: int, new_name: str, *, who: str, why: str = ""
) -> None:
    """Give an entity its proper canonical name; if that name already exists the two are merged."""
    new_name = new_name.strip()
    if not new_name:
        raise ValueError("empty name")
    with connection.transaction(db):
        row = _need_entity(db, entity_id)
        entities.rename_entity_row(db, entity_id, new_name)
        into = entities.entity_by_key(db, new_name, row["type"])
        new = {"id": into, "name": new_name, "type": row["type"]}
        edits.record_correction(db, "entity_rename", entity_id, _entity_ref(row), new, who, why)


def merge_entities(
    db: sqlite_utils.Database, source_id: int, into_id: int, *, who: str, why: str = ""
) -> None:
    """Fold one entity into another ("Putin" into "Vladimir Putin"); mentions and statements follow."""
    if source_id == into_id:
        raise ValueError("an entity cannot be merged into itself")
    with connection.transaction(db):
        src, into = _need_entity(db, source_id), _need_entity(db, into_id)
        entities.merge_entity_rows(db, source_id, into_id)
        edits.record_correction(db, "entity_merge", source_id, _entity_ref(src), _entity_ref(into), who, why)


def set_entity_side(db: sqlite_utils.Database, entity_id: int, side: str, *, who: str, why: str = "") -> None:
    """Put an entity on the NATO side, the Russian side or neither; its statements follow."""
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}")
    with connection.transaction(db):
        row = _need_entity(db, entity_id)
        entities.set_entity_side_row(db, entity_id, side)
        old = {**_entity_ref(row), "side": row["side"]}
        edits.record_correction(db, "entity_side", entity_id, old, {"side": side}, who, why)


def set_statement_speaker(
    db: sqlite_utils.Database, statement_id: int, entity_id: int, *, who: str, why: str = ""
) -> None:
    """Attribute a statement to another entity (e.g. 'ông' resolved to the wrong person)."""
    with connection.transaction(db):
        row, key = _statement_key(db, statement_id)
        ent = _need_entity(db, entity_id)
        before = entities.entity_row(db, row["speaker_id"]) if row["speaker_id"] is not None else None
        edits.set_statement_speaker_rows(db, key, entity_id)
        # The previous speaker by (name, type) too, so an undo finds it again after re-extraction.
        old = {
            "key": key,
            "speaker_id": row["speaker_id"],
            "speaker": _entity_ref(before) if before else None,
        }
        edits.record_correction(db, "statement_speaker", statement_id, old, _entity_ref(ent), who, why)


def set_statement_stance(
    db: sqlite_utils.Database,
    statement_id: int,
    stance: str,
    score: float | None = None,
    *,
    who: str,
    why: str = "",
) -> None:
    """Override a statement's stance (and optionally its score in [-10, 10])."""
    if stance not in STANCES:
        raise ValueError(f"stance must be one of {STANCES}")
    if score is not None and not -10 <= score <= 10:
        raise ValueError("score must be in [-10, 10]")
    with connection.transaction(db):
        row, key = _statement_key(db, statement_id)
        edits.set_statement_stance_rows(db, key, stance, score)
        old = {"key": key, "stance": row["stance"], "score": row["score"]}
        edits.record_correction(
            db, "statement_stance", statement_id, old, {"stance": stance, "score": score}, who, why
        )


def drop_statement(db: sqlite_utils.Database, statement_id: int, *, who: str, why: str = "") -> None:
    """Say a row is no statement (a narrated act, a headline, an outlet's own analysis): it leaves every view and
    count, stays out after re-extraction, and `python -m core.quality.realness --db` learns from it. The rows are
    kept in the correction, so an undo puts them back."""
    with connection.transaction(db):
        _, key = _statement_key(db, statement_id)
        rows = edits.statement_rows(db, key)
        edits.drop_statement_rows(db, key)
        edits.record_correction(db, "statement_drop", statement_id, {"key": key, "rows": rows}, {}, who, why)


def _relevant_flag(relevant: object) -> int:
    if relevant not in (0, 1, True, False, "0", "1"):
        raise ValueError(f"relevant must be 1 (on-topic) or 0 (off-topic), not {relevant!r}")
    return int(relevant)


def mark_articles(
    db: sqlite_utils.Database, article_ids: list[int], relevant: object, *, who: str, why: str = ""
) -> str:
    """Mark articles on-topic (1) or off-topic (0) by hand, e.g. every article the current filters select.

    One transaction and one `article_relevance` correction per article, all sharing a batch id (returned) so
    `undo_batch` takes the whole marking back at once. The flag is replayed after every re-extraction; an
    undo restores the verdict the article had before (the extraction's own). Unknown ids are refused before
    anything is written.

    >>> from core.models import Article, Extraction
    >>> from core.store import db as store
    >>> db = connection.connect(":memory:")
    >>> ex = Extraction((), (), (), relevant=True)
    >>> ids = [store.add_article(db, Article(f"Tin {i}", "", f"Nga {i}.", f"{i}.txt", "raw"), ex)[0] for i in range(3)]
    >>> batch = mark_articles(db, ids, 0, who="lan", why="bóng đá")
    >>> [edits.article_relevant(db, i) for i in ids]
    [0, 0, 0]
    >>> undo_batch(db, batch, who="lan")
    3
    >>> [edits.article_relevant(db, i) for i in ids]
    [1, 1, 1]
    """
    return _mark(db, article_ids, relevant, who=who, why=why)[0]


def _mark(
    db: sqlite_utils.Database, article_ids: list[int], relevant: object, *, who: str, why: str = ""
) -> tuple[str, list[int]]:
    """One marking: the batch id and the correction ids, in one transaction."""
    flag = _relevant_flag(relevant)
    if not who.strip():
        raise ValueError("a marking needs the analyst's name (who)")
    ids = list(dict.fromkeys(int(i) for i in article_ids))
    if not ids:
        raise ValueError("no articles to mark")
    batch, done = uuid.uuid4().hex[:12], []
    with connection.transaction(db):
        before = {i: edits.article_relevant(db, i, missing=-1) for i in ids}
        unknown = [i for i, v in before.items() if v == -1]
        if unknown:
            raise ValueError(f"no article with id {', '.join(map(str, unknown[:5]))}")
        for i in ids:
            edits.set_article_relevant(db, i, flag)
            new = {"relevant": flag, "batch": batch, "articles": len(ids)}
            done.append(
                edits.record_correction(
                    db, "article_relevance", i, {"relevant": before[i]}, new, who.strip(), why
                )
            )
    return batch, done


def mark_article(
    db: sqlite_utils.Database, article_id: int, relevant: object, *, who: str, why: str = ""
) -> int:
    """Mark one article on-topic (1) or off-topic (0); returns the correction's id (for `undo`)."""
    return _mark(db, [article_id], relevant, who=who, why=why)[1][0]


def undo_batch(db: sqlite_utils.Database, batch: str, *, who: str, why: str = "") -> int:
    """Take back every correction of one `mark_articles` or `set_article_dates` call still in force, in one
    transaction; returns how many were undone. Each gets its own 'undo' record, as `undo` writes; an article
    marked or dated again later keeps that later correction."""
    with connection.transaction(db):
        rows = edits.correction_batch(db, batch)
        if not rows:
            raise ValueError(f"no marking or date {batch!r} left to undo")
        for c in rows:
            full = edits.correction_row(db, c["id"])
            record = {k: full[k] for k in ("what", "target_id", "who", "at", "why")}
            edits.record_correction(db, "undo", c["id"], record, {"undone": True}, who, why)
            if c["what"] == "article_relevance":
                edits.set_article_relevant(db, c["target_id"], c["old"]["relevant"])
            else:
                edits.restore_article_date(db, c["target_id"], c["old"])
        marked = [c["target_id"] for c in rows if c["what"] == "article_relevance"]
        for article_id, flag in edits.held_relevance(db, marked).items():
            edits.set_article_relevant(db, article_id, flag)
        _replay_dates(db, [c["target_id"] for c in rows if c["what"] == "article_date"])
    return len(rows)


def _replay_dates(db: sqlite_utils.Database, article_ids: list[int]) -> None:
    """After an undo: the date corrections of these articles that still hold (the latest wins) again."""
    for article_id, new in edits.held_dates(db, article_ids).items():
        edits.write_article_date(db, article_id, new["year"], new["month"], new["day"], new["evidence"])


UNDOABLE = (
    "statement_stance",
    "statement_speaker",
    "statement_drop",
    "entity_side",
    "article_relevance",
    "article_date",
)


def undo(db: sqlite_utils.Database, correction_id: int, *, who: str, why: str = "") -> None:
    """Take a correction back: its rows return to what they were before it, and it is never replayed again.

    The correction stays in the table (with an 'undo' record naming it, who and why), so the history of a
    statement is never lost; `python -m core.quality.train --db` no longer learns from it. Later corrections of the
    same statement or entity still hold: they are replayed after the rows are restored.

    >>> from core.models import Article, Entity, Extraction, Sentence, Statement
    >>> from core.store import db as store
    >>> db = connection.connect(":memory:")
    >>> st = Statement(None, "ông", "nói", "Nga muốn đối thoại", True, "neutral", 0.0, 1, "body", 0, 18)
    >>> ex = Extraction((Sentence(1, "body", 0, 18, "Nga muốn đối thoại"),), (), (st,), relevant=True)
    >>> aid, _ = store.add_article(db, Article("Tin", "", "Nga muốn đối thoại", "a.txt", "raw"), ex)
    >>> sid = db.execute("SELECT id FROM statements").fetchone()[0]
    >>> set_statement_stance(db, sid, "cooperative", who="lan", why="muốn đối thoại")
    >>> cid = list_corrections(db)[-1]["id"]
    >>> undo(db, cid, who="lan", why="misread")
    >>> edits.statement_row(db, sid)["stance"]
    'neutral'
    """
    with connection.transaction(db):
        c = edits.correction_row(db, correction_id)
        if c is None:
            raise ValueError(f"no correction with id {correction_id}")
        if c["what"] not in UNDOABLE:
            raise ValueError(f"a {c['what']} correction cannot be undone here (only {', '.join(UNDOABLE)})")
        if correction_id in edits.undone_ids(db):
            raise ValueError(f"correction {correction_id} was already undone")
        old = json.loads(c["old"] or "null")
        record = {k: c[k] for k in ("what", "target_id", "who", "at", "why")}
        edits.record_correction(db, "undo", correction_id, record, {"undone": True}, who, why)
        if c["what"] == "statement_stance":
            edits.set_statement_stance_rows(db, old["key"], old["stance"], old["score"])
            edits.apply_corrections(db, old["key"]["article_id"])
        elif c["what"] == "statement_drop":
            edits.restore_statement_rows(db, old["key"], old["rows"])
            edits.apply_corrections(db, old["key"]["article_id"])  # its stance or speaker fixes still hold
        elif c["what"] == "statement_speaker":
            ref = old.get("speaker")
            before = entities.current_entity(db, ref) if ref else None
            if before is None and ref is None and old.get("speaker_id") is not None:
                before = old["speaker_id"] if entities.entity_row(db, old["speaker_id"]) else None
            if before is None:
                edits.unset_statement_speaker_rows(db, old["key"])
            else:
                edits.set_statement_speaker_rows(db, old["key"], before)
            edits.apply_corrections(db, old["key"]["article_id"])
        elif c["what"] == "article_relevance":
            edits.set_article_relevant(db, c["target_id"], old["relevant"])
            edits.apply_corrections(db, c["target_id"])  # a later marking of the article still holds
        elif c["what"] == "article_date":
            edits.restore_article_date(db, c["target_id"], old)
            _replay_dates(db, [c["target_id"]])  # another date correction of the article still holds
        else:  # entity_side
            ent = entities.current_entity(db, old)
            if ent is not None:
                entities.set_entity_side_row(db, ent, old["side"])
            edits.apply_corrections(db)


def merge_name_variants(
    db: sqlite_utils.Database, *, who: str = "name-variants", dry_run: bool = False
) -> list[tuple[dict, dict]]:
    """Fold spellings of one person's name across the store into one entity ("Jakub Kulhannek" into
    "Jakub Kulhanek"), by core.nlp.variants.same_person; returns the (variant, kept) pairs.

    Within an article merge_names already joins them, and a spelling of a knowledge-file person resolves to
    that actor; this catches a person the knowledge file does not know, spelt one way in one article and
    another way in the next. The name kept is the knowledge file's, else the most mentioned, else the
    longest. Two knowledge-file actors are never merged. Then a name typed two ways folds into its usual type
    (`_typed_twice`). Each merge is an `entity_merge` correction (who,
    and the reason in `why`), so it survives re-extraction and shows in the corrections table.
    """
    from core.nlp.variants import name_keys, same_person

    people = entities.person_entities(db)
    # Every word pair of two spellings starts with the same letter: bucket by word count and initials.
    buckets: dict[tuple, list[dict]] = {}
    for p in people:
        keys = name_keys(p["name"])
        if keys:
            buckets.setdefault(tuple(k[0] for k in keys), []).append(p)
    pairs: list[tuple[dict, dict]] = []
    for group in buckets.values():
        # the knowledge file's name, else one not in capitals ("MATTHE ROJANSKY" is a heading), else the most used
        group.sort(
            key=lambda p: (p["kb_id"] is None, p["name"].isupper(), -p["mentions"], -len(p["name"]), p["id"])
        )
        merged: set[int] = set()
        for i, keep in enumerate(group):
            if keep["id"] in merged:
                continue
            for other in group[i + 1 :]:
                if other["id"] in merged or (keep["kb_id"] and other["kb_id"]):
                    continue
                if same_person(other["name"], keep["name"]):
                    merged.add(other["id"])
                    pairs.append((other, keep))
    if dry_run:
        return pairs + _typed_twice(db)
    # All merges in one transaction: a whole-archive ingest makes about 200 after the workers are done, and a
    # commit each was a third of this single-core pass. Either all of them hold or none does.
    with connection.transaction(db):
        for other, keep in pairs:
            why = (
                f"spelling of one name: {other['name']!r} -> {keep['name']!r} (core.nlp.variants.same_person)"
            )
            merge_entities(db, other["id"], keep["id"], who=who, why=why)
        typed = _typed_twice(db)
        for other, keep in typed:
            why = (
                f"one name typed two ways: {other['name']!r} {other['type']} ({other['mentions']} mentions) -> "
                f"{keep['type']} ({keep['mentions']})"
            )
            merge_entities(db, other["id"], keep["id"], who=who, why=why)
    return pairs + typed


def _typed_twice(db: sqlite_utils.Database) -> list[tuple[dict, dict]]:
    """A name the tagger typed one way in most stories and another way in a few ("Hillary Clinton" a person in 79
    mentions, a place in 13; "Kurd" a place in 28, a person in 13) is one entity, of the type of at least twice
    as many mentions. A knowledge-file actor is never folded away; close counts ("Petersburg" 9 / 5) stay apart."""
    by_name: dict[str, list[dict]] = {}
    for row in entities.entities_typed_twice(db):
        by_name.setdefault(row["name"], []).append(row)
    pairs = []
    for group in by_name.values():
        keep = max(group, key=lambda r: (r["kb_id"] is not None, r["mentions"], -r["id"]))
        pairs += [
            (other, keep)
            for other in group
            if other is not keep
            and other["kb_id"] is None
            and keep["mentions"] >= 2 * max(other["mentions"], 1)
        ]
    return pairs


def main(argv: list[str] | None = None) -> int:
    """`python -m core.store.corrections --merge-variants [--db DB] [--dry-run]`: merge spellings of one person's
    name across the store, and a name typed two ways, printing each merge."""
    import argparse
    import sys

    from core.config import db_path

    parser = argparse.ArgumentParser(prog="python -m core.store.corrections", description=main.__doc__)
    parser.add_argument("--merge-variants", action="store_true", help="merge spellings of one person's name")
    parser.add_argument("--db", help="the store (default: $NEWS_DB or data/news.db)")
    parser.add_argument("--dry-run", action="store_true", help="print the merges without making them")
    args = parser.parse_args(argv)
    if not args.merge_variants:
        parser.print_help()
        return 2
    path = db_path(args.db)
    if not path.exists():
        print(f"no store at {path}", file=sys.stderr)
        return 2
    db = connection.connect(path)
    try:
        pairs = merge_name_variants(db, dry_run=args.dry_run)
    finally:
        db.close()
    for other, keep in pairs:
        kinds = (f" {other['type']}", f" {keep['type']}") if "type" in other else ("", "")
        print(
            f"{other['name']}{kinds[0]} ({other['mentions']}) -> {keep['name']}{kinds[1]} ({keep['mentions']})"
        )
    print(f"{len(pairs)} {'would be merged' if args.dry_run else 'merged'}")
    return 0


def list_corrections(db: sqlite_utils.Database) -> list[dict]:
    """Every correction, oldest first (old/new are JSON text)."""
    return edits.list_corrections(db)


def apply_all(db: sqlite_utils.Database, article_id: int | None = None) -> int:
    """Replay corrections (all, or those touching one article); returns how many took effect."""
    with connection.transaction(db):
        return edits.apply_corrections(db, article_id)


if __name__ == "__main__":
    raise SystemExit(main())
