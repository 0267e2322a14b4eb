"""Schema migrations: named steps, registered in order, each applied once per store (core.store.connection).

Why a module of its own: the steps are the history of every store's schema, read by whoever needs to know how
a table came to be; keeping them apart from the live write code keeps that history in one place.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from core.store.aggregates import _rebuild_entity_aggregates, _rebuild_statement_aggregates
from core.text.textnorm import squash

MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []


def migration(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    """Register a schema step; steps run in definition order, each once, each in its own transaction.

    A store records each applied step by name, so a second step of the same name would never run on a store
    that has the first: refused at import, like sqlite-utils' migrations.
    """
    if any(name == fn.__name__ for name, _ in MIGRATIONS):
        raise ValueError(f"migration {fn.__name__} is registered twice")
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "lede": str,
            "body": str,
            "source": str,
            "url": str,
            "published": str,  # ISO date when day, month and year are all known
            "day": int,
            "month": int,
            "year": int,
            "date_source": str,  # metadata | dateline | inferred | analyst
            "date_evidence": str,
            "origin": str,
            "raw": str,
            "ingested_at": str,
            "format": str,
            "captions": str,  # JSON list: captions and photo credits, kept apart from the body
            "links": str,  # JSON list: bracketed links to other stories
            "content_hash": str,
            "relevant": int,  # NULL until extraction has run
            "processed_at": str,  # NULL until extraction has run
        },
        pk="id",
        not_null={"title", "body", "origin", "raw", "ingested_at", "content_hash"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["year", "month", "day"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["source"])
    db["origins"].create(
        {"article_id": int, "origin": str, "seen_at": str},
        pk=("article_id", "origin"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["entities"].create(
        {"id": int, "name": str, "type": str, "side": str, "kb_id": str},
        pk="id",
        not_null={"name", "type", "side"},
    )
    db["entities"].create_index(["name", "type"], unique=True)
    db["sentences"].create(
        {"article_id": int, "idx": int, "field": str, "start": int, "end": int, "text": str},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["mentions"].create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "surface": str,
            "sentence": int,  # sentences.idx of the same article
            "field": str,  # title | lede | body: offsets are into that stored column
            "start": int,
            "end": int,
            "confidence": float,
            "evidence": str,  # kb | ner | rule
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["mentions"].create_index(["article_id"])
    db["mentions"].create_index(["entity_id", "article_id"])
    db["statements"].create(
        {
            "id": int,
            "article_id": int,
            "speaker_id": int,
            "speaker_text": str,
            "speaker_side": str,
            "verb": str,
            "text": str,
            "quote": int,
            "target": int,  # entity id the statement is about, when there is one
            "target_text": str,
            "stance": str,
            "score": float,
            "sentence": int,  # sentences.idx of the same article
            "field": str,
            "start": int,
            "end": int,
            "relay": str,
            "evidence": str,  # JSON: verb class, cues, negation
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("speaker_id", "entities", "id"),
            ("target", "entities", "id"),
        ],
    )
    db["statements"].create_index(["article_id"])
    db["statements"].create_index(["speaker_id"])
    db["failures"].create(
        {
            "id": int,
            "file": str,
            "line": int,
            "reason": str,
            "time": str,
            "raw": bytes,
            "count": int,
        },  # line 0: the whole file
        pk="id",
    )
    db["failures"].create_index(["file", "line", "reason"], unique=True)
    db["corrections"].create(
        {
            "id": int,
            "what": str,  # see CORRECTION_KINDS
            "target_id": int,
            "old": str,
            "new": str,
            "who": str,
            "at": str,
            "why": str,
        },
        pk="id",
    )
    # Folded shadow of title, lede and body: unicode61 folds most diacritics but not đ -> d, so we fold
    # ourselves (core.text.textnorm.fold) and index that; rowid = articles.id.
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, lede, body, tokenize='unicode61 remove_diacritics 2')"
    )


@migration
def m002_aggregates(db: sqlite_utils.Database) -> None:
    """Pre-aggregated counts the dashboard reads at scale.

    entity_article: mentions per article x entity, with the article's date as the dashboard reads it (`adate`,
    NULL without a year) at aggregation time, so the counts can be taken back out exactly after a change.
    entity_period: articles and mentions per entity x period, for grain '*' (all time, period ''), 'm' (month,
    first day) and 'w' (week, its Monday).
    """
    db.execute(
        """CREATE TABLE entity_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, entity_id)
           ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_entity_article_entity ON entity_article(entity_id, article_id)")
    db.execute(
        """CREATE TABLE entity_period (
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             articles INTEGER NOT NULL,
             mentions INTEGER NOT NULL,
             PRIMARY KEY (entity_id, grain, period)
           ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_entity_period_grain ON entity_period(grain, period, articles)")
    _rebuild_entity_aggregates(db)


# The article's date as the dashboard filters it: year known, month and day defaulting to 1.
_ADATE_OF_ROW = (
    "CASE WHEN year IS NOT NULL THEN printf('%04d-%02d-%02d', year, COALESCE(month, 1), COALESCE(day, 1)) END"
)


@migration
def m003_title_index(db: sqlite_utils.Database) -> None:
    """Articles are looked up by exact title (pre-linked comparison pairs, analyst links)."""
    db["articles"].create_index(["title"], if_not_exists=True)


@migration
def m004_dates(db: sqlite_utils.Database) -> None:
    """The date the dashboard sorts and filters by, where it can be indexed.

    articles.adate: a virtual generated column (always equal to its year/month/day), indexed for "newest
    first". statements.adate: the statement's article date copied onto it (kept by `reaggregate`), so the
    timeline counts and lists statements without joining every one of them to its article.
    """
    db.execute(f"ALTER TABLE articles ADD COLUMN adate TEXT GENERATED ALWAYS AS ({_ADATE_OF_ROW}) VIRTUAL")
    db.execute("CREATE INDEX idx_articles_adate ON articles(adate)")
    db.execute("ALTER TABLE statements ADD COLUMN adate TEXT")
    db.execute(
        "UPDATE statements SET adate = (SELECT a.adate FROM articles a WHERE a.id = statements.article_id)"
    )
    db.execute("CREATE INDEX idx_statements_adate ON statements(adate)")
    db.execute("CREATE INDEX idx_statements_adate_side_stance ON statements(adate, speaker_side, stance)")


@migration
def m005_statement_aggregates(db: sqlite_utils.Database) -> None:
    """Statement counts pre-aggregated like the entity ones, for the timeline and the overview at scale.

    statement_article: statements per article x speaker side x stance, with the article's date at aggregation
    time (so its counts can be taken back out exactly). statement_period: the same summed per grain ('*' all
    time with period '', 'm' month, 'w' week) x period x side x stance. A missing side or stance is ''.
    Rows may reach n = 0 after changes; readers skip them.
    """
    db.execute(
        """CREATE TABLE statement_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, side, stance)
           ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE statement_period (
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             PRIMARY KEY (grain, period, side, stance)
           ) WITHOUT ROWID"""
    )
    _rebuild_statement_aggregates(db)


@migration
def m006_entity_page_indexes(db: sqlite_utils.Database) -> None:
    """The entity page's lists read an index alone: name variants (entity, surface, article) and the newest
    articles of an entity (entity, date, article; it replaces the entity's plain index)."""
    db.execute("CREATE INDEX idx_mentions_entity_surface ON mentions(entity_id, surface, article_id)")
    db.execute("DROP INDEX idx_entity_article_entity")
    db.execute(
        "CREATE INDEX idx_entity_article_entity_date ON entity_article(entity_id, adate, article_id, n)"
    )


@migration
def m007_title_keys(db: sqlite_utils.Database) -> None:
    """articles.title_key: the title folded and squashed (case, diacritics, spacing), indexed, so a title
    written slightly differently (a pairs file, an analyst's link) finds its article without a text search."""
    db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    rows = db.execute("SELECT id, title FROM articles").fetchall()
    db.conn.executemany(
        "UPDATE articles SET title_key = ? WHERE id = ?", [(squash(t or ""), i) for i, t in rows]
    )
    db.execute("CREATE INDEX idx_articles_title_key ON articles(title_key)")


@migration
def m008_collection_and_relevance(db: sqlite_utils.Database) -> None:
    """What a real archive keeps beside the text, and why an article counts as relevant.

    crawled_at / section: from a sidecar (`--meta`); crawled_at is an upper bound of publication.
    relevance_score / relevance_evidence: the pairing score and the sentences that made the flag (JSON).
    """
    db.execute("ALTER TABLE articles ADD COLUMN crawled_at TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN section TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN relevance_score REAL")
    db.execute("ALTER TABLE articles ADD COLUMN relevance_evidence TEXT")


@migration
def m009_stance_confidence(db: sqlite_utils.Database) -> None:
    """statements.stance_prob: the stance model's probability of the stored stance (NULL: rules only), so the
    review queue can list the least confident statements first through an index."""
    db.execute("ALTER TABLE statements ADD COLUMN stance_prob REAL")
    db.execute("CREATE INDEX idx_statements_stance_prob ON statements(stance_prob)")


@migration
def m010_exact_search(db: sqlite_utils.Database) -> None:
    """articles_fts_exact: the stored title, lede and body indexed with their marks (lower-cased only), so a
    search can put "đối đầu" before "đổi đầu" and "đôi đầu", which the folded index cannot tell apart. An
    external-content index (the text stays in `articles` once); rowid = articles.id (core/store/search.py).

    idx_articles_relevant_adate: every dashboard view starts from the relevant articles; without it each
    count and facet read every article row (~0.1 s per query at 35k articles)."""
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts_exact USING fts5(title, lede, body, content='articles', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute("INSERT INTO articles_fts_exact(articles_fts_exact) VALUES ('rebuild')")
    db.execute("CREATE INDEX idx_articles_relevant_adate ON articles(relevant, adate)")
