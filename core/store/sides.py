"""Sides across the store: a person the knowledge file does not know takes, where an article names them with no
title ("Thượng nghị sĩ Dick Durbin nói ..."), the side their titles give them in the other articles of the store
("Thượng nghị sĩ Mỹ Dick Durbin"): the same person does not change sides between two stories. A surname alone takes
the side of the full names of the store that end with it, when they all have one and agree.

Only when every title-given side of that person in the store agrees (a person read NATO-side in one story and
Russia-side in another keeps `other` where no title says), never where the article itself calls the post former
or places it at a research body (`side_from` "former" or "expert" in the statement's evidence), never over the
knowledge file. A statement given its side
this way says so in its evidence: `side_from` "store" and `side_articles`, the number of articles whose titles
agree. Re-run after every ingest: a side the store no longer supports goes back to `other`. Analyst corrections
are replayed afterwards, so they win.
"""

from __future__ import annotations

import sqlite_utils

from core.store.aggregates import reaggregate
from core.store.connection import transaction
from core.store.edits import apply_corrections

# where a statement's side came from; NULL for evidence that is not JSON (a hand-edited store), not an error
_FROM = "(CASE WHEN json_valid({e}) THEN json_extract({e}, '$.side_from') END)"

_SIDES_BY_TITLE = f"""
    SELECT s.speaker_id, min(s.speaker_side), count(DISTINCT s.article_id)
    FROM statements s JOIN entities e ON e.id = s.speaker_id
    WHERE e.type = 'PER' AND e.kb_id IS NULL AND {_FROM.format(e="s.evidence")} = 'title'
      AND s.speaker_side IN ('nato', 'russia')
    GROUP BY s.speaker_id HAVING count(DISTINCT s.speaker_side) = 1
"""

# A surname alone ("ông Burr", "Sanders") takes the side of the full names that end with it ("Richard Burr", "Sarah
# Huckabee Sanders"), when every such person of the store has a side (from titles, or the knowledge file) and all
# agree: another person of that surname without a side ("Bernie Sanders" never titled) leaves it open; an acronym
# ("MSNBC", tagged a person) is no surname.
_SIDES_BY_SURNAME = """
    WITH full AS (
        SELECT e.id, e.name, COALESCE(t.side, CASE WHEN e.kb_id IS NOT NULL THEN e.side END) AS side,
               COALESCE(t.n, 0) AS n
        FROM entities e LEFT JOIN temp.store_sides t ON t.speaker_id = e.id
        WHERE e.type = 'PER' AND instr(e.name, ' ') > 0
    )
    SELECT short.id, min(f.side), sum(f.n)
    FROM entities short JOIN full f ON substr(f.name, -length(short.name) - 1) = ' ' || short.name
    WHERE short.type = 'PER' AND short.kb_id IS NULL AND instr(short.name, ' ') = 0 AND short.name <> upper(short.name)
      AND short.id NOT IN (SELECT speaker_id FROM temp.store_sides)
    GROUP BY short.id
    HAVING count(f.side) = count(*) AND count(DISTINCT f.side) = 1 AND min(f.side) IN ('nato', 'russia')
"""

# statements whose side the article itself does not give: no side source, or one this pass gave before (evidence
# that is not JSON, a hand-edited store, is left alone)
_OPEN = f"""(COALESCE(json_valid(evidence), 1) AND ({_FROM.format(e="evidence")} IS NULL AND speaker_side = 'other'
            OR {_FROM.format(e="evidence")} = 'store'))"""


def spread_sides(db: sqlite_utils.Database) -> int:
    """Give the store-wide side to the statements of persons their own article leaves without one; take it
    back where the store no longer agrees. Returns how many statements changed side."""
    with transaction(db):
        db.execute("DROP TABLE IF EXISTS temp.store_sides")
        db.execute("CREATE TEMP TABLE store_sides(speaker_id INTEGER PRIMARY KEY, side TEXT, n INTEGER)")
        db.execute(f"INSERT INTO temp.store_sides {_SIDES_BY_TITLE}")
        db.execute(f"INSERT INTO temp.store_sides {_SIDES_BY_SURNAME}")
        changed = [
            r[0]
            for r in db.execute(
                f"""SELECT DISTINCT s.article_id FROM statements s
                    LEFT JOIN temp.store_sides t ON t.speaker_id = s.speaker_id
                    WHERE {_OPEN} AND s.speaker_id IS NOT NULL
                      AND s.speaker_side IS NOT COALESCE(t.side, 'other')"""
            )
        ]
        n = db.execute(
            f"""UPDATE statements SET speaker_side = t.side,
                    evidence = json_set(COALESCE(evidence, '{{}}'), '$.side_from', 'store', '$.side_articles', t.n)
                FROM temp.store_sides t
                WHERE t.speaker_id = statements.speaker_id AND {_OPEN}
                  AND statements.speaker_side IS NOT t.side"""
        ).rowcount
        n += db.execute(
            f"""UPDATE statements SET speaker_side = 'other',
                    evidence = json_remove(evidence, '$.side_from', '$.side_articles')
                WHERE {_FROM.format(e="evidence")} = 'store'
                  AND speaker_id NOT IN (SELECT speaker_id FROM temp.store_sides)"""
        ).rowcount
        db.execute("DROP TABLE temp.store_sides")
        if changed:
            apply_corrections(db)  # a side or speaker an analyst set wins
            reaggregate(db, changed)
    return n
