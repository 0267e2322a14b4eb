"""NATO membership by date (data/nato_members.yaml): which side a country's name stands for on a given day.

A person the knowledge file does not know takes the side of the country in their title (core.nlp.statements);
that side must be the one the country had when the article was written: "Thủ tướng Montenegro Duško Marković"
speaks for no side in May 2017 and for the NATO side from 5 June 2017, Finland's ministers from 4 April 2023.

The test is strict in one direction: a country is NATO only when every day the article's date allows is on or
after the accession ("2017" alone is not enough for Montenegro, "6/2017" is not enough either, 5/6/2017 is). A
date that is only an upper bound (the crawl time) or no year at all cannot show that an article is recent: the
knowledge file's side (today's) holds then, unless the upper bound already lies before the accession.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from core.config import rules
from core.models import UPPER_BOUND_SOURCES, DateInfo, Entity
from core.nlp import kb as kbmod


@dataclass(frozen=True)
class Member:
    kb_id: str
    name: str  # the country's canonical name in the knowledge file ("Phần Lan")
    joined: dt.date
    also: tuple[str, ...] = ()


def _date(value: object) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def members() -> tuple[Member, ...]:
    """The members with their accession dates; an id the knowledge file does not have is an error."""
    k = kbmod.load()
    out = []
    for row in rules("nato_members")["members"]:
        kb_id = row["kb"]
        if kb_id not in k.actors:
            raise ValueError(f"data/nato_members.yaml: {kb_id!r} is not an actor of data/knowledge.yaml")
        out.append(Member(kb_id, k.actor(kb_id).name, _date(row["joined"]), tuple(row.get("also", []))))
    return tuple(out)


@cache
def _by_id() -> dict[str, Member]:
    return {i: m for m in members() for i in (m.kb_id, *m.also)}


def member_for(entity: Entity) -> Member | None:
    """The member a name stands for: the country or its capital, or an organisation of it named after it
    ("Bộ Ngoại giao Phần Lan", built from the country's name)."""
    if entity.kb_id:
        return _by_id().get(entity.kb_id)
    if entity.type == "ORG":
        return next((m for m in members() if entity.name.endswith(" " + m.name)), None)
    return None


def _earliest(date: DateInfo) -> dt.date | None:
    """The first day the article's date allows (None without a year)."""
    if not date.year:
        return None
    return dt.date(date.year, date.month or 1, date.day or 1)


def _latest(date: DateInfo) -> dt.date | None:
    if not date.year:
        return None
    if not date.month:
        return dt.date(date.year, 12, 31)
    if not date.day:
        nxt = dt.date(date.year + (date.month == 12), date.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(date.year, date.month, date.day)


def side_at(entity: Entity, date: DateInfo | None) -> str:
    """The side `entity` stood for on the article's date.

    >>> fin = kbmod.load().actor("finland").entity
    >>> side_at(fin, DateInfo(3, 4, 2023)), side_at(fin, DateInfo(4, 4, 2023)), side_at(fin, DateInfo(None, 4, 2023))
    ('other', 'nato', 'other')
    >>> side_at(fin, DateInfo()), side_at(kbmod.load().actor("russia").entity, DateInfo(1, 1, 2017))
    ('nato', 'russia')
    """
    member = member_for(entity)
    if member is None or date is None:
        return entity.side
    latest = _latest(date)
    if latest is not None and latest < member.joined:
        return "other"  # every day the date allows is before the accession
    if date.source in UPPER_BOUND_SOURCES:
        return entity.side
    earliest = _earliest(date)
    if earliest is None:
        return entity.side
    return "nato" if earliest >= member.joined else "other"
