"""Names: the rules of what a name looks like (data/entity_rules.yaml: titles, honorifics, organisation and
place heads, capitals), a name stripped of its title and given a type. core.nlp.entities finds the mentions; this
module says what their names are; core.nlp.variants joins the spellings of one person's name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale

from core.config import rules
from core.nlp import kb as kbmod
from core.nlp.tokens import dictionary_word
from core.text.textnorm import fold, word_key

WORD = re.compile(r"[\w][\w.'’&-]*")
UPPER = "A-ZĐÀÁẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬÈÉẺẼẸÊẾỀỂỄỆÌÍỈĨỊÒÓỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÙÚỦŨỤƯỨỪỬỮỰỲÝỶỸỴ"
UPPER_WORD = rf"[{UPPER}0-9][\w&'’.-]*"


# The shape of one Vietnamese syllable once folded: an onset, one to three vowels, a coda. Foreign names
# rarely fit it ("Comey", "Lieberman", "Sessions"); "Tư", "Giám", "Thông", "Nói" do.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)


def vietnamese_syllable(word: str) -> bool:
    """A word shaped like one Vietnamese syllable.
    >>> vietnamese_syllable("Giám"), vietnamese_syllable("pháp"), vietnamese_syllable("Comey")
    (True, True, False)
    """
    return bool(_SYLLABLE.fullmatch(fold(word)))


# underthesea's part-of-speech tags of words that are never names: numerals, determiners, prepositions,
# conjunctions, pronouns, adverbs, verbs, adjectives, particles, interjections ("tháng Hai" M, "Các lực lượng" L).
_NOT_NAME_POS = frozenset({"M", "L", "E", "C", "CC", "P", "R", "V", "A", "T", "I"})


def common_word(toks: Sequence, start: int, end: int) -> bool:
    """Is the text from `start` to `end` one Vietnamese word of the sentence the tagger (its `toks`) reads as no name
    at all, a numeral, a determiner, a verb ...: "Hai" of "tháng Hai", "Các" opening "Các lực lượng"? Not a foreign
    name the tagger misread ("Tamer al-Rifai" as a verb), nor a name after a title or an initial ("Tổng thống Trăm",
    "Đ.Trăm": Trump)."""
    word = [t for t in toks if (t.start, t.end) == (start, end) and t.pos in _NOT_NAME_POS]
    prev = [t.text for t in toks if t.end <= start][-1:] or [""]
    named = fold(prev[0]) in entity_rules().titles or re.search(r"\w\.$", prev[0]) is not None
    return bool(word) and all(vietnamese_syllable(w) for w in word[0].text.split()) and not named


def capitalised(text: str) -> bool:
    """Starts with a capital letter (Python's isupper knows Vietnamese capitals; a regex range would not)."""
    return text[:1].isupper()


@dataclass(frozen=True)
class EntityRules:
    titles: tuple[str, ...]  # folded, longest first
    person_before: frozenset[str]  # word_key forms (see `honorific`)
    person_before_folded: frozenset[str]
    country_before: frozenset[str]  # word_key forms
    org_heads: tuple[str, ...]
    loc_heads: tuple[str, ...]
    loc_heads_dropped: frozenset[str]
    never_regions: tuple[re.Pattern, ...]
    byline: re.Pattern
    never_names: frozenset[str]
    title_name: re.Pattern  # a title or honorific followed by capitalised words
    title_qualified: re.Pattern  # a title, a capitalised word with lower-case syllables, capitalised words
    outlet_name: re.Pattern  # a noun naming a medium and capitalised words: "tờ Washington Post"
    never_name_patterns: tuple[re.Pattern, ...]
    name_break_re: re.Pattern
    title_re: re.Pattern  # any title, alone
    title_joiners: frozenset[str]  # lower-case words between a title and its institution ("của")
    particles: frozenset[str]  # lower-case words inside a personal name ("von", "de", "bin")
    place_heads: frozenset[str]  # loc_heads, lower case: "bang" before "Arizona"
    # lower case (not folded: "trang" is no "Trắng"), longest first: "trang", "tờ"
    outlet_heads: tuple[str, ...]
    brand_heads: frozenset[str]  # folded: heads of names after a brand or person ("tập đoàn", "đại học")


@cache
def entity_rules() -> EntityRules:
    r = rules("entity_rules")
    titles = sorted({fold(t) for t in r["titles"]}, key=len, reverse=True)
    raw_titles = sorted(set(r["titles"]), key=len, reverse=True)
    title_alt = "|".join(re.escape(t) for t in raw_titles)
    # A name runs over capitalised words and the particles between them ("Staffan de Mistura", "Bashar al-Assad").
    parts = "|".join(re.escape(p) for p in sorted(r.get("name_particles", []), key=len, reverse=True))
    letter_word = rf"[{UPPER}][\w&'’.-]*"
    name_word = rf"(?:(?:{parts})\s+)*{letter_word}|(?:{parts})-\w+"
    title_name = re.compile(
        rf"(?<!\w)(?i:{title_alt})\s+({UPPER_WORD}(?:\s+(?:{name_word})){{0,3}})",
    )
    # "Thượng nghị sĩ Dân chủ Martin Heinrich", "Bộ trưởng Tư pháp Sally Yates": group 1 is checked against the
    # tagger's words (one common noun) by core.nlp.entities before group 2 is read as the name.
    title_qualified = re.compile(
        rf"(?<!\w)(?i:{title_alt})\s+({UPPER_WORD}(?:\s+(?![{UPPER}0-9])\w+){{1,2}})"
        rf"\s+({letter_word}(?:\s+(?:{name_word})){{0,3}})",
    )
    outlet_alt = "|".join(re.escape(h) for h in sorted(r.get("outlet_heads", []), key=len, reverse=True))
    outlet_name = re.compile(rf"(?<!\w)(?i:{outlet_alt})\s+({UPPER_WORD}(?:\s+{UPPER_WORD}){{0,3}})")
    return EntityRules(
        tuple(titles),
        frozenset(word_key(w) for w in r["person_before"]),
        frozenset(fold(w) for w in r["person_before"]),
        frozenset(word_key(w) for w in r["country_before"]),
        tuple(sorted({fold(w) for w in r["org_heads"]}, key=len, reverse=True)),
        tuple(sorted({fold(w) for w in r["loc_heads"]}, key=len, reverse=True)),
        frozenset(r["loc_heads_dropped"]),
        tuple(re.compile(p.replace("{U}", UPPER)) for p in r["never_regions"]),
        re.compile(r["byline"].replace("{U}", UPPER)),
        frozenset(fold(w) for w in r["never_names"]),
        title_name,
        title_qualified,
        outlet_name,
        tuple(re.compile(p) for p in r.get("never_name_patterns", [])),
        re.compile(r"\s*,\s*|\s+(?:" + "|".join(map(re.escape, r.get("name_breaks", []))) + r")\s+"),
        re.compile(rf"(?<!\w)(?i:{title_alt})(?!\w)"),
        frozenset(fold(w) for w in r.get("title_joiners", [])),
        frozenset(w.lower() for w in r.get("name_particles", [])),
        frozenset(w.lower() for w in r["loc_heads"]),
        tuple(sorted({w.lower() for w in r.get("outlet_heads", [])}, key=len, reverse=True)),
        frozenset(fold(w) for w in r.get("brand_heads", [])),
    )


def opens_with(text: str, phrases: frozenset[str]) -> bool:
    """`text` is one of `phrases` or begins with one and a space: one set lookup per word boundary instead of
    a scan of every phrase.

    >>> opens_with("bo truong quoc phong nga", frozenset({"bo truong"})), opens_with("bo", frozenset({"bo truong"}))
    (True, False)
    """
    if text in phrases:
        return True
    i = text.find(" ")
    while i > 0:
        if text[:i] in phrases:
            return True
        i = text.find(" ", i + 1)
    return False


def opens_with_title(folded: str) -> bool:
    """A folded phrase that is a title or begins with one ("bo truong quoc phong nga")."""
    return opens_with(folded, _title_set())


@cache
def _title_set() -> frozenset[str]:
    return frozenset(entity_rules().titles)


def words_before(text: str, pos: int, n: int = 3) -> list[str]:
    return WORD.findall(text[max(0, pos - 60) : pos])[-n:]


def strip_title(name: str) -> str:
    """Drop leading titles, honorifics and lower-case words: "Thủ tướng nước chủ nhà Justin Trudeau" -> "Justin Trudeau"."""
    er = entity_rules()
    changed = True
    while changed and name:
        changed = False
        f = fold(name)
        if f.startswith("pho ") and opens_with_title(f[4:]):
            name, changed = name[4:].lstrip(), True  # a deputy of any title: "Phó Giáo sư", "Phó Đô đốc"
            continue
        for t in er.titles:
            if f == t:
                return ""
            if f.startswith(t + " "):
                name = name[len(t) + 1 :].lstrip()
                changed = True
                break
        words = name.split(" ")
        while words and not capitalised(words[0]) and not words[0][:1].isdigit():
            if fold(words[0]) in er.loc_heads_dropped or len(words) > 1:
                words = words[1:]
                changed = True
            else:
                break
        name = " ".join(words)
    return name.strip(" ,.;:-–\"“”'()")


def titled(before: str) -> bool:
    """The clause before a name is a title running to the name through its institution or country:
    "Thứ trưởng Bộ Ngoại giao Nga Gennady Gatilov", "Quyền Giám đốc Cục Điều tra Liên bang Mỹ (FBI) Andrew
    McCabe", or an apposition "người phát ngôn của Chính phủ Đức, Steffen Seibert". NER reads many foreign
    names after a country as places; after a title they are persons."""
    er = entity_rules()
    text = re.sub(r"\([^()]*\)", " ", before[-200:])
    text = re.sub(r"\s*,\s*$", "", text)  # the name right after a comma: read the phrase before it
    text = re.split(r"[,;:.!?\"“”]", text)[-1]
    found = list(er.title_re.finditer(text))
    if not found:
        return False
    rest = text[found[-1].end() :].split()
    if not rest:
        return True
    breaks = _word_set("name_breaks")
    # a commentator's field after his title ("chuyên gia quân sự Omar Lamrani", "Nhà phân tích chính trị Daniel
    # Kochis"): up to two lower-case words after a private title
    if (
        found[-1].group(0).lower() in _word_set("private_titles", folded=False)
        and len(rest) <= 2
        and all(w.islower() for w in rest)
    ):
        # not a joiner ("nhà báo của New York Times": whom he works for)
        return not any(fold(w) in breaks or fold(w) in er.title_joiners for w in rest)
    return (
        len(rest) <= 8
        and (capitalised(rest[0]) or fold(rest[0]) in er.title_joiners)
        and capitalised(rest[-1])
        and not any(fold(w) in breaks for w in rest)
    )


@cache
def _word_set(key: str, folded: bool = True) -> frozenset[str]:
    """A word list of data/entity_rules.yaml as a set, folded or in lower case, read once."""
    words = rules("entity_rules").get(key, [])
    return frozenset(fold(w) if folded else w.lower() for w in words)


@cache
def countries() -> frozenset[str]:
    """Folded names of the world's countries in Vietnamese and English (CLDR, through babel): "Philippines",
    "Ấn Độ", "Úc", "Australia". The knowledge file holds the actors of NATO-Russia relations; the country in
    the title of anyone else ("Tổng thống Philippines Rodrigo Duterte") is found here. A name that is a known
    person's first name stays out."""
    out = set()
    for lang in ("vi", "en"):
        out |= {fold(name) for code, name in Locale(lang).territories.items() if code.isalpha()}
    return frozenset(out - kbmod.load().given_names)


def org_named(phrase: str) -> bool:
    """An organisation's head (org_heads, with tone marks: "Hai quan chức" is not "Hải quân") and no function word
    after it ("Tổ chức này vốn bị": org_breaks)?"""
    heads, breaks = _org_words()
    low = " ".join(phrase.lower().split())
    if not opens_with(low, heads):
        return False
    return not any(w in breaks for w in low.split()[1:])


@cache
def _org_words() -> tuple[frozenset[str], frozenset[str]]:
    r = rules("entity_rules")
    return frozenset(x.lower() for x in r["org_heads"]), frozenset(w.lower() for w in r.get("org_breaks", []))


def private_body(phrase: str) -> bool:
    """An organisation that is no state body (private_org_heads: an association, a company, a university), so
    it speaks for no country named in its name: "Hiệp hội nhà báo Nga", "Công ty Boeing của Mỹ"."""
    low = " ".join(phrase.lower().split())
    return any(
        low == h or low.startswith(h + " ") for h in rules("entity_rules").get("private_org_heads", [])
    )


def honorific(word: str) -> bool:
    """A word making the name after it a person's ("ông", "bà", "con"), diacritics kept: "còn Nga" (whereas
    Russia), "chỉ có Nga" (only Russia) hold no "con", "chị" or "cô": `honorific("còn")` is False."""
    return word_key(word) in entity_rules().person_before


def _classified(name: str, prev_words: list[str], before: str) -> bool:
    """A name of capitalised words right after an organisation's classifier noun (entity_rules `org_classifiers`),
    with no comma between and no title running to the name: "tờ Gazeta Polska", "của hãng Raytheon". A classifier
    ending a compound word is none: "tình báo Ezra Cohen-Watnick" (intelligence), "Thượng viện, Bob Corker"."""
    if not before or not all(w[:1].isupper() or not w[:1].isalpha() for w in name.split()):
        return False
    for n in (3, 2, 1):
        words = prev_words[-n:]
        if len(words) < n or word_key(" ".join(words)) not in _word_set("org_classifiers", folded=False):
            continue
        if not before.rstrip().endswith(words[-1]) or titled(before):
            return False
        return not (len(prev_words) > n and dictionary_word(f"{prev_words[-n - 1]} {words[0]}"))
    return False


def english_tail(word: str) -> str | None:
    """'ORG' or 'LOC' when `word` is an English head closing a name ("Trump Organization", "Trump Tower";
    data/entity_rules.yaml `english_org_tails`, `english_place_tails`), else None."""
    r = rules("entity_rules")
    return "ORG" if word in r["english_org_tails"] else "LOC" if word in r["english_place_tails"] else None


def guess_type(name: str, ner_type: str, prev_words: list[str], before: str = "") -> str:
    er = entity_rules()
    f = fold(name)
    if any(f == h or f.startswith(h + " ") for h in er.org_heads):
        return "ORG"
    if any(f.startswith(h + " ") for h in er.loc_heads):
        return "LOC"
    if " " in name and (tail_type := english_tail(name.split()[-1])):
        return tail_type  # "Trump Organization" after "phó chủ tịch": the company, whatever the title says
    if f in countries() and not (prev_words and honorific(prev_words[-1])):
        return "LOC"  # "Philippines", which NER often reads as a person
    tail = fold(" ".join(prev_words[-2:])) if prev_words else ""
    if _classified(name, prev_words, before):
        return "ORG"  # a classifier noun before the name: "công ty SolarWinds", "tờ Gazeta Polska"
    kin = _word_set("kinship")  # "con rể Jared Kushner"
    if prev_words and (
        fold(prev_words[-1]) in er.titles or tail in er.titles or honorific(prev_words[-1]) or tail in kin
    ):
        return "PER"
    # A first word that is a known person's first name ("Sergei Skripal") makes a person, whatever NER says.
    if " " in name and fold(name.split()[0]) in kbmod.load().given_names:
        return "PER"
    if ner_type == "LOC" and " " in name and before and titled(before):
        return "PER"
    if ner_type in ("PER", "LOC", "ORG"):
        return ner_type
    return "ORG" if name.isupper() else "PER"
