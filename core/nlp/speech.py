"""The speech rules of data/speech.yaml compiled once: reporting verbs, the words that may sit between a
speaker and the verb, openers, relays, anaphora, negators. Shared by core.nlp.speakers (who speaks) and
core.nlp.statements (what is said); each pattern is built by name, so a new rule cannot shift the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.config import rules
from core.models import Sentence
from core.nlp.names import UPPER, UPPER_WORD

# A day alone after the verb ('"...", AFP dẫn lời ... Jeff Davis nói ngày 9/6.'): when, not what, was said.
# A demonstrative after a role noun: "này" (this) or, right before the verb, "trên" (the one above).
THIS = r"(?:này|trên)"
DEMONSTRATIVE_END = re.compile(rf"(?:^|\s+){THIS}$")  # closing a described person: its role before it
DATE_AFTER = r"(?:(?:ngày|hôm|sáng|chiều|tối|đêm|trưa)\s+\d{1,2}/\d{1,2}(?:/\d{2,4})?|\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))"


def alt(words) -> str:
    """A regex alternation of the words, longest first (so "nói thêm" wins over "nói"); the spaces of a
    multi-word entry match any run of white space ("thông  báo" with a doubled space is still the verb)."""
    return "|".join(
        r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(set(words), key=len, reverse=True)
    )


@dataclass(frozen=True)
class SpeechRules:
    """data/speech.yaml compiled: one pattern per rule list, named after it."""

    verb_re: re.Pattern
    split_verbs: dict  # (first word, last word) -> the verb as stored: ("cho", "biết") -> "cho biết"
    gap_re: re.Pattern
    opener_re: re.Pattern
    coord_re: re.Pattern
    according_re: re.Pattern
    relay_heads_re: re.Pattern
    media_modified_re: re.Pattern  # "tạp chí quân sự " before a name: an outlet's head with its modifiers
    media_named_re: re.Pattern  # "trang Minh bạch quốc phòng" before "(RCD)": an outlet's head and its name
    person_re: re.Pattern
    group_re: re.Pattern
    object_re: re.Pattern
    coord_tail_re: re.Pattern
    leader_re: re.Pattern
    new_clause_re: re.Pattern
    circumstantial_re: re.Pattern
    after_verb_re: re.Pattern
    not_verb_re: re.Pattern
    designation_re: re.Pattern
    quoting_tail_re: re.Pattern
    quoted_by_re: re.Pattern
    about_classes: frozenset[str]
    quoting_after_re: re.Pattern
    claim_of_re: re.Pattern
    words_of_re: re.Pattern
    located_re: re.Pattern
    affiliated_re: re.Pattern
    collective_re: re.Pattern
    passive_verbs: frozenset[str]
    source_of_re: re.Pattern
    news_source_re: re.Pattern
    unnamed_of_re: re.Pattern
    unnamed_anaphor_re: re.Pattern
    source_anaphor_re: re.Pattern
    described_person_re: re.Pattern
    relative_re: re.Pattern
    source_modifier_re: re.Pattern
    holder_gap_re: re.Pattern
    verb_negator_re: re.Pattern
    subordinate_re: re.Pattern
    subordinate_open_re: re.Pattern
    refusal_verbs: frozenset[str]
    indefinite_re: re.Pattern
    some_re: re.Pattern
    anonymous_re: re.Pattern
    channel_re: re.Pattern
    topic_opener_re: re.Pattern
    pronoun_gender: dict
    third_person: frozenset
    posts_only: (
        frozenset  # the bare titles that stand for the one last named with them (not pronouns, not roles)
    )
    event_clause_re: re.Pattern
    verb_classes: dict
    nested_classes: frozenset[str]
    open_apposition_re: re.Pattern
    holder_named_re: re.Pattern
    national_re: re.Pattern
    non_official_re: re.Pattern
    described_head_re: re.Pattern
    described_after_re: re.Pattern
    no_content_re: re.Pattern
    object_verbs: frozenset[str]
    told_verbs: frozenset[str]
    told_reach: int
    question_re: re.Pattern  # an interrogative opening the content: a question put to the speaker
    object_opener_re: re.Pattern
    noun_after_re: re.Pattern


def _split_verbs(r: dict) -> str:
    """Alternatives for verbs split by their recipient ("cho các phóng viên biết"), tried after the whole verbs
    at a position (a contiguous "cho biết" is matched as itself)."""
    gap = int(r.get("split_verb_gap", 0))
    pats = [
        rf"{re.escape(a)}\s+(?:[^\s,.;:!?\"“”()]+\s+){{1,{gap}}}?{re.escape(b)}"
        for a, b in r.get("split_verbs", {}).values()
    ]
    return "|".join(pats) or "(?!)"


def _regard_verbs(r: dict) -> str:
    """ "..., coi đây là những cáo buộc phi lý": a regarding verb reports only with its "là" ahead, within
    `regard_gap` words and no punctuation (without it, "coi"/"xem" is no speech: "xem truyền hình"); where it may
    report at all is core.nlp.statements' call."""
    words = r.get("regard_verbs", [])
    if not words:
        return "(?!)"
    gap = int(r.get("regard_gap", 0))
    return rf"(?:{alt(words)})(?=\s+(?:[^\s,.;:!?\"“”()]+\s+){{1,{gap}}}?là(?!\w))"


@cache
def speech_rules() -> SpeechRules:
    r = rules("speech")
    er = rules("entity_rules")
    gap = alt(r["gap_words"])
    # "nhà báo Todd Wood" is a journalist, "báo Sputnik" an outlet: no compound's first syllable right before an
    # outlet's head word (each a fixed-width lookbehind).
    head = (
        "(?<!\\w)"
        + "".join(f"(?<!{re.escape(w)} )" for w in r.get("relay_compounds", []))
        + f"(?:{alt(r['relay_heads'])})"
    )
    # "ra tuyên bố" reports on its own where the sentence ends on it ('"...", Bộ Quốc phòng Mỹ ra tuyên bố [về ...].')
    # or a comma opens what was said ("Matxcơva đã nhiều lần ra tuyên bố, tham vọng của Mỹ ... là ảo vọng"); never
    # before another verb ("ra tuyên bố lên án ...", "ra một tuyên bố, trong đó nói rằng ...": that one carries it)
    # nor a word of the noun ("ra tuyên bố cứng rắn", "chính thức", "gây sốc": a statement described, its words
    # elsewhere). "rằng" opens its words too ("Nga đã đưa ra tuyên bố rằng ..."); "về ..." only names the topic
    # (speech.yaml object_verbs), unless a quotation before it holds the words.
    yielding = r.get("yielding_verbs", [])
    verbs = alt([v for v in [*r["verbs"], *r["passive_verbs"]] if v not in yielding])
    # First in the alternation: at "đưa" the issuing "đưa ra tuyên bố rằng" is tried before the passive "đưa ra".
    own = (
        rf"(?:{alt(yielding)})(?![\s,]+(?:trong đó\s+)?(?:{verbs}|{_split_verbs(r)})(?!\w))"
        rf"(?=\s*,|\s+rằng(?!\w)|(?:\s+về\s[^,;:\"“”]*)?[\s.!?…]*$)|"
        if yielding
        else ""
    )
    return SpeechRules(
        verb_re=re.compile(
            rf"(?<!\w)(?:{own}{verbs}|{_split_verbs(r)}|{_regard_verbs(r)})(?!\w)", re.IGNORECASE
        ),
        split_verbs={
            (a.lower(), b.lower()): " ".join(k.split()) for k, (a, b) in r.get("split_verbs", {}).items()
        },
        # Trailing filler between speaker and verb: adverbs, dates ("ngày 24/11", "(24/11)"), commas.
        gap_re=re.compile(
            rf"(?:\s*(?:(?<!\w)(?:{gap})(?!\w)|(?<!\w)\d+(?:[/.-]\d+)*|\(\d+[/.-]\d+\)|,))+\s*$",
            re.IGNORECASE,
        ),
        opener_re=re.compile(
            rf"\s*[:,–-]?\s*(?:(?:{alt(r['content_openers'])}|{alt(r['verbs'])})(?!\w)\s*)?[:,–-]?\s*",
            re.IGNORECASE,
        ),
        # "..., đồng thời nhắc lại", "cho biết ... và nói thêm": a verb right after coordination, comma or not.
        coord_re=re.compile(rf"(?:^|,|(?<=\s))\s*(?:{alt(r['coordination'])})\s*$", re.IGNORECASE),
        # ... also after a sentence adverbial opening the sentence ("Còn theo Ngoại trưởng Mỹ Rex Tillerson, ...")
        according_re=re.compile(
            rf"(?:^(?:\W*(?i:{alt(['còn', 'nhưng', 'song', *r['clause_openers']])})\s*,?\s+)?|(?<=[,;]\s))"
            rf"(?:{alt(r['according_to'])})\s+"
        ),
        relay_heads_re=re.compile(
            rf"{head}\s*$",
            re.IGNORECASE,
        ),
        media_modified_re=re.compile(
            rf"{head}(?:\s+(?:{alt(r['media_modifiers'])})){{1,2}}\s+$",
            re.IGNORECASE,
        ),
        # not "báo cáo của Bộ Quốc phòng Mỹ (DIA)": a report is its author's
        media_named_re=re.compile(
            rf"{head}(?!\s+cáo(?!\w))(?:\s+[^\s,.;:()\"“”]+){{1,6}}$",
            re.IGNORECASE,
        ),
        person_re=re.compile(rf"(?<!\w)(?:{alt(r['anaphora_person'])})$", re.IGNORECASE),
        group_re=re.compile(rf"(?<!\w)(?:{alt(r['anaphora_group'])})$", re.IGNORECASE),
        object_re=re.compile(
            rf"(?<!\w)(?:{alt(r['not_subject_before'])})(?:\s+(?:{alt(r['place_nouns'])}))?\s*$",
            re.IGNORECASE,
        ),
        # (and a new clause opened after a comma: "sẽ đáp trả, trong khi [Mỹ tuyên bố ...]")
        coord_tail_re=re.compile(
            rf"[\s,]*(?:(?<!\w)(?:{alt(r['coordination'])})|,\s*(?:{alt(w for w in r['new_clause'] if w != ';')}))?[\s,]*$",
            re.IGNORECASE,
        ),
        # "người đứng đầu Latvia", "nhà ngoại giao hàng đầu của Nga": the post, "của" or not, right before the place
        leader_re=re.compile(rf"(?<!\w)(?:{alt(r['leader_of'])})(?:\s+của)?\s*$", re.IGNORECASE),
        new_clause_re=re.compile(rf"(?:(?<!\w)(?:{alt(r['new_clause'])})|;)\s*$", re.IGNORECASE),
        circumstantial_re=re.compile(rf"\s*(?:{alt(r['circumstantial'])})(?!\w)", re.IGNORECASE),
        after_verb_re=re.compile(rf"(?:\s*(?:{alt(r['adverbs_after_verb'])})(?!\w)\s*,?)+\s*", re.IGNORECASE),
        not_verb_re=re.compile(
            rf"(?<!\w)(?:{alt(r['not_verbs'])})(?!\w)|{r['aforementioned']}", re.IGNORECASE
        ),
        designation_re=re.compile(r["designation"].replace("{W}", UPPER_WORD)),
        claim_of_re=re.compile(rf"(?<!\w)(?:{alt(r['claim_nouns'])})\s+của\s+", re.IGNORECASE),
        words_of_re=re.compile(
            rf"(?:(?<!\w)(?:{alt(r['words_citing'])})\s+|^\W*|,\s*)(?:{alt(r['words_nouns'])})\s+của\s+$",
            re.IGNORECASE,
        ),
        # '"...", Reuters dẫn lời quan chức Mỹ.': a quotation closed, then an outlet quoting whoever follows
        quoting_after_re=re.compile(
            rf'["”]\s*,[^,"“”]{{0,60}}?(?:{alt(r["quoting_relays"])}'
            rf"|(?:{alt(r['words_citing'])})\s+(?:{alt(r['words_nouns'])})\s+của)\s",
            re.IGNORECASE,
        ),
        quoting_tail_re=re.compile(
            rf"(?<=[,\"”])[^,\"”]{{1,60}}\s(?:{alt(r['quoting_relays'])})\s*$", re.IGNORECASE
        ),
        # "Ryabkov được hãng thông tấn TASS dẫn lời nói": quoted by a named outlet, between subject and verb
        quoted_by_re=re.compile(
            rf"\s+được\s+(?=[^,;:\"“”]*?[{UPPER}])(?:[^\s,;:\"“”]+\s+){{1,8}}?(?:{alt(r['quoting_relays'])})\s*$"
        ),
        about_classes=frozenset(r["about_classes"]),
        located_re=re.compile(rf"\s+(?:{alt(r['located_at'])})\s+$", re.IGNORECASE),
        # "Omar Lamrani thuộc Stratfor", "Andrei Kolesnikov thuộc Trung tâm nghiên cứu Carnegie": the name's head
        # words may come between.
        affiliated_re=re.compile(
            rf"\s+(?:{alt(r['affiliated_by'])})\s+(?:[^\W\d_]+\s+){{0,6}}$", re.IGNORECASE
        ),
        # "Tuyên bố chung của hội nghị nêu rõ", "Các nước đồng minh cam kết": a collective or document subject
        # opening the clause, with any modifiers up to the verb.
        collective_re=re.compile(
            rf"(?:^|[,;]\s*)((?:{alt(r['collective_subjects'])})(?!\w)(?:\s+[^\s,;:\"“”]+){{0,8}})$",
            re.IGNORECASE,
        ),
        passive_verbs=frozenset(v.lower() for v in r["passive_verbs"]),
        # ... also a document with a few words before its author: "báo cáo mới đây của", "thông cáo báo chí của"
        source_of_re=re.compile(
            rf"(?<!\w)(?:{alt(r['source_of'])}"
            rf"|(?:{alt(r['document_nouns'])})(?:\s+[^\s,.;:\"“”()]+){{1,3}}?\s+của)\s+$",
            re.IGNORECASE,
        ),
        # an unnamed source, not a spokesperson or a representative ("nguồn tin thân cận với", "một nguồn tin từ")
        news_source_re=re.compile(r"(?:một\s+)?nguồn\s+tin(?!\w)", re.IGNORECASE),
        unnamed_of_re=re.compile(
            rf"(?<!\w)(?:{alt(r['unnamed_heads'])})(?:(?:\s+[^\s,;:\"“”()]+){{0,4}}?\s+(?:{alt(r['unnamed_links'])})"
            rf"|(?:\s+(?-i:(?![{UPPER}]))\w+){{1,2}})?\s+$",  # or its field: "một quan chức cấp cao Mỹ"
            re.IGNORECASE,
        ),
        # ... also before adverbs ("Vị quan chức này cũng thừa nhận"), read before "này" itself is stripped
        unnamed_anaphor_re=re.compile(
            rf"(?<!\w)(?:{alt(r['unnamed_anaphora'])})(?:\s+(?:{alt([w for w in r['gap_words'] if w != 'này'])}))*$",
            re.IGNORECASE,
        ),
        source_anaphor_re=re.compile(rf"(?<!\w)(?:{alt(r['source_anaphora'])})$", re.IGNORECASE),
        # "Nhà ngoại giao kỳ cựu này": a role noun, a few describing words, "này".
        # "nhà ngoại giao Nga này", and "Người này" / "vị quan chức này" before gap words ("Người này cũng cho
        # biết"): read before the gap words are stripped, since "này" is one of them. After a role noun, "trên"
        # (the one above) right before the verb says the same: "nhà quan sát trên nhận định", "Chuyên gia trên
        # cho biết"; not after "quan chức": "Quan chức trên nhấn mạnh" is the unnamed official met before
        # (`unnamed_anaphora`), never the person named last.
        described_person_re=re.compile(
            rf"(?<!\w)(?:(?:{alt(r['anaphora_heads'])})(?:\s+\w+){{1,3}}\s+{THIS}"
            rf"|(?:{alt([w for w in r['anaphora_person'] if w.endswith(' này')])})"
            rf"|(?:{alt(rules('entity_rules')['titles'])})\s+{THIS})"  # "Chuẩn đô đốc này nói rằng"
            rf"(?=(?:\s+(?:{gap}))*$)",
            re.IGNORECASE,
        ),
        relative_re=re.compile(rf",\s*(?:{alt(r['relative_heads'])})\s*$", re.IGNORECASE),
        # an unnamed head, its country or body in up to three words, then what it knows: "quan chức Mỹ có quan hệ
        # thân thiết với giới tình báo" keeps "quan chức Mỹ"
        source_modifier_re=re.compile(
            rf"((?<!\w)(?:{alt(r['unnamed_heads'])})(?:\s+[^\s,.;:\"“”]+){{1,3}}?)\s+(?:{alt(r['source_modifiers'])})"
            rf"(?:\s+[^\s,.;:\"“”]+){{1,7}}\s*$",
            re.IGNORECASE,
        ),
        holder_gap_re=re.compile(rf"\s*,?\s*(?:(?:{alt(r['holder_honorifics'])})\s+)?"),
        verb_negator_re=re.compile(rf"(?<!\w)(?:{alt(r['verb_negators'])})\s+$", re.IGNORECASE),
        # Before the subject, or as the first word of its phrase: "mà Washington", "Nếu bà Le Pen"; after a
        # condition a head noun or two may stand between: '"Nếu chính quyền Mỹ đồng ý, ...' (lower-case words).
        subordinate_re=re.compile(
            rf"(?<!\w)(?:(?:{alt(r['subordinators'])})|(?:{alt(r['conditions'])})(?:\s+(?-i:(?![{UPPER}]))\w+){{0,2}})\s+$",
            re.IGNORECASE,
        ),
        subordinate_open_re=re.compile(rf"(?:{alt(r['subordinators'])})(?!\w)", re.IGNORECASE),
        refusal_verbs=frozenset(v.lower() for v in r["refusal_verbs"]),
        # "một quan chức", "một vị quan chức", "một cựu quan chức": somebody unnamed
        # "một số nguồn tin": others; "các nguồn tin này" may be the ones met before
        some_re=re.compile(rf"(?<!\w)(?:{alt(set(r['indefinites']) - {'các', 'những'})})\s+$", re.IGNORECASE),
        indefinite_re=re.compile(
            rf"(?<!\w)(?:{alt(r['indefinites'])})\s+(?:(?:vị|cựu|nguyên)\s+)*$", re.IGNORECASE
        ),
        anonymous_re=re.compile(rf"(?<!\w)(?:{alt(r['anonymous_marks'])})(?!\w)", re.IGNORECASE),
        channel_re=re.compile(rf"(?<!\w)(?:{alt(r['channel_before'])})\s+$", re.IGNORECASE),
        pronoun_gender={k.lower(): v for k, v in r["pronoun_gender"].items()},
        third_person=frozenset(w.lower() for w in r["third_person"]),
        posts_only=frozenset(w.lower() for w in r["anaphora_person"] if w.lower() not in r["pronoun_gender"])
        - {w.lower() for w in rules("entity_rules")["side_roles"]},
        event_clause_re=re.compile(rf"(?<!\w)(?:{alt(r['event_clauses'])})\s+$", re.IGNORECASE),
        verb_classes={" ".join(k.lower().split()): v for k, v in r["verbs"].items()}
        | {v.lower(): "regard" for v in r.get("regard_verbs", [])},
        nested_classes=frozenset(r["nested_classes"]),
        # ", ông Alexander Orlov,": an honorific and a capitalised name between commas is a name, not a description.
        holder_named_re=re.compile(rf",\s*(?i:{alt(r['holder_honorifics'])})\s+[A-ZĐ]"),
        # ", một nhà quan sát ...", ", Chủ tịch Ủy ban ... (Thượng viện Nga)": a role noun or a title opens it.
        no_content_re=re.compile(rf"\s*(?:{alt(r['no_content_openers'])})(?!\w)", re.IGNORECASE),
        object_verbs=frozenset(v.lower() for v in r["object_verbs"]),
        told_verbs=frozenset(v.lower() for v in r.get("told_verbs", [])),
        told_reach=int(r.get("told_reach", 0)),
        question_re=re.compile(rf"\s*(?:{alt(r['question_openers'])})(?!\w)", re.IGNORECASE),
        object_opener_re=re.compile(
            rf"\s*(?:(?:những|các|một số|một vài|vài|một|mọi|bất cứ|bất kỳ|toàn bộ|nhiều|\d+)\s+)?(?:{alt(r['object_openers'])})(?!\w)",
            re.IGNORECASE,
        ),
        # lower case, but for the sentence's first word ("Các cảnh báo"): "Nhật Bản cho biết" has no "bản" (a copy);
        # not in a relay: "Ông Velayati được dẫn lời nói" (quoted as saying)
        noun_after_re=re.compile(
            rf"(?:(?<!\w)(?<!dẫn )(?<!trích )(?:{alt(r['noun_after'])})|^\W*(?i:{alt(r['noun_after'])}))\s+$"
        ),
        national_re=re.compile(rf"(?<!\w)(?:{alt(r['nationals'])})\s+$", re.IGNORECASE),
        non_official_re=re.compile(
            rf"(?<!\w)(?:{alt(r['non_official_heads'])})(?:\s+[^\s,.;:\"“”()]+){{0,5}}\s+$", re.IGNORECASE
        ),
        # The head a commentator is named with ("chuyên gia quân sự Nga Vladimir Tuchkov"), for a later "chuyên gia Nga".
        described_head_re=re.compile(
            rf"(?<!\w)(?:{alt(r['non_official_heads'])})(?:\s+[^\s,.;:\"“”()]+){{0,4}}\s+$", re.IGNORECASE
        ),
        # the same head in an apposition right after a name: "Ali Ahmad Karimi, một nhà quan sát chính trị của ..."
        described_after_re=re.compile(
            rf"\s*,\s*(?:một\s+)?((?:{alt(r['non_official_heads'])})(?!\w))", re.IGNORECASE
        ),
        open_apposition_re=re.compile(
            rf"(?:,|\s[-–])\s*(?:(?:{alt(er['former_titles'])})\s+)?(?:{alt(r['open_apposition_heads'] + er['titles'])})\s+"
            rf"(?:[^,;:\"“”()]|\([^()]*\)){{2,80}}$",
            re.IGNORECASE,
        ),
        topic_opener_re=re.compile(rf"\s*(?:{alt(r['topic_openers'])})(?!\w)", re.IGNORECASE),
    )


def honorific_gender(sent: Sentence, start: int) -> str | None:
    """The gender the honorific right before a name at `start` (an offset in the sentence's field) gives: "ông X"
    m, "bà X" f (speech.yaml pronoun_gender); None without one."""
    hon = re.search(r"(\w+)\s+$", sent.text[: max(0, start - sent.start)])
    return speech_rules().pronoun_gender.get(hon.group(1).lower()) if hon else None


def strip_gap(left: str) -> str:
    """The text before a reporting verb without what may sit between the subject and the verb: appositions between
    commas, gap words, a short aside in brackets, a relative clause opened on the subject."""
    sr = speech_rules()
    prev = None
    while prev != left:
        prev = left
        # An apposition between commas: "Ông Lavrov, người đứng đầu ngành ngoại giao, cho rằng".
        m = re.search(r",\s*[^,\"“”]{3,160},\s*$", left)
        # ", ông Alexander Orlov," after "Đại sứ Nga tại Pháp" names the speaker: no apposition to skip.
        named = m and (re.match(r",\s*[A-ZĐ]", m.group(0)) or sr.holder_named_re.match(m.group(0)))
        # Nor right after a quotation: '"...", cựu trợ lý Bộ Ngoại giao Mỹ Jamie Rubin, nhận xét' is the speaker.
        quoted = left[: m.start()].rstrip().endswith(('"', "”")) if m else False
        if m and not named and not quoted and left[: m.start()].strip():
            left = left[: m.start()].rstrip()
        left = sr.gap_re.sub("", sr.quoted_by_re.sub("", left)).rstrip()
        # A short aside in brackets after the subject: "Bộ Quốc phòng Nga (MoD) cho biết", "ông Kim (phải) nói".
        aside = re.search(r"\s*\([^()]{1,40}\)$", left)
        if aside and left[: aside.start()].strip():
            left = left[: aside.start()].rstrip()
        # A relative clause opened on the speaker: "Donald Trump, người nhiều lần yêu cầu ...".
        left = sr.relative_re.sub("", left)
        left = sr.source_modifier_re.sub(r"\1", left)
    return left


def subordinate(text: str, start: int) -> bool:
    """The subject at `start` opens a subordinate clause: "việc Nga lo ngại", "Nếu bà Le Pen đề nghị"."""
    sr = speech_rules()
    return bool(sr.subordinate_re.search(text[:start]) or sr.subordinate_open_re.match(text, start))


def says(phrase: str) -> bool:
    """A reporting verb in the phrase, not one inside a noun the rules know ("Đài Tiếng nói": not_verbs)."""
    sr = speech_rules()
    blocked = [(b.start(), b.end()) for b in sr.not_verb_re.finditer(phrase)]
    return any(
        not any(s < v.end() and v.start() < e for s, e in blocked) for v in sr.verb_re.finditer(phrase)
    )
