"""Statements: who said what, about whom, with which reporting verb, from the sentences and mentions.

Patterns, all driven by data/speech.yaml:
- `X <verb> [rằng|:] content` (quoted or not; multi-word verbs such as "cho biết" matched on the raw text);
- `content", X <verb>.` (speaker after the quotation);
- `Theo X, content`; headline `X: content`; `TASS dẫn lời X ...` (TASS is the relay, X the speaker);
- joint speakers `X và Y <verb>` (one statement each), coordination `..., đồng thời nhắc lại ...`;
- anaphora `ông`, `bà`, `nhà lãnh đạo này` (last person speaking), `hai bên` (last pair);
- a quotation left open runs into the following sentences of the same paragraph.
- appositions and relative clauses between speaker and verb ("Ông Lavrov, người ..., cho rằng") are skipped;
- "X tại Y nói": X speaks; "Tuyên bố chung của hội nghị nêu rõ": the organisation of the meeting speaks;
- unnamed sources ("Nguồn tin từ X", later "nguồn tin") and officials ("quan chức X") speak for X or its named
  spokesman; the passive "được X đưa ra" reports X.
Restatements (a headline or lede repeated in the body) are kept once, in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from core.config import rules
from core.models import DateInfo, Entity, Mention, Sentence, Statement
from core.nlp import kb as kbmod
from core.nlp.membership import side_at
from core.nlp.stance import StanceInput, with_stance
from core.text.textnorm import fold

_OPEN_Q = '"“«‘'
_CLOSE_Q = '"”»’'


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class SpeechRules:
    verb_re: re.Pattern
    gap_re: re.Pattern
    opener_re: re.Pattern
    coord_re: re.Pattern
    according_re: re.Pattern
    relay_re: re.Pattern
    relay_heads_re: re.Pattern
    person_re: re.Pattern
    group_re: re.Pattern
    object_re: re.Pattern
    coord_tail_re: re.Pattern
    leader_re: re.Pattern
    new_clause_re: re.Pattern
    circumstantial_re: re.Pattern
    not_verb_re: re.Pattern
    located_re: re.Pattern
    collective_re: re.Pattern
    passive_verbs: frozenset[str]
    source_of_re: re.Pattern
    source_anaphor_re: re.Pattern
    described_person_re: re.Pattern
    relative_re: re.Pattern
    holder_gap_re: re.Pattern
    verb_negator_re: re.Pattern


@cache
def speech_rules() -> SpeechRules:
    r = rules("speech")
    gap = _alt(r["gap_words"])
    return SpeechRules(
        re.compile(rf"(?<!\w)(?:{_alt(list(r['verbs']) + r['passive_verbs'])})(?!\w)", re.IGNORECASE),
        # Trailing filler between speaker and verb: adverbs, dates ("ngày 24/11", "(24/11)"), commas.
        re.compile(
            rf"(?:\s*(?:(?<!\w)(?:{gap})(?!\w)|(?<!\w)\d+(?:/\d+)*|\(\d+/\d+\)|,))+\s*$", re.IGNORECASE
        ),
        re.compile(
            rf"\s*[:,–-]?\s*(?:(?:{_alt(r['content_openers'])}|{_alt(r['verbs'])})(?!\w)\s*)?[:,–-]?\s*",
            re.IGNORECASE,
        ),
        # "..., đồng thời nhắc lại", "cho biết ... và nói thêm": a verb right after coordination, comma or not.
        re.compile(rf"(?:^|,|(?<=\s))\s*(?:{_alt(r['coordination'])})\s*$", re.IGNORECASE),
        re.compile(rf"(?:^|(?<=[,;]\s))(?:{_alt(r['according_to'])})\s+"),
        re.compile(rf"(?<!\w)(?:{_alt(r['relay_verbs'])})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['relay_heads'])})\s*$", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['anaphora_person'])})$", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['anaphora_group'])})$", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['not_subject_before'])})\s*$", re.IGNORECASE),
        re.compile(rf"[\s,]*(?:(?<!\w)(?:{_alt(r['coordination'])}))?[\s,]*$", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['leader_of'])})\s*$", re.IGNORECASE),
        re.compile(rf"(?:(?<!\w)(?:{_alt(r['new_clause'])})|;)\s*$", re.IGNORECASE),
        re.compile(rf"\s*(?:{_alt(r['circumstantial'])})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['not_verbs'])})(?!\w)", re.IGNORECASE),
        re.compile(rf"\s+(?:{_alt(r['located_at'])})\s+$", re.IGNORECASE),
        # "Tuyên bố chung của hội nghị nêu rõ", "Các nước đồng minh cam kết": a collective or document subject
        # opening the clause, with any modifiers up to the verb.
        re.compile(
            rf"(?:^|[,;]\s*)((?:{_alt(r['collective_subjects'])})(?!\w)(?:\s+[^\s,;:\"“”]+){{0,8}})$",
            re.IGNORECASE,
        ),
        frozenset(v.lower() for v in r["passive_verbs"]),
        re.compile(rf"(?<!\w)(?:{_alt(r['source_of'])})\s+$", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['source_anaphora'])})$", re.IGNORECASE),
        # "Nhà ngoại giao kỳ cựu này": a role noun, a few describing words, "này".
        re.compile(rf"(?<!\w)(?:{_alt(r['anaphora_heads'])})(?:\s+\w+){{1,3}}\s+này$", re.IGNORECASE),
        re.compile(rf",\s*(?:{_alt(r['relative_heads'])})\s*$", re.IGNORECASE),
        re.compile(rf"\s*,?\s*(?:(?:{_alt(r['holder_honorifics'])})\s+)?"),
        re.compile(rf"(?<!\w)(?:{_alt(r['verb_negators'])})\s+$", re.IGNORECASE),
    )


@dataclass(frozen=True)
class _Speaker:
    entities: tuple[Entity, ...]
    text: str
    start: int  # sentence-relative start of the speaker phrase
    relay: str | None = None


@dataclass(frozen=True)
class Draft:
    """A statement found, with what its stance is to be read from (the pipeline's stance component, or
    `find_statements`, turns it into the stanced statement)."""

    statement: Statement
    stance_input: StanceInput


def _is_media(ent: Entity) -> bool:
    actor = kbmod.load().actors.get(ent.kb_id or "")
    return bool(actor and actor.media)


def _ending_at(ms: list[Mention], pos: int, sent: Sentence) -> Mention | None:
    """The mention ending at sentence-relative `pos` (PER preferred, then the longest)."""
    cands = [m for m in ms if m.end - sent.start == pos]
    if not cands:
        return None
    return sorted(cands, key=lambda m: (m.entity.type != "PER", -(m.end - m.start)))[0]


def _strip_gap(left: str) -> str:
    sr = speech_rules()
    prev = None
    while prev != left:
        prev = left
        # An apposition between commas: "Ông Lavrov, người đứng đầu ngành ngoại giao, cho rằng".
        m = re.search(r",\s*[^,\"“”]{3,80},\s*$", left)
        if m and not re.match(r",\s*[A-ZĐ]", m.group(0)) and left[: m.start()].strip():
            left = left[: m.start()].rstrip()
        left = sr.gap_re.sub("", left).rstrip()
        # A relative clause opened on the speaker: "Donald Trump, người nhiều lần yêu cầu ...".
        left = sr.relative_re.sub("", left)
    return left


@dataclass
class _Context:
    """What earlier sentences tell us about who 'ông' or 'hai bên' is (per article, never global)."""

    last_person: Entity | None = None
    last_speakers: tuple[Entity, ...] = ()
    last_pair: tuple[Entity, ...] = ()
    # the organisation an unnamed source was last attributed to ("Nguồn tin từ Bộ Ngoại giao Nga")
    last_source: Entity | None = None
    # non-media organisations named so far, in order of mention (for collective subjects)
    orgs: list = field(default_factory=list)
    # country name -> (folded title before it, the person named right after): "Tổng thống Latvia Raimonds Vējonis"
    leaders: dict = field(default_factory=dict)
    # person name -> side read from their title in this article ("Ngoại trưởng Séc Lubomir Zaoralek": nato)
    sides: dict = field(default_factory=dict)
    # the article's date: a country's side in a title is the one it had then (core.nlp.membership)
    date: DateInfo | None = None


def _speaker_phrase(text: str, start: int) -> int:
    """Extend the speaker phrase left over titles and capitalised words ("Tổng Thư ký NATO Stoltenberg")."""
    i = start
    while True:
        m = re.search(r"(\S+)\s+$", text[:i])
        if not m:
            return i
        word = m.group(1)
        if not (word[:1].isupper() or fold(word) in _title_words()) or fold(word) in _according_words():
            return i
        if re.search(r"[,.;:!?\"“”]$", word):
            return i
        i = m.start(1)


@cache
def _according_words() -> frozenset[str]:
    return frozenset(fold(w) for w in rules("speech")["according_to"])


@cache
def _title_words() -> frozenset[str]:
    words = set()
    for t in rules("entity_rules")["titles"]:
        words.update(fold(t).split())
    return frozenset(words)


def _find_speaker(
    sent: Sentence, ms: list[Mention], left_end: int, ctx: _Context, masks_prev: str
) -> _Speaker | None:
    """The subject right before a verb: a mention, joint mentions, or an anaphor."""
    sr = speech_rules()
    left = _strip_gap(sent.text[:left_end])
    pos = len(left)
    c = sr.collective_re.search(left)
    if c:
        return _collective_speaker(sent, ms, ctx, c.start(1), pos)
    m = _ending_at(ms, pos, sent)
    if m is not None and m.entity.type == "LOC":
        # "Đại sứ quán Nga tại Oslo nói", "Hội nghị NATO tại Vilnius khẳng định": the place is not the speaker.
        at = sr.located_re.search(sent.text[: m.start - sent.start])
        host = _ending_at(ms, at.start(), sent) if at else None
        if host is not None:
            m = host
    if m is not None:
        ents = [m.entity]
        first = m.start - sent.start
        # Joint speakers: "Thủ tướng Trudeau và Tổng Thư ký NATO Stoltenberg".
        while True:
            head = _speaker_phrase(sent.text, first)
            j = re.search(r"\s+và\s+$", sent.text[:head])
            if not j:
                break
            other = _ending_at(ms, j.start(), sent)
            if other is None or other.entity in ents:
                break
            ents.insert(0, other.entity)
            first = other.start - sent.start
        start = _speaker_phrase(sent.text, first)
        # "Theo thông báo của Bộ Quốc phòng Nga,": that "của" opens the source, not an object.
        opened = any(a.end() == start for a in sr.according_re.finditer(sent.text, 0, start))
        # "Nguồn tin từ Bộ Ngoại giao Nga chia sẻ": an unnamed source speaks for its organisation.
        sourced = sr.source_of_re.search(sent.text[:first])
        if sourced:
            start = sourced.start()
            ctx.last_source = m.entity
        if sr.object_re.search(sent.text[:start]) and not (opened or sourced):
            return None  # "... với Nga, đồng thời nhắc lại": Nga is an object, not a subject
        text = sent.text[start:pos]
        relay = None
        # An outlet reporting is a relay, not a speaker; a layout label is nobody.
        ents = [e for e in ents if not _is_media(e) and not _is_label(e)]
        if not ents:
            return None
        if (
            len(ents) == 1
            and ents[0].type == "ORG"
            and ents[0].name in ctx.leaders
            and sr.leader_re.search(sent.text[:first])
        ):
            # "quan chức Điện Kremlin" after "Người phát ngôn Điện Kremlin Dmitry Peskov": the office holder.
            ents = [ctx.leaders[ents[0].name][-1][1]]
        if len(ents) == 1 and ents[0].type == "LOC" and ents[0].name in ctx.leaders:
            # "người đứng đầu Latvia", "Bộ trưởng Quốc phòng Canada": the person named with that title earlier.
            before = fold(sent.text[:first].rstrip())
            options = ctx.leaders[ents[0].name]
            if sr.leader_re.search(sent.text[:first]):
                ents = [options[-1][1]]
            else:
                same = [p for t, p in options if t and before.endswith(t)]
                if same:
                    ents = [same[-1]]
        if len(ents) == 1 and ents[0].type != "PER" and sr.relay_heads_re.search(sent.text[:start]):
            return None
        return _Speaker(tuple(ents), text, start, relay)
    g = sr.group_re.search(left)
    if g:
        pair = _pair_before(sent, ms, g.start()) or ctx.last_pair
        if pair:
            return _Speaker(pair, g.group(0), g.start())
    src = sr.source_anaphor_re.search(left)
    if src and ctx.last_source is not None:
        # '"...", nguồn tin nói.': the source introduced earlier in the article.
        return _Speaker((ctx.last_source,), src.group(0), src.start())
    # The described form is read before the gap words are stripped: "này" is one of them.
    p = sr.person_re.search(left) or sr.described_person_re.search(sent.text[:left_end].rstrip())
    if p and ctx.last_person is not None:
        # "Ông" alone, or a role noun ("nhà lãnh đạo này") standing for the last person speaking.
        return _Speaker((ctx.last_person,), p.group(0), p.start())
    return None


def _collective_speaker(
    sent: Sentence, ms: list[Mention], ctx: _Context, start: int, end: int
) -> _Speaker | None:
    """A summit, its document or "the allies" speak for the organisation: the one named in the subject
    ("Hội nghị thượng đỉnh NATO tại Vilnius") or else the organisation the article has named most so far."""
    inside = [
        m.entity
        for m in sorted(ms, key=lambda m: m.start)
        if start <= m.start - sent.start < end and m.entity.type == "ORG" and not _is_media(m.entity)
    ]
    if inside:
        ent = inside[0]
    elif ctx.orgs:
        counts: dict = {}
        for i, e in enumerate(ctx.orgs):
            counts[e] = (counts.get(e, (0, 0))[0] + 1, i)
        ent = max(counts, key=lambda e: counts[e])
    else:
        return None
    return _Speaker((ent,), sent.text[start:end], start)


def _pair_before(sent: Sentence, ms: list[Mention], pos: int) -> tuple[Entity, ...]:
    """The last "A và B" of the sentence before `pos` ("NATO và Nga ..., nhưng hai bên nhất trí")."""
    found: tuple[Entity, ...] = ()
    ordered = sorted((m for m in ms if not _is_media(m.entity)), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.end - sent.start > pos or a.entity == b.entity:
            continue
        if re.fullmatch(r"\s+và\s+", sent.text[a.end - sent.start : b.start - sent.start]):
            found = (a.entity, b.entity)
    return found


def _register_leaders(sent: Sentence, ms: list[Mention], ctx: _Context) -> None:
    """Remember "Tổng thống Latvia Raimonds Vējonis": Latvia's person under that title."""
    ordered = sorted(ms, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (
            a.entity.type in ("LOC", "ORG")
            and b.entity.type == "PER"
            # "Tổng thống Latvia Raimonds Vējonis", "người phát ngôn điện Kremlin, ông Dmitry Peskov"
            and speech_rules().holder_gap_re.fullmatch(sent.text[a.end - sent.start : b.start - sent.start])
            and sent.text[a.end - sent.start : b.start - sent.start]
        ):
            words = fold(sent.text[: a.start - sent.start]).split()[-2:]
            ctx.leaders.setdefault(a.entity.name, []).append((" ".join(words), b.entity))


@cache
def _title_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{_alt(rules('entity_rules')['titles'])})(?!\w)", re.IGNORECASE)


def _register_sides(sent: Sentence, ms: list[Mention], ctx: _Context) -> None:
    """A person the knowledge file does not know speaks for the country or organisation in their title:
    "người phát ngôn Lầu Năm Góc Jeff Davis", "Ngoại trưởng Séc Lubomir Zaoralek", "Đại sứ Mỹ tại Nga Jon
    Huntsman" (the first side named after the title: the ambassador's own country, not his post). The
    country's side is the one it had on the article's date: Montenegro's ministers are NATO-side from
    5 June 2017 only (data/nato_members.yaml)."""
    for b in ms:
        if b.entity.type != "PER" or b.entity.side != "other" or b.entity.kb_id:
            continue
        rel = b.start - sent.start
        window_start = max(0, rel - 80)
        window = sent.text[window_start:rel]
        cut = max((m.end() for m in re.finditer(r"[,.;:!?\"“”()]", window)), default=0)
        titles = list(_title_re().finditer(window, cut))
        if not titles:
            continue
        t = titles[-1]
        if len(window[t.end() :].split()) > 8:
            continue
        lo = sent.start + window_start + t.start()
        sided = sorted(
            (
                a
                for a in ms
                if a.entity.type in ("LOC", "ORG")
                and side_at(a.entity, ctx.date) in ("nato", "russia")
                and not _is_media(a.entity)
                and lo <= a.start
                and a.end <= b.start
            ),
            key=lambda a: a.start,
        )
        if sided:
            ctx.sides.setdefault(b.entity.name, side_at(sided[0].entity, ctx.date))


def _with_side(ent: Entity, ctx: _Context) -> Entity:
    side = ctx.sides.get(ent.name) if ent.type == "PER" and ent.side == "other" else None
    return replace(ent, side=side) if side else ent


def _is_label(ent: Entity) -> bool:
    """A layout label in capitals ("VIDEO XEM THÊM", "TIN LIÊN QUAN") is no speaker."""
    words = ent.name.split()
    return ent.kb_id is None and len(words) >= 2 and all(w.isupper() for w in words)


def _content_span(sent: Sentence, begin: int, end: int) -> tuple[int, int]:
    sr = speech_rules()
    if sr.circumstantial_re.match(sent.text, begin, end):
        # "nói với các phóng viên tại Brussels rằng ...": skip to "rằng" or the colon, else no content.
        jump = re.compile(r"(?<!\w)rằng(?!\w)|:").search(sent.text, begin, end)
        if jump is None:
            return begin, begin
        begin = jump.end()
    m = sr.opener_re.match(sent.text, begin, end)
    s = m.end() if m else begin
    e = end
    tail = sr.coord_tail_re.search(sent.text, s, e)
    if tail:
        e = tail.start()
    while e > s and sent.text[e - 1] in " .,;:!?–-/":
        e -= 1
    return s, e


def _is_quote(text: str) -> bool:
    return bool(text) and text[0] in _OPEN_Q


def _extend_quote(sent: Sentence, s: int, e: int, following: list[Sentence]) -> tuple[int, list[int]]:
    """A quotation opened in the content but not closed runs on into the next sentences of the column."""
    text = sent.text[s:e]
    if not _is_quote(text) or text.count('"') % 2 == 0 and not ("“" in text and "”" not in text):
        return sent.end, []
    end, used = sent.end, []
    for nxt in following[:4]:
        if nxt.field != sent.field:
            break
        used.append(nxt.idx)
        end = nxt.end
        if '"' in nxt.text or "”" in nxt.text:
            break
    return end, used


def _make(
    speaker: _Speaker,
    ent: Entity,
    verb: str,
    sent: Sentence,
    cs: int,
    ce: int,
    text: str,
    ms: list[Mention],
    verb_negated: bool,
    relay: str | None,
) -> Draft:
    target = None
    inside = [m for m in ms if cs <= m.start and m.end <= ce and m.entity != ent]
    other_side = [m for m in inside if m.entity.side not in ("other", ent.side)]
    cross = ent.side != "other" and bool(other_side)
    # The content opens on the other side ("kêu gọi Nga rút quân"): Nga is the addressee of the appeal.
    head = [m for m in inside if m.start - cs <= 12]
    addressee_other = cross and bool(head) and head[0] in other_side
    names_actor = any(m.entity.side in ("nato", "russia") for m in inside)
    pick = (other_side or inside or [None])[0]
    if pick is not None:
        target = pick
    statement = Statement(
        speaker=ent,
        speaker_text=speaker.text,
        verb=verb,
        text=text,
        quote=_is_quote(text),
        stance="neutral",  # until the stance component reads `stance_input`
        score=0.0,
        sentence=sent.idx,
        field=sent.field,
        start=cs,
        end=ce,
        target=target.entity if target else None,
        target_text=target.surface if target else None,
        relay=relay,
    )
    return Draft(statement, StanceInput(verb, text, verb_negated, addressee_other, names_actor))


def _relay_in(sent: Sentence, ms: list[Mention]) -> str | None:
    """An outlet credited in the sentence ("theo hãng tin Reuters", "TASS dẫn lời")."""
    for m in ms:
        if _is_media(m.entity):
            return m.entity.name
    return None


def find_statements(
    sentences: tuple[Sentence, ...],
    mentions: tuple[Mention, ...],
    masks: dict[str, list[tuple[int, int]]] | None = None,
    date: DateInfo | None = None,
) -> tuple[Statement, ...]:
    """All attributed assertions of an article, in sentence order, each with its stance (`find_drafts`, then
    the stance reading). `date` is the article's: a speaker who takes the side of the country in their title
    takes the side it had then.

    >>> from core.nlp.entities import find_mentions
    >>> from core.models import Article
    >>> from core.nlp.tokens import split_sentences
    >>> a = Article("Tin", "", 'Ông Stoltenberg cho biết NATO không muốn "chiến tranh lạnh" với Nga.', "o", "r")
    >>> sents = split_sentences(a)
    >>> [(s.speaker.name, s.text) for s in find_statements(sents, find_mentions(a, sents))]
    [('Jens Stoltenberg', 'NATO không muốn "chiến tranh lạnh" với Nga')]
    """
    return tuple(
        with_stance(d.statement, d.stance_input) for d in find_drafts(sentences, mentions, masks, date)
    )


def find_drafts(
    sentences: tuple[Sentence, ...],
    mentions: tuple[Mention, ...],
    masks: dict[str, list[tuple[int, int]]] | None = None,
    date: DateInfo | None = None,
) -> tuple[Draft, ...]:
    """The statements of an article before their stance is read (the pipeline's statements component)."""
    sr = speech_rules()
    masks = masks or {}
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    ctx = _Context(date=date)
    out: list[Draft] = []
    consumed: set[int] = set()
    for i, sent in enumerate(sentences):
        if sent.idx in consumed:
            continue
        if any(s <= sent.start and sent.end <= e for s, e in masks.get(sent.field, [])):
            continue
        ms = by_sent.get(sent.idx, [])
        _register_leaders(sent, ms, ctx)
        _register_sides(sent, ms, ctx)
        drafts = _sentence_statements(sent, ms, ctx, sentences[i + 1 :], consumed)
        drafts = [replace(d, statement=_join_open_quote(d.statement, sent, sentences[:i])) for d in drafts]
        out.extend(drafts)
        found = [d.statement for d in drafts]
        for st in found:
            if st.speaker and st.speaker.type == "PER":
                ctx.last_person = st.speaker
        if found:
            ctx.last_speakers = tuple(dict.fromkeys(st.speaker for st in found if st.speaker))
        ctx.orgs.extend(
            m.entity
            for m in sorted(ms, key=lambda m: m.start)
            if m.entity.type == "ORG" and not _is_media(m.entity)
        )
        pers = [m.entity for m in ms if m.entity.type == "PER"]
        if found and len(ctx.last_speakers) >= 2:
            ctx.last_pair = ctx.last_speakers
        elif len(dict.fromkeys(pers)) >= 2:
            ctx.last_pair = tuple(dict.fromkeys(pers))[-2:]
        if pers and not found and ctx.last_person is None:
            ctx.last_person = pers[-1]
    del sr
    return tuple(_dedupe(out))


def _sentence_statements(
    sent: Sentence, ms: list[Mention], ctx: _Context, following: tuple[Sentence, ...], consumed: set[int]
) -> list[Draft]:
    sr = speech_rules()
    text = sent.text
    relay = _relay_in(sent, ms)
    starts: list[tuple[int, int, str, _Speaker, bool]] = []  # (verb start, verb end, verb, speaker, negated)
    prev_speaker: _Speaker | None = None
    blocked = [(b.start(), b.end()) for b in sr.not_verb_re.finditer(text)]
    for v in sr.verb_re.finditer(text):
        if any(bs < v.end() and v.start() < be for bs, be in blocked):
            continue  # "gọi điện", "cái gọi là": not a reporting verb here
        left = text[: v.start()]
        if left.count("(") > left.count(")"):
            continue  # "(NATO gọi là lớp Kilo)": an aside in brackets reports nothing
        passive = v.group(0).lower() in sr.passive_verbs
        neg = sr.verb_negator_re.search(left)
        negated = neg is not None
        if neg is not None:
            left = left[: neg.start()]
        sp = None
        if starts:
            prev_end = starts[-1][1]
            between = text[prev_end : len(left)]
            if sr.coord_re.search(_strip_gap(left)):
                sp = prev_speaker  # "..., đồng thời nhắc lại ...": the same speaker goes on
            elif left.rstrip().endswith(",") and len(between.split()) <= 8:
                sp = prev_speaker  # "ca ngợi Montenegro, nói rằng ...": a second verb of the same subject
            else:
                # A verb inside an earlier statement's content belongs to that content, unless a new clause
                # ("; ", "trong khi") opens with its own subject.
                cand = _find_speaker(sent, ms, len(left), ctx, "")
                if cand is None or not sr.new_clause_re.search(text[: cand.start]):
                    continue
                sp = cand
        else:
            sp = _find_speaker(sent, ms, len(left), ctx, "")
        if sp is None:
            continue
        # "thông điệp chung được cả hai bên đưa ra là ...": only in the passive is it a reporting verb.
        if passive and not re.search(r"(?<!\w)được\s+$", text[: sp.start]):
            continue
        starts.append((v.start(), v.end(), v.group(0), sp, negated))
        prev_speaker = sp
    # "Theo X, ...": X speaks the rest of the sentence (an outlet is only a relay).
    for a in sr.according_re.finditer(text):
        comma = text.find(",", a.end())
        if comma < 0:
            continue
        sp = _find_speaker(sent, ms, comma, ctx, "")
        # The source heads the phrase after "Theo": "Theo Kế hoạch ... thông qua tại thành phố Newport," is no
        # speech of Newport.
        # ("Theo thông báo của X," may itself open the source phrase: then X starts inside the match.)
        if sp is None or sp.start < a.start() or len(text[a.end() : sp.start].split()) > 3:
            continue
        if any(s[0] < comma for s in starts):
            continue
        starts.append((a.start(), comma, "", sp, False))  # "Theo X,": no reporting verb to store
    # Headline form "Tổng Thư ký Jens Stoltenberg: NATO không tìm cách cô lập Nga" (also "X: \"...\"").
    colon = text.find(":")
    if not starts and colon > 0:
        sp = _find_speaker(sent, ms, colon, ctx, "")
        if sp is not None and sp.start <= 1:
            starts.append((colon, colon + 1, "", sp, False))  # headline "X: ...": no reporting verb
    starts.sort(key=lambda x: x[0])
    out = []
    for k, (_vs, ve, verb, sp, negated) in enumerate(starts):
        nxt = starts[k + 1] if k + 1 < len(starts) else None
        limit = (nxt[3].start if nxt[3].start > ve else nxt[0]) if nxt else len(text)
        cs, ce = _content_span(sent, ve, limit)
        end_abs, used = sent.start + ce, []
        if ce <= cs + 2:
            # Speaker after the content: '"Chúng tôi không muốn đối đầu", ông nói.'
            before = text[: sp.start].rstrip(" ,–-")
            if len(before) < 10 or k > 0:
                continue
            cs, ce = 0, len(before)
            end_abs = sent.start + ce
        elif ce >= len(text.rstrip(" .")) - 1:
            end_abs, used = _extend_quote(sent, cs, ce, list(following))
            if used:
                consumed.update(used)
        span_text = text[cs:ce]
        if used:
            tail = " ".join(s.text for s in following if s.idx in used)
            span_text = text[cs:] + " " + tail
            span_text = span_text.rstrip(" .")
        if len(span_text.split()) < 2:
            continue
        for ent in sp.entities:
            out.append(
                _make(
                    sp,
                    _with_side(ent, ctx),
                    verb,
                    sent,
                    sent.start + cs,
                    end_abs if used else sent.start + ce,
                    span_text,
                    ms,
                    negated,
                    relay,
                )
            )
    return out


def _quote_balance(text: str) -> int:
    """+1 when a quotation opens and stays open, -1 when one closes that opened earlier, else 0."""
    straight = text.count('"') % 2
    curly = text.count("“") - text.count("”")
    if curly > 0 or (straight and text.lstrip()[:1] in _OPEN_Q):
        return 1
    if curly < 0 or straight:
        return -1
    return 0


def _join_open_quote(st: Statement, sent: Sentence, before: tuple[Sentence, ...]) -> Statement:
    """'"NATO sẽ sụp đổ ... . Họ không ...", ông Rogozin nói.': the quotation began sentences earlier."""
    if st.start != sent.start or _quote_balance(st.text) >= 0:
        return st
    run: list[Sentence] = []
    for prev in reversed(before[-4:]):
        if prev.field != sent.field:
            break
        run.insert(0, prev)
        if _quote_balance(prev.text) > 0:
            text = " ".join(p.text for p in run) + " " + st.text
            return replace(st, text=text, start=run[0].start, quote=True)
    return st


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text)))


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """A headline or lede that restates a body statement is kept once, in the body (the speaker may differ:
    headlines name the organisation, the body the person). Restating = most of its words recur in one body
    statement."""
    body = [_words(d.statement.text) for d in drafts if d.statement.field == "body"]
    out, seen = [], set()
    for d in drafts:
        s = d.statement
        key = (s.speaker.name if s.speaker else None, fold(s.text))
        if key in seen:
            continue
        if s.field != "body":
            w = _words(s.text)
            share = 0.4 if s.field == "title" else 0.6
            if w and any(len(w & bw) >= share * len(w) for bw in body):
                continue
        seen.add(key)
        out.append(d)
    return out
