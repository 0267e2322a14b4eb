"""Which side a person the knowledge file does not know speaks for: the one their title in the article names.

"Ngoại trưởng Séc Lubomir Zaoralek" (NATO side), "cố vấn của Tổng thống Vladimir Putin là Yuri Ushakov" (the
person served), "bà Svetlana Lukash - một quan chức Nga" (an apposition after the name). The title may stand in
any sentence of the article: `read_sides` reads them all before the statements, so it also gives the side to
statements before the title. Split from core.nlp.speakers (who speaks) by role; the sides live in its per-article
`Context`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp.context import Context, read_posts
from core.nlp.credentials import UNDER, past_administration, research_post
from core.nlp.institutions import members, named_before, orgs_named, party_side
from core.nlp.membership import side_at
from core.nlp.names import entity_rules
from core.nlp.outlets import is_media
from core.nlp.speech import alt, speech_rules
from core.nlp.titles import according_words
from core.nlp.tokens import Token
from core.text.textnorm import fold


def _honorifics() -> frozenset[str]:
    return entity_rules().person_before_folded


@cache
def _side_title_re() -> re.Pattern:
    """Titles and role nouns that say whom a person serves ("cố vấn của Tổng thống Putin", "một quan chức Nga");
    no honorific: ", trong đó ông này thừa nhận ... luật sư người Nga" gives Trump Jr. no Russian post."""
    r = rules("entity_rules")
    posts = [t for t in r["titles"] + r["side_roles"] if fold(t) not in _honorifics()]
    return re.compile(rf"(?<!\w)(?:{alt(posts)})(?!\w)", re.IGNORECASE)


@cache
def _former_words() -> frozenset[str]:
    # with their tone marks: "Nguyễn" is a name, not "nguyên" (former)
    return frozenset(w.lower() for w in rules("entity_rules")["former_titles"])


@cache
def _private_titles() -> frozenset[str]:
    return frozenset(w.lower() for w in rules("entity_rules").get("private_titles", []))


def _former(lead: str) -> bool:
    """A past post: "cựu" or "nguyên" right before a title or role in the words leading to the name ("cựu Giám
    đốc", "nguyên Bộ trưởng", "cựu quan chức"); not "Nguyên nhân là ..." (a cause)."""
    for m in re.finditer(r"(?<!\w)(\w+)(?:\s+|$)", lead):
        if m.group(1).lower() in _former_words() and (
            m.end() == len(lead) or _side_title_re().match(lead, m.end())
        ):
            return True  # at the end: the title read was "cựu" itself ("X, cựu quan chức ...")
    return False


def _according(sent: Sentence, b: Mention) -> bool:
    """The name follows "Theo" ("Theo ông Suslov, chính quyền của Tổng thống Donald Trump ..."): what comes after
    its comma is the content, not an apposition."""
    words = fold(sent.text[: b.start - sent.start]).split()[-3:]
    return any(w in according_words() for w in words)


@cache
def _closing_verb_re() -> re.Pattern:
    return re.compile(rf"\s*,\s*(?:{alt(list(rules('speech')['verbs']))})(?=[\s.!?])", re.IGNORECASE)


def _attribution_after_quote(sent: Sentence, b: Mention, at: int) -> bool:
    """'"...", theo Dina Powell, phó cố vấn an ninh Nhà Trắng[, nói].': "theo" right after a quotation and an
    apposition that ends the sentence (or only a reporting verb after it): no content follows, it is a post."""
    if not re.search(r'["”]\s*,\s*theo\s+(?:\S+\s+){0,2}$', sent.text[: b.start - sent.start], re.IGNORECASE):
        return False
    rest = sent.text[at - sent.start :]
    verb = _closing_verb_re().match(rest)
    return re.fullmatch(r"[\s.!?;\"”’)\]]*", rest[verb.end() :] if verb else rest) is not None


@cache
def _joiners() -> frozenset[str]:
    # Compared with their tone marks: "biệt" of "đặc biệt" is no "biết" of "cho biết".
    words: set[str] = set()
    for w in rules("entity_rules").get("title_name_joiners", []):
        words.update(w.lower().split())
    return frozenset(words) | {w.lower() for w in rules("entity_rules")["person_before"]}


def _without_field(between: str) -> str:
    """Without the post's field: "phụ trách an ninh mạng thuộc" drops "an ninh mạng" (to a capital or joiner)."""
    out, field = [], False
    for w in re.findall(r"\S+", between):
        bare = w.strip(",;:()").lower()
        if field and w[:1].islower() and bare not in _joiners():
            continue
        field = bool(out) and fold(out[-1]) in ("phu", "dac") and fold(bare) == "trach"
        out.append(w)
    return " " + " ".join(out) + (" " if between.endswith(" ") else "")


def _masked(sent: Sentence, ms: list[Mention], lo: int, hi: int) -> str:
    """The text from `lo` to `hi` with each organisation or place named there as one capitalised word: "Bộ An ninh
    nội địa Mỹ" is a name whatever the case of its syllables."""
    text = sent.text[lo - sent.start : hi - sent.start]
    for a in sorted(ms, key=lambda m: -m.start):
        if a.entity.type in ("ORG", "LOC") and lo <= a.start and a.end <= hi:
            text = text[: a.start - lo] + "Tên" + text[a.end - lo :]
    return text


def _names_only(between: str, nouns: frozenset[str] = frozenset()) -> bool:
    """Only names, titles and joiners between a title and a name: "Mỹ tại Nga", "Ủy ban Quốc phòng Duma Quốc
    gia (Hạ viện) Nga", "quyền Trợ lý ngoại trưởng Mỹ"; not "Nga không đủ sức đưa" (a clause: the title is another
    person's), nor "Nga Putin (trái) và đạo diễn Mỹ" (the syllables of titles, "lãnh đạo", "diễn viên", are no
    titles: a director is another person). Lower-case words the tagger reads as common nouns (`nouns`) name the
    post's service or body right after the title and before its country ("Tướng không quân Mỹ", "Tham mưu trưởng
    liên quân Mỹ"), never after another word ("và đạo diễn Mỹ", "do nữ phóng viên Mỹ": a second person)."""
    # "Phó Chủ tịch thứ nhất": the rank is part of the title
    between = re.sub(r"^\s*thứ\s+(?:nhất|hai|ba)(?=\s)", " ", between)
    # "Cố vấn An ninh mạng của Điện Kremlin Andrei Krutskikh", "Ủy ban quan hệ quốc tế của Hội đồng liên bang Nga":
    # a capitalised field of the post, then whom it serves
    field = re.match(r"\s*([^\W\d_]+)(?:\s+[^\W\d_]+){0,6}?\s+của\s+", between)
    if field is not None and field.group(1)[:1].isupper():
        between = " " + between[field.end() :]
    words = re.findall(r"[^\W\d_]+", _side_title_re().sub(" ", between))
    for i, w in enumerate(words):
        # a lower-case syllable right after a capitalised one is the rest of its word: "Quốc phòng", "Thông tin"
        compound = i > 0 and words[i - 1][:1].isupper()
        # a run of nouns right after the title and right before a capitalised name: "Tướng không quân Mỹ"; not
        # "nói thẳng của Điện Kremlin", nor "Tổng thống Nga do nữ phóng viên Mỹ" (another person's profession)
        rest = [x for x in words[i:] if x.lower() not in nouns or x[:1].isupper()]
        noun = all(x.lower() in nouns for x in words[: i + 1]) and bool(rest) and rest[0][:1].isupper()
        if w[:1].islower() and not compound and w.lower() not in _joiners() and not noun:
            return False
    return True


@cache
def _kinship_re() -> re.Pattern:
    """Family words, with their tone marks ("con", not "cơn"), compiled once."""
    return re.compile(rf"(?<!\w)(?:{alt(rules('entity_rules').get('kinship', []))})(?!\w)", re.IGNORECASE)


def _kinship(lead: str) -> bool:
    """The apposition speaks of family: "con trai của Tổng thống Mỹ" is no post."""
    return _kinship_re().search(lead) is not None


def _principal(sent: Sentence, a: Mention) -> bool:
    """A person named after a title or role and "của" ("cố vấn của Tổng thống Vladimir Putin", "cố vấn cấp cao
    của Tổng thống Mỹ Donald Trump"): the one served. Not any "của" ("chuyến thăm Ba Lan của Tổng thống Trump,
    ông West": Trump's own title, not West's)."""
    before = sent.text[max(0, a.start - sent.start - 80) : a.start - sent.start]
    served = re.search(r"(?<!\w)của\s+(?:\S+\s+){0,5}$", before)  # "của Chủ tịch Hạ viện Paul Ryan"
    if served is None:
        return False
    role = list(_side_title_re().finditer(before[: served.start()]))
    # a profession serves no state: "luật sư riêng của ông Trump là ông Marc Kasowitz" is a private lawyer
    return (
        bool(role)
        and role[-1].group(0).lower() not in _private_titles()
        and (len(before[role[-1].end() : served.start()].split()) <= 2)
    )


def _side_in(
    sent: Sentence, ms: list[Mention], b: Mention, lo: int, hi: int, ctx: Context, before_name: bool = True
) -> str | None:
    """The side of the first country, organisation or (in a title before the name) served person between `lo`
    and `hi`. Another person named there owns the title ("Tổng thống Nga Vladimir Putin và người đồng cấp ...
    X" is not X's title), so the range starts after them."""
    if before_name:
        # A possessive after a named entity ends the title: "người đứng đầu nước Nga của đạo diễn người Mỹ Oliver
        # Stone" is Putin's title, not Stone's ("Người phát ngôn của Chính phủ Đức, Steffen Seibert" is his).
        for poss in re.finditer(r"(?<!\w)của(?!\w)", sent.text[lo - sent.start : hi - sent.start]):
            if any(lo <= a.start and a.end <= lo + poss.start() for a in ms):
                return None
    for a in ms:
        words = a.entity.name.split()
        if (
            a is not b
            and a.entity.type == "PER"
            and (a.entity.kb_id or len(words) >= 2)
            and lo <= a.start
            and a.end <= hi
            and not _principal(sent, a)
            # "quan chức Bộ Ngoại giao Mỹ dưới thời Tổng thống Donald Trump": the leader dates the post, owns none
            and not UNDER.search(sent.text[max(0, a.start - sent.start - 40) : a.start - sent.start])
        ):
            lo = max(lo, a.end)
    sided = sorted(
        (
            a
            for a in ms
            if a is not b
            and side_at(a.entity, ctx.date) in ("nato", "russia")
            and not is_media(a.entity)
            and (
                (a.entity.type in ("LOC", "ORG") and lo < a.end)  # "Thứ trưởng Bộ Ngoại giao Nga": the
                # institution may hold a title word
                or (a.entity.type == "PER" and lo <= a.start and _principal(sent, a))
            )
            and a.end <= hi
        ),
        key=lambda a: a.start,
    )
    return side_at(sided[0].entity, ctx.date) if sided else None


def register_sides(
    sent: Sentence,
    ms: list[Mention],
    ctx: Context,
    persons: frozenset[str] = frozenset(),
    nouns: frozenset[str] = frozenset(),
    orgs: list[Entity] | None = None,
) -> None:
    """A person the knowledge file does not know speaks for the country or organisation in their title:
    "người phát ngôn Lầu Năm Góc Jeff Davis", "Ngoại trưởng Séc Lubomir Zaoralek", "Đại sứ Mỹ tại Nga Jon
    Huntsman" (the first side named after the title: the ambassador's own country, not his post), or for the
    person they serve ("cố vấn của Tổng thống Vladimir Putin là Yuri Ushakov"), read before the name or in the
    apposition after it: "Stuart Jones, quyền Trợ lý ngoại trưởng Mỹ phụ trách ...", "bà Svetlana Lukash -
    một quan chức Nga". A former post ("cựu", "nguyên") gives no side. The country's side is the one it had on
    the article's date: Montenegro's ministers are NATO-side from 5 June 2017 only (data/nato_members.yaml).
    `persons` are names read as persons elsewhere in the article: NER may type the same name a place here;
    `orgs` the organisations of the sentences before, for a title naming one as "bộ này" (core.nlp.institutions).
    """
    for b in ms:
        person = b.entity.type == "PER" or (b.entity.type == "LOC" and b.entity.name in persons)
        # A person the knowledge file keeps as `other` (one side for a whole career: Ursula von der Leyen, later
        # at the EU Commission) still takes the side of the post the article gives her on its date ("Bộ trưởng
        # Quốc phòng Đức Ursula von der Leyen").
        if not person or b.entity.side != "other" or (b.entity.kb_id and b.entity.type != "PER"):
            continue
        if b.entity.name in ctx.former or b.entity.name in ctx.experts:
            continue
        rel = b.start - sent.start
        window_start = max(0, rel - 80)
        window = sent.text[window_start:rel]
        # Parentheses do not end the title ("Duma Quốc gia (Hạ viện) Nga Yuri Shvytkin"); a comma right before
        # the name, or before a bare honorific or title, does not either ("người phát ngôn của Chính phủ Đức,
        # Steffen Seibert", "Tham mưu trưởng Lực lượng bộ binh Mỹ, tướng Mark Milli").
        cuts = [0] + [m.end() for m in re.finditer(r"[,.;:!?\"“”]", window)]
        cut = cuts[-1]
        bare = _side_title_re().sub("", window[cut:]).split()
        # A knowledge-file person: only a title right before the name counts, none across a comma, no apposition.
        known = bool(b.entity.kb_id)
        if (
            len(cuts) > 1
            and window[cut - 1] == ","
            and not known
            and all(fold(w) in _honorifics() for w in bare)
        ):
            cut = cuts[-2]
        titles = list(_side_title_re().finditer(window, cut))
        titles = [t for t in titles if window[t.end() :].split()] or titles[:1]
        ranges = []  # where the side may be read: the title before the name, then an apposition after it
        body = None  # the institution a title names by "bộ này" / "cơ quan trên" (core.nlp.institutions)
        between = (
            _without_field(_masked(sent, ms, sent.start + window_start + titles[-1].end(), b.start))
            if titles
            else ""
        )
        if (
            titles
            and titles[-1].group(0).lower() not in _private_titles()
            # "con trai Tổng thống Mỹ Donald Trump, Donald Trump Jr.": family, no post
            and not _kinship(window[max(cut, titles[-1].start() - 20) : titles[-1].start()])
            and len(between.split()) <= 10  # a longer title is a clause
            and (
                _names_only(between, nouns)
                or (body := named_before(between, [*(orgs or ()), *orgs_named(ms, b.start)]))
            )
        ):
            # A title before the name names the post the person acts in; a former one ("cựu Giám đốc FBI James
            # Comey", "Cựu giám đốc ... thuộc Bộ Quốc phòng Anh, chuẩn đô đốc Chris Parry") gives no side.
            lead = window[cut : titles[-1].end()]
            ranges.append((sent.start + window_start + titles[-1].start(), b.start, _former(lead), True))
        # An apposition after a comma or a dash: "Stuart Jones, quyền Trợ lý ...", "Lukash - một quan chức Nga";
        # not after "Theo ông X," (the content follows). A former post there is a commentator's credential
        # ("Ông Ilan Goldenberg, cựu quan chức cấp cao Bộ Ngoại giao Mỹ, nhận định"): no side.
        # ... up to a second apposition: "ông Christopher Ruddy, Tổng giám đốc hãng tin Newsmax Media - một người
        # bạn của Tổng thống Mỹ" (a friend of the president does not speak for the US).
        after = re.match(
            r"\s*(?:,|\s[-–—])\s*((?:(?!\s[-–—]\s)[^,.;:!?\"“”()]){0,80})", sent.text[b.end - sent.start :]
        )
        # an apposition left open runs to the verb, never into what was said ("Ông Adam Schiff, đại diện của đảng
        # Dân chủ trong Ủy ban Tình báo Hạ viện Mỹ nói rằng Nga ...": Mỹ, not Nga)
        appos = after.group(1) if after else ""
        verb = speech_rules().verb_re.search(appos)
        appos = appos[: verb.start()] if verb else appos
        t = _side_title_re().search(appos) if after and not known else None
        kin = t is not None and _kinship(appos[: t.start()])
        if (
            t is not None
            and len(appos[: t.start()].split()) <= 3
            and (not _according(sent, b) or _attribution_after_quote(sent, b, b.end + after.end(1)))
            and not kin
            and t.group(0).lower() not in _private_titles()
        ):
            lead = appos[: t.end()]
            ranges.append(
                (
                    b.end + after.start(1) + t.start(),
                    b.end + after.start(1) + len(appos),
                    _former(lead),
                    False,
                )
            )
        if ranges and past_administration(sent, ms, b, ctx):
            ranges = [(lo, hi, True, before) for lo, hi, _f, before in ranges]
        for lo, hi, former, before_name in ranges:
            if research_post(sent.text[lo - sent.start : hi - sent.start]):
                ctx.experts.add(b.entity.name)  # over any post named elsewhere, as a former one
                ctx.sides.pop(b.entity.name, None)
                break
            side = _side_in(sent, ms, b, lo, hi, ctx, before_name)
            if side is None and before_name and body is not None:
                side = side_at(body, ctx.date)
            if former and side is None and not before_name:
                # "Tướng Richard Barrons, cựu chỉ huy Bộ tư lệnh các lực lượng chung cho rằng": a former post in his
                # apposition names no country but still makes him a commentator
                side = "other"
            if side is not None:
                # A former post anywhere in the article outweighs the post named elsewhere ("Giám đốc FBI Comey bị
                # sa thải hôm 9/5" beside "cựu Giám đốc FBI James Comey"); else the first title that gives a side.
                if former:
                    ctx.former.add(b.entity.name)
                    ctx.sides.pop(b.entity.name, None)
                else:
                    ctx.sides.setdefault(b.entity.name, side)
                break
        party = party_side(sent, b, ctx)
        if (
            party is not None
            and not {b.entity.name} & (ctx.former | ctx.experts)
            and not any(r[2] for r in ranges)
        ):
            ctx.sides.setdefault(b.entity.name, party)


def _nouns(tokens: tuple[Token, ...]) -> frozenset[str]:
    """The lower-case syllables of the words underthesea tags common nouns in a sentence."""
    return frozenset(w.lower() for t in tokens if t.pos == "N" for w in t.text.split() if w[:1].islower())


def read_sides(
    sentences: tuple[Sentence, ...],
    by_sent: dict[int, list[Mention]],
    ctx: Context,
    tokens: dict[int, tuple[Token, ...]] | None = None,
) -> None:
    """Every title of the article before any statement is read: a person's title in one sentence gives the
    side of all their statements, those before it too ("Bà Lukash nhấn mạnh ..." after the lede's "bà Svetlana
    Lukash - một quan chức Nga"). The first title that gives a side wins; a title naming no country gives the
    side of the institution it is a member of, when the article names that institution with one side."""
    persons = frozenset(m.entity.name for ms in by_sent.values() for m in ms if m.entity.type == "PER")
    orgs: list[Entity] = []
    for sent in sentences:
        ms = by_sent.get(sent.idx, [])
        register_sides(sent, ms, ctx, persons, _nouns((tokens or {}).get(sent.idx, ())), orgs)
        orgs += orgs_named(ms, sent.end)
    members(sentences, by_sent, ctx)
    # and every person's post, for an unnamed holder of it (core.nlp.context.posted)
    read_posts(sentences, by_sent, ctx)


def with_side(ent: Entity, ctx: Context) -> Entity:
    """The side the article's titles gave a person the knowledge file does not know or keeps as `other`
    (whatever type NER gave this mention of the name: "Yuri Shvytkin" is sometimes read as a place)."""
    side = ctx.sides.get(ent.name) if ent.side == "other" else None
    return replace(ent, side=side) if side else ent


def side_source(ent: Entity, ctx: Context) -> str | None:
    """Where a speaker's side came from, kept in the statement's evidence: the knowledge file, a title in this
    article, an apposition calling the post former or a post at a research body (no side, on purpose: "former",
    "expert"); None when the article says nothing (core.store.sides may then give the side the person's titles
    show in other articles; never over "former" or "expert")."""
    if ctx.sides.get(ent.name) and ent.side == ctx.sides[ent.name]:
        return "title"
    if ent.kb_id:
        return "knowledge"
    if ent.name in ctx.former:
        return "former"
    if ent.name in ctx.experts:
        return "expert"
    return None
