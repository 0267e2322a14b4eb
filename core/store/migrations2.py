"""Schema steps after m013, in the order they run. core/store/migrations.py (the registry and m001-m013) reached
the line limit; it imports this module at its end, so these steps are registered after its own.

The same rules hold: a released step is frozen (tests/test_migrations.py holds its fingerprint), holds its SQL
written out literally and calls no live helper; a schema change is a new step at the end of this file.
"""

from __future__ import annotations

import sqlite_utils

from core.store.migrations import migration


@migration
def m014_failure_codes(db: sqlite_utils.Database) -> None:
    """failures.code and failures.params (a JSON object): why an input failed, as a code of data/labels.yaml
    failure.* and its parameters, so the Ingest page shows it in the reader's language; `reason` keeps the
    English sentence (the terminal's). Rows stored before: a reason without parameters gets its code (the
    texts below are the exact words earlier versions stored); any other keeps its text only."""
    for sql in (
        "ALTER TABLE failures ADD COLUMN code TEXT",
        "ALTER TABLE failures ADD COLUMN params TEXT",
        """UPDATE failures SET code = CASE reason
             WHEN 'no title' THEN 'no_title'
             WHEN 'no article text after cleaning' THEN 'no_text'
             WHEN 'empty file' THEN 'empty_file'
             WHEN 'UTF-32 text is not supported; re-save the file as UTF-8 (or UTF-16 with BOM)' THEN 'utf32'
             WHEN 'binary file (NUL bytes), not text; expected UTF-8 or UTF-16 with BOM' THEN 'binary_file'
             WHEN 'HTML page without extractable article text' THEN 'html_no_text'
             WHEN 'invalid UTF-16; rest of file skipped' THEN 'bad_utf16_rest'
             WHEN 'invalid JSON: nested too deeply' THEN 'json_too_deep'
             WHEN 'invalid JSON: a number with more than 4,300 digits' THEN 'json_long_number'
             WHEN 'empty file: no JSON lines' THEN 'empty_jsonl'
             WHEN 'unbalanced quote: the quoted field opened here is never closed; row skipped'
               THEN 'csv_unbalanced_quote'
             WHEN 'empty CSV file' THEN 'csv_empty'
             WHEN 'CSV has a header but no rows' THEN 'csv_no_rows'
             WHEN 'symbolic link to a path outside the input folder; refused (name the target to ingest it)'
               THEN 'link_outside'
           END""",
        "UPDATE failures SET params = '{}' WHERE code IS NOT NULL",
    ):
        db.execute(sql)


@migration
def m015_speaker_aggregates(db: sqlite_utils.Database) -> None:
    """Statements per speaker kept like the entity ones, so the sidebar's speaker facet and pick list read a
    small table rather than every statement (~0.04 s and ~0.03 s at 100k articles).

    A speaker is its entity (speaker_id; speaker_text '') or, without one, the text it was written as
    (speaker_id 0); statements with neither are no speaker. Keyed by id, not name: the name is read at query
    time, so renaming an entity moves nothing. speaker_article: statements per article x speaker, with the
    article's relevance flag when counted (-1: not known) so its counts can be taken back out exactly;
    speaker_count: per flag x speaker, its articles and statements. Kept by core.store.aggregates.
    """
    for sql in (
        """CREATE TABLE speaker_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             speaker_id INTEGER NOT NULL,
             speaker_text TEXT NOT NULL,
             relevant INTEGER NOT NULL,
             n INTEGER NOT NULL,
             PRIMARY KEY (article_id, speaker_id, speaker_text)
           ) WITHOUT ROWID""",
        """CREATE INDEX idx_speaker_article_speaker
             ON speaker_article(speaker_id, speaker_text, relevant, article_id)""",
        """CREATE TABLE speaker_count (
             relevant INTEGER NOT NULL,
             speaker_id INTEGER NOT NULL,
             speaker_text TEXT NOT NULL,
             articles INTEGER NOT NULL,
             statements INTEGER NOT NULL,
             PRIMARY KEY (relevant, speaker_id, speaker_text)
           ) WITHOUT ROWID""",
        """INSERT INTO speaker_article(article_id, speaker_id, speaker_text, relevant, n)
           SELECT article_id, COALESCE(speaker_id, 0), CASE WHEN speaker_id IS NULL THEN speaker_text ELSE '' END,
                  max(COALESCE(relevant, -1)), count(*)
             FROM statements WHERE speaker_id IS NOT NULL OR speaker_text IS NOT NULL GROUP BY 1, 2, 3""",
        """INSERT INTO speaker_count(relevant, speaker_id, speaker_text, articles, statements)
           SELECT relevant, speaker_id, speaker_text, count(*), sum(n) FROM speaker_article GROUP BY 1, 2, 3""",
    ):
        db.execute(sql)


@migration
def m016_side_stance_aggregates(db: sqlite_utils.Database) -> None:
    """Articles per speaker side and per stance kept like the speaker counts, for the sidebar's side and stance
    facets under no filter but relevance (~0.01 s each at 100k articles, counting every statement).

    statement_value_article: each side and each stance an article's statements have (facet 'side' or 'stance'),
    with the article's relevance flag when counted (-1: not known); statement_value_count: per flag x facet x
    value, its articles. A statement without a side or stance gives no row for it. Kept by core.store.aggregates.
    """
    for sql in (
        """CREATE TABLE statement_value_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             facet TEXT NOT NULL,
             value TEXT NOT NULL,
             relevant INTEGER NOT NULL,
             PRIMARY KEY (article_id, facet, value)
           ) WITHOUT ROWID""",
        """CREATE TABLE statement_value_count (
             relevant INTEGER NOT NULL,
             facet TEXT NOT NULL,
             value TEXT NOT NULL,
             articles INTEGER NOT NULL,
             PRIMARY KEY (relevant, facet, value)
           ) WITHOUT ROWID""",
        """INSERT INTO statement_value_article(article_id, facet, value, relevant)
           SELECT article_id, 'side', speaker_side, max(COALESCE(relevant, -1)) FROM statements
            WHERE speaker_side IS NOT NULL GROUP BY 1, 3
           UNION ALL
           SELECT article_id, 'stance', stance, max(COALESCE(relevant, -1)) FROM statements
            WHERE stance IS NOT NULL GROUP BY 1, 3""",
        """INSERT INTO statement_value_count(relevant, facet, value, articles)
           SELECT relevant, facet, value, count(*) FROM statement_value_article GROUP BY 1, 2, 3""",
    ):
        db.execute(sql)


@migration
def m017_statement_period_relevant(db: sqlite_utils.Database) -> None:
    """The statement counts of the default view (relevant articles) pre-aggregated, as entity_period_relevant
    is for mentions: the timeline's bars and the overview's side x stance table counted every relevant
    statement on each render (~0.02 s at 100k articles).

    statement_article.relevant: the relevance flag its statements carried when counted (NULL: not known), so an
    article's counts can be taken back out of the relevant table exactly after it is marked; the table holds the
    statement_period rows of the relevant articles only. Kept by core.store.aggregates.
    """
    for sql in (
        "ALTER TABLE statement_article ADD COLUMN relevant INTEGER",
        """UPDATE statement_article SET relevant = (SELECT max(s.relevant) FROM statements s
                                                     WHERE s.article_id = statement_article.article_id)""",
        """CREATE TABLE statement_period_relevant (
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             PRIMARY KEY (grain, period, side, stance)
           ) WITHOUT ROWID""",
        """INSERT INTO statement_period_relevant(grain, period, side, stance, n)
           SELECT grain, period, side, stance, sum(n) FROM (
             SELECT g.grain AS grain,
                    CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(sa.adate, 1, 7) || '-01'
                         ELSE date(sa.adate, 'weekday 0', '-6 days') END AS period,
                    sa.side AS side, sa.stance AS stance, sa.n AS n
               FROM statement_article sa JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
                 ON g.grain = '*' OR sa.adate IS NOT NULL
              WHERE sa.relevant = 1)
           GROUP BY 1, 2, 3, 4""",
    ):
        db.execute(sql)


@migration
def m018_article_facet_index(db: sqlite_utils.Database) -> None:
    """The outlet and date of an article by its id from an index alone: the source and month facets over a
    text query's sample (core/read/facets.py) read them for each sampled id, and an article's row (its text
    with it) is far wider than these three columns."""
    db.execute("CREATE INDEX idx_articles_id_source_adate ON articles(id, source, adate)")


@migration
def m019_placed_adate(db: sqlite_utils.Database) -> None:
    """articles.adate is the date the dashboard places an article on (date ranges, counts over time, "newest
    first"): none for a bulk import's time (date_source crawled_bulk, core.text.dates), a loose upper bound that
    would pile months of news on the import's day. A generated column's expression cannot change in place: its
    indexes go, the column goes and comes back with the new expression, the indexes return. The dates copied
    onto statements and entity_article follow (core.store.aggregates copies a.adate since); the period tables
    count only those, and stores written since crawled_bulk exists (a3a2b32) already left its statements and
    mentions undated, so they stand."""
    for sql in (
        "DROP INDEX idx_articles_adate",
        "DROP INDEX idx_articles_relevant_adate",
        "DROP INDEX idx_articles_relevant_source_adate",
        "DROP INDEX idx_articles_id_source_adate",
        "ALTER TABLE articles DROP COLUMN adate",
        """ALTER TABLE articles ADD COLUMN adate TEXT GENERATED ALWAYS AS (CASE WHEN year IS NOT NULL AND date_source IS NOT 'crawled_bulk' THEN printf('%04d-%02d-%02d', year, COALESCE(month, 1), COALESCE(day, 1)) END) VIRTUAL""",
        "CREATE INDEX idx_articles_adate ON articles(adate)",
        "CREATE INDEX idx_articles_relevant_adate ON articles(relevant, adate)",
        "CREATE INDEX idx_articles_relevant_source_adate ON articles(relevant, source, adate)",
        "CREATE INDEX idx_articles_id_source_adate ON articles(id, source, adate)",
        "UPDATE statements SET adate = (SELECT a.adate FROM articles a WHERE a.id = statements.article_id)",
        "UPDATE entity_article SET adate = (SELECT a.adate FROM articles a WHERE a.id = entity_article.article_id)",
        "UPDATE statement_article SET adate = (SELECT a.adate FROM articles a WHERE a.id = statement_article.article_id)",
    ):
        db.execute(sql)


@migration
def m020_undated_queue_bulk(db: sqlite_utils.Database) -> None:
    """The date queue (core/read/review.py: WHERE and ORDER BY match it) also holds the articles a bulk import's
    time alone dates (date_source crawled_bulk): no date places them (m019), an analyst's can."""
    for sql in (
        "DROP INDEX idx_articles_undated",
        "CREATE INDEX idx_articles_undated ON articles(relevant, year IS NOT NULL, id) "
        "WHERE year IS NULL OR month IS NULL OR day IS NULL OR date_source = 'crawled_bulk'",
    ):
        db.execute(sql)


@migration
def m021_relevance_probability(db: sqlite_utils.Database) -> None:
    """articles.relevance_prob: the learned relevance model's probability when it decided the flag (NULL: the
    rules did, or the article was stored before the model existed); shown beside the evidence."""
    db.execute("ALTER TABLE articles ADD COLUMN relevance_prob REAL")
