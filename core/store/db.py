"""The store's public write API: articles, failures and extraction results, and reading them back.

This is the module callers import (`from core.store import db as store`): it also re-exports the opening,
transaction and migration names of core.store.connection and core.store.migrations, so callers keep one
import. Every write is one transaction per article, so a kill -9 loses at most the article in flight; the
content hash makes a re-run skip what is already stored and finish the rest.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3

import sqlite_utils

from core.models import Article, Failure
from core.store import search
from core.store.aggregates import reaggregate, rebuild_aggregates
from core.store.connection import (
    BUSY_TIMEOUT_MS,
    LOCK_WAIT_S,
    StoreError,
    connect,
    is_busy,
    is_full,
    migrate,
    now,
    path_of,
    pending_migrations,
    read_only,
    schema_version,
    transaction,
)
from core.store.migrations import MIGRATIONS, migration
from core.text.textnorm import fold, squash

__all__ = [
    "BUSY_TIMEOUT_MS",
    "LOCK_WAIT_S",
    "MIGRATIONS",
    "StoreError",
    "connect",
    "is_busy",
    "is_full",
    "migrate",
    "migration",
    "now",
    "path_of",
    "pending_migrations",
    "read_only",
    "rebuild_aggregates",
    "schema_version",
    "transaction",
]

_WS = re.compile(r"\s+")


def content_hash(article: Article, folded_body: str | None = None) -> str:
    """The same story is the same body, whatever file or format it came in; short texts add the title."""
    body = _WS.sub(" ", folded_body if folded_body is not None else fold(article.body)).strip()
    key = body if len(body) >= 200 else squash(article.title) + "|" + squash(article.lede) + "|" + body
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def article_row(article: Article, ingested_at: str, digest: str | None = None) -> dict:
    d = article.date
    return {
        "title": article.title,
        "lede": article.lede,
        "body": article.body,
        "source": article.source,
        "url": article.url,
        "published": d.iso,
        "day": d.day,
        "month": d.month,
        "year": d.year,
        "date_source": d.source,
        "date_evidence": d.evidence,
        "origin": article.origin,
        "raw": article.raw,
        "ingested_at": ingested_at,
        "format": article.format,
        "captions": json.dumps(list(article.captions), ensure_ascii=False),
        "links": json.dumps(list(article.links), ensure_ascii=False),
        "content_hash": digest or content_hash(article),
        "title_key": squash(article.title),
        "crawled_at": article.crawled_at,
        "section": article.section,
    }


_ARTICLE_COLUMNS = [
    "title",
    "lede",
    "body",
    "source",
    "url",
    "published",
    "day",
    "month",
    "year",
    "date_source",
    "date_evidence",
    "origin",
    "raw",
    "ingested_at",
    "format",
    "captions",
    "links",
    "content_hash",
    "title_key",
    "crawled_at",
    "section",
]
# Column names come from the fixed tuple above, values are bound parameters.
_INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join(':' + c for c in _ARTICLE_COLUMNS)})"


def article_count(db: sqlite_utils.Database) -> int:
    """How many articles the store holds (an ingest reports the difference when it has to stop early)."""
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def find_by_hash(db: sqlite_utils.Database, digest: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [digest]).fetchone()
    return row[0] if row else None


def add_article(
    db: sqlite_utils.Database,
    article: Article,
    extraction=None,
    digest: str | None = None,
    complete: bool = False,
) -> tuple[int, bool]:
    """Store one article (and its extraction, when given) in one transaction.

    Returns (article id, created). An article whose content is already stored is not written again; its
    origin is remembered so the duplicate stays traceable, and with `complete` an extraction it lacks (it was
    stored with --no-nlp) is added.
    """
    folded_body = fold(article.body)
    row = article_row(article, now(), digest or content_hash(article, folded_body))
    conn = db.conn
    with transaction(db):
        existing = find_by_hash(db, row["content_hash"])
        if existing is not None:
            conn.execute(
                "INSERT OR IGNORE INTO origins(article_id, origin, seen_at) VALUES (?, ?, ?)",
                [existing, article.origin, row["ingested_at"]],
            )
            if complete and extraction is not None and not is_processed(db, existing):
                _write_extraction(db, existing, extraction)
            return existing, False
        article_id = conn.execute(_INSERT_ARTICLE, row).lastrowid
        conn.execute(
            "INSERT INTO origins(article_id, origin, seen_at) VALUES (?, ?, ?)",
            [article_id, article.origin, row["ingested_at"]],
        )
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
            [article_id, fold(article.title), fold(article.lede), folded_body],
        )
        conn.execute(
            "INSERT INTO articles_fts_exact(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
            [article_id, row["title"], row["lede"], row["body"]],
        )
        if extraction is not None:
            _write_extraction(db, article_id, extraction)
    return article_id, True


def record_failure(db: sqlite_utils.Database, failure: Failure) -> None:
    """Failures are kept (with their raw bytes) so the dashboard can list them; a repeat updates the time."""
    with transaction(db):
        db.execute(
            """INSERT INTO failures(file, line, reason, time, raw, count) VALUES (?, ?, ?, ?, ?, 1)
               ON CONFLICT(file, line, reason) DO UPDATE SET time = excluded.time, count = count + 1""",
            [failure.origin, failure.line or 0, failure.reason, now(), failure.raw],
        )


# --- extraction results ----------------------------------------------------------------------------------


def _entity_id(db: sqlite_utils.Database, name: str, etype: str, side: str, kb_id: str | None) -> int:
    row = db.execute("SELECT id FROM entities WHERE name = ? AND type = ?", [name, etype]).fetchone()
    if row:
        return row[0]
    return db["entities"].insert({"name": name, "type": etype, "side": side, "kb_id": kb_id}).last_pk


def _write_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    """ex: core.nlp.pipeline.Extraction (sentences, mentions, statements, relevant). Replaces what was there."""
    for table in ("mentions", "statements", "sentences"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])  # table names from a fixed list
    db["sentences"].insert_all(
        [
            {
                "article_id": article_id,
                "idx": s.idx,
                "field": s.field,
                "start": s.start,
                "end": s.end,
                "text": s.text,
            }
            for s in ex.sentences
        ]
    )
    ids: dict[tuple[str, str], int] = {}

    def eid(ent) -> int:
        key = (ent.name, ent.type)
        if key not in ids:
            ids[key] = _entity_id(db, ent.name, ent.type, ent.side, ent.kb_id)
        return ids[key]

    db["mentions"].insert_all(
        [
            {
                "article_id": article_id,
                "entity_id": eid(m.entity),
                "surface": m.surface,
                "sentence": m.sentence,
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "confidence": m.confidence,
                "evidence": m.evidence,
            }
            for m in ex.mentions
        ]
    )
    db["statements"].insert_all(
        [
            {
                "article_id": article_id,
                "speaker_id": eid(s.speaker) if s.speaker else None,
                "speaker_text": s.speaker_text,
                "speaker_side": s.speaker.side if s.speaker else "other",
                "verb": s.verb,
                "text": s.text,
                "quote": int(s.quote),
                "target": eid(s.target) if s.target else None,
                "target_text": s.target_text,
                "stance": s.stance,
                "score": s.score,
                "stance_prob": s.stance_prob,
                "sentence": s.sentence,
                "field": s.field,
                "start": s.start,
                "end": s.end,
                "relay": s.relay,
                "evidence": json.dumps(s.evidence, ensure_ascii=False),
            }
            for s in ex.statements
        ]
    )
    db.execute(
        """UPDATE articles SET relevant = ?, processed_at = ?, relevance_score = ?, relevance_evidence = ?
           WHERE id = ?""",
        [
            int(ex.relevant),
            now(),
            ex.relevance_score,
            json.dumps(list(ex.relevance_evidence), ensure_ascii=False),
            article_id,
        ],
    )
    apply_corrections(db, article_id)  # analyst corrections survive every re-extraction
    reaggregate(db, [article_id])


def save_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    with transaction(db):
        _write_extraction(db, article_id, ex)


# --- full-text search --------------------------------------------------------------------------------------


def fts_query(user_query: str) -> str | None:
    """A user's words -> a safe FTS5 MATCH expression over the folded index (the set every page filters by), or
    None when nothing is left. Every term is a quoted FTS5 string, so operators are plain words and can never
    raise; text in double quotes stays a phrase. Parsing and tiers live in core.store.search (the one search path).
    """
    return search.parse(user_query).match_all()


# --- reading back for reprocessing -------------------------------------------------------------------------


def is_processed(db: sqlite_utils.Database, article_id: int) -> bool:
    row = db.execute("SELECT processed_at FROM articles WHERE id = ?", [article_id]).fetchone()
    return bool(row and row[0])


def article_ids(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]


def load_article(db: sqlite_utils.Database, article_id: int) -> Article:
    from core.models import DateInfo

    r = db["articles"].get(article_id)
    return Article(
        title=r["title"],
        lede=r["lede"] or "",
        body=r["body"],
        origin=r["origin"],
        raw=r["raw"],
        source=r["source"],
        url=r["url"],
        date=DateInfo(r["day"], r["month"], r["year"], r["date_source"], r["date_evidence"]),
        captions=tuple(json.loads(r["captions"] or "[]")),
        links=tuple(json.loads(r["links"] or "[]")),
        format=r["format"] or "text",
        crawled_at=r.get("crawled_at"),
        section=r.get("section"),
    )


# --- analyst corrections (Extraction layer) ----------------------------------------------------------------
# Corrections survive re-extraction: entity corrections are keyed by the entity's (name, type), statement
# corrections by (article id, sentence index, speaker text), never by a row id that re-extraction replaces.
# `apply_corrections` runs at the end of every `_write_extraction`, inside the same transaction.

CORRECTION_KINDS = (
    "article_date",
    "article_relevance",  # target_id: the article; new {"relevant": 0|1, "batch"}; old {"relevant"}
    "entity_rename",
    "entity_merge",
    "entity_side",
    "statement_speaker",
    "statement_stance",
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


def person_entities(db: sqlite_utils.Database) -> list[dict]:
    """Every person entity with its mention count (for merging spellings of one name across the store)."""
    rows = db.execute(
        """SELECT e.id, e.name, e.kb_id, e.side, COUNT(m.id) FROM entities e
           LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.type = 'PER' GROUP BY e.id ORDER BY e.id"""
    )
    return [dict(zip(("id", "name", "kb_id", "side", "mentions"), r, strict=True)) for r in rows]


def entity_row(db: sqlite_utils.Database, entity_id: int) -> dict | None:
    row = db.execute("SELECT id, name, type, side, kb_id FROM entities WHERE id = ?", [entity_id]).fetchone()
    return dict(zip(("id", "name", "type", "side", "kb_id"), row, strict=True)) if row else None


def statement_row(db: sqlite_utils.Database, statement_id: int) -> dict | None:
    cols = ("id", "article_id", "speaker_id", "speaker_text", "sentence", "stance", "score")
    row = db.execute(
        "SELECT id, article_id, speaker_id, speaker_text, sentence, stance, score FROM statements WHERE id = ?",
        [statement_id],
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def _move_entity(db: sqlite_utils.Database, source_id: int, into_id: int) -> None:
    """Point every mention and statement of source at into, then drop source."""
    side = db.execute("SELECT side FROM entities WHERE id = ?", [into_id]).fetchone()[0]
    touched = [
        r[0] for r in db.execute("SELECT article_id FROM entity_article WHERE entity_id = ?", [source_id])
    ]
    touched += _articles_spoken_by(db, source_id)
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into_id, source_id])
    db.execute(
        "UPDATE statements SET speaker_id = ?, speaker_side = ? WHERE speaker_id = ?",
        [into_id, side, source_id],
    )
    reaggregate(db, sorted(set(touched)))
    db.execute("UPDATE statements SET target = ? WHERE target = ?", [into_id, source_id])
    db.execute("DELETE FROM entities WHERE id = ?", [source_id])


def entity_by_key(db: sqlite_utils.Database, name: str, etype: str) -> int | None:
    row = db.execute("SELECT id FROM entities WHERE name = ? AND type = ?", [name, etype]).fetchone()
    return row[0] if row else None


def _apply_entity_key(db: sqlite_utils.Database, old_key: dict, into_id: int) -> None:
    """Re-extraction recreates an entity under its old (name, type): fold it back into the corrected one."""
    again = entity_by_key(db, old_key["name"], old_key["type"])
    if again is not None and again != into_id and entity_row(db, into_id) is not None:
        _move_entity(db, again, into_id)


def rename_entity_row(db: sqlite_utils.Database, entity_id: int, new_name: str) -> None:
    row = entity_row(db, entity_id)
    clash = entity_by_key(db, new_name, row["type"])
    if clash is not None and clash != entity_id:  # the new name already exists: renaming is a merge
        _move_entity(db, entity_id, clash)
        return
    db.execute("UPDATE entities SET name = ? WHERE id = ?", [new_name, entity_id])


def merge_entity_rows(db: sqlite_utils.Database, source_id: int, into_id: int) -> None:
    _move_entity(db, source_id, into_id)


def _articles_spoken_by(db: sqlite_utils.Database, entity_id: int) -> list[int]:
    return [
        r[0]
        for r in db.execute("SELECT DISTINCT article_id FROM statements WHERE speaker_id = ?", [entity_id])
    ]


def set_entity_side_row(db: sqlite_utils.Database, entity_id: int, side: str) -> None:
    db.execute("UPDATE entities SET side = ? WHERE id = ?", [side, entity_id])
    db.execute("UPDATE statements SET speaker_side = ? WHERE speaker_id = ?", [side, entity_id])
    reaggregate(db, _articles_spoken_by(db, entity_id))


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


def _current_entity(db: sqlite_utils.Database, ref: dict) -> int | None:
    """An entity reference {id, name, type}: the id while it lives, else whatever now holds that key."""
    if entity_row(db, ref["id"]) is not None:
        return ref["id"]
    return entity_by_key(db, ref["name"], ref["type"])


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


def held_relevance(db: sqlite_utils.Database, article_ids: list[int]) -> dict[int, int]:
    """Each article's latest `article_relevance` marking still in force (article id -> 0/1), in one pass
    (an undo of thousands of markings must not scan the corrections once per article)."""
    if not article_ids:
        return {}
    rows = db.execute(
        """SELECT target_id, json_extract(new, '$.relevant') FROM (
               SELECT target_id, new, row_number() OVER (PARTITION BY target_id ORDER BY id DESC) AS k
               FROM corrections WHERE what = 'article_relevance'
                 AND target_id IN (SELECT value FROM json_each(?))
                 AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo'))
           WHERE k = 1""",
        [json.dumps([int(i) for i in article_ids])],
    )
    return {r[0]: r[1] for r in rows}


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
            into = _current_entity(db, new)
            if into is None:
                continue
            if what == "entity_rename":
                row = entity_row(db, into)
                if row["name"] != new["name"]:
                    rename_entity_row(db, into, new["name"])
                    into = _current_entity(db, new)
            _apply_entity_key(db, old, into)
            applied += 1
        elif what == "entity_side":
            ent = _current_entity(db, old)
            if ent is not None:
                set_entity_side_row(db, ent, new["side"])
                applied += 1
        elif what in ("statement_speaker", "statement_stance"):
            if article_id is not None and old["key"]["article_id"] != article_id:
                continue
            if what == "statement_speaker":
                ent = _current_entity(db, new)
                if ent is not None:
                    applied += bool(set_statement_speaker_rows(db, old["key"], ent))
            else:
                applied += bool(set_statement_stance_rows(db, old["key"], new["stance"], new["score"]))
    return applied


def fts_search(conn: sqlite3.Connection, user_query: str, limit: int = 1000) -> list[int]:
    """Article ids for a user's query, best first: exact phrase, then other marks, then the words apart
    (core.store.search.search, first `limit` results)."""
    return list(search.search(conn, user_query, per_page=limit).ids)
