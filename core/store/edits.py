"""The SQL of analyst corrections: the correction log, the row edits each kind makes, and their replay.

Why a module of its own: corrections must survive re-extraction, so they are a log replayed in order after
every extraction (`apply_corrections`, inside the extraction's transaction), never a one-off UPDATE. Entity
corrections are keyed by the entity's (name, type), statement corrections by (article id, sentence index,
speaker text), never by a row id that re-extraction replaces. core.store.corrections validates an analyst's
change and records it; the rows it writes and the replay are here.
"""

from __future__ import annotations

import json

import sqlite_utils

from core.store.aggregates import reaggregate
from core.store.connection import now
from core.store.entities import (
    apply_entity_key,
    current_entity,
    entity_row,
    rename_entity_row,
    set_entity_side_row,
)

CORRECTION_KINDS = (
    "article_date",  # target_id: the article; new {"year", "month", "day", "evidence", "batch"}; old its date row
    "article_relevance",  # target_id: the article; new {"relevant": 0|1, "batch"}; old {"relevant"}
    "entity_rename",
    "entity_merge",
    "entity_side",
    "statement_speaker",
    "statement_stance",
    "statement_drop",  # target_id: the statement; old {"key", "rows"}: the rows taken out, for an undo
    "undo",  # target_id: the correction taken back (kept for the record, never replayed)
)


def record_correction(
    db: sqlite_utils.Database, what: str, target_id: int, old: object, new: object, who: str, why: str
) -> int:
    """Append one correction; `old` and `new` are JSON so keys and values stay machine-readable."""
    if what not in CORRECTION_KINDS:
        raise ValueError(f"unknown correction kind: {what}")
    cur = db.execute(
        "INSERT INTO corrections(what, target_id, old, new, who, at, why) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            what,
            target_id,
            json.dumps(old, ensure_ascii=False),
            json.dumps(new, ensure_ascii=False),
            who,
            now(),
            why,
        ],
    )
    return cur.lastrowid


def list_corrections(db: sqlite_utils.Database) -> list[dict]:
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    rows = db.execute("SELECT id, what, target_id, old, new, who, at, why FROM corrections ORDER BY id")
    return [dict(zip(cols, r, strict=True)) for r in rows]


def correction_row(db: sqlite_utils.Database, correction_id: int) -> dict | None:
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    row = db.execute(
        "SELECT id, what, target_id, old, new, who, at, why FROM corrections WHERE id = ?", [correction_id]
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def undone_ids(db: sqlite_utils.Database) -> set[int]:
    """Ids of the corrections an analyst took back (each has an 'undo' record naming it)."""
    return {r[0] for r in db.execute("SELECT target_id FROM corrections WHERE what = 'undo'")}


def article_date_row(db: sqlite_utils.Database, article_id: int) -> dict | None:
    row = db.execute(
        "SELECT year, month, day, published, date_source, date_evidence FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("year", "month", "day", "published", "date_source", "date_evidence"), row, strict=True))


def write_article_date(
    db: sqlite_utils.Database, article_id: int, year: int, month: int | None, day: int | None, evidence: str
) -> None:
    published = f"{year:04d}-{month:02d}-{day:02d}" if (year and month and day) else None
    db.execute(
        """UPDATE articles SET year = ?, month = ?, day = ?, published = ?, date_source = 'analyst',
           date_evidence = ? WHERE id = ?""",
        [year, month, day, published, evidence, article_id],
    )
    reaggregate(db, [article_id])


def restore_article_date(db: sqlite_utils.Database, article_id: int, old: dict) -> int:
    """Put back an article's date as a correction found it (`article_date_row`'s keys: the date, its source
    and its evidence), for an undo; 1 when the article exists."""
    cur = db.execute(
        """UPDATE articles SET year = ?, month = ?, day = ?, published = ?, date_source = ?, date_evidence = ?
           WHERE id = ?""",
        [
            old.get("year"),
            old.get("month"),
            old.get("day"),
            old.get("published"),
            old.get("date_source"),
            old.get("date_evidence"),
            article_id,
        ],
    )
    if cur.rowcount:
        reaggregate(db, [article_id])
    return int(cur.rowcount > 0)


def _held(db: sqlite_utils.Database, what: str, article_ids: list[int]) -> dict[int, dict]:
    """Each article's latest `what` correction still in force (article id -> its `new`), in one pass (an undo
    of thousands of markings or dates must not scan the corrections once per article)."""
    if not article_ids:
        return {}
    rows = db.execute(
        """SELECT target_id, new FROM (
               SELECT target_id, new, row_number() OVER (PARTITION BY target_id ORDER BY id DESC) AS k
               FROM corrections WHERE what = ?
                 AND target_id IN (SELECT value FROM json_each(?))
                 AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo'))
           WHERE k = 1""",
        [what, json.dumps([int(i) for i in article_ids])],
    )
    return {r[0]: json.loads(r[1]) for r in rows}


def held_dates(db: sqlite_utils.Database, article_ids: list[int]) -> dict[int, dict]:
    """Each article's latest `article_date` correction still in force (article id -> its `new`)."""
    return _held(db, "article_date", article_ids)


def article_date_rows(db: sqlite_utils.Database, article_ids: list[int]) -> dict[int, dict]:
    """`article_date_row` for many articles in one query (id -> row); ids without an article are absent."""
    if not article_ids:
        return {}
    keys = ("year", "month", "day", "published", "date_source", "date_evidence")
    rows = db.execute(
        """SELECT id, year, month, day, published, date_source, date_evidence FROM articles
           WHERE id IN (SELECT value FROM json_each(?))""",
        [json.dumps([int(i) for i in article_ids])],
    )
    return {r[0]: dict(zip(keys, r[1:], strict=True)) for r in rows}


def statement_row(db: sqlite_utils.Database, statement_id: int) -> dict | None:
    cols = ("id", "article_id", "speaker_id", "speaker_text", "sentence", "stance", "score")
    row = db.execute(
        "SELECT id, article_id, speaker_id, speaker_text, sentence, stance, score FROM statements WHERE id = ?",
        [statement_id],
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def _statement_ids(db: sqlite_utils.Database, key: dict) -> list[int]:
    rows = db.execute(
        "SELECT id FROM statements WHERE article_id = ? AND sentence = ? AND speaker_text = ?",
        [key["article_id"], key["sentence"], key["speaker_text"]],
    )
    return [r[0] for r in rows]


def set_statement_speaker_rows(db: sqlite_utils.Database, key: dict, entity_id: int) -> int:
    ent = entity_row(db, entity_id)
    if ent is None:
        return 0
    ids = _statement_ids(db, key)
    for sid in ids:
        db.execute(
            "UPDATE statements SET speaker_id = ?, speaker_side = ? WHERE id = ?",
            [entity_id, ent["side"], sid],
        )
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def unset_statement_speaker_rows(db: sqlite_utils.Database, key: dict) -> int:
    """Back to no resolved speaker (as extraction stores it: side 'other')."""
    ids = _statement_ids(db, key)
    for sid in ids:
        db.execute("UPDATE statements SET speaker_id = NULL, speaker_side = 'other' WHERE id = ?", [sid])
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def set_statement_stance_rows(db: sqlite_utils.Database, key: dict, stance: str, score: float | None) -> int:
    ids = _statement_ids(db, key)
    for sid in ids:
        if score is None:
            db.execute("UPDATE statements SET stance = ? WHERE id = ?", [stance, sid])
        else:
            db.execute("UPDATE statements SET stance = ?, score = ? WHERE id = ?", [stance, score, sid])
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def statement_rows(db: sqlite_utils.Database, key: dict) -> list[dict]:
    """Every column of the statements under `key`, as rows a drop keeps so that its undo can put them back."""
    cur = db.execute(
        "SELECT * FROM statements WHERE article_id = ? AND sentence = ? AND speaker_text = ? ORDER BY id",
        [key["article_id"], key["sentence"], key["speaker_text"]],
    )
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def drop_statement_rows(db: sqlite_utils.Database, key: dict) -> int:
    """Take the statements under `key` out of the store: an analyst said they are no statement."""
    ids = _statement_ids(db, key)
    if ids:
        db.execute(f"DELETE FROM statements WHERE id IN ({','.join('?' * len(ids))})", ids)
        reaggregate(db, [key["article_id"]])
    return len(ids)


def restore_statement_rows(db: sqlite_utils.Database, key: dict, rows: list[dict]) -> int:
    """Put dropped statements back (new ids), unless statements under `key` exist again (re-extracted)."""
    if _statement_ids(db, key) or not rows:
        return 0
    cols = [c for c in rows[0] if c != "id"]
    for row in rows:
        db.execute(
            f"INSERT INTO statements ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
    reaggregate(db, [key["article_id"]])
    return len(rows)


def set_article_relevant(db: sqlite_utils.Database, article_id: int, relevant: int | None) -> int:
    """Set one article's relevance flag (an analyst's verdict or the extraction's, restored by an undo) and
    bring its aggregates up to date; 1 when the article exists."""
    cur = db.execute(
        "UPDATE articles SET relevant = ? WHERE id = ?",
        [None if relevant is None else int(relevant), article_id],
    )
    if cur.rowcount:
        reaggregate(db, [article_id])
    return int(cur.rowcount > 0)


def article_relevant(db: sqlite_utils.Database, article_id: int, missing: int | None = None) -> int | None:
    """An article's relevance flag (None: not judged yet; `missing` when there is no such article)."""
    row = db.execute("SELECT relevant FROM articles WHERE id = ?", [article_id]).fetchone()
    return missing if row is None else row[0]


def relevance_batch(db: sqlite_utils.Database, batch: str) -> list[dict]:
    """The `article_relevance` corrections of one bulk marking that still hold: {id, target_id, old}."""
    rows = db.execute(
        """SELECT id, target_id, old FROM corrections
           WHERE what = 'article_relevance' AND json_extract(new, '$.batch') = ?
             AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo') ORDER BY id""",
        [batch],
    )
    return [{"id": r[0], "target_id": r[1], "old": json.loads(r[2] or "null")} for r in rows]


BATCHED = (
    "article_relevance",
    "article_date",
)  # the kinds one call writes for many articles under a batch id


def correction_batch(db: sqlite_utils.Database, batch: str) -> list[dict]:
    """The corrections of one batch (a bulk marking or a bulk date) that still hold: {id, what, target_id,
    old}, oldest first."""
    rows = db.execute(
        """SELECT id, what, target_id, old FROM corrections
           WHERE what IN ('article_relevance', 'article_date') AND json_extract(new, '$.batch') = ?
             AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo') ORDER BY id""",
        [batch],
    )
    return [{"id": r[0], "what": r[1], "target_id": r[2], "old": json.loads(r[3] or "null")} for r in rows]


def held_relevance(db: sqlite_utils.Database, article_ids: list[int]) -> dict[int, int]:
    """Each article's latest `article_relevance` marking still in force (article id -> 0/1)."""
    return {i: new.get("relevant") for i, new in _held(db, "article_relevance", article_ids).items()}


def _replayed_corrections(db: sqlite_utils.Database, article_id: int | None) -> list[dict]:
    """The corrections to replay, oldest first: for one article, its own article-level ones (a bulk marking
    of thousands of articles must not be read back on every article's re-extraction) and all others."""
    if article_id is None:
        return list_corrections(db)
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    rows = db.execute(
        """SELECT id, what, target_id, old, new, who, at, why FROM corrections
           WHERE what NOT IN ('article_relevance', 'article_date') OR target_id = ? ORDER BY id""",
        [article_id],
    )
    return [dict(zip(cols, r, strict=True)) for r in rows]


def apply_corrections(db: sqlite_utils.Database, article_id: int | None = None) -> int:
    """Replay every correction in order (statement and date ones only for `article_id` when given).

    Idempotent: replaying twice gives the same rows. Runs inside the caller's transaction.
    """
    applied = 0
    undone = undone_ids(db)
    for c in _replayed_corrections(db, article_id):
        if c["what"] == "undo" or c["id"] in undone:
            continue
        old, new = json.loads(c["old"] or "null"), json.loads(c["new"] or "null")
        what = c["what"]
        if what == "article_relevance":
            applied += set_article_relevant(db, c["target_id"], new["relevant"])
        elif what == "article_date":
            mine = article_id is None or c["target_id"] == article_id
            if mine and article_date_row(db, c["target_id"]) is not None:
                write_article_date(db, c["target_id"], new["year"], new["month"], new["day"], new["evidence"])
                applied += 1
        elif what in ("entity_rename", "entity_merge"):
            into = current_entity(db, new)
            if into is None:
                continue
            if what == "entity_rename":
                row = entity_row(db, into)
                if row["name"] != new["name"]:
                    rename_entity_row(db, into, new["name"])
                    into = current_entity(db, new)
            apply_entity_key(db, old, into)
            applied += 1
        elif what == "entity_side":
            ent = current_entity(db, old)
            if ent is not None:
                set_entity_side_row(db, ent, new["side"])
                applied += 1
        elif what in ("statement_speaker", "statement_stance", "statement_drop"):
            if article_id is not None and old["key"]["article_id"] != article_id:
                continue
            if what == "statement_drop":
                applied += bool(drop_statement_rows(db, old["key"]))
            elif what == "statement_speaker":
                ent = current_entity(db, new)
                if ent is not None:
                    applied += bool(set_statement_speaker_rows(db, old["key"], ent))
            else:
                applied += bool(set_statement_stance_rows(db, old["key"], new["stance"], new["score"]))
    return applied
