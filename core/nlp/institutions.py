"""The side a title naming no country gives: the legislature a legislator's party belongs to ("thượng nghị sĩ
đảng Dân chủ Elijah Cummings": the US), or the institution a title is a member of when the article names that
institution with one side only ("Thượng nghị sĩ Mitch McConnell" where the article names "Thượng viện Mỹ").
Split from core.nlp.sides (titles that name their country); the sides live in core.nlp.context's `Context`. And
the chamber unnamed legislators speak for ("nhiều nghị sĩ Mỹ": Quốc hội Mỹ; moved from core.nlp.speakers).
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.context import Context
from core.nlp.membership import side_at
from core.nlp.outlets import is_media
from core.nlp.speech import alt
from core.text.textnorm import fold


@cache
def _party_res() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    r = rules("entity_rules")
    heads, parties = alt(r["party_heads"]), alt(r["parties"])
    return (
        # "thượng nghị sĩ (đảng) Dân chủ (tại Ủy ban Giám sát Hạ viện) Elijah Cummings", "một nghị sĩ khác của đảng Dân
        # chủ là Ted Deutch"
        re.compile(
            rf"(?<!\w)(?:{heads})\s+(?:khác\s+)?(?:của\s+)?(?:đảng\s+)?({parties})(?:\s+[^\s,.;:\"“”]+){{0,8}}\s+$",
            re.IGNORECASE,
        ),
        # "Mike Lee, một người Cộng hòa khác,", "Susan Collins (đảng Cộng hòa)", "Justin Amash thuộc đảng Cộng hòa, đại
        # diện cho bang Michigan" (the party's name ends there: not "đảng Dân chủ Tự do" of Japan)
        re.compile(
            rf"\s*(?:,\s*(?:một\s+)?(?:{heads})\s+(?:đảng\s+)?|\(\s*đảng\s+)({parties})(?!\w)"
            rf"|\s+thuộc\s+đảng\s+({parties})(?=\s*[,.;)]|\s+(?:của\s+)?Mỹ)",
            re.IGNORECASE,
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
    actor = kbmod.load().lookup(countries[fold(m.group(m.lastindex or 1))])
    side = side_at(actor.entity, ctx.date) if actor is not None else None
    return side if side in ("nato", "russia") else None


@cache
def _title_institutions() -> tuple[tuple[re.Pattern, tuple[str, ...], int | None], ...]:
    """(a title without a country right before a name, the institutions it is a member of, how many sentences
    before the title the institution must be named: None for anywhere in the article), longest first. A
    legislator's chamber is the article's subject; an officer's forces must be named close by (a story about
    Russian air defences names "Không quân Nga" and leaves an American general's air force unnamed)."""
    r = rules("entity_rules")
    items = [(t, inst, None) for t, inst in r.get("title_institutions", {}).items()]
    items += [(t, inst, RANK_REACH) for t, inst in r.get("rank_institutions", {}).items()]
    return tuple(
        (
            # "tướng" of "Thủ tướng" is no general: the prime minister is no officer
            re.compile(rf"(?<!\w)(?<!thủ\s){re.escape(t)}\s+(?:\S+\s+){{0,2}}$", re.IGNORECASE),
            tuple(fold(i) for i in inst),
            reach,
        )
        for t, inst, reach in sorted(items, key=lambda item: -len(item[0]))
    )


@cache
def _former_words() -> frozenset[str]:
    return frozenset(w.lower() for w in rules("entity_rules")["former_titles"])


def _ends_with_word(text: str, words: str) -> bool:
    """`text` ends with `words`, not inside a longer word ("quân đội" ends "của quân đội", not "đồng đội")."""
    if not text.endswith(words):
        return False
    k = len(text) - len(words)
    return k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_")


RANK_REACH = 2  # an officer's forces: named in his sentence or the two before it


def members(sentences: tuple[Sentence, ...], by_sent: dict[int, list[Mention]], ctx: Context) -> None:
    """Persons still without a side whose title makes them members of an institution the article names with
    one side only ("Thượng nghị sĩ Mitch McConnell" where the article names "Thượng viện Mỹ"; "Đại úy Edward
    Bachar" after "quân đội Mỹ"). An institution of a country of neither side counts too: beside "Quân đội
    Syria", "Quân đội Mỹ" does not say whose a general is."""
    named: dict[str, dict[int, set[str]]] = {}  # institution word -> sentence -> sides it is named with there
    texts = {sent.idx: sent for sent in sentences}
    for idx, ms in by_sent.items():
        for m in ms:
            # "Quân đội Mỹ" as an organisation, or in lower case before the country: "của quân đội Mỹ"
            org = fold(m.entity.name) if m.entity.type == "ORG" else None
            lead = None
            if m.entity.type == "LOC" and m.entity.kb_id:
                sent = texts[idx]
                before = fold(sent.text[max(0, m.start - sent.start - 40) : m.start - sent.start])
                # the words before the country, when a space separates them from it
                lead = before.rstrip() if before[-1:].isspace() else None
            if org is None and lead is None:
                continue
            for _, inst, _ in _title_institutions():
                for i in inst:
                    if (org is not None and org.startswith(i)) or (
                        lead is not None and _ends_with_word(lead, i)
                    ):
                        named.setdefault(i, {}).setdefault(idx, set()).add(side_at(m.entity, ctx.date))
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
                or b.entity.name in ctx.experts
            ):
                continue
            before = sent.text[max(0, b.start - sent.start - 40) : b.start - sent.start]
            lead = sent.text[max(0, b.start - sent.start - 80) : b.start - sent.start].lower().split()
            if _former_words().intersection(lead):
                continue  # "Cựu giám đốc cơ quan tình báo không quân Mỹ, trung tướng Dave Deptul": no post now
            for pattern, inst, reach in _title_institutions():
                if pattern.search(before):
                    sides = {
                        side
                        for i in inst
                        for idx, found in named.get(i, {}).items()
                        if reach is None or sent.idx - reach <= idx <= sent.idx
                        for side in found
                    }
                    if len(sides) == 1 and (side := sides.pop()) in ("nato", "russia"):
                        ctx.sides[b.entity.name] = side
                    break


def chamber_of(before: str, country: Entity) -> Entity | None:
    """The legislature of `country` when the words right before it are a legislator's title ("nhiều nghị sĩ Mỹ",
    "một thượng nghị sĩ Nga"): the first of the title's institutions (data/entity_rules.yaml title_institutions)
    the knowledge file knows for that country ("Quốc hội Mỹ", "Thượng viện Nga" = Hội đồng Liên bang Nga), else
    the first named with the country, on its side."""
    for title, institutions in sorted(
        rules("entity_rules").get("title_institutions", {}).items(), key=lambda kv: -len(kv[0])
    ):
        if re.search(rf"(?<!\w){re.escape(title)}\s+$", before, re.IGNORECASE):
            names = [f"{i[:1].upper()}{i[1:]} {country.name}" for i in institutions]
            known = next((a for a in map(kbmod.load().lookup, names) if a is not None), None)
            return known.entity if known else Entity(names[0], "ORG", country.side, None)
    return None


def orgs_named(ms: list[Mention], before: int) -> list[Entity]:
    """The organisations (no media) of these mentions named before a position, in order."""
    return [
        m.entity
        for m in sorted(ms, key=lambda m: m.start)
        if m.entity.type == "ORG" and not is_media(m.entity) and m.end <= before
    ]


_THIS_BODY = re.compile(r"(?:(\w+)\s+)?(\w+)\s+(?:này|trên)", re.IGNORECASE)


def named_before(between: str, orgs: list[Entity]) -> Entity | None:
    """The institution a title names by its head and "này" / "trên" ("phát ngôn viên bộ này Ian Prior" after
    "Bộ Tư pháp Mỹ"): the last of `orgs` (the organisations named before it, in order) whose name (any of the
    knowledge file's names) starts with that head, the longer head first ("Đại sứ quán này", not "quán")."""
    m = _THIS_BODY.fullmatch(" ".join(between.split()))
    if m is None:
        return None
    heads = [m.group(2)] + ([f"{m.group(1)} {m.group(2)}"] if m.group(1) else [])
    return next((ent for head in reversed(heads) if (ent := last_headed(head, orgs)) is not None), None)


def last_headed(head: str, orgs: list[Entity]) -> Entity | None:
    """The last of `orgs` with a name (any of the knowledge file's names) opening with `head`: "Bộ" after "Bộ Quốc
    phòng Mỹ", kept as "Lầu Năm Góc"."""
    key = fold(head) + " "
    return next((e for e in reversed(orgs) if any(fold(n).startswith(key) for n in kbmod.names_of(e))), None)
