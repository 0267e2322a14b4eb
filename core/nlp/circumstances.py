"""A circumstance between a named subject and its reporting verb: "Ngoại trưởng Rex Tillerson trong một phiên điều
trần ở Quốc hội trong tuần này cảnh báo", '"...", thượng nghị sĩ Ron Wyden thuộc ủy ban giám sát cho biết'. The
phrase opens on a preposition and runs to the verb with no comma, reporting verb or quoting relay in it; the person
right before it speaks when he opens a clause. Read by core.nlp.speakers when no person ends right at the verb.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Mention, Sentence
from core.nlp.speech import alt, speech_rules
from core.nlp.titles import speaker_phrase

_CIRCUMSTANCE = re.compile(r"\s+(?:thuộc|tại|ở|trong|trên|bên lề)\s+[^,;:()\"“”]{2,80}$", re.IGNORECASE)


@cache
def _relay_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alt(rules('speech')['quoting_relays'])})(?!\w)", re.IGNORECASE)


@cache
def _clause_open_re() -> re.Pattern:
    """The person opens a clause: the sentence, or after a comma, a quotation, "nhưng", an outlet's "dẫn lời", a
    "Theo" (not "Người phát ngôn của ông Trump tại Nhà Trắng cho biết", nor "Cuộc gặp Donald Trump - Vladimir Putin
    tại G20 đem lại hy vọng")."""
    r, er = rules("speech"), rules("entity_rules")
    words = alt(["nhưng", "song", "còn", "và", *r["quoting_relays"], *r["according_to"]])
    # or a description opening the sentence: "Nhà nghiên cứu cấp cao Ilan Goldenberg tại Trung tâm ... cho rằng"
    heads = alt([*r["non_official_heads"], *er["private_titles"], *er["titles"]])
    return re.compile(
        rf'(?:^|[,;:"”]|(?<!\w)(?:{words})|^\W*(?:{heads})(?:\s+(?!(?:của|với|cho)(?!\w))[^\W\d_]+){{0,3}})\s*$',
        re.IGNORECASE,
    )


def circumstance_start(left: str) -> int | None:
    """Where a circumstance opened by a preposition begins when one ends `left` (the text before a verb), or None.
    "... tại quốc hội Mỹ Reuters ngày 10.5 dẫn lời": a caption, then whom an outlet quotes: no circumstance."""
    m = _CIRCUMSTANCE.search(left)  # the leftmost: the whole run of circumstances
    if m is None or speech_rules().verb_re.search(left, m.start()) or _relay_re().search(left, m.start()):
        return None
    return m.start()


def circumstance_subject(sent: Sentence, ms: list[Mention], left: str) -> Mention | None:
    """The person before a circumstance that ends `left` (sentence-relative text before the verb), or None: he
    must open a clause, and no other person may be named inside the circumstance."""
    at = circumstance_start(left)
    if at is None:
        return None
    end = len(left[:at].rstrip())
    named = [m for m in ms if m.end - sent.start == end and m.entity.type == "PER"]
    if not named or any(m.entity.type == "PER" and at <= m.start - sent.start < len(left) for m in ms):
        return None
    person = max(named, key=lambda m: m.end - m.start)
    before = sent.text[: speaker_phrase(sent.text, person.start - sent.start)]
    return person if _clause_open_re().search(before) else None
