"""Who holds a post: "Tổng thống Latvia Raimonds Vējonis" names Latvia's person under that title, so a later
"Tổng thống Latvia cho biết", "người đứng đầu Latvia" or "Thứ trưởng Nga" (after "Thứ trưởng Ngoại giao Nga
Sergey Ryabkov") is that person, not the country. Remembered per article in the speakers' `Context.leaders`:
place or organisation name -> [(the two words before it, the title before it, the person)], in order. And a post
of an institution named before its holder ("Cố vấn ... của Điện Kremlin Andrei Krutskikh"): the holder speaks.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.names import entity_rules
from core.nlp.speech import speech_rules
from core.text.textnorm import fold


def title_before(text: str) -> str:
    """The title closest before the end of `text` with only names after it, folded: "Thứ trưởng Ngoại giao"
    -> "thu truong ngoai giao"; "Cựu Giám đốc Cục Điều tra Liên bang Mỹ (" -> "giam doc"; "" when none."""
    tail = text[-80:]
    found = list(entity_rules().title_re.finditer(tail))
    if not found:
        return ""
    t = found[-1]
    rest = re.findall(r"[^\W\d_]+", tail[t.end() :])
    # a lower-case syllable after a capitalised one is the rest of its word: "Cục Điều tra Liên bang Mỹ"
    if (
        any(w[:1].islower() and not (i and rest[i - 1][:1].isupper()) for i, w in enumerate(rest))
        or len(rest) > 6
    ):
        return ""  # a clause between the title and the end: the title is someone else's
    return " ".join(fold(t.group(0)).split())


def register_leaders(sent: Sentence, ms: list[Mention], leaders: dict) -> None:
    """Remember "Tổng thống Latvia Raimonds Vējonis": Latvia's person under that title."""
    # Every place or organisation ending right before the person, nested ones too: "Chủ tịch Hội đồng châu Âu
    # Donald Tusk" names Tusk under "Hội đồng châu Âu" (title "chủ tịch") and under "châu Âu"; an acronym in
    # brackets may come between ("Cục Điều tra Liên bang Mỹ (FBI) James Comey").
    for b in ms:
        if b.entity.type != "PER":
            continue
        for a in ms:
            gap = sent.text[a.end - sent.start : b.start - sent.start]
            if (
                a.entity.type in ("LOC", "ORG")
                and a.end <= b.start
                # "Tổng thống Latvia Raimonds Vējonis", "người phát ngôn điện Kremlin, ông Dmitry Peskov"
                and gap
                and speech_rules().holder_gap_re.fullmatch(gap.removeprefix(")"))
            ):
                for c in [a, *_posted_from(sent, ms, a)]:
                    before = sent.text[: c.start - sent.start]
                    words = fold(before).split()[-2:]
                    leaders.setdefault(c.entity.name, []).append(
                        (" ".join(words), title_before(before), b.entity)
                    )


def _posted_from(sent: Sentence, ms: list[Mention], at: Mention) -> list[Mention]:
    """The country of a post abroad: "Đại sứ Mỹ tại Liên Hợp Quốc Nikki Haley" names Haley under "Mỹ" too, so a
    later "Đại sứ Mỹ nhấn mạnh" is Haley."""
    located = speech_rules().located_re
    return [
        c
        for c in ms
        if c.entity.type in ("LOC", "ORG")
        and c.end < at.start
        and located.fullmatch(" " + sent.text[c.end - sent.start : at.start - sent.start])
    ]


def holder(leaders: dict, name: str, before: str) -> Entity | None:
    """The person named earlier with the title that ends `before` (the text before a place or organisation
    `name`): the same two words before it ("Chủ tịch Hội đồng châu Âu thông báo"), or the same title, or one
    it shortens ("Thứ trưởng Nga" for "Thứ trưởng Ngoại giao Nga"), when only one person held it."""
    options = leaders.get(name, [])
    folded = fold(before.rstrip())
    same = [p for words, _, p in options if words and folded.endswith(words)]
    if same:
        return same[-1]
    cur = title_before(before.rstrip())
    if not cur:
        return None
    held = {p for _, t, p in options if t and (t == cur or t.startswith(cur + " "))}
    return held.pop() if len(held) == 1 else None


@cache
def post_of_re() -> re.Pattern:
    r = rules("entity_rules")
    posts = sorted(r["titles"] + r["side_roles"] + r.get("private_titles", []), key=len, reverse=True)
    return re.compile(
        rf"(?<!\w)(?:{'|'.join(map(re.escape, posts))})\s+[^,.;:!?\"“”]{{0,60}}?(?:của|trong|thuộc)\s*$",
        re.IGNORECASE,
    )


# A short description opening the sentence, then "của" ("Đạo diễn lừng danh của Mỹ Oliver Stone cho rằng"): no
# clause comes before it that could take an object, so the "của" is the description's.
_DESCRIBED_OF = re.compile(r"^\W*([^\W\d_]+)(?:\s+[^\W\d_]+){0,4}\s+của\s*$")


def _described_of(before: str) -> bool:
    m = _DESCRIBED_OF.match(before)
    return m is not None and m.group(1)[0].isupper()  # capitalised word by word: "À-Ỹ" would hold "ô" too


def _office_of_another(title: str, ent: Entity) -> bool:
    """Is `title` (all the words between "của" and a named person) an office of the knowledge file the person never
    held? "Thư ký báo chí của Tổng thống Nga Dmitry Peskov": Peskov serves the president, he is not the one."""
    k = kbmod.load()
    office = k.office_re.fullmatch(title.strip())
    return bool(
        ent.kb_id
        and office
        and all(h.actor != ent.kb_id for h in k.offices[k.by_term[office.group(0)]].holders)
    )


def post_of(sent: Sentence, ms: list[Mention], start: int, ents: list[Entity]) -> bool:
    """ "Cố vấn An ninh mạng của Điện Kremlin Andrei Krutskikh khẳng định": the "của" belongs to the person's
    post, whose institution is named between it and him; the person is the subject, not an object. So for an aide
    named right after the person he serves ("phụ tá của Putin Yuri Ushakov nói"), and for a body whose post's holder
    goes unnamed ("Phó Chủ tịch ... của Duma quốc gia cho biết": the body speaks). Not a person named right after
    "của" alone ("Luật sư của Jared cho biết": the lawyer speaks) or after a title ("người phát ngôn của Tổng thống
    Putin": the one served, not the speaker)."""
    if not ents or ents[-1].type not in ("PER", "ORG"):
        return False
    if post_of_re().search(sent.text[:start]) is None and not _described_of(sent.text[:start]):
        return False
    if ents[-1].type == "ORG":
        # "Phó Chủ tịch thứ nhất Ủy ban quốc phòng của Duma quốc gia cho biết": an unnamed holder of a post of the
        # body speaks for it (the audits' rule: an unnamed official of a named body is that body); not a named one
        # ("ông Rizan Hadu-thành viên của Hội đồng dân chủ Syria nhận định": he speaks, the council does not)
        post = post_of_re().search(sent.text[:start])
        held = post and any(
            m.entity.type == "PER"
            and post.start() <= m.end - sent.start + 3
            and m.start - sent.start < post.end()
            for m in ms
        )
        # a researcher or an expert of a university holds no office: no unnamed official of it
        private = post and any(
            post.group(0).lower().startswith(t) for t in rules("entity_rules")["private_titles"]
        )
        return post is not None and not held and not private
    # the phrase opens on the institution: "của Điện Kremlin Andrei Krutskikh", "của Nhà Trắng Gary Cohn", or on a
    # body holding one ("trong Ủy ban Tình báo Hạ viện Mỹ Adam Schiff": the tagger names the chamber only); not on
    # another title ("Cố vấn của Tổng thống Mỹ Donald Trump": the one served)
    if any(m.entity.type in ("ORG", "LOC") and m.start - sent.start == start for m in ms):
        return True
    person = min(
        (m.start for m in ms if m.entity == ents[-1] and m.start - sent.start >= start), default=None
    )
    if person is not None and _office_of_another(sent.text[start : person - sent.start], ents[-1]):
        return True
    if person is None or entity_rules().title_re.match(sent.text, start):
        return False
    # ... or on the person served, named right before him: "phụ tá của Putin Yuri Ushakov nói"
    served = [
        m for m in ms if m.start - sent.start == start and m.entity.type == "PER" and m.entity != ents[-1]
    ]
    if served and not sent.text[served[0].end - sent.start : person - sent.start].strip():
        return True
    return any(
        m.entity.type in ("ORG", "LOC") and start < m.start - sent.start and m.end <= person for m in ms
    )
