"""Analyst corrections: each is recorded, and each survives a re-extraction of the article."""

from __future__ import annotations

import json

import pytest

from core.models import Article, DateInfo, Entity, Extraction, Mention, Sentence, Statement
from core.store import corrections, entities
from core.store import db as store

STOLTENBERG = Entity("Jens Stoltenberg", "PER", "nato", "jens_stoltenberg")
STOLT_SHORT = Entity("Stoltenberg", "PER", "other")
NGA = Entity("Nga", "LOC", "russia", "russia")


def _article(date: DateInfo | None = None) -> Article:
    body = 'Ông Stoltenberg nói NATO không muốn "chiến tranh lạnh" với Nga.'
    return Article(title="NATO và Nga", lede="", body=body, origin="t.txt", raw=body, date=date or DateInfo())


def _extraction(speaker: Entity = STOLT_SHORT) -> Extraction:
    sent = Sentence(1, "body", 0, 63, _article().body)
    return Extraction(
        sentences=(sent,),
        mentions=(
            Mention(speaker, "Stoltenberg", 1, "body", 4, 15, 0.9, "ner"),
            Mention(NGA, "Nga", 1, "body", 59, 62),
        ),
        statements=(
            Statement(
                speaker=speaker,
                speaker_text="Ông Stoltenberg",
                verb="nói",
                text='NATO không muốn "chiến tranh lạnh" với Nga',
                quote=False,
                stance="cooperative",
                score=3.0,
                sentence=1,
                field="body",
                start=20,
                end=62,
                target=NGA,
            ),
        ),
        relevant=True,
    )


def _stored(db) -> int:
    article_id, _ = store.add_article(db, _article(), _extraction())
    return article_id


def _speaker_name(db, article_id: int) -> str:
    row = db.execute(
        "SELECT e.name FROM statements s JOIN entities e ON e.id = s.speaker_id WHERE s.article_id = ?",
        [article_id],
    ).fetchone()
    return row[0]


def test_set_article_date_full_date(db):
    article_id = _stored(db)
    corrections.set_article_date(db, article_id, year=2016, month=11, day=24, who="lan", why="dateline")
    row = db["articles"].get(article_id)
    assert (row["year"], row["month"], row["day"], row["published"]) == (2016, 11, 24, "2016-11-24")
    assert row["date_source"] == "analyst"
    assert "lan" in row["date_evidence"] and "dateline" in row["date_evidence"]
    (c,) = corrections.list_corrections(db)
    assert c["what"] == "article_date" and c["target_id"] == article_id and c["who"] == "lan"
    assert json.loads(c["new"])["year"] == 2016


def test_set_article_date_year_only_has_no_published(db):
    article_id = _stored(db)
    corrections.set_article_date(db, article_id, year=2017, who="lan")
    row = db["articles"].get(article_id)
    assert (row["year"], row["month"], row["day"], row["published"]) == (2017, None, None, None)


@pytest.mark.parametrize(
    "kwargs,why",
    [({"year": 2016, "month": 13}, "bad month: 13"), ({"year": 2016, "day": 3}, "a day needs a month"),
     ({"year": 0}, "bad year: 0")],
    ids=["month 13", "day without month", "year 0"],
)  # fmt: skip
def test_set_article_date_rejects_bad_dates(db, kwargs, why):
    article_id = _stored(db)
    with pytest.raises(ValueError, match=why):
        corrections.set_article_date(db, article_id, who="lan", **kwargs)
    assert corrections.list_corrections(db) == []


def test_set_article_date_unknown_article(db):
    with pytest.raises(ValueError, match="no article with id 999"):
        corrections.set_article_date(db, 999, year=2016, who="lan")


def test_date_survives_reextraction(db):
    article_id = _stored(db)
    corrections.set_article_date(db, article_id, year=2016, month=11, day=24, who="lan")
    store.save_extraction(db, article_id, _extraction())
    assert db["articles"].get(article_id)["published"] == "2016-11-24"


def test_merge_survives_reextraction(db):
    article_id = _stored(db)
    full_id = db["entities"].insert({"name": "Jens Stoltenberg", "type": "PER", "side": "nato"}).last_pk
    short_id = entities.entity_by_key(db, "Stoltenberg", "PER")
    corrections.merge_entities(db, short_id, full_id, who="lan")
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"
    store.save_extraction(db, article_id, _extraction())  # recreates "Stoltenberg"
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"
    assert entities.entity_by_key(db, "Stoltenberg", "PER") is None
    side = db.execute("SELECT speaker_side FROM statements WHERE article_id = ?", [article_id]).fetchone()[0]
    assert side == "nato"


def test_rename_survives_reextraction(db):
    article_id = _stored(db)
    short_id = entities.entity_by_key(db, "Stoltenberg", "PER")
    corrections.rename_entity(db, short_id, "Jens Stoltenberg", who="lan")
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"
    store.save_extraction(db, article_id, _extraction())
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"
    assert entities.entity_by_key(db, "Stoltenberg", "PER") is None


def test_rename_to_existing_name_merges(db):
    article_id = _stored(db)
    full_id = db["entities"].insert({"name": "Jens Stoltenberg", "type": "PER", "side": "nato"}).last_pk
    corrections.rename_entity(
        db, entities.entity_by_key(db, "Stoltenberg", "PER"), "Jens Stoltenberg", who="lan"
    )
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"
    assert entities.entity_by_key(db, "Jens Stoltenberg", "PER") == full_id


def test_side_follows_statements(db):
    article_id = _stored(db)
    short_id = entities.entity_by_key(db, "Stoltenberg", "PER")
    corrections.set_entity_side(db, short_id, "nato", who="lan")
    store.save_extraction(db, article_id, _extraction())
    assert db["entities"].get(short_id)["side"] == "nato"
    side = db.execute("SELECT speaker_side FROM statements WHERE article_id = ?", [article_id]).fetchone()[0]
    assert side == "nato"
    with pytest.raises(ValueError, match="side must be one of"):
        corrections.set_entity_side(db, short_id, "ukraine", who="lan")


def test_statement_speaker_keyed_by_sentence_and_text(db):
    article_id = _stored(db)
    full_id = db["entities"].insert({"name": "Jens Stoltenberg", "type": "PER", "side": "nato"}).last_pk
    sid = db.execute("SELECT id FROM statements WHERE article_id = ?", [article_id]).fetchone()[0]
    corrections.set_statement_speaker(db, sid, full_id, who="lan", why="anaphora")
    store.save_extraction(db, article_id, _extraction())  # new statement row id
    assert _speaker_name(db, article_id) == "Jens Stoltenberg"


def test_statement_stance_survives(db):
    article_id = _stored(db)
    sid = db.execute("SELECT id FROM statements WHERE article_id = ?", [article_id]).fetchone()[0]
    corrections.set_statement_stance(db, sid, "conflictual", -4, who="lan")
    store.save_extraction(db, article_id, _extraction())
    row = db.execute("SELECT stance, score FROM statements WHERE article_id = ?", [article_id]).fetchone()
    assert tuple(row) == ("conflictual", -4)
    with pytest.raises(ValueError, match="stance must be one of"):
        corrections.set_statement_stance(db, sid, "hostile", who="lan")


def test_apply_all_is_idempotent(db):
    article_id = _stored(db)
    corrections.set_article_date(db, article_id, year=2016, month=11, day=24, who="lan")
    first = corrections.apply_all(db)
    second = corrections.apply_all(db, article_id)
    assert first == second == 1
    assert db["articles"].get(article_id)["published"] == "2016-11-24"
