"""The knowledge file (data/knowledge.yaml): actors, their aliases and sides, and offices with date ranges.

Everything here is loaded once per process (`load()` is cached) and frozen, so `extract` can run in a process
pool without shared mutable state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.config import rules
from core.models import Entity
from core.text.textnorm import fold


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: str
    side: str
    aliases: tuple[str, ...]
    ambiguous: tuple[str, ...] = ()
    media: bool = False
    core: bool = False

    @property
    def entity(self) -> Entity:
        return Entity(self.name, self.type, self.side, self.id)


@dataclass(frozen=True)
class Holder:
    actor: str
    start: tuple[int, int]  # (year, month), inclusive
    end: tuple[int, int] | None  # None: still in office


@dataclass(frozen=True)
class Office:
    terms: tuple[str, ...]
    holders: tuple[Holder, ...]


@dataclass(frozen=True)
class KB:
    actors: dict[str, Actor]
    by_alias: dict[str, str]  # exact surface -> actor id
    by_fold: dict[str, str]  # folded surface -> actor id (used for names from NER and for evaluation)
    offices: tuple[Office, ...]
    by_term: dict[str, int]  # exact office term -> index into offices
    alias_re: re.Pattern
    office_re: re.Pattern
    given_names: frozenset[str]  # folded first words of known people ("sergei", "dmitry"): names, not places

    def actor(self, actor_id: str) -> Actor:
        return self.actors[actor_id]

    def lookup(self, name: str) -> Actor | None:
        """An exact alias, else a folded one ("Hoa Kỳ" and "hoa ky" are both Mỹ), else one whose transliterated
        syllables are joined ("Điện Krem-li" is the alias "Điện Kremli")."""
        aid = (
            self.by_alias.get(name)
            or self.by_fold.get(fold(name))
            or self.by_fold.get(fold(name).replace("-", ""))
        )
        return self.actors[aid] if aid else None


def _ym(value: object) -> tuple[int, int]:
    text = str(value)
    year, _, month = text.partition("-")
    return int(year), int(month or 1)


def _alternation(words: list[str]) -> re.Pattern:
    """One pattern for all `words`; the longest that matches wins ("Liên bang Nga" over "Nga"), and \\w guards
    keep "Nga" out of "Ngay". The words go in as a character trie ("Ng(?:a|ay)…"), whose longer branches are
    tried before a word ends, so it matches what the flat longest-first alternation would, ~7x faster: re
    tries a flat alternation's every word at every position of every sentence of every article.

    >>> [m.group(0) for m in _alternation(["Nga", "Liên bang Nga", "Liên Xô"]).finditer("Liên bang Nga, Ngay")]
    ['Liên bang Nga']
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(rf"(?<![\w])(?:{branch(trie)})(?![\w])")


def _head_terms(terms: list[str], head_of: dict) -> list[str]:
    """ "người đứng đầu Bộ Ngoại giao Nga" from "Bộ trưởng Bộ Ngoại giao Nga": the head of an institution named
    in a minister's title is that minister (knowledge.yaml `head_of`: the title words and the head nouns)."""
    out = []
    for term in terms:
        for title in head_of.get("titles", []):
            if term.startswith(title + " ") and term[len(title) + 1 :][:1].isupper():
                out += [f"{head} {term[len(title) + 1 :]}" for head in head_of.get("heads", [])]
    return out


def _seat_terms(office: dict, head_of: dict, spellings: dict[str, tuple[str, ...]]) -> list[str]:
    """ "người đứng đầu Nhà Trắng", "Chủ nhân Điện Kremlin", "phát ngôn viên của Tổng thống Nga": a head noun (the
    office's `heads`, else knowledge.yaml `head_of.seat_heads`; also with a capital first letter), "của" or not,
    before a seat of the office (`seats`, in every spelling the file gives that seat as an actor: "Người đứng đầu
    điện Crem-li") names its holder."""
    heads = office.get("heads") or head_of.get("seat_heads", [])
    heads = list(dict.fromkeys([*heads, *(h[:1].upper() + h[1:] for h in heads)]))
    seats = dict.fromkeys(x for seat in office.get("seats", []) for x in (seat, *spellings.get(seat, ())))
    return [f"{head}{of} {seat}" for seat in seats for head in heads for of in ("", " của")]


_INITIAL = re.compile(r"^(\w)\.\s*(?=\w)")


def _spellings(alias: str) -> list[str]:
    """An alias and its other spacing of a leading initial: "V. Putin" is also written "V.Putin", and back."""
    m = _INITIAL.match(alias)
    if m is None:
        return [alias]
    return [alias, f"{m.group(1)}. {alias[m.end() :]}", f"{m.group(1)}.{alias[m.end() :]}"]


@cache
def load() -> KB:
    """Build the alias and office indexes from data/knowledge.yaml (once per process)."""
    data = rules("knowledge")
    actors: dict[str, Actor] = {}
    by_alias: dict[str, str] = {}
    by_fold: dict[str, str] = {}
    for a in data["actors"]:
        aliases = tuple(
            dict.fromkeys(s for alias in [a["name"], *a.get("aliases", [])] for s in _spellings(alias))
        )
        actor = Actor(
            a["id"],
            a["name"],
            a["type"],
            a.get("side", "other"),
            aliases,
            tuple(a.get("ambiguous", [])),
            bool(a.get("media")),
            bool(a.get("core")),
        )
        actors[actor.id] = actor
        for alias in aliases:
            by_alias.setdefault(alias, actor.id)
            by_fold.setdefault(fold(alias), actor.id)
    # a seat named as an actor's name or alias is written in all of its spellings (places only: "Tổng thống Putin"
    # as a seat is a person's title, spelled as written)
    seat_spellings = {
        alias: actors[aid].aliases for alias, aid in by_alias.items() if actors[aid].type in ("LOC", "ORG")
    }
    offices, by_term = [], {}
    for i, o in enumerate(data.get("offices", [])):
        holders = tuple(
            Holder(h["id"], _ym(h["from"]), _ym(h["to"]) if h.get("to") else None) for h in o["holders"]
        )
        head_of = data.get("head_of", {})
        terms = (*o["terms"], *_head_terms(o["terms"], head_of), *_seat_terms(o, head_of, seat_spellings))
        terms = tuple(dict.fromkeys(terms))
        offices.append(Office(terms, holders))
        for term in terms:
            by_term[term] = i
    return KB(
        actors,
        by_alias,
        by_fold,
        tuple(offices),
        by_term,
        _alternation(list(by_alias)),
        _alternation(list(by_term)),
        frozenset(fold(a.name.split()[0]) for a in actors.values() if a.type == "PER" and " " in a.name),
    )


def names_of(ent: Entity) -> tuple[str, ...]:
    """An entity's name and, for a knowledge-file actor, all its aliases ("Lầu Năm Góc" is "Bộ Quốc phòng Mỹ")."""
    actor = load().actors.get(ent.kb_id or "")
    return (ent.name, *actor.aliases) if actor is not None else (ent.name,)


def resolve_office(
    office: Office, year: int | None, month: int | None, named: frozenset[str] = frozenset()
) -> str | None:
    """Who held the office at the article's date.

    With a year (and month, else any month of that year) pick the holder in office then; without a year,
    resolve only when a single holder exists, else fall back to a holder named elsewhere in the article.
    "Tổng thư ký NATO" in 2016-11 -> jens_stoltenberg; in 2025-03 -> mark_rutte.
    """
    if year:
        lo = (year, month or 1)
        hi = (year, month or 12)
        fits = [h for h in office.holders if h.start <= hi and (h.end is None or h.end >= lo)]
    else:
        fits = list(office.holders)
    ids = list(dict.fromkeys(h.actor for h in fits))
    if len(ids) == 1:
        return ids[0]
    among = [i for i in ids if i in named]
    return among[0] if len(among) == 1 else None


def offices_held(actor_id: str, year: int | None, month: int | None) -> list[int]:
    """Indices of the offices `actor_id` held at the date (within that year when no month); any he ever held
    when there is no year."""
    lo, hi = ((year, month or 1), (year, month or 12)) if year else ((0, 1), (9999, 12))
    return [
        i
        for i, office in enumerate(load().offices)
        if any(
            h.actor == actor_id and h.start <= hi and (h.end is None or h.end >= lo) for h in office.holders
        )
    ]


def term_country(term: str) -> tuple[str, Actor] | None:
    """An office term split at the place that ends it: "Tổng thống Mỹ" -> ("Tổng thống", the United States); None
    when no place ends it."""
    words = term.split()
    for n in range(1, len(words)):
        actor = load().lookup(" ".join(words[n:]))
        if actor is not None and actor.type == "LOC":
            return " ".join(words[:n]), actor
    return None


def government_of(actor_id: str, year: int | None, month: int | None) -> Entity | None:
    """The country of a person's government (core.nlp.speakers reads it for "chính quyền <person>"): the place that
    ends the term of an office he held ("Tổng thống Mỹ" -> Mỹ, "Thủ tướng Anh" -> Anh); the office held at the
    article's date first, else any he held ("chính quyền Obama" in a 2017 article is the US government still);
    None for a person the knowledge file has in no such office."""
    k = load()
    dated = offices_held(actor_id, year, month) if year else []
    for i in [*dated, *offices_held(actor_id, None, None)]:
        for term in k.offices[i].terms:
            if (split := term_country(term)) is not None:
                return split[1].entity
    return None
