"""Aggregate maintenance: the pre-counted tables the dashboard reads at scale, kept exact after every write.

Why a module of its own: the counts (entity_article / entity_period, statement_article / statement_period,
speaker_article / speaker_count, statement_value_article / statement_value_count) are derived data. Every write
that changes an article's mentions, statements, date or relevance calls `reaggregate` in the same transaction,
which takes the article's old counts out and puts its current ones back, so the aggregates never drift and never
need a full recount; `rebuild_aggregates` is the full recount for bulk repairs and tests. The migrations that
created these tables (m002, m005, m011, m015, m016) hold their own frozen copy of the first fill, so an edit here
never changes what an old migration does; tests/test_migrations.py checks that a store upgraded through them
holds what `rebuild_aggregates` computes.
"""

from __future__ import annotations

import json

import sqlite_utils

# The date the dashboard places an article's statements and mentions on: the article's own `adate` (a generated
# column, core/store/migrations2.py m019): year known, month and day defaulting to 1; none for a bulk import's time
# (date_source crawled_bulk), a loose upper bound that would pile months of news on the import's day.
_ADATE = "a.adate"


# entity_article rows (alias ea) -> one row per grain they count in.
_PERIOD_ROWS = """SELECT ea.entity_id AS entity_id, g.grain AS grain,
       CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(ea.adate, 1, 7) || '-01'
            ELSE date(ea.adate, 'weekday 0', '-6 days') END AS period, ea.n AS n
  FROM entity_article ea JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
    ON g.grain = '*' OR ea.adate IS NOT NULL"""


# statement_article rows (alias sa) -> one row per grain they count in.
_STATEMENT_PERIOD_ROWS = """SELECT g.grain AS grain,
       CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(sa.adate, 1, 7) || '-01'
            ELSE date(sa.adate, 'weekday 0', '-6 days') END AS period, sa.side AS side, sa.stance AS stance, sa.n AS n
  FROM statement_article sa JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
    ON g.grain = '*' OR sa.adate IS NOT NULL"""


# The entity_period tables: over every article, and over the relevant ones (the dashboard's default view). The
# unary plus keeps SQLite off the index on `relevant` when the rows are those of a few articles: with it, an
# article's rows are found by the primary key (30 ms -> 0.2 ms per stored article on the whole archive).
_ENTITY_PERIODS = (("entity_period", ""), ("entity_period_relevant", " AND +ea.relevant = 1"))


_STATEMENT_ARTICLE_ROWS = """SELECT article_id, COALESCE(speaker_side, ''), COALESCE(stance, ''), count(*), max(adate),
       max(relevant)
  FROM statements"""

# The statement_period tables: over every article, and over the relevant ones (the dashboard's default view).
_STATEMENT_PERIODS = (("statement_period", ""), ("statement_period_relevant", " AND sa.relevant = 1"))


# speaker_article rows: a speaker is its entity (text '') or, without one, its text (id 0); the article's
# relevance flag as copied onto its statements (-1: not known). Grouped by article and speaker.
_SPEAKER_ARTICLE_ROWS = """SELECT article_id, COALESCE(speaker_id, 0),
       CASE WHEN speaker_id IS NULL THEN speaker_text ELSE '' END, max(COALESCE(relevant, -1)), count(*)
  FROM statements WHERE (speaker_id IS NOT NULL OR speaker_text IS NOT NULL)"""


# statement_value_article rows: each side and each stance of an article's statements, with its flag.
_VALUE_ARTICLE_ROWS = """SELECT article_id, 'side', speaker_side, max(COALESCE(relevant, -1)) FROM statements
   WHERE speaker_side IS NOT NULL{only} GROUP BY 1, 3
  UNION ALL
  SELECT article_id, 'stance', stance, max(COALESCE(relevant, -1)) FROM statements
   WHERE stance IS NOT NULL{only} GROUP BY 1, 3"""


def rebuild_aggregates(db: sqlite_utils.Database) -> None:
    """Recompute everything derived from articles, mentions and statements (bulk repairs, tests): the entity
    aggregates, the date and relevance flag each statement carries and the statement aggregates."""
    _rebuild_entity_aggregates(db)
    db.execute(
        f"""UPDATE statements SET (adate, relevant) = (SELECT {_ADATE}, a.relevant FROM articles a
                                                       WHERE a.id = statements.article_id)"""
    )
    _rebuild_statement_aggregates(db)
    _rebuild_speaker_aggregates(db)
    _rebuild_value_aggregates(db)


def _rebuild_entity_aggregates(db: sqlite_utils.Database) -> None:
    for table, _ in _ENTITY_PERIODS:
        db.execute(f"DELETE FROM {table}")
    db.execute("DELETE FROM entity_article")
    db.execute(
        f"""INSERT INTO entity_article(article_id, entity_id, n, adate, relevant)
            SELECT m.article_id, m.entity_id, count(*), {_ADATE}, a.relevant FROM mentions m
            JOIN articles a ON a.id = m.article_id GROUP BY m.article_id, m.entity_id"""
    )
    for table, only in _ENTITY_PERIODS:
        db.execute(
            f"""INSERT INTO {table}(entity_id, grain, period, articles, mentions)
                SELECT entity_id, grain, period, count(*), sum(n) FROM ({_PERIOD_ROWS} WHERE true{only})
                GROUP BY 1, 2, 3"""
        )


def _rebuild_statement_aggregates(db: sqlite_utils.Database) -> None:
    for table, _ in _STATEMENT_PERIODS:
        db.execute(f"DELETE FROM {table}")
    db.execute("DELETE FROM statement_article")
    db.execute(
        f"""INSERT INTO statement_article(article_id, side, stance, n, adate, relevant)
            {_STATEMENT_ARTICLE_ROWS} GROUP BY 1, 2, 3"""
    )
    for table, only in _STATEMENT_PERIODS:
        db.execute(
            f"""INSERT INTO {table}(grain, period, side, stance, n)
                SELECT grain, period, side, stance, sum(n) FROM ({_STATEMENT_PERIOD_ROWS} WHERE true{only})
                GROUP BY 1, 2, 3, 4"""
        )


def _rebuild_speaker_aggregates(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM speaker_count")
    db.execute("DELETE FROM speaker_article")
    db.execute(
        f"""INSERT INTO speaker_article(article_id, speaker_id, speaker_text, relevant, n)
            {_SPEAKER_ARTICLE_ROWS} GROUP BY 1, 2, 3"""
    )
    db.execute(
        """INSERT INTO speaker_count(relevant, speaker_id, speaker_text, articles, statements)
           SELECT relevant, speaker_id, speaker_text, count(*), sum(n) FROM speaker_article GROUP BY 1, 2, 3"""
    )


def _rebuild_value_aggregates(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM statement_value_count")
    db.execute("DELETE FROM statement_value_article")
    every = _VALUE_ARTICLE_ROWS.format(only="")
    db.execute(f"INSERT INTO statement_value_article(article_id, facet, value, relevant) {every}")
    db.execute(
        """INSERT INTO statement_value_count(relevant, facet, value, articles)
           SELECT relevant, facet, value, count(*) FROM statement_value_article GROUP BY 1, 2, 3"""
    )


def reaggregate(db: sqlite_utils.Database, article_ids: list[int]) -> None:
    """Take articles' counts out of the aggregates and put their current ones back (after any change), and give
    their statements the article's current date and relevance flag (the entity_article rows keep the flag they
    were counted with, so they are taken out of the table they are in, marked on or off topic).

    Set-based: each step is one statement over all the articles (a JSON list bound as one parameter), so the
    archive's date pass over ~6,500 articles costs a couple of dozen statements, not a dozen per article.

    What is provably empty is skipped: when none of the articles has rows in the per-article tables (one just
    stored) there is nothing to take out, and when none has statements there are none to add, which spares
    most of a whole-archive ingest's writes (most articles are off topic and have no statements)."""
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return
    # The articles as SQL: one bound id for the one article an edit or a store touches (the cheapest plan),
    # a JSON list bound as one parameter for many.
    arg: dict = {"id": ids[0]} if len(ids) == 1 else {"ids": json.dumps(ids)}
    src = "(:id)" if len(ids) == 1 else "(SELECT value FROM json_each(:ids))"
    entities_counted, statements_counted, has_statements = db.execute(
        f"""SELECT EXISTS(SELECT 1 FROM entity_article WHERE article_id IN {src}),
                   EXISTS(SELECT 1 FROM statement_article WHERE article_id IN {src})
                     OR EXISTS(SELECT 1 FROM speaker_article WHERE article_id IN {src})
                     OR EXISTS(SELECT 1 FROM statement_value_article WHERE article_id IN {src}),
                   EXISTS(SELECT 1 FROM statements WHERE article_id IN {src})""",
        arg,
    ).fetchone()
    if has_statements:
        db.execute(
            f"""UPDATE statements SET (adate, relevant) = (SELECT {_ADATE}, a.relevant FROM articles a
                                                           WHERE a.id = statements.article_id)
                WHERE article_id IN {src}""",
            arg,
        )
    if statements_counted:
        _statements_out(db, src, arg)
    if has_statements:
        _statements_in(db, src, arg)
    if entities_counted:
        _entities_out(db, src, arg)
    _entities_in(db, src, arg)


def _entities_out(db: sqlite_utils.Database, src: str, arg: dict) -> None:
    for table, only in _ENTITY_PERIODS:
        db.execute(
            f"""UPDATE {table} SET articles = {table}.articles - d.k, mentions = {table}.mentions - d.n
                FROM (SELECT entity_id, grain, period, count(*) AS k, sum(n) AS n
                        FROM ({_PERIOD_ROWS} WHERE ea.article_id IN {src}{only}) GROUP BY 1, 2, 3) AS d
                WHERE {table}.entity_id = d.entity_id AND {table}.grain = d.grain AND {table}.period = d.period""",
            arg,
        )
        db.execute(
            f"""DELETE FROM {table} WHERE articles <= 0
                AND entity_id IN (SELECT entity_id FROM entity_article WHERE article_id IN {src})""",
            arg,
        )
    db.execute(f"DELETE FROM entity_article WHERE article_id IN {src}", arg)


def _entities_in(db: sqlite_utils.Database, src: str, arg: dict) -> None:
    db.execute(
        f"""INSERT INTO entity_article(article_id, entity_id, n, adate, relevant)
            SELECT m.article_id, m.entity_id, count(*), {_ADATE}, a.relevant FROM mentions m
            JOIN articles a ON a.id = m.article_id WHERE m.article_id IN {src} GROUP BY m.article_id, m.entity_id""",
        arg,
    )
    for table, only in _ENTITY_PERIODS:
        db.execute(
            f"""INSERT INTO {table}(entity_id, grain, period, articles, mentions)
                SELECT entity_id, grain, period, 1, n FROM ({_PERIOD_ROWS} WHERE ea.article_id IN {src}{only})
                WHERE true ON CONFLICT(entity_id, grain, period) DO UPDATE
                SET articles = {table}.articles + excluded.articles, mentions = {table}.mentions + excluded.mentions""",
            arg,
        )


def _statements_out(db: sqlite_utils.Database, src: str, arg: dict) -> None:
    """The articles' statements out of every statement aggregate, as they were counted (the per-article tables)."""
    for table, only in _STATEMENT_PERIODS:
        db.execute(
            f"""UPDATE {table} SET n = {table}.n - d.n
                FROM (SELECT grain, period, side, stance, sum(n) AS n
                        FROM ({_STATEMENT_PERIOD_ROWS} WHERE sa.article_id IN {src}{only}) GROUP BY 1, 2, 3, 4) AS d
                WHERE {table}.grain = d.grain AND {table}.period = d.period
                  AND {table}.side = d.side AND {table}.stance = d.stance""",
            arg,
        )
    db.execute(f"DELETE FROM statement_article WHERE article_id IN {src}", arg)
    db.execute(
        f"""UPDATE speaker_count SET articles = speaker_count.articles - d.k, statements = speaker_count.statements - d.n
           FROM (SELECT relevant, speaker_id, speaker_text, count(*) AS k, sum(n) AS n FROM speaker_article
                  WHERE article_id IN {src} GROUP BY 1, 2, 3) AS d
           WHERE speaker_count.relevant = d.relevant AND speaker_count.speaker_id = d.speaker_id
             AND speaker_count.speaker_text = d.speaker_text""",
        arg,
    )
    db.execute(
        f"""DELETE FROM speaker_count WHERE articles <= 0 AND (relevant, speaker_id, speaker_text) IN
             (SELECT relevant, speaker_id, speaker_text FROM speaker_article WHERE article_id IN {src})""",
        arg,
    )
    db.execute(f"DELETE FROM speaker_article WHERE article_id IN {src}", arg)
    db.execute(
        f"""UPDATE statement_value_count SET articles = statement_value_count.articles - d.k
           FROM (SELECT relevant, facet, value, count(*) AS k FROM statement_value_article
                  WHERE article_id IN {src} GROUP BY 1, 2, 3) AS d
           WHERE statement_value_count.relevant = d.relevant AND statement_value_count.facet = d.facet
             AND statement_value_count.value = d.value""",
        arg,
    )
    db.execute(
        f"""DELETE FROM statement_value_count WHERE articles <= 0 AND (relevant, facet, value) IN
             (SELECT relevant, facet, value FROM statement_value_article WHERE article_id IN {src})""",
        arg,
    )
    db.execute(f"DELETE FROM statement_value_article WHERE article_id IN {src}", arg)


def _statements_in(db: sqlite_utils.Database, src: str, arg: dict) -> None:
    """The articles' current statements into every statement aggregate. No grouping is needed to add: an upsert
    takes its rows one by one, so a row of a second article meets the row the first one inserted and adds to it
    (taking out is an UPDATE ... FROM, which reads one matching row only: there the rows are grouped first)."""
    db.execute(
        f"""INSERT INTO statement_article(article_id, side, stance, n, adate, relevant)
            {_STATEMENT_ARTICLE_ROWS} WHERE article_id IN {src} GROUP BY 1, 2, 3""",
        arg,
    )
    for table, only in _STATEMENT_PERIODS:
        db.execute(
            f"""INSERT INTO {table}(grain, period, side, stance, n)
                SELECT grain, period, side, stance, n FROM ({_STATEMENT_PERIOD_ROWS} WHERE sa.article_id IN {src}{only})
                WHERE true ON CONFLICT(grain, period, side, stance) DO UPDATE SET n = {table}.n + excluded.n""",
            arg,
        )
    db.execute(
        f"""INSERT INTO speaker_article(article_id, speaker_id, speaker_text, relevant, n)
            {_SPEAKER_ARTICLE_ROWS} AND article_id IN {src} GROUP BY 1, 2, 3""",
        arg,
    )
    db.execute(
        f"""INSERT INTO speaker_count(relevant, speaker_id, speaker_text, articles, statements)
           SELECT relevant, speaker_id, speaker_text, 1, n FROM speaker_article WHERE article_id IN {src} AND true
           ON CONFLICT(relevant, speaker_id, speaker_text) DO UPDATE
           SET articles = speaker_count.articles + excluded.articles,
               statements = speaker_count.statements + excluded.statements""",
        arg,
    )
    some = _VALUE_ARTICLE_ROWS.format(only=f" AND article_id IN {src}")
    db.execute(f"INSERT INTO statement_value_article(article_id, facet, value, relevant) {some}", arg)
    db.execute(
        f"""INSERT INTO statement_value_count(relevant, facet, value, articles)
           SELECT relevant, facet, value, 1 FROM statement_value_article WHERE article_id IN {src} AND true
           ON CONFLICT(relevant, facet, value) DO UPDATE
           SET articles = statement_value_count.articles + excluded.articles""",
        arg,
    )
