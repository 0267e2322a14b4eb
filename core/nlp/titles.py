"""Titles, countries and outlets around a name: what of a span read as a person is the person's own name.

Vietnamese news names people behind their office, its qualifier and its country ("Bộ trưởng Tư pháp Mỹ Jeff
Sessions", "Tổng thống Philippines Rodrigo Duterte", "Giám đốc NSA Michael Rogers") and outlets behind a noun
for the medium ("trang Strategy Page"); underthesea's NER often runs those words into the name. The features
read here are of the text, not lists of names: a lower-case syllable (personal names are capitalised
throughout), a place of the knowledge file or a country of CLDR, an acronym after an office title, the
tagger's word boundaries, and the head nouns of data/entity_rules.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Sentence
from core.nlp import kb as kbmod
from core.nlp.names import (
    UPPER,
    capitalised,
    countries,
    english_tail,
    entity_rules,
    honorific,
    titled,
    vietnamese_syllable,
    words_before,
)
from core.nlp.speech import alt, speech_rules
from core.nlp.tokens import Token
from core.text.textnorm import fold


def _particle(word: str) -> bool:
    """A lower-case word inside a personal name: "von", "de", "al-Assad"."""
    er = entity_rules()
    return word.lower() in er.particles or word.split("-")[0].lower() in er.particles


def _place_prefix(words: list[str]) -> tuple[int, str, bool]:
    """How many first words (one to three, leaving one) name a place or organisation: a knowledge-file place or
    organisation, or a country; with its type and whether the knowledge file knows it."""
    if not words or fold(words[0]) in kbmod.load().given_names:
        return 0, "", False
    for n in range(min(3, len(words) - 1), 0, -1):
        prefix = " ".join(words[:n])
        actor = kbmod.load().lookup(prefix)
        if actor is not None and actor.type in ("LOC", "ORG"):
            return n, actor.type, True
        if fold(prefix) in countries():
            return n, "LOC", False
    return 0, "", False


def _is_place(text: str) -> bool:
    actor = kbmod.load().lookup(text)
    return (actor is not None and actor.type == "LOC") or fold(text) in countries()


def office_before(before: str) -> bool:
    """An office title (not an honorific such as "ông") runs to the end of the text before a name: "Tổng thống
    ", "Giám đốc Viện Nghiên cứu quốc tế Pháp "."""
    er = entity_rules()
    prev = words_before(before, len(before), 4)
    for k in range(min(4, len(prev)), 0, -1):
        tail = fold(" ".join(prev[-k:]))
        if tail in er.titles:
            return tail not in er.person_before_folded
    return bool(before.strip()) and titled(before)


def _outlet_after(text: str) -> bool:
    """The text before a name ends with a noun naming a medium: "theo trang ", "tờ báo ", "kênh truyền hình "."""
    tail = " ".join(words_before(text, len(text), 3)).lower()
    return any(tail == h or tail.endswith(" " + h) for h in entity_rules().outlet_heads)


def _foreign(word: str) -> bool:
    """A capitalised word of no Vietnamese syllable shape: "Schiff", "Nancy", "Conaway"."""
    return (
        capitalised(word)
        and word.replace("-", "").replace(".", "").isalpha()
        and not vietnamese_syllable(word)
    )


def _acronym(word: str) -> bool:
    """ "ĐH", "NATO": capitals only, no initials ("H.R." of "H.R. McMaster" is part of a name).

    >>> _acronym("ĐH"), _acronym("H.R."), _acronym("A."), _acronym("Muhin")
    (True, False, False, False)
    """
    w = word.strip(".")
    return len(w) >= 2 and "." not in w and w.isupper()


def _person_after(words: list[tuple[int, int, str]], typ: str) -> tuple[tuple[int, int, str], ...]:
    """A place or organisation span ending in a person's foreign name: two or more Vietnamese words, then two or
    more foreign ones ("Dân chủ Adam Schiff", "Thượng viện Chuck Schumer", "Cộng hòa Mike Conaway"), unless the
    Vietnamese words are the head of something named after a brand or a person ("Tập đoàn General Electric").
    () when the span is no such thing."""
    k = 0
    while k < len(words) and vietnamese_syllable(words[k][2]) and words[k][2].isalpha():
        k += 1
    tail = words[k:]
    # an acronym is no word of a personal name ("Trường Quan hệ Quốc tế ĐH Pyatigorsk": a university)
    if k < 2 or len(tail) < 2 or not all(_foreign(w) and not _acronym(w) for _, _, w in tail):
        return ()
    head = fold(" ".join(w for _, _, w in words[:k]))
    # a brand's head alone before the foreign words is its name's head; Vietnamese words after it name the body
    # already, so the foreign ones are a person ("Trung tâm Thông tin chính trị Aleksey Muhin")
    if any(head == h for h in entity_rules().brand_heads):
        return ()
    return ((words[0][0], words[k - 1][1], typ), (tail[0][0], tail[-1][1], "PER"))


def _place_then_person(words: list[tuple[int, int, str]], before: str) -> tuple[tuple[int, int, str], ...]:
    """A place span that is a country and then a foreign name of two or more words, after a title or the head a
    commentator is named with ("chuyên gia quân sự Nga Konstantin Sivkov" tagged as one place): the country,
    then the person; () otherwise."""
    if not before or not (titled(before) or speech_rules().described_head_re.search(before)):
        return ()
    n, ptype, _ = _place_prefix([w for _, _, w in words])
    rest = words[n:]
    if not n or len(rest) < 2 or not all(_foreign(w) for _, _, w in rest):
        return ()
    if _is_place(" ".join(w for _, _, w in rest)):
        return ()
    return ((words[0][0], words[n - 1][1], ptype), (rest[0][0], rest[-1][1], "PER"))


def name_parts(
    name: str, typ: str, before: str = "", word_starts: frozenset[int] = frozenset()
) -> tuple[tuple[int, int, str], ...]:
    """The names inside a span the tagger typed and the type of each, as (start, end, type) offsets into `name`;
    () when it holds none. A span typed as a person often runs words of the title or the country before it
    into the name, and they go:

    - a lower-case word that is no name particle ends a title's words, as personal names are capitalised
      throughout: "Tư pháp Sally Yates", "Dân chủ Martin", "Thông tin Nga ..."; after a place's or an
      organisation's head the rest is that place ("bang Virginia"); a lone capitalised Vietnamese syllable
      before lower-case ones is a common noun ("Chính phủ"), no name;
    - a place, an organisation or a country before the name ("Philippines Rodrigo Duterte", "Ấn Độ Narendra
      Modi", "Nga Igor Morozov"), when two words are left or an office title is before it ("Thủ tướng Áo Kern";
      "ông Chad Wolf" keeps his name); it is a name of its own;
    - an acronym after an office title ("Giám đốc NSA Michael Rogers");
    - after a place's lower-case head, the tagger's first word is that place ("bang Arizona John McCain";
      `word_starts`: offsets into `name` where the tagger's words start);
    - a noun naming a medium makes the name after it an organisation ("trang Strategy Page", "Trang Business
      Insider" opening a sentence).

    >>> [("Tư pháp Sally Yates"[s:e], t) for s, e, t in name_parts("Tư pháp Sally Yates", "PER")]
    [('Sally Yates', 'PER')]
    """
    er = entity_rules()
    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", name)]
    if not words or designates_weapon(before, len(before)):
        return ()  # "tên lửa Tomahawk": a weapon's designation holds no name
    whole = ((0, len(name), typ),)
    party = next((p for p in rules("entity_rules").get("parties", {}) if name.startswith(p + " ")), "")
    rest = name[len(party) + 1 :]
    if party and re.search(r"(?i)(?<!\w)đảng\s+$", before) and capitalised(rest) and not _known_place(rest):
        return (
            (len(party) + 1, len(name), "PER"),
        )  # "nghị sĩ đảng Cộng hòa Graham": the party, then the man
    if typ != "PER":
        return _person_after(words, typ) or _place_then_person(words, before) or whole
    if _outlet_after(before):
        return ((0, len(name), "ORG"),)
    low = name.lower()
    head = next((h for h in er.outlet_heads if low.startswith(h + " ")), None)
    if head and not office_before(before) and not honorific(" ".join(words_before(before, len(before), 1))):
        k = len(head.split())
        if k < len(words) and capitalised(words[k][2]):
            return ((words[k][0], len(name), "ORG"),)
    lo, hi = 0, len(words)
    while hi > 0 and not capitalised(words[hi - 1][2]):
        hi -= 1  # "Comey cáo buộc": the tagger ran a verb into the name
    lower = [i for i in range(hi) if not capitalised(words[i][2]) and not _particle(words[i][2])]
    office = False
    if lower:
        lo, office = lower[-1] + 1, True
        for k in (2, 1):  # "bang Virginia", "thành phố Marawi": the rest is that place
            head_word = fold(" ".join(w for _, _, w in words[max(0, lo - k) : lo]))
            if lo < hi and (head_word in er.loc_heads or head_word in er.org_heads):
                return ((words[lo][0], words[hi - 1][1], "LOC" if head_word in er.loc_heads else "ORG"),)
    if hi - lo <= 0:
        return ()
    if lo and _is_place(" ".join(w for _, _, w in words[lo:hi])):
        return ((0, words[hi - 1][1], "ORG"),)  # "Chính phủ Cuba": an institution of the place
    if hi - lo == 1 and hi < len(words) and lo == 0 and vietnamese_syllable(words[0][2]):
        return ()  # "Chính phủ", "Hồi giáo": a capitalised common noun, not "Comey cáo buộc"
    office = office or office_before(before)
    parts: list[tuple[int, int, str]] = []
    prev = [w.lower() for w in words_before(before, len(before), 2)]
    if lo == 0 and prev and (prev[-1] in er.place_heads or " ".join(prev[-2:]) in er.place_heads):
        cut = next((i for i in range(1, hi) if words[i][0] in word_starts), 0)
        if cut and hi - cut >= 2:  # "bang Arizona John McCain", "bang New York Chuck Schumer"
            parts.append((0, words[cut - 1][1], "LOC"))
            lo, office = cut, True
    while hi - lo >= 2:
        n, ptype, known = _place_prefix([w for _, _, w in words[lo:hi]])
        if n and (hi - lo - n >= 2 or known or office):
            parts.append((words[lo][0], words[lo + n - 1][1], ptype))
            lo, office = lo + n, True
            continue
        first = words[lo][2]
        acronym = len(first) >= 2 and first.isalpha() and first.isupper()
        before_place = hi - lo >= 4 and _place_prefix([w for _, _, w in words[lo + 1 : hi]])[0] > 0
        if acronym and ((office and hi - lo >= 3) or before_place):
            lo += 1  # "NSA Michael Rogers" after "Giám đốc"; "LB Mỹ James Comey" (Liên bang Mỹ) whatever comes before
            continue
        break
    if parts and hi - lo == 1 and not words[lo][2].isascii() and vietnamese_syllable(words[lo][2]):
        return tuple(parts)  # "Mỹ Nói với báo chí": a capitalised verb after the place, no name
    return (*parts, (words[lo][0], words[hi - 1][1], "PER"))


def _common_noun(t: Token) -> bool:
    """A capitalised common noun of several syllables, the rest lower case: "Tư pháp", "Giám đốc", "Dân chủ".
    The tagger also glues a foreign name to the word after it ("Comey cáo buộc", "Lieberman viết"): every
    syllable must be shaped like a Vietnamese one."""
    syllables = t.text.split()
    return (
        t.pos == "N"
        and len(syllables) > 1
        and capitalised(t.text)
        and not any(map(capitalised, syllables[1:]))
        and all(map(vietnamese_syllable, syllables))
    )


def hyphen_tail(sent: Sentence, end: int) -> int:
    """A name never ends at a hyphen: the tagger's "B.Mác" of "ông B.Mác-gúc" (a transliteration, its syllables
    joined by hyphens: "Mác-gúc", "Xtôn-ten-bớc") goes on to the last syllable.

    >>> s = Sentence(0, "body", 0, 22, "ông B.Mác-gúc tuyên bố")
    >>> s.text[4 : hyphen_tail(s, 9)]
    'B.Mác-gúc'
    """
    tail = re.match(r"(?:-\w+)+", sent.text[end - sent.start :])
    return end + tail.end() if tail else end


def word_end(sent: Sentence, tokens: tuple[Token, ...], start: int, end: int) -> int:
    """Where a title's name ends on a word of the tagger: a capture ending inside a common noun is cut before it
    ("Bộ trưởng Tư pháp" yields no "Tư", "cựu Giám đốc" no "Giám"), and a Vietnamese common word closing it
    goes ("Jeff Sessions Ngày 8/6", two sentences glued); 0 when nothing is left."""
    for t in tokens:
        cut = t.text[end - t.start :].lstrip()
        if t.start < end < t.end and cut[:1].islower() and all(map(vietnamese_syllable, t.text.split())):
            end = t.start  # a Vietnamese word cut between its syllables: "Tư|pháp", "Bộ Quốc|phòng"
    for t in sorted(tokens, key=lambda t: -t.end):
        while end > start and sent.text[end - 1 - sent.start] in " ,":
            end -= 1
        if (
            t.end == end
            and t.start > start
            and t.pos != "Np"
            and all(map(vietnamese_syllable, t.text.split()))
        ):
            end = t.start
    while end > start and sent.text[end - 1 - sent.start] in " ,":
        end -= 1
    return end if end > start + 1 else 0


def qualified_titles(sent: Sentence, tokens: tuple[Token, ...]) -> list[tuple[int, int, int]]:
    """A title qualified by a capitalised common noun, then a name: "Thượng nghị sĩ Dân chủ Martin Heinrich",
    "Bộ trưởng Tư pháp Sally Yates", as (title start, name start, name end). The qualifier must be one common
    noun of the tagger ("Dân chủ", "Tư pháp"); "ông Trump và Putin" has no such word and stays with the plain
    title rule."""
    nouns = {(t.start, t.end) for t in tokens if _common_noun(t)}
    out = []
    for m in entity_rules().title_qualified.finditer(sent.text):
        if (sent.start + m.start(1), sent.start + m.end(1)) in nouns:
            end = word_end(sent, tokens, sent.start + m.start(2), sent.start + m.end(2))
            if end:
                out.append((sent.start + m.start(), sent.start + m.start(2), end))
    return out


def speaker_phrase(text: str, start: int) -> int:
    """Where the phrase naming a speaker begins: from the name at `start`, left over capitalised words and the
    words of titles ("Tổng Thư ký NATO Stoltenberg", "Đại sứ Mỹ tại Nga Jon Huntsman")."""
    i = start
    while True:
        m = re.search(r"(\S+)\s+$", text[:i])
        if not m:
            return i
        word = m.group(1)
        # Title words compare with their tone marks: "thông" (of "truyền thông") is not "thống" (of a title).
        if not (word[:1].isupper() or word.lower() in _title_words()[0]) or fold(word) in according_words():
            return i
        if re.search(r"[,.;:!?\"“”]$", word):
            return i
        i = m.start(1)


def phrase_opening(text: str, start: int, name: int) -> int:
    """Where the words naming a speaker open, in its phrase `text[start:]` whose name begins at `name`: with a
    capital or a word a title opens with. A title's inner words before that are halves of other compounds and
    name nobody: "báo" of "tình báo Mỹ" (intelligence, not a newspaper), "viên" of "bình luận viên", "phòng báo
    chí" of "văn phòng báo chí" (a press office)."""
    i = start
    while i < name:
        m = re.match(r"(\S+)\s+", text[i:name])
        if m is None or m.group(1)[:1].isupper() or m.group(1).lower() in _title_words()[1]:
            break
        i += m.end()
    return i


@cache
def according_words() -> frozenset[str]:
    """The words of "Theo X" openers, folded (speaker_phrase stops at them; core.nlp.sides reads them too)."""
    return frozenset(fold(w) for w in rules("speech")["according_to"])


@cache
def _title_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words of titles, and those a title can open with (a post abroad, "tại Nga", is part of a title)."""
    titles = [t.lower().split() for t in rules("entity_rules")["titles"] if t.strip()]
    located = {w.lower() for w in rules("speech")["located_at"]}
    return frozenset(w for t in titles for w in t) | located, frozenset(t[0] for t in titles) | located


def opens_title(word: str) -> bool:
    """Can a title open with `word` ("Trung tướng", "Nhà nghiên cứu"; not "Ngoài" of "Ngoài ông Trump,")?"""
    return word.lower() in _title_words()[1]


@cache
def _named_after_heads() -> frozenset[str]:
    return frozenset(fold(h) for h in rules("entity_rules").get("named_after_heads", []))


def named_after(text: str, start: int, end: int | None = None) -> bool:
    """Does a place's head word (data/entity_rules.yaml `named_after_heads`) end right before `start`, or an English
    one follow the name ending at `end`: the name there is a building's, a ship's or a company's ("Tháp Trump",
    "Trump Tower", "Trump Organization"), not the person's?"""
    before = words_before(text, start, 2)
    after = re.match(r"\s+(\w+)", text[end:]) if end is not None else None
    return any(
        len(before) >= k and fold(" ".join(before[-k:])) in _named_after_heads() for k in (2, 1)
    ) or bool(after and english_tail(after.group(1)))


def namesake(text: str, start: int) -> bool:
    """Does such a head word stand among the four words before `start`: "Trung tâm nghiên cứu Woodrow Wilson" is a
    research centre's namesake, not a person speaking?"""
    before = [fold(w) for w in words_before(text, start, 4)]
    return any(
        " ".join(before[i : i + k]) in _named_after_heads() for k in (1, 2) for i in range(len(before))
    )


@cache
def _weapon_re() -> re.Pattern:
    heads = alt(rules("entity_rules").get("weapon_heads", []))
    # a preposition or a place noun between makes the name a place: "tên lửa từ Jordan", "xe tăng ở thị trấn X"
    off = alt(
        rules("speech")["not_subject_before"] + rules("speech")["place_nouns"] + ["và", "qua", "khỏi", "trên"]
    )
    # a ship named after an officer keeps his rank: "tàu sân bay Đô đốc Kuznetsov", "tàu Nguyên soái Ustinov"
    ranks = alt(rules("entity_rules").get("ship_name_ranks", []))
    return re.compile(
        rf"(?<!\w)(?i:{heads})(?:\s+(?!(?i:{off})(?!\w))(?![{UPPER}])\w+){{0,8}}(?:\s+(?:{ranks}))?\s*\(?\s*$"
    )


def designates_weapon(text: str, start: int) -> bool:
    """Is the name at `start` a weapon's designation: after a weapon noun and a lower-case description at most
    ("tên lửa Tomahawk", "hệ thống phòng thủ tên lửa giai đoạn cuối tầm cao (THAAD)")? Weapons are no entities."""
    return _weapon_re().search(text[max(0, start - 120) : start]) is not None


def _known_place(name: str) -> bool:
    actor = kbmod.load().lookup(name)
    return fold(name) in countries() or (actor is not None and actor.type in ("LOC", "ORG"))


def glued_tail(sent: Sentence, toks: tuple[Token, ...], end: int) -> int:
    """The end of a name the segmenter glued to the next words: "Juan" (a proper noun) ends a tagged span, then one
    token "Zarate hối thúc"; its capitalised word of no Vietnamese syllable shape ("Zarate") is the name's."""
    last = next((t for t in reversed(toks) if 0 <= t.end <= end), None)
    nxt = next((t for t in toks if t.start >= end), None)
    if (
        last is None
        or last.pos != "Np"
        or nxt is None
        or sent.text[end - sent.start : nxt.start - sent.start].strip()
        or (nxt.pos == "Np" or nxt.ner != "O")  # a name of its own: "Nga" | "Vladimir Tuchkov"
    ):
        return end  # only after a proper noun, the very next token
    first = nxt.text.split()[0] if nxt.text.split() else ""
    if " " in nxt.text and capitalised(first) and first.isalpha() and not vietnamese_syllable(first):
        return nxt.start + len(first)
    return end
