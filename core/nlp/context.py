"""What earlier sentences of an article tell about who is who: the per-article `Context` (the last person and
pair, unnamed sources, titles and descriptions met, sides read from titles), `register_persons`, which records
the persons each sentence names, `pronoun_person`, whom a bare pronoun means, `other_person`, whom "ông ấy" means,
`posted`, which person an unnamed office holder is (every person's post read first by `read_posts`), and
`this_country`, whose official "giới chức nước này" is. Split from core.nlp.speakers (who speaks), which reads it
and re-exports `Speaker`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.config import rules
from core.models import DateInfo, Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.names import UPPER_WORD, countries, entity_rules
from core.nlp.outlets import is_media
from core.nlp.speech import honorific_gender, speech_rules
from core.nlp.titles import speaker_phrase
from core.text.textnorm import fold


@dataclass(frozen=True)
class Speaker:
    """Who speaks (core.nlp.speakers finds it): the entities, the words naming them, where those start."""

    entities: tuple[Entity, ...]
    text: str
    start: int  # sentence-relative start of the speaker phrase
    relay: str | None = None


@dataclass
class Context:
    """What earlier sentences tell us about who 'ông' or 'hai bên' is (per article, never global)."""

    last_person: Entity | None = None
    last_speakers: tuple[Entity, ...] = ()
    last_pair: tuple[Entity, ...] = ()
    # the organisation an unnamed source was last attributed to ("Nguồn tin từ Bộ Ngoại giao Nga")
    last_source: Entity | None = None
    # no named person has spoken since that source: "quan chức này" is still the unnamed official
    source_recent: bool = False
    orgs: list = field(default_factory=list)  # non-media organisations named so far, in order
    # country name -> (folded title before it, the person named right after): "Tổng thống Latvia Raimonds Vējonis"
    leaders: dict = field(default_factory=dict)
    # person name -> side read from their title in this article ("Ngoại trưởng Séc Lubomir Zaoralek": nato)
    sides: dict = field(default_factory=dict)
    # persons a title calls former ("cựu Giám đốc FBI James Comey", "X, cựu quan chức Mỹ"): no side
    former: set = field(default_factory=set)
    # persons whose post is at a research body ("Giám đốc Viện Nghiên cứu Viễn Đông Nga"): experts, no side
    experts: set = field(default_factory=set)
    date: DateInfo | None = None  # the article's: a country's side in a title is the one it had then
    # names met after an outlet's head ("trang Unz Review"): outlets in this article, never speakers
    media: set = field(default_factory=set)
    # persons named so far, in order, and the gender their honorific gave ("bà Yates": f)
    persons: list = field(default_factory=list)
    genders: dict = field(default_factory=dict)
    # a commentator's head noun -> the person last named with it ("chuyên gia" -> Vladimir Tuchkov)
    described: dict = field(default_factory=dict)
    titled: dict = field(default_factory=dict)  # a title -> the person last named with it
    # every person of the article with the words of his post (title before the name, apposition after it)
    posts: list = field(default_factory=list)
    countries: list = field(default_factory=list)  # countries named so far, in order (whom "nước này" means)
    # a document's head noun -> whose it was ("báo cáo của Ủy ban ...": "báo cáo"), for a later "Báo cáo nêu rõ"
    documents: dict = field(default_factory=dict)


def register_persons(
    sent: Sentence, ms: list[Mention], ctx: Context, said: Sequence[tuple[int, int]] = ()
) -> None:
    """Remember the persons a sentence names, in order, and the gender of "ông X" / "bà X"; not those named only
    in what someone said (`said`: content spans): no antecedent of a later "nhà ngoại giao này"."""
    sr = speech_rules()
    ctx.countries.extend(m.entity for m in sorted(ms, key=lambda m: m.start) if _country(m.entity))
    for m in sorted(ms, key=lambda m: m.start):
        if m.entity.type != "PER" or any(s <= m.start and m.end <= e for s, e in said):
            continue
        if is_media(m.entity) or m.entity.name in ctx.media:
            continue  # "nói với Business Insider" tagged a person: an outlet is nobody's antecedent
        gender = honorific_gender(sent, m.start)
        if gender is not None:
            ctx.genders.setdefault(m.entity.name, gender)
        ctx.persons.append(m.entity)
        before = sent.text[max(0, m.start - sent.start - 60) : m.start - sent.start]
        titles = [t for t in entity_rules().title_re.finditer(before) if len(before[t.end() :].split()) <= 4]
        if titles:  # "Chuẩn đô đốc Chris Parry": whom a later "Chuẩn đô đốc này" means
            ctx.titled[" ".join(titles[-1].group(0).lower().split())] = m.entity
        head = sr.described_head_re.search(before)
        # "chuyên gia quân sự Nga Vladimir Tuchkov", or after the name "Ali Ahmad Karimi, một nhà quan sát chính trị
        # của Afghanistan": whom a later "chuyên gia Nga" / "nhà quan sát chính trị Afghan" means
        if head is None:
            head = sr.described_after_re.match(sent.text, m.end - sent.start)
        if head is not None:
            ctx.described[" ".join(head.group(head.lastindex or 0).lower().split()[:2])] = m.entity


def pronoun_person(ctx: Context, gender: str | None, own: Mention | None = None) -> Entity | None:
    """The person a bare "ông" / "bà" means: the one the sentence opened with (`own`: "Tổng thống Putin là người ...,
    theo ông, ..."), else the last person speaking, unless the pronoun's gender contradicts the one their honorific
    gave: then the last person named with that gender ("bà" after "bà Yates ... ông Trump" is Yates), or nobody."""
    if own is not None and own.entity.type == "PER" and ctx.genders.get(own.entity.name, gender) == gender:
        return own.entity
    last = ctx.last_person
    if gender == "f" and last is not None and last.name not in ctx.genders:
        # "bà" is marked: a woman named "bà X" among the last persons, over a speaker named with no honorific
        # (Lukash, then "Tổng thống Vladimir Putin và ... Donald Trump", then "Bà cho biết")
        woman = next((e for e in reversed(ctx.persons[-4:]) if ctx.genders.get(e.name) == "f"), None)
        last = woman or last
    if last is None or gender is None or ctx.genders.get(last.name, gender) == gender:
        return last
    return next((e for e in reversed(ctx.persons) if ctx.genders.get(e.name) == gender), None)


def other_person(
    ctx: Context, sent: Sentence, ms: list[Mention], at: int, gender: str | None, fallback: Entity | None
) -> Entity | None:
    """Whom "ông ấy" / "bà ấy" at sentence-relative `at` means: somebody other than the one speaking now
    (data/speech.yaml `third_person`): the last person of its gender named before it in the sentence ("chúng tôi có
    cảm tình với ông Donald Trump ... vì ông ấy tuyên bố" in Putin's words), else `fallback` (what `pronoun_person`
    found) unless that is one of the last speakers ("Tôi hỏi ông ấy ... Ông ấy trả lời" in Trump's account is not
    Trump): then nobody."""
    before = sorted(
        (m for m in ms if m.entity.type == "PER" and m.end <= sent.start + at), key=lambda m: m.start
    )
    fits = [m.entity for m in before if ctx.genders.get(m.entity.name, gender) == gender]
    if fits:
        return fits[-1]
    return fallback if fallback not in ctx.last_speakers else None


def head_of_government(e: Entity, ctx: Context) -> bool:
    """A head of state or government (data/speech.yaml `leader_titles`: named with one in the article, or holding
    such an office of the knowledge file): never what "quan chức này" (this official) means."""
    heads = tuple(rules("speech").get("leader_titles", []))
    if any(ctx.titled.get(t) == e for t in heads):
        return True
    k = kbmod.load()
    return bool(e.kb_id) and any(
        h.actor == e.kb_id
        for o in k.offices
        if o.terms and o.terms[0].lower().startswith(heads)
        for h in o.holders
    )


_UNNAMED = frozenset(["cựu", "nguyên", "vị", "ông", "bà", "ngài"])
_UNNAMED_FOLDED = frozenset(fold(w) for w in _UNNAMED)
_SOME = frozenset(["một", "các", "những", "nhiều", "một số", "vài", "hai", "ba"])


def read_posts(sentences: Sequence[Sentence], by_sent: dict[int, list[Mention]], ctx: Context) -> None:
    """Every person of the article with the words of his post, wherever he is named: the title right before the
    name, over a bracketed aside ("Giám đốc Viện Nghiên cứu Viễn Đông (Viện Hàn lâm Khoa học Liên bang Nga) Sergei
    Luzyanin"), and an apposition after it ("Mike Holmes, Tư lệnh Bộ chỉ huy tác chiến không quân Mỹ")."""
    for sent in sentences:
        for m in by_sent.get(sent.idx, []):
            if m.entity.type != "PER" or is_media(m.entity):
                continue
            at = m.start - sent.start
            aside = re.search(r"\([^()]{1,80}\)\s*$", sent.text[:at])
            opening = speaker_phrase(sent.text, aside.start() if aside else at)
            # over the lower-case words of a body the post names: "Giám đốc Cục Điều tra liên bang Mỹ (FBI)"
            while inside := [
                o for o in by_sent[sent.idx] if o.start - sent.start < opening < o.end - sent.start
            ]:
                opening = speaker_phrase(sent.text, min(o.start for o in inside) - sent.start)
            after = re.match(r"\s*(?:,|\s[-–])\s*([^,;:\"“”()]{3,100})", sent.text[m.end - sent.start :])
            text = sent.text[opening:at] + " " + (after.group(1) if after else "")
            # and the names of what the post names: "Cục Điều tra liên bang Mỹ (FBI)" is also "FBI"
            lo, hi = sent.start + opening, m.end + (after.end() if after else 0)
            names = " ".join(
                o.entity.name for o in by_sent[sent.idx] if o is not m and lo <= o.start and o.end <= hi
            )
            ctx.posts.append((m.entity, frozenset(_folded_words(text + " " + names))))


def _folded_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def posted(
    entities: Sequence[Entity], phrase: str, ms: Sequence[Mention], ctx: Context
) -> tuple[Entity, ...]:
    """The person an unnamed office holder is: "Giám đốc Viện Nghiên cứu Viễn Đông Nga cho rằng" (the speaker
    found is the institute, named in the speaker's `phrase` by one of the sentence's mentions `ms`) is Sergei
    Luzyanin when the article names him with that post (`read_posts`), before or after: the one person whose post
    holds the title before the institute and four in five of the phrase's words. Anything else stays as found: a
    person, several speakers, no title before the name ("Bộ Quốc phòng Nga"), somebody indefinite ("một số nghị sĩ
    Mỹ")."""
    at = min(
        (phrase.find(m.surface) for m in ms if entities and m.entity == entities[0] and m.surface in phrase),
        default=0,
    )
    title = phrase[:at].split()
    title = [w for w in title if w.lower() not in _UNNAMED]
    if len(entities) != 1 or entities[0].type == "PER" or not entity_rules().title_re.match(" ".join(title)):
        return tuple(entities)
    if phrase.split()[0].lower() in _SOME or " ".join(phrase.lower().split()[:2]) in _SOME:
        return tuple(entities)
    if phrase.endswith(" này"):  # "giới chức nước này": an anaphor (this_country), nobody's post
        return tuple(entities)
    wanted = [w for w in _folded_words(phrase) if w not in _UNNAMED_FOLDED]
    head = _folded_words(" ".join(title))
    found = {
        person
        for person, post in ctx.posts
        if all(w in post for w in head) and sum(w in post for w in wanted) >= 0.8 * len(wanted)
    }
    return (found.pop(),) if len(found) == 1 else tuple(entities)


def _country(ent: Entity) -> bool:
    """A country: its name or, for a knowledge-file place, one of its aliases is a country's (CLDR lacks "Mỹ" but
    has "Hoa Kỳ", drops "Anh" as a given name but has "Vương quốc Anh"; "biển Baltic" is none)."""
    return ent.type == "LOC" and any(fold(n) in countries() for n in kbmod.names_of(ent))


_THIS_COUNTRY = re.compile(r"(?<!\w)((?:\w+\s+){1,3}?)(?:nước|quốc gia) này$", re.IGNORECASE)


def this_country(sent: Sentence, ms: Sequence[Mention], left_end: int, ctx: Context) -> Speaker | None:
    """ "Bộ Quốc phòng nước này cho biết", "giới chức nước này nói rằng": "this country" is the last country the
    sentence names before it ("Tờ báo Anh viết rằng, các quan chức Bộ quốc phòng nước này thừa nhận"), else the last
    one named before the sentence; its body when the knowledge file knows it by the words before "nước này" and the
    country ("Bộ Quốc phòng Nga"), else the country itself, as for any unnamed official of it."""
    m = _THIS_COUNTRY.search(sent.text[:left_end].rstrip())
    if m is None:
        return None
    k = kbmod.load()
    runs = [
        r.group(0).split() for r in re.finditer(rf"{UPPER_WORD}(?:\s+{UPPER_WORD})*", sent.text[: m.start()])
    ]
    parts = [
        " ".join(w[i : i + n]) for w in runs for i in range(len(w)) for n in (3, 2, 1) if i + n <= len(w)
    ]
    known = [a.entity for part in parts if (a := k.lookup(part)) is not None and _country(a.entity)]
    country = (known or ctx.countries or [None])[-1]
    if country is None:
        return None
    start = m.start() + len(
        re.match(r"(?:(?:dẫn\s+)?lời\s+)?", m.group(0)).group(0)
    )  # "dẫn lời giới chức ..."
    head = sent.text[start : m.start(1) + len(m.group(1))].split()
    body = next(
        (a for n in (3, 2, 1) if (a := k.lookup(" ".join([*head[-n:], country.name]))) is not None), None
    )
    body = body if body is not None and body.type == "ORG" else None
    return Speaker((body.entity if body else country,), sent.text[start : m.end()], start)
