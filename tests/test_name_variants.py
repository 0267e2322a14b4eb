"""Variants and misspellings of one person's name merge (core.entities.same_person, merge_names, kb_variant),
by the rules in data/entity_rules.yaml (name_variants); different people stay apart. Names are team-written."""

from __future__ import annotations

import dataclasses

import pytest

from core import entities, store
from core.entities import VariantRules, kb_variant, merge_names, same_person, short_form_of
from core.models import Article, DateInfo, Entity, Mention
from core.pipeline import extract


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Borell", "Borrell"),  # a doubled letter dropped
        ("Theressa May", "Theresa May"),  # a doubled letter added
        ("Sergey Lavrov", "Sergei Lavrov"),  # y / i
        ("Volodymyr Zelensky", "Volodymyr Zelenskiy"),
        ("Aleksandr Grushko", "Alexander Grushko"),  # ks / x and one vowel
        ("Dmitri Peskow", "Dmitry Peskov"),  # w / v and y / i
        ("Mikhail Ulyanov", "Mihail Ulianov"),  # kh / h
        ("Jens Stoltenbeg", "Jens Stoltenberg"),  # one letter missing in a long word, the given name shared
        ("Stoltenbeg", "Stoltenberg"),  # one long word alone
    ],
)
def test_spellings_of_one_name_are_one_person(a, b):
    assert same_person(a, b) and same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Boris Johnson", "Boris Jordan"),  # a shared given name, surnames far apart
        ("Anna Smith", "Anne Smith"),  # short given names must match exactly
        ("Kim", "Kin"),  # short words never differ
        ("Jens Stoltenberg", "Camilla Stoltenberg"),  # another person of the same family
        ("Ivan Petrov", "Ivan Popov"),
        ("Rutte", "Butte"),  # different first letters
        ("Mark Rutte", "Rutte"),  # a surname alone is a short form, not a spelling
        ("Stoltenbeg", "Stoltenbergg Jens"),  # word counts differ
        ("Heather Nauert", "Heather Nauret"),  # a swap is two edits: more than a six-letter word allows
    ],
)
def test_different_people_stay_apart(a, b):
    assert not same_person(a, b)


def test_a_surname_spelt_differently_is_a_short_form():
    assert short_form_of("Borell", "Josep Borrell")
    assert short_form_of("Lavrow", "Sergey Lavrov")  # w / v
    assert not short_form_of("Sergei", "Sergei Lavrov"), "a given name alone is no short form"
    assert not short_form_of("Josep Borrell", "Josep Borrell")


def test_thresholds_come_from_the_rules(monkeypatch):
    strict = VariantRules(rewrites=(), min_chars=5, edits=((5, 0),), lone_min_chars=99)
    assert same_person("Jens Stoltenbeg", "Jens Stoltenberg")
    monkeypatch.setattr(entities, "variant_rules", lambda: strict)
    assert not same_person("Jens Stoltenbeg", "Jens Stoltenberg"), "no edits allowed"
    assert not same_person("Sergey Lavrov", "Sergei Lavrov"), "no rewrites"
    assert same_person("Theressa May", "Theresa May"), "doubled letters still collapse"


def test_a_name_close_to_a_knowledge_file_alias_resolves_to_that_actor():
    assert kb_variant("Theressa May").name == "Theresa May"
    assert kb_variant("Josep Borell").name == "Josep Borrell"
    assert kb_variant("Borell").name == "Josep Borrell"
    assert kb_variant("Theresa Mayer") is None
    assert kb_variant("Jan Kowalczyk") is None


def _m(name: str, start: int, kb_id: str | None = None, side: str = "other") -> Mention:
    return Mention(Entity(name, "PER", side, kb_id), name, 1, "body", start, start + len(name), 0.7, "ner")


def test_variants_in_one_article_join_the_best_name_whatever_the_order():
    found = [
        _m("Jakub Kulhannek", 0),
        _m("Jakub Kulhanek", 40),
        _m("Kulhanek", 80),
        _m("Jakub Kulhanek", 120),
        _m("Kulhannek", 160),
        _m("Petr Kulhanek", 200),  # a relative: another given name
    ]
    for order in (found, found[::-1]):
        names = {m.start: m.entity.name for m in merge_names(order)}
        assert names[200] == "Petr Kulhanek"
        assert {names[s] for s in (0, 40, 120, 160)} == {"Jakub Kulhanek"}, names


def test_a_kb_name_wins_over_a_spelling_of_it():
    found = [_m("Josep Borell", 0), _m("Josep Borrell", 50, "josep_borrell", "other"), _m("Borell", 90)]
    assert {m.entity.name for m in merge_names(found)} == {"Josep Borrell"}


ARTICLE = Article(
    title="EU và NATO bàn về Nga",
    lede="",
    body=(
        "Ngày 5/3, Thủ tướng Anh Theressa May tuyên bố London sẽ trục xuất các nhà ngoại giao Nga. "
        "Ông Josep Borell cho biết EU ủng hộ Anh trong vụ việc với Nga. "
        "Bà May nói thêm rằng NATO sẽ thảo luận về Nga tuần tới."
    ),
    origin="team.txt",
    raw="x",
    date=DateInfo(5, 3, 2018, "dateline", "Ngày 5/3"),
)


def test_misspelt_speakers_resolve_to_the_actor_in_extraction():
    ex = extract(ARTICLE)
    names = {m.surface: m.entity.name for m in ex.mentions if m.entity.type == "PER"}
    assert names.get("Theressa May") == "Theresa May"
    assert names.get("Josep Borell") == "Josep Borrell"
    speakers = {s.speaker.name for s in ex.statements if s.speaker}
    assert {"Theresa May", "Josep Borrell"} <= speakers
    assert all(
        s.speaker.side == "nato" for s in ex.statements if s.speaker and s.speaker.name == "Theresa May"
    )


def test_across_the_store_a_misspelling_is_the_same_entity(tmp_path):
    db = store.connect(tmp_path / "s.db")
    try:
        store.add_article(db, ARTICLE, extract(ARTICLE))
        right = dataclasses.replace(
            ARTICLE,
            body="Thủ tướng Anh Theresa May cho biết Anh sẽ không đối thoại với Nga về vụ việc.",
            origin="team2.txt",
        )
        store.add_article(db, right, extract(right))
        people = {r[0] for r in db.execute("SELECT name FROM entities WHERE type = 'PER'")}
    finally:
        db.close()
    assert "Theresa May" in people and "Theressa May" not in people and "Josep Borell" not in people
