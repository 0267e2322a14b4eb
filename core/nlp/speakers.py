"""Who speaks: the subject before a reporting verb (gap words, dates, appositions, relative clauses skipped), joint
speakers "X và Y", a meeting or its document for its organisation, "X tại Y" (X speaks), unnamed sources and officials
for their organisation or named holder, anaphora ("ông", "nhà ngoại giao này", "hai bên", "nguồn tin"). Outlets are
relays (core.nlp.outlets). What earlier sentences tell lives in one `Context` per article (core.nlp.context);
core.nlp.sides fills sides.
"""

from __future__ import annotations

import re

from core.config import rules
from core.models import Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.circumstances import (
    affiliated_subject,
    apposed_subject,
    circumstance_subject,
    leading_person,
    met,
    new_subject,
    object_before_manner,
    predicate,
    served,
)
from core.nlp.context import Context, Speaker, head_of_government, other_person, pronoun_person, this_country
from core.nlp.institutions import chamber_of, last_headed
from core.nlp.kin import kin_before, kin_named
from core.nlp.leaders import holder, post_of
from core.nlp.names import countries
from core.nlp.outlets import is_label, is_media
from core.nlp.speech import DEMONSTRATIVE_END, speech_rules, strip_gap, subordinate
from core.nlp.titles import namesake, phrase_opening, speaker_phrase
from core.text.textnorm import fold


def _is_person(m: Mention | None) -> bool:
    return m is not None and m.entity.type == "PER"


def _ending_at(ms: list[Mention], pos: int, sent: Sentence) -> Mention | None:
    """The mention ending at sentence-relative `pos` (PER preferred, then the longest)."""
    cands = [m for m in ms if m.end - sent.start == pos]
    if not cands:
        return None
    return sorted(cands, key=lambda m: (m.entity.type != "PER", -(m.end - m.start)))[0]


# words of an opener before the subject's comma: "Trả lời phỏng vấn 8 tờ báo lớn của châu Âu ngày 22/6, Tổng thống
# Macron ..." has eleven (eight lost it; fourteen moved four rows of the archive, all right)
_OPENER = 14
_CONCESSION = re.compile(r",\s*(?:mặc dù|dù|tuy|dẫu|bất chấp)\s[^,;\"“”]*$", re.IGNORECASE)  # then a comma


def clause_subject(sent: Sentence, ms: list[Mention], pos: int) -> Mention | None:
    """The first name whose phrase opens the sentence or follows an opener's comma ("Cũng trong ngày 5/6, X ...")."""
    ordered = [m for m in sorted(ms, key=lambda m: m.start) if m.end - sent.start <= pos]
    if not ordered:
        return None
    start = speaker_phrase(sent.text, ordered[0].start - sent.start)
    opener = sent.text[:start].strip()
    comma = sent.text.find(",")
    if opener and not opener.endswith(",") and 0 < comma < pos and len(sent.text[:comma].split()) <= _OPENER:
        # a name inside a short opening phrase ("Đối với vấn đề Crimea, Tổng thống Trump ..."): the subject follows
        ordered = [m for m in ordered if m.start - sent.start > comma]
        if not ordered:
            return None
        start = speaker_phrase(sent.text, ordered[0].start - sent.start)
        opener = sent.text[:start].strip()
    if opener and not (opener.endswith(",") and "," not in opener[:-1] and len(opener.split()) <= _OPENER):
        return None
    # the name that ends the opening phrase: "Ngoại trưởng Mỹ Rex Tillerson" is Tillerson, not Mỹ
    run = [m for m in ordered if speaker_phrase(sent.text, m.start - sent.start) == start]
    subject = max(run, key=lambda m: (m.end, -m.start))  # "Bộ Quốc phòng Anh", not the "Anh" inside it
    after = sent.text[subject.end - sent.start :]
    if is_media(subject.entity) or re.match(r"\s*(?:,|và\s)", after):
        return None  # an outlet relays; "Nga, Iran và Thổ Nhĩ Kỳ": a list of subjects, read the usual way
    return subject


def subject_speaker(sent: Sentence, subject: Mention) -> Speaker:
    """The clause subject (clause_subject) as the speaker, with its whole phrase ("Ngoại trưởng Mỹ Rex Tillerson")."""
    start = speaker_phrase(sent.text, subject.start - sent.start)
    return Speaker((subject.entity,), sent.text[start : subject.end - sent.start], start)


def find_speaker(sent: Sentence, ms: list[Mention], left_end: int, ctx: Context) -> Speaker | None:
    """The subject right before a verb: a mention, joint mentions, or an anaphor."""
    sr = speech_rules()
    left = strip_gap(sent.text[:left_end])
    aside = _CONCESSION.search(left) if sent.text[len(left) : left_end].lstrip().startswith(",") else None
    if aside is not None:
        # "Bộ Ngoại giao Mỹ, dù không đưa ra được bằng chứng nào, cũng cáo buộc": the subject before the concession
        return find_speaker(sent, ms, aside.start(), ctx)
    pos = len(left)
    c = sr.collective_re.search(left)
    if c:
        return _collective_speaker(sent, ms, ctx, c.start(1), pos)
    if (apposed := apposed_subject(sent, ms, left_end)) is not None:
        return subject_speaker(sent, apposed)  # "Lãnh đạo phe thiểu số ..., nghị sĩ ... Schumer, nói"
    if (lead := leading_person(sent, ms, left_end)) is not None:
        return subject_speaker(sent, lead)  # "Michael McFaul, cựu đại sứ ..., Giám đốc viện ... lại cho rằng"
    app = sr.open_apposition_re.search(left)
    # Appositions in a row: "Stephen Cohen, Giáo sư các đại học Princeton và New York, nhà báo của Nation chia sẻ".
    while app and ((a := _ending_at(ms, app.start(), sent)) is None or a.entity.type != "PER"):
        if (earlier := sr.open_apposition_re.search(left[: app.start()])) is None:
            break
        app = earlier
    if app is not None:
        # "..., Ali Ahmad Karimi, một nhà quan sát chính trị của Afghanistan nói": the person before the
        # apposition speaks (only a person: "Nga, một quan chức cho biết" is somebody unnamed, not Russia).
        named = _ending_at(ms, app.start(), sent)
        # A person named inside is a new subject, not a description: "Theo ông Lavrov, Tổng thống Trump và ...";
        # one after "của" / "dưới thời" is whom the description serves or dates ("Dmitry Peskov, phát ngôn viên của
        # người đứng đầu ...", "Ashton Carter, cựu Bộ trưởng Quốc phòng Mỹ dưới thời Tổng thống Barack Obama");
        # his own office is no other person ("Dmitry Peskov - người phát ngôn của điện Kremlin").
        inside = any(
            m.entity.type == "PER"
            and app.start() < m.start - sent.start < pos
            and not re.search(
                r"(?:của|dưới thời|với|cho)\s*$", sent.text[: speaker_phrase(sent.text, m.start - sent.start)]
            )
            # a new subject: it opens its comma segment, or it is the name before the verb, unless a place or a
            # centre is named after him ("Giám đốc Viện Kennan thuộc Trung tâm nghiên cứu Woodrow Wilson")
            and (
                new_subject(sent.text, m.start - sent.start)
                or (m.end - sent.start == pos and not namesake(sent.text, m.start - sent.start))
            )
            and (named is None or m.entity != named.entity)
            for m in ms
        )
        if named is not None and named.entity.type == "PER" and not inside:
            left = left[: app.start()]
            pos = len(left)
        elif not _is_person(_ending_at(ms, len(left.rstrip(" ,")), sent)) or predicate(left[app.start() :]):
            app = None  # no apposition after all: "Đối với vấn đề Crimea, Tổng thống Trump đã ..., yêu cầu"
    # ... but not after an apposition between commas that follows a person: '"...", Steffen Seibert, người phát
    # ngôn của bà Merkel, cho biết' (the subject after the first comma is inside the quotation).
    appos = re.search(r",\s*[^,\"“”]{3,160},\s*$", sent.text[:left_end])
    appositive = appos is not None and _is_person(_ending_at(ms, appos.start(), sent))
    if app is None and re.search(r"[^\s\"”“'],\s*$", sent.text[:left_end]) and not appositive:
        # "Bộ Quốc phòng Anh đã lên tiếng đáp trả ..., nói rằng": after a comma the sentence's subject speaks, not
        # the last name before it ("gặp các phóng viên tại Moskva, nói"; "chỉ trích NATO, gọi đây là": an object).
        subject = clause_subject(sent, ms, pos)
        if subject is not None:
            return subject_speaker(sent, subject)
        last = _ending_at(ms, pos, sent)
        head = sent.text[: speaker_phrase(sent.text, last.start - sent.start)].rstrip() if last else ""
        # the name before the comma closes a predicate, as its object ("các nghị sỹ ... đã bắt đầu đề cập tới khả năng
        # luận tội Tổng thống Trump, yêu cầu"): a tense word or a long clause before it; not a title ("chỉ huy hải quân
        # Pamela Kunze, ..., cho biết")
        if last and predicate(head[head.rfind(",") + 1 :]):
            return None
    if object_before_manner(sent, ms, left_end, pos):
        return None
    m = _ending_at(ms, pos, sent)
    # "Ngoại trưởng Rex Tillerson trong một phiên điều trần ... cảnh báo": the person before the circumstance
    owned = m is not None and (served(sent, m) or met(sent, m))  # "... với Tổng thống Putin": not the subject
    if (not _is_person(m) or owned) and (named := circumstance_subject(sent, ms, left)) is not None:
        m, pos = named, named.end - sent.start
        left = left[:pos]
    # "Tổ chức Hợp tác An ninh và hợp tác châu Âu (OSCE) thông báo": the organisation in the skipped brackets
    inner = [
        b for b in ms if pos <= b.start - sent.start < left_end and sent.text[b.start - sent.start - 1] == "("
    ]
    m = inner[0] if inner and inner[0].entity.type == "ORG" and (m is None or m.entity.type == "LOC") else m
    channel = sr.channel_re.search(sent.text[: m.start - sent.start]) if m is not None else None
    if channel is not None and m.entity.type != "PER" and not (m.entity.kb_id and m.entity.type == "LOC"):
        # "Tổng thống Trump lên Twitter tuyên bố": the platform (no person, no country) does not speak, the subject
        # before it does ("người phát ngôn bộ trên Maria Zakharova viết": that "trên" is no channel).
        m = _ending_at(ms, len(strip_gap(sent.text[: channel.start()])), sent)
    if m is not None and m.entity.type == "LOC":
        # "Đại sứ quán Nga tại Oslo nói": not the place; "một nguồn tin tại Brussels cho biết": nobody known.
        at = sr.located_re.search(sent.text[: m.start - sent.start])
        host = _ending_at(ms, at.start(), sent) if at else None
        if at is not None and host is None:
            return None
        if host is not None:
            m = host
    if m is not None:
        # "Omar Lamrani thuộc Stratfor nói": a person named right before his organisation (whatever its type) speaks.
        of = sr.affiliated_re.search(sent.text[: m.start - sent.start])
        person = _ending_at(ms, of.start(), sent) if of else None
        if person is not None and person.entity.type == "PER":
            m = person
        elif m.entity.type in ("ORG", "LOC"):
            m = affiliated_subject(sent, ms, m) or m
    if m is not None:
        ents = [m.entity]
        first = m.start - sent.start
        # Joint speakers: "Thủ tướng Trudeau và Tổng Thư ký NATO Stoltenberg", "Nga, Iran và Thổ Nhĩ Kỳ" (a comma
        # only before a "và" already read: the earlier items of one list).
        while True:
            head = speaker_phrase(sent.text, first)
            j = re.search(r"\s+và\s+$" if len(ents) == 1 else r"(?:\s+và|\s*,)\s+$", sent.text[:head])
            if not j:
                break
            other = _ending_at(ms, j.start(), sent)
            if other is None or other.entity in ents:
                break
            at = speaker_phrase(sent.text, other.start - sent.start)
            if "," in j.group(0) and any(a.end() == at for a in sr.according_re.finditer(sent.text, 0, at)):
                break  # "Theo ông Lavrov, Tổng thống Trump và ...": the source, not one of the list
            marked = sr.object_re.search(sent.text[:at]) or sr.object_re.search(
                sent.text[: other.start - sent.start]
            )
            if marked and other.entity.type != m.entity.type:
                break  # "... ở Syria và Iraq Thư ký báo chí Sean Spicer tuyên bố": a place before him, no co-speaker
            ents.insert(0, other.entity)
            first = other.start - sent.start
        start = speaker_phrase(sent.text, first)
        # "Theo thông báo của Bộ Quốc phòng Nga,": that "của" opens the source, not an object.
        opened = any(a.end() == start for a in sr.according_re.finditer(sent.text, 0, start))
        opened = opened or bool(sr.words_of_re.search(sent.text[:start]))  # "dẫn lời phát biểu của Lavrov"
        # "Nguồn tin từ Bộ Ngoại giao Nga chia sẻ": an unnamed source speaks for its organisation (the words may
        # end before the title: "nguồn tin thân cận với tổng thống Mỹ Donald Trump").
        cut = (sent.text[:first], sent.text[:start])
        sourced = next(
            filter(None, (r.search(t) for r in (sr.source_of_re, sr.unnamed_of_re) for t in cut)), None
        )
        if sourced:
            start = sourced.start()
            if not is_media(m.entity) and m.entity.name not in ctx.media:  # "nói với Business Insider"
                ctx.last_source = m.entity
                ctx.source_recent = True
        described = sr.non_official_re.search(sent.text[max(0, first - 60) : first])
        if m.entity.type == "LOC" and (m.entity.kb_id or fold(m.entity.name) in countries()) and described:
            # "các chuyên gia Thổ Nhĩ Kỳ nhấn mạnh": commentators of a known country, not Turkey; but "Chuyên gia
            # Nga cho rằng" after "chuyên gia quân sự Nga Vladimir Tuchkov" is that expert again.
            head = " ".join(described.group(0).lower().split()[:2])
            before = sent.text[: max(0, first - 60) + described.start()]
            again = ctx.described.get(head) if not sr.indefinite_re.search(before) else None
            return Speaker((again,), sent.text[start:pos], start) if again is not None else None
        if sr.object_re.search(sent.text[:start]) and not (
            opened or sourced or post_of(sent, ms, start, ents) or kin_before(sent.text[:first])
        ):
            return None  # "... với Nga, đồng thời nhắc lại": Nga is an object, not a subject
        if subordinate(sent.text, start):
            return None
        if m.entity.type == "LOC" and sr.national_re.search(sent.text[:first]):
            return None  # "một người Mỹ ủng hộ Nga hỏi", "công dân Nga cho biết": nationals, not the state
        if len(ents) == 1 and ents[0].type == "PER" and kin_before(sent.text[:first]):
            # "Con ông Trump đồng ý": his kin named in the article, or nobody known
            kin = kin_named(ents[0], ctx.persons)
            return Speaker((kin,), sent.text[start:pos], start) if kin is not None else None
        opening = (
            start if sourced else phrase_opening(sent.text, start, first)
        )  # "Theo báo Nga": the outlet's too
        text = sent.text[opening:pos]
        relay = None
        # An outlet reporting is a relay, not a speaker; a layout label is nobody.
        ents = [e for e in ents if not is_media(e) and e.name not in ctx.media and not is_label(e)]
        if not ents:  # "nguồn tin của WSJ nói": the unnamed source met before, relayed by the outlet
            link = sourced and sourced.group(0).rstrip().endswith(("của", "từ"))  # not "nguồn tin Tờ X Post"
            src = ctx.last_source if link and sr.news_source_re.match(sourced.group(0)) else None
            return Speaker((src,), text, opening) if src is not None else None
        leader = sr.leader_re.search(sent.text[:first])
        some = leader is not None and sr.indefinite_re.search(sent.text[: leader.start()])
        # "Quan chức Mỹ khẳng định": unnamed officials of the country, not its leader; but the official who spoke
        # last when he holds a post of it ("Ngoại trưởng Nga Sergey Lavrov tuyên bố ... Quan chức Nga cho rằng").
        official = leader and ents[0].type == "LOC" and fold(leader.group(0)).startswith("quan chuc")
        held = {p for *_, p in ctx.leaders.get(ents[0].name, [])}
        if official and len(ctx.last_speakers) == 1 and ctx.last_speakers[0] in held:
            ents = list(ctx.last_speakers)
        if some or official:
            leader = None  # "Một quan chức Mỹ xác nhận": somebody unnamed of that country, not its leader
        if len(ents) == 1 and ents[0].type in ("LOC", "ORG") and ents[0].name in ctx.leaders and not some:
            # "quan chức Điện Kremlin" after "Người phát ngôn Điện Kremlin Dmitry Peskov", "người đứng đầu
            # Latvia": the office holder; "Thứ trưởng Nga": the person named with that title (core.nlp.leaders).
            # Not "một số quan chức Nhà Trắng": unnamed officials speak for their office, not its head.
            if sr.leader_re.search(sent.text[:first]) and (ents[0].type == "ORG" or leader is not None):
                ents = [ctx.leaders[ents[0].name][-1][-1]]
            else:
                ents = [holder(ctx.leaders, ents[0].name, sent.text[:first]) or ents[0]]
        if len(ents) == 1 and ents[0].type != "PER" and sr.relay_heads_re.search(sent.text[:opening]):
            return None
        if len(ents) == 1 and ents[0].type == "LOC" and (chamber := chamber_of(sent.text[:first], ents[0])):
            ents = [chamber]  # "nhiều nghị sĩ Mỹ bày tỏ": unnamed legislators speak for their chamber
        government = re.search(r"(?i)(?<!\w)chính quyền\s+(?:của\s+)?$", sent.text[:start])
        if sourced and len(ents) == 1 and ents[0].type == "PER" and sr.news_source_re.match(sourced.group(0)):
            # "Nguồn tin thân cận với Tổng thống Mỹ": for his government, not he (none known if no office), later too
            gov = kbmod.government_of(ents[0].kb_id, ctx.date.year, ctx.date.month) if ents[0].kb_id else None
            ctx.last_source, ents = gov, [gov]
            if gov is None:
                return None
        if len(ents) == 1 and ents[0].kb_id and government is not None:
            # "Chính quyền Trump cho biết", "chính quyền Tổng thống Obama cáo buộc": his government, not he
            country = kbmod.government_of(ents[0].kb_id, ctx.date.year, ctx.date.month)
            if country is not None:
                ents, text = [country], sent.text[government.start() : pos]
        return Speaker(tuple(ents), text, start, relay)
    g = sr.group_re.search(left)
    if g:
        pair = _pair_before(sent, ms, g.start()) or ctx.last_pair
        if pair:
            return Speaker(pair, g.group(0), g.start())
    org = _org_anaphor(sent.text[:left_end].rstrip(), ctx) or this_country(sent, ms, left_end, ctx)
    if org is not None:
        return org
    src = sr.source_anaphor_re.search(left)
    if src is None and ctx.source_recent:
        src = sr.unnamed_anaphor_re.search(sent.text[:left_end].rstrip())  # before "này" is stripped
    if src and ctx.last_source is not None and not sr.some_re.search(sent.text[: src.start()]):
        # '"...", nguồn tin nói.': the source met earlier ("các nguồn tin này" too; "một số nguồn tin": others)
        return Speaker((ctx.last_source,), src.group(0), src.start())
    # The described form is read before the gap words are stripped: "này" is one of them.
    p = sr.person_re.search(left) or sr.described_person_re.search(sent.text[:left_end].rstrip())
    some = p and re.search(r"(?<!\w)(?:hai|ba|những|các|nhiều|\d+)\s*$", sent.text[: p.start()])
    if p and (some or sr.indefinite_re.search(sent.text[: p.start()]) or subordinate(sent.text, p.start())):
        return None  # "Một quan chức cho hay": somebody new, "hai người này" many; "Nếu ông đề nghị": a condition
    if p and sr.anonymous_re.search(sent.text, p.start(), left_end):
        # "Vị quan chức giấu tên cho biết": the unnamed source met before, or nobody; never the person named last
        src = ctx.last_source if ctx.source_recent else None
        return Speaker((src,), p.group(0), p.start()) if src is not None else None
    if p:
        # "Ông" alone, or a role noun ("nhà lãnh đạo này"): the last person speaking, or this sentence's subject.
        said = " ".join(p.group(0).lower().split())
        gender = sr.pronoun_gender.get(said)
        person = pronoun_person(ctx, gender, clause_subject(sent, ms, p.start()) if p.start() else None)
        role = DEMONSTRATIVE_END.sub("", said)  # "chuẩn đô đốc này" / "nhà quan sát trên": the role alone
        if role != said and role in ctx.titled:
            person = ctx.titled[role]  # "Chuẩn đô đốc này": the one named with that title
        elif said in ctx.titled and said in sr.posts_only:  # "Tổng thống cho rằng": its holder
            person = ctx.titled[said]
        elif said in sr.third_person:  # "ông ấy": somebody other than the one speaking now
            person = other_person(ctx, sent, ms, p.start(), gender, person)
        elif role != said or re.match(r"\s+này(?!\w)", sent.text[p.end() : left_end]):
            # "... McMaster cho biết ... Ông này nói": the person named last (of that gender, this sentence's too:
            # "nghi ngờ Akhmetshin ..., nhưng người này đã bác bỏ"), not the last speaker
            cut = sent.start + p.start() if not re.search(r'["“”]', sent.text[: p.start()]) else sent.start
            here = [
                m.entity for m in sorted(ms, key=lambda m: m.start) if m.entity.type == "PER" and m.end <= cut
            ]
            same = [
                e
                for e in (*ctx.persons, *here)
                if (gender is None or ctx.genders.get(e.name, gender) == gender)
                # "Cũng theo quan chức này" after "Gary Kohn, cố vấn ... của Tổng thống Donald Trump": not Trump
                and not (fold(role).endswith("quan chuc") and head_of_government(e, ctx))
            ]
            person = same[-1] if same else person
        return Speaker((person,), p.group(0), p.start()) if person is not None else None
    return None


def _org_anaphor(left: str, ctx: Context) -> Speaker | None:
    """ "Bộ này khẳng định", "Bộ trên nhận định": a name's head (its first one or two words) and "này" / "trên"
    are the last such organisation."""
    m = re.search(r"(?<!\w)((\w+)\s+)?(\w+)\s+(?:này|trên)((?:\s+\w+){0,2})$", left)
    if m is None or strip_gap(m.group(4)).strip():
        return None  # gap words may follow: "Bộ này cũng nói thêm"
    generic = {fold(h) + " " for h in rules("speech")["generic_org_heads"]}
    heads = [m.group(3)] + ([f"{m.group(2)} {m.group(3)}"] if m.group(2) else [])
    for head in reversed(heads):  # the longer head first: "Đại sứ quán" before "quán"
        start = m.start(3) if head == m.group(3) else m.start(2)
        if fold(head) + " " in generic:
            # "Cơ quan này cũng khẳng định" after the ministry spoke: the body speaking, not one it named last;
            # else ("Cơ quan trên kêu gọi" after "Bộ Ngoại giao Nga") the last organisation of any name
            spoke = [e for e in ctx.last_speakers if e.type == "ORG" and not is_media(e)]
            ent = (spoke or ctx.orgs or [None])[-1]
        else:
            ent = last_headed(head, ctx.orgs)  # by any of its names (core.nlp.institutions)
        if ent is not None:
            return Speaker((ent,), left[start : m.start(4)], start)
    return None


def _collective_speaker(
    sent: Sentence, ms: list[Mention], ctx: Context, start: int, end: int
) -> Speaker | None:
    """A summit, its document or "the allies" speak for the organisation named in the subject ("Hội nghị thượng
    đỉnh NATO"), else for the one the article has named most so far."""
    inside = [
        m.entity
        for m in sorted(ms, key=lambda m: m.start)
        if start <= m.start - sent.start < end and m.entity.type == "ORG" and not is_media(m.entity)
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
    return Speaker((ent,), sent.text[start:end], start)


def _pair_before(sent: Sentence, ms: list[Mention], pos: int) -> tuple[Entity, ...]:
    """The last "A và B" of the sentence before `pos` ("NATO và Nga ..., nhưng hai bên nhất trí")."""
    found: tuple[Entity, ...] = ()
    ordered = sorted((m for m in ms if not is_media(m.entity)), key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.end - sent.start > pos or a.entity == b.entity:
            continue
        if re.fullmatch(r"\s+và\s+", sent.text[a.end - sent.start : b.start - sent.start]):
            found = (a.entity, b.entity)
    return found
