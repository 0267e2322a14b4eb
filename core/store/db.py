"""The store's write API for articles: an article (with its extraction) or a failure in, an article read back.

Callers import the other store modules for the rest, each the module that defines it:
core.store.connection (connect, read_only, transactions, lock waits, the migration runner),
core.store.migrations (the named, frozen schema steps), core.store.aggregates (the pre-counted tables, kept
exact by `reaggregate` after every write), core.store.entities (lookup by name and type, renames, merges,
side changes), core.store.edits (the correction log and the row edits of each kind) and core.store.fts
(the two full-text indexes and the user's words as a query).

Every write is one transaction per article, so a kill -9 loses at most the article in flight; the content
hash makes a re-run skip what is already stored and finish the rest.
"""

from __future__ import annotations

import hashlib
import json

import sqlite_utils

from core.models import Article, Failure
from core.store.aggregates import reaggregate
from core.store.connection import now, transaction
from core.store.edits import apply_corrections
from core.store.entities import ensure_entity
from core.store.fts import Deferred, index_article
from core.text.textnorm import fold, squash


def content_hash(article: Article, folded_body: str | None = None) -> str:
    """The same story is the same body, whatever file or format it came in; short texts add the title."""
    # whitespace runs as one space, ends trimmed (split() and the regex \s agree on what is whitespace); a regex
    # substitution here was about 6 % of the writer's time (a profile of 5,000 corpus files)
    body = " ".join((folded_body if folded_body is not None else fold(article.body)).split())
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
    index: Deferred | None = None,
) -> tuple[int, bool]:
    """Store one article (and its extraction, when given) in one transaction.

    Returns (article id, created). An article whose content is already stored is not written again; its
    origin is remembered so the duplicate stays traceable, and with `complete` an extraction it lacks (it was
    stored with --no-nlp) is added. With `index`, the article's text-index rows are held there for the caller
    to flush before its transaction commits (core.store.fts.Deferred: a batch of articles in one transaction).
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
        if index is None:
            index_article(conn, article_id, row["title"], row["lede"], row["body"], folded_body)
        else:
            index.add(article_id, row["title"], row["lede"], row["body"], folded_body)
        if extraction is not None:
            _write_extraction(db, article_id, extraction)
    return article_id, True


def record_failure(db: sqlite_utils.Database, failure: Failure) -> None:
    """Failures are kept (with their raw bytes) so the dashboard can list them; a repeat updates the time."""
    with transaction(db):
        db.execute(
            """INSERT INTO failures(file, line, reason, time, raw, count, code, params)
               VALUES (?, ?, ?, ?, ?, 1, ?, ?)
               ON CONFLICT(file, line, reason) DO UPDATE SET time = excluded.time, count = count + 1,
                 code = excluded.code, params = excluded.params""",
            [
                failure.origin,
                failure.line or 0,
                failure.reason,
                now(),
                failure.raw,
                failure.code or None,
                json.dumps(failure.params, ensure_ascii=False) if failure.code else None,
            ],
        )


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """Rows of one shape into a table the store made (a name from this module, never from input): one prepared
    statement run over all of them. sqlite-utils' `insert_all` rebuilds its SQL and checks every value per
    call, which was a third of a whole-archive ingest's writing."""
    if not rows:
        return
    cols = list(rows[0])
    names = ", ".join(f'"{c}"' for c in cols)
    db.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + c for c in cols)})", rows)


def _write_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    """ex: core.nlp.pipeline.Extraction (sentences, mentions, statements, relevant). Replaces what was there."""
    for table in ("mentions", "statements", "sentences"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])  # table names from a fixed list
    _insert_rows(
        db,
        "sentences",
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
        ],
    )
    ids: dict[tuple[str, str], int] = {}

    def eid(ent) -> int:
        key = (ent.name, ent.type)
        if key not in ids:
            ids[key] = ensure_entity(db, ent.name, ent.type, ent.side, ent.kb_id)
        return ids[key]

    _insert_rows(
        db,
        "mentions",
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
        ],
    )
    _insert_rows(
        db,
        "statements",
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
        ],
    )
    db.execute(
        """UPDATE articles SET relevant = ?, processed_at = ?, relevance_score = ?, relevance_evidence = ?,
                  relevance_prob = ?
           WHERE id = ?""",
        [
            int(ex.relevant),
            now(),
            ex.relevance_score,
            json.dumps(list(ex.relevance_evidence), ensure_ascii=False),
            ex.relevance_prob,
            article_id,
        ],
    )
    apply_corrections(db, article_id)  # analyst corrections survive every re-extraction
    reaggregate(db, [article_id])


def save_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    with transaction(db):
        _write_extraction(db, article_id, ex)


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
