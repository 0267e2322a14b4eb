"""Persons within one article: a surname or a variant spelling joins the best full name ("Skripal" -> Sergei
Skripal, "Theressa May" -> Theresa May), so does a family name written first or a first name that opens one full
name only ("ông Tập" -> Tập Cận Bình); a surname the tagger read as a place or an organisation is that person's
("Comey" after "James Comey"), and so is a full name it read as a place ("Sigmar Gabriel" beside "Gabriel").
core.nlp.names says what a name is; this joins the names of one person. And `place_or_person`: a name the tagger
read as a place that is followed the way only people are (moved from core.nlp.titles).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp.names import countries, entity_rules
from core.nlp.speech import alt, honorific_gender
from core.nlp.variants import name_keys, same_person, short_form_of
from core.text.textnorm import fold


def surnames_as_persons(mentions: list[Mention]) -> list[Mention]:
    """A single word the tagger typed as a place or an organisation that ends a person's full name named in the
    article is that person's surname ("Comey" beside "James Comey"), unless the knowledge file or the list of
    countries knows it ("Iraq" stays a country whatever name ends with it)."""
    surnames = {
        fold(m.entity.name.split()[-1]) for m in mentions if m.entity.type == "PER" and " " in m.entity.name
    }
    alone = {fold(m.entity.name) for m in mentions if m.entity.type == "PER" and " " not in m.entity.name}
    out = []
    for m in mentions:
        e = m.entity
        word = fold(e.name)
        typed_place = e.type in ("LOC", "ORG") and not e.kb_id and " " not in e.name
        if typed_place and word in surnames and word not in countries():
            m = replace(m, entity=Entity(e.name, "PER", e.side, None))
        elif e.type == "LOC" and not e.kb_id and _full_name_of(e.name, alone):
            m = _as_person(m)
        out.append(m)
    return out


def _full_name_of(name: str, alone: set[str]) -> bool:
    """A name of capitalised words the tagger read as a place whose last word is a person named alone in the article
    ("Sigmar Gabriel" beside "Ngoại trưởng Đức Gabriel", "Alexander Lavrentyev" beside "ông Lavrentyev"); not a
    place or body with a head noun ("Quỹ Clinton") nor a country."""
    words = name.split()
    er = entity_rules()
    return (
        len(words) >= 2
        and fold(words[-1]) in alone
        and all(w[:1].isupper() for w in words)
        and fold(name) not in countries()
        and not any(fold(name).startswith(h + " ") for h in er.org_heads + er.loc_heads)
    )


def _as_person(m: Mention) -> Mention:
    """The mention as a person, without a country the tagger ran into the name ("Nga Alexander Lavrentyev")."""
    words = m.entity.name.split()
    lead = 0
    while lead < len(words) - 2 and fold(words[lead]) in countries():
        lead += 1
    if not m.surface.startswith(" ".join(words[:lead])):
        lead = 0  # the surface is spelt otherwise: keep the name whole rather than cut it blind
    cut = len(" ".join(words[:lead])) + (1 if lead else 0)
    name = " ".join(words[lead:])
    return replace(
        m, entity=Entity(name, "PER", m.entity.side, None), surface=m.surface[cut:], start=m.start + cut
    )


def _fused(per: dict[str, Entity], mentions: list[Mention]) -> dict[str, Entity]:
    """Two names run together: a name of three words or more whose last word is another person's surname in the
    article and whose word before it is also named alone ("Loretta Lynch Comey" beside "James Comey" and "Lynch":
    "Loretta Lynch. Comey đã chỉ trích" lost its full stop). The mention is the last name's, whose clause follows."""
    alone = {fold(m.entity.name) for m in mentions if " " not in m.entity.name}
    joined = {
        n for n, e in per.items() if len(n.split()) >= 3 and not e.kb_id and fold(n.split()[-2]) in alone
    }
    out = {}
    for name in joined:
        words = name.split()
        tail = fold(words[-1])
        others = [
            e
            for n, e in per.items()
            if n not in joined and len(n.split()) >= 2 and fold(n.split()[-1]) == tail
        ]
        if len(others) == 1 and not fold(others[0].name).endswith(fold(" ".join(words[-2:]))):
            out[name] = others[0]
    return out


def merge_names(mentions: list[Mention], sentences: tuple[Sentence, ...] = ()) -> list[Mention]:
    """A surname or shorter form alone resolves to the full name in the article ("Skripal" -> Sergei Skripal),
    and variants or misspellings of one person join one name ("Theressa May" -> Theresa May).

    Matching is on whole trailing words, folded and then in spelling keys (`same_person`); the best name
    wins: KB entities first, then more words, then the most mentioned. With the `sentences`, the honorific
    before a short form keeps it from a full name of the other gender ("bà Kara-Murza" is "bà Yevgeniya
    Kara-Murza", not "ông Vladimir Kara-Murza"; with no woman of that name, nobody named in full).
    """
    per: dict[str, Entity] = {}
    counts: dict[str, int] = {}
    for m in mentions:
        if m.entity.type == "PER":
            per.setdefault(m.entity.name, m.entity)
            counts[m.entity.name] = counts.get(m.entity.name, 0) + 1

    def rank(e: Entity) -> tuple:
        # a name in capitals is a byline or a heading's ("MATTHE ROJANSKY" closing his article): the spelling in
        # the text wins, or the person would be read as a layout label and lose every statement
        capitals = " " in e.name and all(w.isupper() for w in e.name.split())
        return (e.kb_id is None, -len(name_keys(e.name)), capitals, -counts[e.name], -len(e.name), e.name)

    fused = _fused(per, mentions)
    full = sorted((e for e in per.values() if e.name not in fused), key=rank)
    remap: dict[str, Entity] = dict(fused)
    for ent in per.values():
        f = fold(ent.name)
        for cand in full:
            if cand.name == ent.name:
                continue
            cf = fold(cand.name)
            if (len(cf) > len(f) and cf.endswith(" " + f)) or short_form_of(ent.name, cand.name):
                remap[ent.name] = cand
                break
            if rank(cand) < rank(ent) and same_person(ent.name, cand.name):
                remap[ent.name] = cand
                break
        else:
            # a family name written first ("ông Tập" for Tập Cận Bình, "ông Kim" for Kim Jong-un) or a first name
            # ("ông Emmanuel"): the one full name of the article that opens with the word, when none ends with it
            opening = [c for c in full if " " not in f and fold(c.name).startswith(f + " ")]
            if len(opening) == 1:
                remap[ent.name] = opening[0]
    # A word NER reads as a person that ends an organisation the article named, one with no head noun (an
    # outlet, a company): "Review" after "Trang Unz Review", "Post" after "Washington Post"; not "Clinton" of
    # "Quỹ Clinton".
    er = entity_rules()
    orgs = {m.entity for m in mentions if m.entity.type == "ORG" and " " in m.entity.name}
    orgs = {o for o in orgs if not any(fold(o.name).startswith(h + " ") for h in er.org_heads)}
    for ent in per.values():
        f = fold(ent.name)
        hits = {o for o in orgs if fold(o.name).endswith(" " + f)}
        if ent.name not in remap and ent.kb_id is None and " " not in ent.name and len(hits) == 1:
            remap[ent.name] = hits.pop()
    for name in list(remap):  # "Borell" -> "Josep Borell" -> "Josep Borrell": follow to the end
        seen = {name}
        while remap[name].name in remap and remap[name].name not in seen:
            seen.add(remap[name].name)
            remap[name] = remap[remap[name].name]
    gender = _genders(mentions, sentences)
    named: dict[str, str] = {}  # a full name's gender: that of its first honorific
    for m in mentions:
        if m.entity.type == "PER" and m.entity.name not in remap and id(m) in gender:
            named.setdefault(m.entity.name, gender[id(m)])
    # Names the knowledge file knows under another type ("Anh" tagged PER) keep their KB type already.
    out = []
    for m in mentions:
        if m.entity.type == "PER" and m.entity.name in remap:
            into = remap[m.entity.name]
            g = gender.get(id(m))
            if g is not None and named.get(into.name, g) != g:
                same = [c for c in full if named.get(c.name) == g and short_form_of(m.entity.name, c.name)]
                into = same[0] if same else m.entity
            m = Mention(into, m.surface, m.sentence, m.field, m.start, m.end, m.confidence, m.evidence)
        out.append(m)
    return out


def _genders(mentions: list[Mention], sentences: tuple[Sentence, ...]) -> dict[int, str]:
    """The gender the honorific right before each person's mention gives ("ông X": m, "bà X": f), by id."""
    where = {(s.field, s.idx): s for s in sentences}
    out: dict[int, str] = {}
    for m in mentions:
        sent = where.get((m.field, m.sentence))
        gender = honorific_gender(sent, m.start) if m.entity.type == "PER" and sent is not None else None
        if gender is not None:
            out[id(m)] = gender
    return out


@cache
def _person_after_re() -> re.Pattern:
    r, s = rules("entity_rules"), rules("speech")
    roles = [*r["titles"], *r["side_roles"], *r.get("private_titles", []), *s.get("non_official_heads", [])]
    gap = rf"(?:\s+(?:{alt(s['gap_words'])}|\d+(?:[/.-]\d+)*))*"
    return re.compile(
        rf"\s*,\s*(?:(?:một|cựu|nguyên|phó|quyền|hiện là|là)\s+){{0,2}}(?:{alt(roles)}|nhà\s+\w+)(?!\w)|{gap}\s+(?:{alt(list(s['verbs']))})(?!\w)",
        re.IGNORECASE,
    )


def place_or_person(name: str, typ: str, before: str, after: str) -> str:
    """A place the tagger read is a person when `person_after` says so; not after a place's head ("tại tỉnh Latakia
    cho hay": the place closes an apposition, its person spoke)."""
    head = re.search(r"(\S+)\s+$", before)
    if head is not None and head.group(1) in entity_rules().place_heads and " " not in name:
        return typ
    return "PER" if typ == "LOC" and person_after(name, before, after) else typ


def person_after(name: str, before: str, after: str) -> bool:
    """Is a name the tagger read as a place followed the way only people are: by an apposition naming a role
    ("Andy Smith, giám đốc Trung tâm ...") or by a reporting verb ("Juan Zarate hối thúc", "Margarita Simonyan đã
    bác bỏ")? Places that speak for a state are countries or capitals of the knowledge file, read before this. Not
    in an apposition after a person ("Bruce Blair, đồng sáng lập Global Zero nói": the institution, Blair speaks)."""
    if name.isupper() or fold(name) in countries() or _person_after_re().match(after) is None:
        return False
    head, _, role = before.rpartition(",")
    return not (head.rstrip()[-1:].isalpha() and role.strip() and role.strip() == role.strip().lower())
