"""Words between a named subject and its reporting verb, read by core.nlp.speakers when no name ends right at the verb:

- a circumstance opened by a preposition ("Ngoại trưởng Rex Tillerson trong một phiên điều trần ở Quốc hội trong tuần
  này cảnh báo", '"...", thượng nghị sĩ Ron Wyden thuộc ủy ban giám sát cho biết', "Lavrov không lâu sau cuộc gặp
  thông báo"), a second post ("Jim Syring và là Giám đốc ... cho biết"), unnamed companions ("Schumer cùng một số
  nghị sĩ Dân chủ khác cho rằng") or two words of manner ("Bahram Qasemi lên tiếng khẳng định"), with no comma,
  reporting verb, question or quoting relay in it: the name right before it speaks when it opens a clause
  (`circumstance_subject`);
- a description, then the person it describes between commas ("Lãnh đạo phe thiểu số tại Thượng viện, nghị sĩ ...
  Charles E. Schumer, nói rằng"), or right after a quotation a person and the words describing him ('"...", bà Jessica
  Bridge đại diện công ty cho biết'): `apposed_subject`;
- the person opening the sentence with only his institution before the verb ("Ông Stephen Sestanovich, Hội đồng
  Chính sách Đối ngoại Mỹ nói"): `affiliated_subject`; or with descriptions between commas, however long and
  whatever names they hold ("Michael McFaul, cựu đại sứ Mỹ tại Nga và là Giám đốc viện ... Freeman Spogli tại Đại
  học Stanford lại cho rằng"): `leading_person`;
- and what no subject is: a name closing a clause that says something of its own subject (`predicate`), also before
  a bare "khi" ("... “gài” ông Trump khi gọi ông Putin là “sát nhân”": `object_before_manner`).
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Mention, Sentence
from core.nlp.names import vietnamese_syllable
from core.nlp.speech import alt, speech_rules
from core.nlp.titles import opens_title, speaker_phrase
from core.text.textnorm import fold

# A preposition of place, time or affiliation ("Ngoại trưởng Nga Sergey Lavrov không lâu sau cuộc gặp thông báo"), or
# a second post joined by "và là" ("Phó Đô đốc Jim Syring và là Giám đốc Cục phòng thủ tên lửa của Mỹ cho biết").
_CIRCUMSTANCE = re.compile(
    r"\s+(?:thuộc|tại|ở|trong|trên|bên lề|(?:ngay |không lâu )?sau|(?:và|đồng thời) (?:hiện )?là)\s+"
    r"[^,;:()\"“”]{2,80}$",
    re.IGNORECASE,
)
# Or two lower-case words before the verb that say how it was said ("Bahram Qasemi lên tiếng khẳng định",
# "Ông Macron không ngại nói thẳng", "Lầu Năm Góc từ lâu đã phản đối"), none a word that opens another clause or an
# object ("Mỹ triển khai tên lửa nhằm đe dọa"), a possibility, a readiness or a plan ("Moskva có thể hứa hẹn", "Nga
# sẵn sàng yêu cầu", "Ông Mueller dự kiến thông báo"), a habit ("vốn chuyên chỉ trích"), a concession ("dù nói") or
# a "ra" before a noun verb ("ra tuyên bố cho hay": the verb after it says).
_MANNER = re.compile(
    r"(?:\s+(?!(?:nhằm|để|khi|mà|và|của|với|cho|là|được|bị|do|về|nếu|rằng|thì|vì|nên|sau|trước|khiến|có|dù|tuy|mặc"
    r"|vốn|dự|sẵn|ra|đồng thời)(?!\w))[^\W\d_]+){2}$"
)


@cache
def _joined_re() -> re.Pattern:
    """Unnamed companions joined to the subject ("Schumer cùng một số nghị sĩ Dân chủ khác cho rằng", "Tổng thống
    Trump và trợ lý của mình cho rằng"): the named one speaks (with them)."""
    r, er = rules("speech"), rules("entity_rules")
    nouns = alt([*r["joined_companions"], *er["side_roles"]])
    return re.compile(
        rf"\s+(?:và|cùng|cùng với)\s+(?:(?:một số|một vài|các|những|nhiều)\s+)?(?:{nouns})(?!\w)"
        r"(?:\s+[^\s,;:()\"“”]+){0,5}$",
        re.IGNORECASE,
    )


@cache
def _relay_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alt(rules('speech')['quoting_relays'])})(?!\w)", re.IGNORECASE)


@cache
def _asking_re() -> re.Pattern:
    """A question asked in a circumstance: what follows "Đạo diễn Stone sau đó đã hỏi liệu có hy vọng" is asked (not
    the noun of "trong cuộc phỏng vấn với NBC")."""
    return re.compile(rf"(?<!\w)(?<!cuộc )(?:{alt(rules('speech')['asking_verbs'])})(?!\w)", re.IGNORECASE)


@cache
def _clause_open_re() -> re.Pattern:
    """The person opens a clause: the sentence, or after a comma, a quotation, "nhưng", an outlet's "dẫn lời", a
    "Theo"; not after "và", which joins names ("Syria và Ukraine"), nor in "Người phát ngôn của ông Trump tại Nhà
    Trắng cho biết" or "Cuộc gặp Donald Trump - Vladimir Putin tại G20 đem lại hy vọng"."""
    r, er = rules("speech"), rules("entity_rules")
    words = alt(["nhưng", "song", "còn", *r["clause_openers"], *r["quoting_relays"], *r["according_to"]])
    # or a description opening the sentence: "Nhà nghiên cứu cấp cao Ilan Goldenberg tại Trung tâm ... cho rằng", an
    # institution's head or a country's government or side ("Chính phủ Nga đã nhiều lần lên tiếng bác bỏ")
    heads = alt(
        [
            *r["non_official_heads"],
            *er["private_titles"],
            *er["titles"],
            *er["org_heads"],
            "chính phủ",
            "chính quyền",
            "phía",
        ]
    )
    return re.compile(
        rf'(?:^|[,;:"”]|(?<!\w)(?:{words})|^\W*(?:{heads})(?:\s+(?!(?:của|với|cho)(?!\w))[^\W\d_]+){{0,3}})\s*$',
        re.IGNORECASE,
    )


def _phrase_after(sent: Sentence, m: Mention, words: str) -> bool:
    """The name's phrase (its titles included) comes right after one of `words` (a regex alternation)."""
    before = sent.text[: speaker_phrase(sent.text, m.start - sent.start)]
    return re.search(rf"(?<!\w)(?:{words})\s*$", before) is not None


def served(sent: Sentence, m: Mention) -> bool:
    """The name's phrase follows "của": it names whom something belongs to ("... của Tổng thống Trump"), an owner or
    one served, not a subject of its own."""
    return _phrase_after(sent, m, "của")


def met(sent: Sentence, m: Mention) -> bool:
    """The name's phrase follows "với" / "cùng": whom the subject meets or talks with ("trong cuộc điện đàm với
    Tổng thống Ukraine Volodymyr Zelensky"), never the one speaking."""
    return _phrase_after(sent, m, "với|cùng")


def predicate(clause: str) -> bool:
    """A clause that says something of its subject (a tense word, or eight words and more): a name ending it is its
    object ("các nghị sỹ ... đã bắt đầu đề cập tới khả năng luận tội Tổng thống Trump,"), not a new subject."""
    return re.search(r"(?<!\w)(?:đã|đang|sẽ|vừa|từng)(?!\w)", clause) is not None or len(clause.split()) >= 8


def object_before_manner(sent: Sentence, ms: list[Mention], left_end: int, pos: int) -> bool:
    """A bare "khi" before the verb after a name that closes a predicate: the name is that predicate's object
    ("Bill O'Reilly ... bị cho là đã cố tình “gài” ông Trump khi gọi ông Putin là “sát nhân”": O'Reilly called
    Putin a killer, not Trump), so the manner belongs to the clause's subject (core.nlp.subjects.manner_subject)."""
    if not re.search(r"(?<!\w)(?<!sau )(?<!trước )(?<!trong )(?<!từ )khi\s*$", sent.text[:left_end]):
        return False
    named = [m for m in ms if m.end - sent.start == pos]
    if not named:
        return False
    head = sent.text[: speaker_phrase(sent.text, min(m.start for m in named) - sent.start)].rstrip()
    return predicate(head[head.rfind(",") + 1 :])


def circumstance_start(left: str) -> int | None:
    """Where a circumstance opened by a preposition begins when one ends `left` (the text before a verb), or None.
    "... tại quốc hội Mỹ Reuters ngày 10.5 dẫn lời": a caption, then whom an outlet quotes: no circumstance."""
    # the leftmost: the whole run of circumstances; else companions joined to the subject
    m = _CIRCUMSTANCE.search(left) or _joined_re().search(left)
    # two lower-case words (a capitalised one is a name or a heading; a single word is too often a verb of its own:
    # "Oliver Stone hỏi:", or a tense: "Nga sẽ không từ chối"), not an apposition after a comma
    manner = re.search(r"(?:\s+[^\W\d_]+){2}$", left) if m is None else None
    if manner is not None and not (manner.group(0).islower() and _MANNER.fullmatch(manner.group(0))):
        manner = None
    if manner is not None and left[: manner.start()].rstrip().endswith(","):
        return None
    if m is not None and _asking_re().search(left, m.start()):
        return None
    m = m or manner
    if m is None or speech_rules().verb_re.search(left, m.start()) or _relay_re().search(left, m.start()):
        return None
    return m.start()


def circumstance_subject(sent: Sentence, ms: list[Mention], left: str) -> Mention | None:
    """The name before a circumstance that ends `left` (sentence-relative text before the verb), or None: it must
    open a clause, and nobody else may be named inside the circumstance but an owner or whom the subject meets
    ("Bộ Ngoại giao Nga trong một tuyên bố cho biết", "Ông Trump trong cuộc gặp với Tổng thống Putin cho biết")."""
    at = circumstance_start(left)
    if at is None:
        return None
    end = len(speech_rules().gap_re.sub("", left[:at]))  # "George W. Bush sau đó | hóm hỉnh nói"
    named = [m for m in ms if m.end - sent.start == end]
    if not named:
        return None
    person = max(named, key=lambda m: (m.entity.type == "PER", m.end - m.start))
    # a person the circumstance names as its owner is no other subject ("luật sư Jay Sekulow thuộc đoàn luật sư riêng
    # của Tổng thống Trump cho biết"); one met there is ("Ông Trump trong cuộc gặp với Tổng thống Putin cho biết")
    inside = [
        m
        for m in ms
        if at <= m.start - sent.start < len(left)
        and not (m.entity.type == "PER" and (served(sent, m) or met(sent, m)))
    ]
    if any(m.entity.type == "PER" for m in inside) or (inside and person.entity.type != "PER"):
        return None
    start = speaker_phrase(sent.text, person.start - sent.start)
    # over the names in a title ("Phó Đô đốc Hải quân Mỹ Jim Syring": the navy's lower-case word stops the phrase)
    while (held := [m for m in ms if m.start - sent.start < start <= m.end - sent.start + 1]) and start > 0:
        start = speaker_phrase(sent.text, min(m.start for m in held) - sent.start)
        if start >= held[0].start - sent.start:
            break
    # a person joined to another by "và" opens the clause with him ("Tổng thống Pháp Emmanuel Macron và Thủ tướng Đức
    # Angela Merkel trong cuộc điện đàm với ... đã kêu gọi"; core.nlp.speakers adds him). Persons only: "..., Mỹ và
    # Nga đều phải thừa nhận" inside what another said is no clause of theirs.
    while (
        person.entity.type == "PER"
        and (j := re.search(r"\s+và\s+$", sent.text[:start]))
        and (
            joined := next(
                (m for m in ms if m.end - sent.start == j.start() and m.entity.type == "PER"), None
            )
        )
    ):
        start = speaker_phrase(sent.text, joined.start - sent.start)
    return person if _clause_open_re().search(sent.text[:start]) else None


def _quoted_apposition(sent: Sentence, ms: list[Mention], text: str) -> Mention | None:
    """'"...", Joan Hallett, chủ nhà hàng nói.', '"...", bà Jessica Bridge đại diện công ty cho biết.': right after a
    quotation, a person, then a description of up to 15 words opening in lower case and running to the verb (`text`:
    the sentence before it), with or without a comma: no head word is needed, the quotation says who is quoted. Not
    a second person joined ("và ông Erdogan") nor named on his own in it (one after "của" is whom he serves)."""
    quoted = [q.end() for q in re.finditer(r'["”]\s*,\s*', text)]
    person = [
        m
        for m in ms
        if m.entity.type == "PER" and quoted and speaker_phrase(sent.text, m.start - sent.start) == quoted[-1]
    ]
    if not person:
        return None
    first = max(person, key=lambda m: m.end)
    if " " not in first.surface and vietnamese_syllable(first.surface):
        return None  # "Chánh" (of "Chánh văn phòng Nhà Trắng") tagged a person: a word, read the usual way
    description = text[first.end - sent.start :].strip(" ,")
    words = description.split()
    if not description[:1].islower() or len(words) > 15 or words[0] == "và":
        return None
    others = [
        m
        for m in ms
        if m.entity.type == "PER" and first.end <= m.start < sent.start + len(text) and not served(sent, m)
    ]
    return None if others or speech_rules().verb_re.search(description) else first


def apposed_subject(sent: Sentence, ms: list[Mention], left_end: int) -> Mention | None:
    """A description first, then the person it describes between commas, then the verb: "Lãnh đạo phe thiểu số tại
    Thượng viện, nghị sĩ đảng Dân chủ Charles E. Schumer, nói rằng", "Tổng tư lệnh ... Mỹ ở châu Âu, tướng Philip
    Breedlove, tuyên bố". The description names no person and says nothing; the person ends the apposition."""
    sr = speech_rules()
    text = sr.gap_re.sub("", sent.text[:left_end])
    comma = text.rfind(",")
    if comma <= 0:
        return None
    if (quoted := _quoted_apposition(sent, ms, text)) is not None:
        return quoted
    person = [m for m in ms if m.end - sent.start == len(text) and m.entity.type == "PER"]
    if not person or not sent.text[len(text) :].lstrip().startswith(","):
        return None  # the apposition closes with a comma: "Tháng 10/2016, chính quyền Tổng thống Obama cáo buộc" has none
    opening = text.rfind(",", 0, comma) + 1
    description = text[opening:comma].strip()
    words = description.split()
    if not description[:1].isupper() or len(words) > 12 or all(w[:1].isupper() for w in words):
        return None  # a description has common nouns: "Timothy Naftali, cựu giám đốc ..." is a name first
    others = [m for m in ms if opening <= m.start - sent.start < len(text) and m.entity.type == "PER"]
    if len(others) > 1 or sr.verb_re.search(description) or _relay_re().search(description):
        return None
    if predicate(text[comma + 1 : person[0].start - sent.start]):
        return None  # "Trước đó, các nghị sỹ ... đã bắt đầu ... luận tội Tổng thống Trump, yêu cầu": a clause
    return person[0]


def affiliated_subject(sent: Sentence, ms: list[Mention], m: Mention) -> Mention | None:
    """The person opening the sentence when only his institution stands between him and the verb: "Ông Stephen
    Sestanovich, Hội đồng Chính sách Đối ngoại Mỹ nói" is Sestanovich, not the United States; not "Tổng thống Trump
    gặp Tổng thống Putin, Điện Kremlin cho biết" (the name before the comma does not open the sentence)."""
    run = m
    while True:  # the institution's names, joined by nothing but spaces ("Hội đồng ... Đối ngoại" + "Mỹ")
        before = [
            a
            for a in ms
            if a.end <= run.start and not sent.text[a.end - sent.start : run.start - sent.start].strip()
        ]
        if not before or before[-1].entity.type not in ("ORG", "LOC"):
            break
        run = before[-1]
    comma = re.search(r"\s*,\s*$", sent.text[: run.start - sent.start])
    ending = [a for a in ms if comma and a.end - sent.start == comma.start()]
    person = max(ending, key=lambda a: (a.entity.type == "PER", a.end - a.start)) if ending else None
    # named, not a role: "Hai nhà lãnh đạo Nga, Đức" (Putin as "nhà lãnh đạo Nga") is no subject
    named = person is not None and fold(person.entity.name.split()[-1]) in fold(person.surface)
    if not named or person.entity.type != "PER":
        return None
    opening = speaker_phrase(sent.text, person.start - sent.start)
    return person if not sent.text[:opening].strip() else None


def new_subject(text: str, start: int) -> bool:
    """Does the person at `start`, with its title or honorific, open its comma segment or follow a "và"? "Theo ông
    Lavrov, Tổng thống Trump và ...", "Dan Coats, giám đốc NSA Mike Rogers và cựu Phó Giám đốc NSA Richard Ledgett"
    name more subjects; a name inside a description does not: "Michael McFaul, ... Giám đốc viện Nghiên cứu Quốc tế
    Freeman Spogli tại Đại học Stanford" (NER often reads an institution's namesake, or "New York" of "các đại học
    Princeton và New York", as a person: after "và" only a title or an honorific makes a new subject; "và là Giám
    đốc ..." is a second post of the same man)."""
    opening = speaker_phrase(text, start)
    before, title = text[:opening], text[opening:start].split()
    if re.search(r"(?<!\w)(?:và|hay|cùng)\s+(?:(?:ông|bà|ngài)\s+)?$", before, re.IGNORECASE):
        honorific = not before.endswith(("và ", "hay ", "cùng "))  # "và ông X"
        return honorific or (bool(title) and opens_title(title[0]))
    return re.fullmatch(r"\s*(?:(?:ông|bà|ngài)\s+)?", before.rsplit(",", 1)[-1], re.IGNORECASE) is not None


_TENSE = re.compile(r"(?<!\w)(?:đã|đang|sẽ|vừa)(?!\w)", re.IGNORECASE)


def leading_person(sent: Sentence, ms: list[Mention], left_end: int) -> Mention | None:
    """The named person who opens the sentence (after at most a short opener such as "Tuy nhiên,") when only
    descriptions between commas stand between him and the verb: "Nhà nghiên cứu Lý Dũng Tuệ, phó chủ nhiệm Phòng
    nghiên cứu ngoại giao Nga, Viện khoa học xã hội Trung Quốc cho rằng". Not when another subject follows
    (`new_subject`: "Tổng thống Putin, Thủ tướng Medvedev và ..."), a description opens with a source ("theo"),
    holds a quotation or a reporting verb, or says something of its own (a tense word: a new clause)."""
    sr = speech_rules()
    people = sorted(
        (m for m in ms if m.entity.type == "PER" and m.end - sent.start < left_end), key=lambda m: m.start
    )
    if not people or fold(people[0].entity.name.split()[-1]) not in fold(people[0].surface):
        return None  # no one named ("nhà lãnh đạo Nga" is a role)
    person, end = people[0], people[0].end - sent.start
    opening = speaker_phrase(sent.text, person.start - sent.start)
    opener = sent.text[:opening].split()
    if opener and not (
        opener[-1].endswith(",") and sum(w.count(",") for w in opener) == 1 and len(opener) <= 10
    ):
        return None
    if opener and all(w[:1].isupper() for w in opener):
        return None  # "Timothy Naftali, cựu giám đốc thư viện tổng thống Richard M. Nixon, cho rằng": a name first
    title = sent.text[opening : person.start - sent.start].split()
    if title and not opens_title(title[0]):
        # "Ngoài ông Trump, Đức và Áo cũng lên tiếng": a preposition opens the phrase, not a title
        return None
    tail = sent.text[end:left_end]
    if (
        not re.match(r"\s*,", tail)
        or len(tail) > 240
        or re.search(r"[\"“”:;]", tail)
        or sr.verb_re.search(tail)
    ):
        return None
    if any(new_subject(sent.text, m.start - sent.start) for m in people[1:]):
        return None
    segments = [s.strip() for s in sr.gap_re.sub("", tail).split(",")[1:]] or [""]
    *described, last = segments
    if any(not s or _TENSE.search(s) or fold(s).startswith(("theo ", "dan loi ")) for s in described):
        return None
    return None if _TENSE.search(last) else person
