"""Outlets and layout labels: names that relay or decorate, never speak ("Theo Reuters", "tờ Defense News",
"VIDEO XEM THÊM"). An outlet is a media entry of the knowledge file, a name shaped like an outlet's ("ABC News"),
or a name the article introduces after an outlet's head word (remembered per article in `Context.media`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.speech import speech_rules

if TYPE_CHECKING:
    from core.nlp.context import Context


def is_media(ent: Entity) -> bool:
    """An outlet: a media entry of the knowledge file, or an unknown name shaped like an outlet's ("ABC News",
    "Tờ báo Anh")."""
    actor = kbmod.load().actors.get(ent.kb_id or "")
    if actor is not None:
        return bool(actor.media)
    if _glued(ent.name) in _outlet_names():
        return True  # an outlet of the knowledge file written in one word: "DefenseNews", "Foxtrotalpha"
    words = ent.name.split()
    # "Tờ báo Anh", "Đài RT của Nga": the tagger kept the outlet's head in the name, and a name follows it
    # ("Báo cáo của Mỹ" is a report)
    for head in _outlet_heads():
        if ent.name.lower().startswith(head + " ") and ent.name[len(head) + 1 :][:1].isupper():
            return True
    return len(words) >= 2 and words[-1] in _media_name_ends()


def _glued(name: str) -> str:
    return "".join(name.split()).casefold()


@cache
def _outlet_names() -> frozenset[str]:
    """The knowledge file's outlets, every name and alias with its spaces taken out (a name of one word too:
    joining nothing changes it, so the exact name matches as before)."""
    k = kbmod.load()
    return frozenset(_glued(n) for a in k.actors.values() if a.media for n in (a.name, *a.aliases))


@cache
def _outlet_heads() -> tuple[str, ...]:
    return tuple(h.lower() for h in rules("speech")["relay_heads"])


@cache
def _media_name_ends() -> frozenset[str]:
    return frozenset(rules("speech").get("media_name_ends", []))


def _short_forms(name: str) -> set[str]:
    """What an article may shorten an outlet's name to: its first word or its initials in capitals ("UNZ" for "Unz
    Review", "WSJ" for "Wall Street Journal")."""
    words = name.replace("-", " ").split()
    return {words[0].upper(), "".join(w[0] for w in words).upper()} if len(words) >= 2 else set()


def register_media(sent: Sentence, ms: list[Mention], ctx: Context) -> None:
    """Remember names the article introduces as outlets: after an outlet's head word, its modifiers allowed ("trang
    Unz Review", "tạp chí quân sự IHS's Jane"), in brackets after one ("trang Minh bạch quốc phòng (RCD)"), and the
    capitals an outlet met before is shortened to ("UNZ đánh giá" after "Unz Review")."""
    sr = speech_rules()
    for m in ms:
        if is_media(m.entity):
            ctx.media.add(m.entity.name)
    short = {f for name in ctx.media for f in _short_forms(name)}
    for m in ms:
        if m.entity.kb_id:
            continue
        before = sent.text[: m.start - sent.start]
        acronym = m.entity.name.isupper()
        # in brackets, only an acronym: "Tờ Haaretz (Israel)" names the outlet's country
        bracketed = acronym and before.endswith("(") and sr.media_named_re.search(before[:-1].rstrip())
        # a one-word place after a head is the outlet's country or city ("báo Nga", "hãng thông tấn nhà nước
        # Qatar"), not its name
        place = m.entity.type == "LOC" and len(m.entity.name.split()) == 1
        headed = not place and (sr.relay_heads_re.search(before) or sr.media_modified_re.search(before))
        if headed or bracketed or (acronym and m.entity.name in short):
            ctx.media.add(m.entity.name)


def is_label(ent: Entity) -> bool:
    """A layout label in capitals ("VIDEO XEM THÊM", "TIN LIÊN QUAN") is no speaker."""
    words = ent.name.split()
    return ent.kb_id is None and len(words) >= 2 and all(w.isupper() for w in words)
