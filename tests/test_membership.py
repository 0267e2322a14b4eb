"""NATO membership by date (data/nato_members.yaml, core.nlp.membership): a country's name stands for the NATO side
only from its accession, and a speaker who takes the side of the country in their title takes the side it had
on the article's date. Articles are team-written."""

from __future__ import annotations

import datetime as dt

import pytest

from core.models import Article, DateInfo, Entity
from core.nlp import kb as kbmod
from core.nlp.membership import member_for, members, side_at
from core.nlp.pipeline import extract

JOINED = {
    **dict.fromkeys(
        [
            "usa",
            "uk",
            "france",
            "belgium",
            "canada",
            "denmark",
            "iceland",
            "italy",
            "luxembourg",
            "netherlands",
            "norway",
            "portugal",
        ],
        dt.date(1949, 4, 4),
    ),
    "greece": dt.date(1952, 2, 18),
    "turkey": dt.date(1952, 2, 18),
    "germany": dt.date(1955, 5, 6),
    "spain": dt.date(1982, 5, 30),
    **dict.fromkeys(["czechia", "hungary", "poland"], dt.date(1999, 3, 12)),
    **dict.fromkeys(
        ["bulgaria", "estonia", "latvia", "lithuania", "romania", "slovakia", "slovenia"],
        dt.date(2004, 3, 29),
    ),
    **dict.fromkeys(["albania", "croatia"], dt.date(2009, 4, 1)),
    "montenegro": dt.date(2017, 6, 5),
    "north_macedonia": dt.date(2020, 3, 27),
    "finland": dt.date(2023, 4, 4),
    "sweden": dt.date(2024, 3, 7),
}


def test_the_file_holds_every_member_with_its_accession_date():
    assert {m.kb_id: m.joined for m in members()} == JOINED
    assert len(members()) == 32


def test_every_nato_country_of_the_knowledge_file_is_a_member():
    """A country the knowledge file puts on the NATO side must have a date here (capitals stand for theirs)."""
    covered = {i for m in members() for i in (m.kb_id, *m.also)}
    k = kbmod.load()
    nato_places = {a.id for a in k.actors.values() if a.type == "LOC" and a.side == "nato"}
    assert nato_places <= covered, nato_places - covered


def _country(kb_id: str) -> Entity:
    return kbmod.load().actor(kb_id).entity


@pytest.mark.parametrize(
    ("kb_id", "date", "side"),
    [
        ("montenegro", DateInfo(4, 6, 2017), "other"),
        ("montenegro", DateInfo(5, 6, 2017), "nato"),
        ("montenegro", DateInfo(None, 6, 2017), "other"),  # June 2017 may be before the 5th
        ("montenegro", DateInfo(None, None, 2017), "other"),
        ("montenegro", DateInfo(None, 7, 2017), "nato"),
        ("montenegro", DateInfo(None, None, 2018), "nato"),
        ("finland", DateInfo(3, 4, 2023), "other"),
        ("finland", DateInfo(4, 4, 2023), "nato"),
        ("sweden", DateInfo(6, 3, 2024), "other"),
        ("sweden", DateInfo(7, 3, 2024), "nato"),
        ("north_macedonia", DateInfo(1, 1, 2019), "other"),
        ("poland", DateInfo(1, 1, 1998), "other"),
        ("poland", DateInfo(None, None, 1999), "other"),
        ("warsaw", DateInfo(1, 6, 1999), "nato"),  # the capital stands for the country
        ("spain", DateInfo(1, 1, 1980), "other"),
        ("usa", DateInfo(1, 1, 1945), "other"),
        ("usa", DateInfo(1, 1, 2017), "nato"),
        ("russia", DateInfo(1, 1, 2017), "russia"),  # not a member: the knowledge file's side
        ("ukraine", DateInfo(1, 1, 2023), "other"),
        ("finland", DateInfo(), "nato"),  # no year: the knowledge file's (today's) side
        ("finland", DateInfo(1, 5, 2022, "crawled"), "other"),  # an upper bound before the accession
        ("finland", DateInfo(1, 5, 2023, "crawled"), "nato"),  # an upper bound after it proves nothing
    ],
)
def test_side_on_a_date(kb_id, date, side):
    assert side_at(_country(kb_id), date) == side


def test_an_organisation_named_after_a_member_follows_it():
    ministry = Entity("Bộ Ngoại giao Phần Lan", "ORG", "nato", None)
    assert member_for(ministry).kb_id == "finland"
    assert side_at(ministry, DateInfo(1, 1, 2020)) == "other"
    assert side_at(ministry, DateInfo(1, 1, 2024)) == "nato"
    assert member_for(Entity("Phần Lan Mới", "PER", "other", None)) is None


MONTENEGRO = (
    "Ngoại trưởng Montenegro Srdjan Darmanovic cho biết Nga đang tìm cách ngăn cản nước này gia nhập NATO."
)
FINLAND = "Bộ trưởng Quốc phòng Phần Lan Antti Kaikkonen tuyên bố Nga là mối đe dọa lớn nhất đối với an ninh châu Âu."


@pytest.mark.parametrize(
    ("body", "date", "side"),
    [
        (MONTENEGRO, DateInfo(20, 5, 2017, "dateline", "Ngày 20/5"), "other"),
        (MONTENEGRO, DateInfo(12, 6, 2017, "dateline", "Ngày 12/6"), "nato"),
        (FINLAND, DateInfo(3, 3, 2022, "metadata", "2022-03-03"), "other"),
        (FINLAND, DateInfo(5, 5, 2023, "metadata", "2023-05-05"), "nato"),
        (FINLAND, DateInfo(), "nato"),
    ],
)
def test_an_unknown_speaker_takes_the_side_their_country_had_that_day(body, date, side):
    ex = extract(Article("NATO và Nga", "", body, "team.txt", "x", date=date))
    speakers = [s.speaker for s in ex.statements if s.speaker and s.speaker.type == "PER"]
    assert speakers, [s.speaker_text for s in ex.statements]
    assert not speakers[0].kb_id, "a person the knowledge file does not know"
    assert {s.side for s in speakers} == {side}
