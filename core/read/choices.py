"""The sidebar's pick lists: outlets, the most frequent speakers and entities, and the store's date bounds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core.read import db
from core.read.aggregates import SPEAKER_NAME
from core.read.filters import SPECS


def date_bounds(conn: sqlite3.Connection) -> tuple[str | None, str | None]:
    """First and last known dates through the articles.adate index (one MIN or MAX per query: together they
    scan every article)."""
    first = conn.execute("SELECT MIN(adate) FROM articles").fetchone()[0]
    last = conn.execute("SELECT MAX(adate) FROM articles").fetchone()[0]
    return first, last


def column_values(conn: sqlite3.Connection, options: str) -> list[str]:
    """The distinct values of the article column `options` names ("articles.source"), sorted. The column
    comes from a filter's spec, never from the user, and must be one the table has."""
    column = options.removeprefix("articles.")
    known = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    if column not in known:
        raise ValueError(f"no article column {column!r} for a filter's options ({options})")
    if _leads_an_index(conn, column):
        # One index probe per value (the next one above the last), not a scan of every article: a handful of
        # outlets among 100k articles (7 ms -> 0.1 ms).
        sql = f"""WITH RECURSIVE v(x) AS (
                    SELECT MIN("{column}") FROM articles WHERE "{column}" IS NOT NULL
                    UNION ALL
                    SELECT (SELECT MIN("{column}") FROM articles WHERE "{column}" > v.x) FROM v WHERE v.x IS NOT NULL)
                  SELECT x FROM v WHERE x IS NOT NULL"""
    else:
        sql = f'SELECT DISTINCT "{column}" FROM articles WHERE "{column}" IS NOT NULL ORDER BY 1'
    return [r[0] for r in conn.execute(sql)]


def _leads_an_index(conn: sqlite3.Connection, column: str) -> bool:
    """Whether an index of the articles starts with `column` (a plain index: no expression, no WHERE)."""
    for _, name, _, _, partial in conn.execute("PRAGMA index_list(articles)"):
        first = conn.execute(f'PRAGMA index_info("{name}")').fetchone()
        if not partial and first is not None and first[2] == column:
            return True
    return False


# The sidebar's pick lists stop at the most frequent values: past a few thousand names a drop-down is no help,
# and a name further down the tail still works from a shared URL or the entity page's tables.
PICK_LIMIT = 2000


def choices(path: str | Path) -> dict[str, list[str]]:
    """Values the sidebar offers: the most frequent speakers and entities (PICK_LIMIT of each), the date
    bounds, and for each filter of an article column (options "articles.<column>", e.g. the outlets) the
    column's values."""
    with db.reading(path) as conn:
        columns = {
            spec.options: column_values(conn, spec.options)
            for spec in SPECS
            if isinstance(spec.options, str) and spec.options.startswith("articles.")
        }
        # Statements per speaker off the kept counts (speaker_count, migration m015: one row per speaker and
        # relevance flag), by name: the entity's, else the text of a speaker without one (0.020 -> 0.014 s
        # at 100k articles, against counting every statement).
        speakers = [
            r[0]
            for r in conn.execute(
                f"""SELECT who, SUM(n) FROM (
                     SELECT {SPEAKER_NAME} AS who, k.statements AS n
                       FROM speaker_count k LEFT JOIN entities e ON e.id = k.speaker_id)
                   WHERE who IS NOT NULL GROUP BY who ORDER BY 2 DESC, 1 LIMIT :limit""",
                {"limit": PICK_LIMIT},
            )
        ]
        # Entities in the aggregate's index order: most articles first, read no further than the limit.
        entities = [
            r[0]
            for r in conn.execute(
                "SELECT e.name FROM entity_period ep JOIN entities e ON e.id = ep.entity_id "
                "WHERE ep.grain = '*' AND ep.period = '' ORDER BY ep.articles DESC LIMIT :limit",
                {"limit": PICK_LIMIT},
            )
        ]
        entities = list(dict.fromkeys(entities))  # one name may be two entities (a person and a place)
        bounds = date_bounds(conn)
    return {
        **columns,
        "speakers": speakers,
        "entities": entities,
        "first": bounds[0],
        "last": bounds[1],
    }
