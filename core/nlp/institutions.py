"""The side a title naming no country gives: the legislature a legislator's party belongs to ("thượng nghị sĩ
đảng Dân chủ Elijah Cummings": the US), or the institution a title is a member of when the article names that
institution with one side only ("Thượng nghị sĩ Mitch McConnell" where the article names "Thượng viện Mỹ").
Split from core.nlp.sides (titles that name their country); the sides live in core.nlp.speakers' `Context`.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.membership import side_at
from core.nlp.speakers import Context
from core.nlp.speech import alt
from core.text.textnorm import fold


@cache
def _party_res() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    r = rules("entity_rules")
    heads, parties = alt(r["party_heads"]), alt(r["parties"])
    return (
        # "thượng nghị sĩ (đảng) Dân chủ (tại Ủy ban Giám sát Hạ viện) Elijah Cummings"
        re.compile(
            rf"(?<!\w)(?:{heads})\s+(?:đảng\s+)?({parties})(?:\s+[^\s,.;:\"“”]+){{0,8}}\s+$", re.IGNORECASE
        ),
        # "Mike Lee, một người Cộng hòa khác,", "Susan Collins (đảng Cộng hòa)"
        re.compile(
            rf"\s*(?:,\s*(?:một\s+)?(?:{heads})\s+(?:đảng\s+)?|\(\s*đảng\s+)({parties})(?!\w)", re.IGNORECASE
        ),
        {fold(k): v for k, v in r["parties"].items()},
    )


def party_side(sent: Sentence, b: Mention, ctx: Context) -> str | None:
    """The side of a legislator's party's country (entity_rules `parties`), before the name or in its apposition."""
    before_re, after_re, countries = _party_res()
    rel = b.start - sent.start
    m = before_re.search(sent.text[max(0, rel - 80) : rel]) or after_re.match(sent.text, b.end - sent.start)
    if m is None:
        return None
    actor = kbmod.load().lookup(countries[fold(m.group(1))])
    side = side_at(actor.entity, ctx.date) if actor is not None else None
    return side if side in ("nato", "russia") else None


@cache
def _title_institutions() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(a title without a country right before a name, the institutions it is a member of), longest first."""
    items = rules("entity_rules").get("title_institutions", {})
    return tuple(
        (
            re.compile(rf"(?<!\w){re.escape(t)}\s+(?:\S+\s+){{0,2}}$", re.IGNORECASE),
            tuple(fold(i) for i in inst),
        )
        for t, inst in sorted(items.items(), key=lambda kv: -len(kv[0]))
    )


def members(sentences: tuple[Sentence, ...], by_sent: dict[int, list[Mention]], ctx: Context) -> None:
    """Persons still without a side whose title makes them members of an institution the article names with
    one side only ("Thượng nghị sĩ Mitch McConnell" where the article names "Thượng viện Mỹ")."""
    named: dict[str, set[str]] = {}  # institution word -> sides it is named with in the article
    for ms in by_sent.values():
        for m in ms:
            side = side_at(m.entity, ctx.date)
            if m.entity.type == "ORG" and side in ("nato", "russia"):
                for _, inst in _title_institutions():
                    for i in inst:
                        if fold(m.entity.name).startswith(i):
                            named.setdefault(i, set()).add(side)
    if not named:
        return
    for sent in sentences:
        for b in by_sent.get(sent.idx, []):
            if (
                b.entity.type != "PER"
                or b.entity.kb_id
                or b.entity.side != "other"
                or b.entity.name in ctx.sides
                or b.entity.name in ctx.former
            ):
                continue
            before = sent.text[max(0, b.start - sent.start - 40) : b.start - sent.start]
            for pattern, inst in _title_institutions():
                if pattern.search(before):
                    sides = set().union(*(named.get(i, set()) for i in inst))
                    if len(sides) == 1:
                        ctx.sides[b.entity.name] = sides.pop()
                    break
