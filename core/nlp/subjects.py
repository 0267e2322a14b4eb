"""Who a sentence without a statement is about: the antecedent of a bare "ông" / "bà" in the next one.

A news paragraph keeps its subject: "Ông Igor Konashenkov đã đáp trả lời chế giễu của bộ trưởng Anh. Ông cũng
cho rằng ..." is Konashenkov speaking, though the British minister spoke last. So the person opening a sentence as
its subject becomes the one a later bare pronoun means (`Context.last_person`), when the sentence says something
of him (not a caption naming him alone), he is known to be a person (the knowledge file, an honorific before his
name or a title giving him a side: the named-entity tagger also types tanks and fragments as persons), and he
does not ask (a question hands the floor to the one asked).

The subject also speaks through a verb that has none of its own after a bare "khi" (while, in): "Phó Tổng thống
Mike Pence đã tự tránh xa vụ việc này khi tuyên bố ông không hề biết ..." is Pence's statement, the manner of
what he did (`manner_subject`); so after "và" / "đồng thời" that follow his own act ("... và tuyên bố ..."). "sau khi" / "trước khi" / "trong khi" mark another time, and "khi Mỹ thông báo"
has a subject of its own: neither is read here.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp.context import Context
from core.nlp.outlets import is_media
from core.nlp.speakers import Speaker, clause_subject, subject_speaker
from core.nlp.speech import alt, speech_rules
from core.nlp.titles import speaker_phrase

_MIN_PREDICATE_WORDS = 2  # "Tổng thống Mỹ Donald Trump." (a caption) says nothing of him


@cache
def _asking_re() -> re.Pattern[str]:
    r = rules("speech")
    asking, adverb = (alt(r[k]) for k in ("asking_verbs", "asking_adverbs"))
    # the verb right after the subject, past adverbs at most ("Rubio đã hỏi", not "Obama trong cuộc phỏng vấn")
    return re.compile(rf"^\W*(?:(?:{adverb})\s+)*(?:{asking})(?!\w)", re.IGNORECASE)


def _known_person(ent: Entity, ctx: Context) -> bool:
    return bool(ent.kb_id) or ent.name in ctx.genders or ent.name in ctx.sides


def sentence_subject(sent: Sentence, ms: list[Mention], ctx: Context) -> Entity | None:
    """The person this sentence (which yielded no statement) is about, or None."""
    subject = clause_subject(sent, ms, len(sent.text)) or _apposed(sent, ms)
    if subject is None or subject.entity.type != "PER" or is_media(subject.entity):
        return None
    rest = sent.text[subject.end - sent.start :]
    if len(re.findall(r"\w+", rest)) < _MIN_PREDICATE_WORDS or _asking_re().search(rest):
        return None
    return subject.entity if _known_person(subject.entity, ctx) else None


def _apposed(sent: Sentence, ms: list[Mention]) -> Mention | None:
    """The person opening the sentence before an apposition closed by a comma: "Ông Scaramucci, một thành viên
    trong ê-kíp của ông Trump, tỏ ra hài lòng ..." is about Scaramucci, not the Trump inside the apposition."""
    first = min(ms, key=lambda m: m.start, default=None)
    if (
        first is None
        or first.entity.type != "PER"
        or speaker_phrase(sent.text, first.start - sent.start) != 0
    ):
        return None
    end = first.end - sent.start
    close = sent.text.find(",", end + 1)
    if close < 0 or not speech_rules().open_apposition_re.match(sent.text[:close], end):
        return None
    return first if len(re.findall(r"\w+", sent.text[close:])) >= _MIN_PREDICATE_WORDS else None


# a bare "khi" right before the verb: not a time clause ("sau khi", "kể từ khi") nor a frequency ("hiếm khi")
_MANNER_KHI = re.compile(
    r"(?<!\w)(?<!sau )(?<!trước )(?<!trong )(?<!từ )(?<!đến )(?<!hiếm )(?<!đôi )(?<!có )(?<!mỗi )khi\s*$",
    re.IGNORECASE,
)
# "và" / "đồng thời" after the subject's own act, no comma since the subject ("Ông Putin đã nhanh chóng giúp đỡ ông
# Erdogan sau nỗ lực đảo chính và tuyên bố ..."): a verb that takes a position only, not "trả lời" (answering
# questions is an act told) nor "ủng hộ" / "đòi hỏi" (often what the content says, or a noun)
_AND_THEN = re.compile(r"(?<!\w)(?:và|đồng thời)(?:\s+cũng)?\s*$", re.IGNORECASE)
_AND_THEN_CLASSES = frozenset({"say", "appeal", "criticise", "accuse", "threaten", "deny", "reject"})
_AND_THEN_NOT = frozenset({"trả lời", "đề nghị", "đòi hỏi", "nói chuyện"})


def manner_subject(sent: Sentence, ms: list[Mention], left: str, verb: str) -> Speaker | None:
    """The sentence's subject for a reporting verb right after a bare "khi", or after "và" / "đồng thời" with no
    comma since the subject (`left`: the text before the verb), or None. A refusal ("khi từ chối trình bày") says
    nothing."""
    at = _MANNER_KHI.search(left.rstrip(" ,"))
    if at is None:
        at = _AND_THEN.search(left)
        klass = rules("speech")["verbs"].get(verb.lower())
        if at is None or klass not in _AND_THEN_CLASSES or verb.lower() in _AND_THEN_NOT:
            return None
    if verb.lower() in rules("speech")["refusal_verbs"]:
        return None
    subject = clause_subject(sent, ms, at.start())
    if subject is None or (
        at.group(0).strip()[:1] != "k" and "," in sent.text[subject.end - sent.start : at.start()]
    ):
        return None
    return subject_speaker(sent, subject)
