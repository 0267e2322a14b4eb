"""Schema migrations: named steps, registered in order, each applied once per store (core.store.connection).

Why a module of its own, and why frozen: the steps are the history of every store's schema. A store records
each step it applied by name, so a step must do tomorrow exactly what it did on the day it was released:
each one here holds its SQL written out literally and calls no live helper (no aggregate, no sqlite-utils
table builder, whose DDL a library upgrade may change), so editing the write code never changes what an old
step does. A released step is never edited: a schema change is a new step at the end.
tests/test_migrations.py holds each step's fingerprint and fails when a released one changes, and checks that
a store upgraded from any earlier step ends in the same schema as a fresh one.

The one value a step takes from live code is m007's title key, `squash(title)`: the key is only useful if it
equals what the read side computes today, so it is the live function (a change to `squash` needs a new step
that recomputes the keys).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from core.text.textnorm import squash

Step = Callable[[sqlite_utils.Database], None]
MIGRATIONS: list[tuple[str, Step]] = []


def migration(fn: Step) -> Step:
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
    """The articles, what extraction finds in them, failures, corrections and the folded full-text index.

    articles: published is the ISO date when day, month and year are all known; date_source is metadata |
    dateline | inferred | analyst; captions (captions and photo credits, kept apart from the body) and links
    (bracketed links to other stories) are JSON lists; relevant and processed_at stay NULL until extraction
    has run. mentions and statements: sentence is sentences.idx of the same article, field (title | lede |
    body) the stored column their offsets are into; mentions.evidence is kb | ner | rule, statements.target
    the entity the statement is about, statements.evidence JSON (verb class, cues, negation). failures: line
    0 is the whole file. corrections.what: see core.store.edits.CORRECTION_KINDS.

    articles_fts: the folded shadow of title, lede and body. unicode61 folds most diacritics but not đ -> d,
    so the writer folds (core.text.textnorm.fold) and indexes that; rowid = articles.id.
    """
    for sql in (
        """CREATE TABLE "articles" (
   "id" INTEGER PRIMARY KEY,
   "title" TEXT NOT NULL,
   "lede" TEXT,
   "body" TEXT NOT NULL,
   "source" TEXT,
   "url" TEXT,
   "published" TEXT,
   "day" INTEGER,
   "month" INTEGER,
   "year" INTEGER,
   "date_source" TEXT,
   "date_evidence" TEXT,
   "origin" TEXT NOT NULL,
   "raw" TEXT NOT NULL,
   "ingested_at" TEXT NOT NULL,
   "format" TEXT,
   "captions" TEXT,
   "links" TEXT,
   "content_hash" TEXT NOT NULL,
   "relevant" INTEGER,
   "processed_at" TEXT
)""",
        'CREATE UNIQUE INDEX "idx_articles_content_hash"\n    ON "articles" ("content_hash")',
        'CREATE INDEX "idx_articles_year_month_day"\n    ON "articles" ("year", "month", "day")',
        'CREATE INDEX "idx_articles_published"\n    ON "articles" ("published")',
        'CREATE INDEX "idx_articles_source"\n    ON "articles" ("source")',
        """CREATE TABLE "origins" (
   "article_id" INTEGER REFERENCES "articles"("id"),
   "origin" TEXT,
   "seen_at" TEXT,
   PRIMARY KEY ("article_id", "origin")
)""",
        """CREATE TABLE "entities" (
   "id" INTEGER PRIMARY KEY,
   "name" TEXT NOT NULL,
   "type" TEXT NOT NULL,
   "side" TEXT NOT NULL,
   "kb_id" TEXT
)""",
        'CREATE UNIQUE INDEX "idx_entities_name_type"\n    ON "entities" ("name", "type")',
        """CREATE TABLE "sentences" (
   "article_id" INTEGER REFERENCES "articles"("id"),
   "idx" INTEGER,
   "field" TEXT,
   "start" INTEGER,
   "end" INTEGER,
   "text" TEXT,
   PRIMARY KEY ("article_id", "idx")
)""",
        """CREATE TABLE "mentions" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "entity_id" INTEGER REFERENCES "entities"("id"),
   "surface" TEXT,
   "sentence" INTEGER,
   "field" TEXT,
   "start" INTEGER,
   "end" INTEGER,
   "confidence" REAL,
   "evidence" TEXT
)""",
        'CREATE INDEX "idx_mentions_article_id"\n    ON "mentions" ("article_id")',
        'CREATE INDEX "idx_mentions_entity_id_article_id"\n    ON "mentions" ("entity_id", "article_id")',
        """CREATE TABLE "statements" (
   "id" INTEGER PRIMARY KEY,
   "article_id" INTEGER REFERENCES "articles"("id"),
   "speaker_id" INTEGER REFERENCES "entities"("id"),
   "speaker_text" TEXT,
   "speaker_side" TEXT,
   "verb" TEXT,
   "text" TEXT,
   "quote" INTEGER,
   "target" INTEGER REFERENCES "entities"("id"),
   "target_text" TEXT,
   "stance" TEXT,
   "score" REAL,
   "sentence" INTEGER,
   "field" TEXT,
   "start" INTEGER,
   "end" INTEGER,
   "relay" TEXT,
   "evidence" TEXT
)""",
        'CREATE INDEX "idx_statements_article_id"\n    ON "statements" ("article_id")',
        'CREATE INDEX "idx_statements_speaker_id"\n    ON "statements" ("speaker_id")',
        """CREATE TABLE "failures" (
   "id" INTEGER PRIMARY KEY,
   "file" TEXT,
   "line" INTEGER,
   "reason" TEXT,
   "time" TEXT,
   "raw" BLOB,
   "count" INTEGER
)""",
        'CREATE UNIQUE INDEX "idx_failures_file_line_reason"\n    ON "failures" ("file", "line", "reason")',
        """CREATE TABLE "corrections" (
   "id" INTEGER PRIMARY KEY,
   "what" TEXT,
   "target_id" INTEGER,
   "old" TEXT,
   "new" TEXT,
   "who" TEXT,
   "at" TEXT,
   "why" TEXT
)""",
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, lede, body, tokenize='unicode61 remove_diacritics 2')",
    ):
        db.execute(sql)


@migration
def m002_aggregates(db: sqlite_utils.Database) -> None:
    """Pre-aggregated counts the dashboard reads at scale, filled from the mentions already stored.

    entity_article: mentions per article x entity, with the article's date as the dashboard reads it (`adate`:
    year known, month and day defaulting to 1; NULL without a year) at aggregation time, so the counts can be
    taken back out exactly after a change. entity_period: articles and mentions per entity x period, for
    grain '*' (all time, period ''), 'm' (month, first day) and 'w' (week, its Monday). Kept up to date
    afterwards by core.store.aggregates.
    """
    for sql in (
        """CREATE TABLE entity_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, entity_id)
           ) WITHOUT ROWID""",
        "CREATE INDEX idx_entity_article_entity ON entity_article(entity_id, article_id)",
        """CREATE TABLE entity_period (
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             articles INTEGER NOT NULL,
             mentions INTEGER NOT NULL,
             PRIMARY KEY (entity_id, grain, period)
           ) WITHOUT ROWID""",
        "CREATE INDEX idx_entity_period_grain ON entity_period(grain, period, articles)",
        """INSERT INTO entity_article(article_id, entity_id, n, adate)
           SELECT m.article_id, m.entity_id, count(*),
                  CASE WHEN a.year IS NOT NULL
                       THEN printf('%04d-%02d-%02d', a.year, COALESCE(a.month, 1), COALESCE(a.day, 1)) END
             FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.article_id, m.entity_id""",
        """INSERT INTO entity_period(entity_id, grain, period, articles, mentions)
           SELECT entity_id, grain, period, count(*), sum(n) FROM (
             SELECT ea.entity_id AS entity_id, g.grain AS grain,
                    CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(ea.adate, 1, 7) || '-01'
                         ELSE date(ea.adate, 'weekday 0', '-6 days') END AS period, ea.n AS n
               FROM entity_article ea JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
                 ON g.grain = '*' OR ea.adate IS NOT NULL)
           GROUP BY 1, 2, 3""",
    ):
        db.execute(sql)


@migration
def m003_title_index(db: sqlite_utils.Database) -> None:
    """Articles are looked up by exact title (pre-linked comparison pairs, analyst links)."""
    db.execute('CREATE INDEX IF NOT EXISTS "idx_articles_title"\n    ON "articles" ("title")')


@migration
def m004_dates(db: sqlite_utils.Database) -> None:
    """The date the dashboard sorts and filters by, where it can be indexed.

    articles.adate: a virtual generated column (always equal to its year/month/day: year known, month and
    day defaulting to 1), indexed for "newest first". statements.adate: the statement's article date copied
    onto it (kept by core.store.aggregates.reaggregate), so the timeline counts and lists statements without
    joining every one of them to its article.
    """
    for sql in (
        """ALTER TABLE articles ADD COLUMN adate TEXT GENERATED ALWAYS AS (CASE WHEN year IS NOT NULL THEN printf('%04d-%02d-%02d', year, COALESCE(month, 1), COALESCE(day, 1)) END) VIRTUAL""",
        "CREATE INDEX idx_articles_adate ON articles(adate)",
        "ALTER TABLE statements ADD COLUMN adate TEXT",
        "UPDATE statements SET adate = (SELECT a.adate FROM articles a WHERE a.id = statements.article_id)",
        "CREATE INDEX idx_statements_adate ON statements(adate)",
        "CREATE INDEX idx_statements_adate_side_stance ON statements(adate, speaker_side, stance)",
    ):
        db.execute(sql)


@migration
def m005_statement_aggregates(db: sqlite_utils.Database) -> None:
    """Statement counts pre-aggregated like the entity ones, filled from the statements already stored.

    statement_article: statements per article x speaker side x stance, with the article's date at aggregation
    time (so its counts can be taken back out exactly). statement_period: the same summed per grain ('*' all
    time with period '', 'm' month, 'w' week) x period x side x stance. A missing side or stance is ''.
    Rows may reach n = 0 after changes; readers skip them. Kept up to date by core.store.aggregates.
    """
    for sql in (
        """CREATE TABLE statement_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, side, stance)
           ) WITHOUT ROWID""",
        """CREATE TABLE statement_period (
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             PRIMARY KEY (grain, period, side, stance)
           ) WITHOUT ROWID""",
        """INSERT INTO statement_article(article_id, side, stance, n, adate)
           SELECT article_id, COALESCE(speaker_side, ''), COALESCE(stance, ''), count(*), max(adate)
             FROM statements GROUP BY 1, 2, 3""",
        """INSERT INTO statement_period(grain, period, side, stance, n)
           SELECT grain, period, side, stance, sum(n) FROM (
             SELECT g.grain AS grain,
                    CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(sa.adate, 1, 7) || '-01'
                         ELSE date(sa.adate, 'weekday 0', '-6 days') END AS period,
                    sa.side AS side, sa.stance AS stance, sa.n AS n
               FROM statement_article sa JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
                 ON g.grain = '*' OR sa.adate IS NOT NULL)
           GROUP BY 1, 2, 3, 4""",
    ):
        db.execute(sql)


@migration
def m006_entity_page_indexes(db: sqlite_utils.Database) -> None:
    """The entity page's lists read an index alone: name variants (entity, surface, article) and the newest
    articles of an entity (entity, date, article; it replaces the entity's plain index)."""
    for sql in (
        "CREATE INDEX idx_mentions_entity_surface ON mentions(entity_id, surface, article_id)",
        "DROP INDEX idx_entity_article_entity",
        "CREATE INDEX idx_entity_article_entity_date ON entity_article(entity_id, adate, article_id, n)",
    ):
        db.execute(sql)


@migration
def m007_title_keys(db: sqlite_utils.Database) -> None:
    """articles.title_key: the title folded and squashed (case, diacritics, spacing), indexed, so a title
    written slightly differently (a pairs file, an analyst's link) finds its article without a text search.
    The key is the live `squash` (see the module docstring)."""
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
    for sql in (
        "ALTER TABLE articles ADD COLUMN crawled_at TEXT",
        "ALTER TABLE articles ADD COLUMN section TEXT",
        "ALTER TABLE articles ADD COLUMN relevance_score REAL",
        "ALTER TABLE articles ADD COLUMN relevance_evidence TEXT",
    ):
        db.execute(sql)


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


@migration
def m011_relevance_copies(db: sqlite_utils.Database) -> None:
    """The default view (relevant articles) from indexes and aggregates: statements.relevant and
    entity_article.relevant copy the article's flag (kept by core.store.aggregates.reaggregate, so marking an
    article on or off topic moves them); entity_period_relevant counts the relevant articles only."""
    for sql in (
        "ALTER TABLE statements ADD COLUMN relevant INTEGER",
        "UPDATE statements SET relevant = (SELECT a.relevant FROM articles a WHERE a.id = statements.article_id)",
        """CREATE INDEX idx_statements_relevant_adate
             ON statements(relevant, adate, speaker_side, stance, article_id)""",
        "CREATE INDEX idx_articles_relevant_source_adate ON articles(relevant, source, adate)",
        "ALTER TABLE entity_article ADD COLUMN relevant INTEGER",
        """UPDATE entity_article SET relevant = (SELECT a.relevant FROM articles a
                                                  WHERE a.id = entity_article.article_id)""",
        "CREATE INDEX idx_entity_article_relevant_entity ON entity_article(relevant, entity_id, article_id)",
        """CREATE TABLE entity_period_relevant (
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             articles INTEGER NOT NULL,
             mentions INTEGER NOT NULL,
             PRIMARY KEY (entity_id, grain, period)
           ) WITHOUT ROWID""",
        "CREATE INDEX idx_entity_period_relevant_grain ON entity_period_relevant(grain, period, articles)",
        """INSERT INTO entity_period_relevant(entity_id, grain, period, articles, mentions)
           SELECT entity_id, grain, period, count(*), sum(n) FROM (
             SELECT ea.entity_id AS entity_id, g.grain AS grain,
                    CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(ea.adate, 1, 7) || '-01'
                         ELSE date(ea.adate, 'weekday 0', '-6 days') END AS period, ea.n AS n
               FROM entity_article ea JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
                 ON g.grain = '*' OR ea.adate IS NOT NULL
              WHERE ea.relevant = 1)
           GROUP BY 1, 2, 3""",
    ):
        db.execute(sql)


@migration
def m012_review_order_index(db: sqlite_utils.Database) -> None:
    """The review queue's order (core/read/review.py) as an index: its first page stops at its limit."""
    db.execute(
        "CREATE INDEX idx_statements_review ON statements(relevant, stance_prob IS NULL, stance_prob, "
        "ABS(COALESCE(score, 0)))"
    )


@migration
def m013_undated_index(db: sqlite_utils.Database) -> None:
    """The date queue (core/read/review.py: WHERE and ORDER BY match it) from the undated articles only."""
    db.execute(
        "CREATE INDEX idx_articles_undated ON articles(relevant, year IS NOT NULL, id) "
        "WHERE year IS NULL OR month IS NULL OR day IS NULL"
    )


from core.store import migrations2  # noqa: E402, F401 -- registers the later steps (this module is at its limit)
