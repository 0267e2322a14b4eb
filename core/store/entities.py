"""Entity rows: finding an entity by its key, and the renames, merges and side changes analysts make.

Why a module of its own: an entity is keyed by (name, type) everywhere — extraction creates it under that key,
corrections find it again by that key after a re-extraction replaced its row id — so the lookup and every
change that moves mentions and statements from one entity to another live together, each change bringing
the aggregates of the articles it touches up to date in the caller's transaction.
"""

from __future__ import annotations

import sqlite_utils

from core.store.aggregates import reaggregate


def entity_by_key(db: sqlite_utils.Database, name: str, etype: str) -> int | None:
    """The id of the entity stored under (name, type), or None: the one lookup by key, for extraction
    (`ensure_entity`) and for corrections finding an entity again after re-extraction."""
    row = db.execute("SELECT id FROM entities WHERE name = ? AND type = ?", [name, etype]).fetchone()
    return row[0] if row else None


def ensure_entity(db: sqlite_utils.Database, name: str, etype: str, side: str, kb_id: str | None) -> int:
    """Get or create: the entity under (name, type), created with `side` and `kb_id` when new; an existing one
    keeps its side (an analyst may have corrected it).

    Not sqlite-utils' `Table.lookup`, the library's get-or-create: it reads the table's columns and indexes on
    every call (about 30x slower per entity here) and may add a column or an index to the table, a schema
    change that belongs in a migration."""
    found = entity_by_key(db, name, etype)
    if found is not None:
        return found
    return db["entities"].insert({"name": name, "type": etype, "side": side, "kb_id": kb_id}).last_pk


def entity_row(db: sqlite_utils.Database, entity_id: int) -> dict | None:
    row = db.execute("SELECT id, name, type, side, kb_id FROM entities WHERE id = ?", [entity_id]).fetchone()
    return dict(zip(("id", "name", "type", "side", "kb_id"), row, strict=True)) if row else None


def person_entities(db: sqlite_utils.Database) -> list[dict]:
    """Every person entity with its mention count (for merging spellings of one name across the store)."""
    rows = db.execute(
        """SELECT e.id, e.name, e.kb_id, e.side, COUNT(m.id) FROM entities e
           LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.type = 'PER' GROUP BY e.id ORDER BY e.id"""
    )
    return [dict(zip(("id", "name", "kb_id", "side", "mentions"), r, strict=True)) for r in rows]


def entities_typed_twice(db: sqlite_utils.Database) -> list[dict]:
    """Every entity whose name another entity bears with another type, with its mention count, by name."""
    rows = db.execute(
        """SELECT e.id, e.name, e.type, e.kb_id, COUNT(m.id) FROM entities e
           LEFT JOIN mentions m ON m.entity_id = e.id
           WHERE e.name IN (SELECT name FROM entities GROUP BY name HAVING COUNT(*) > 1)
           GROUP BY e.id ORDER BY e.name, e.id"""
    )
    return [dict(zip(("id", "name", "type", "kb_id", "mentions"), r, strict=True)) for r in rows]


def current_entity(db: sqlite_utils.Database, ref: dict) -> int | None:
    """An entity reference {id, name, type}: the id while it lives, else whatever now holds that key."""
    if entity_row(db, ref["id"]) is not None:
        return ref["id"]
    return entity_by_key(db, ref["name"], ref["type"])


def _articles_spoken_by(db: sqlite_utils.Database, entity_id: int) -> list[int]:
    return [
        r[0]
        for r in db.execute("SELECT DISTINCT article_id FROM statements WHERE speaker_id = ?", [entity_id])
    ]


def _move_entity(db: sqlite_utils.Database, source_id: int, into_id: int) -> None:
    """Point every mention and statement of source at into, then drop source. The statements take into's side
    when it has one of its own (the knowledge file's, or one an analyst set); a person with neither (`other`)
    leaves each statement the side its article gave it ("Phó chủ tịch ... Duma Quốc gia Yuriy Shvytkin" stays
    Russia-side when folded into an untitled "Yuri Shvytkin"), and core.store.sides spreads it to the rest."""
    side, kb_id = db.execute("SELECT side, kb_id FROM entities WHERE id = ?", [into_id]).fetchone()
    touched = [
        r[0] for r in db.execute("SELECT article_id FROM entity_article WHERE entity_id = ?", [source_id])
    ]
    touched += _articles_spoken_by(db, source_id)
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into_id, source_id])
    db.execute(
        "UPDATE statements SET speaker_id = ?, speaker_side = CASE WHEN ? THEN ? ELSE speaker_side END "
        "WHERE speaker_id = ?",
        [into_id, kb_id is not None or side != "other", side, source_id],
    )
    reaggregate(db, sorted(set(touched)))
    db.execute("UPDATE statements SET target = ? WHERE target = ?", [into_id, source_id])
    db.execute("DELETE FROM entities WHERE id = ?", [source_id])


def apply_entity_key(db: sqlite_utils.Database, old_key: dict, into_id: int) -> None:
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


def set_entity_side_row(db: sqlite_utils.Database, entity_id: int, side: str) -> None:
    db.execute("UPDATE entities SET side = ? WHERE id = ?", [side, entity_id])
    db.execute("UPDATE statements SET speaker_side = ? WHERE speaker_id = ?", [side, entity_id])
    reaggregate(db, _articles_spoken_by(db, entity_id))
