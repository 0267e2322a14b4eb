"""Does an article concern NATO–Russia relations, and why: relations between actors, not cue words.

Decided on knowledge-file mentions (the cheap path, before any NER), with the rules in data/relevance.yaml:

1. `drop_unanchored`: an ambiguous alias ("Nga", "Mỹ", "Anh" are also names and pronouns) is the country only
   with a country word before it, inside a list of countries, or when the article's geopolitics anchors it:
   another actor of either side named unambiguously (or, for an alias with listed anchors such as "Anh",
   one of those, NATO itself or its own unambiguous alias). "Bị cáo Nga khai..." in a trial report names no country.
2. `relations`: each sentence naming a NATO-side and a Russia-side actor is a relation (a statement when a
   reporting verb joins them, else an event), scored by data; weapon designations ("theo cách gọi của NATO")
   and sentences of another domain (sport fixtures, the history of another era) make none.
3. `judge`: the article is relevant when its relations reach the threshold; the best ones are its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from core.config import rules
from core.models import DateInfo, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp import relevance_model as learned
from core.nlp.membership import side_at
from core.nlp.names import UPPER
from core.text.textnorm import fold, word_key

_WORD = re.compile(r"\w+")
_PREV_WORD = re.compile(r"(\w+) +$")  # the word right before a position, a space apart


@dataclass(frozen=True)
class Rules:
    core_weight: float
    min_score: float
    list_weight: float
    list_recurs: (
        int  # a list of the same countries in this many sentences is the article's actor, not an aside
    )
    lead_weight: float
    lead_sentences: int
    max_evidence: int
    min_relations: int
    min_share: float
    lead_score: float
    core_is_about: bool
    about_fields: frozenset[str]
    country_context: frozenset[str]  # word sequences (1-3 words) as core.text.textnorm.word_key writes them
    person_context: frozenset[str]
    person_sense_min: int  # personal uses of an alias that make it a person throughout the article
    designations: tuple[re.Pattern, ...]
    domains: dict[str, re.Pattern]
    article_domains: dict[str, float]  # domain -> share of sentences that makes the whole article of it
    anchors: dict[str, frozenset[str]]  # actor id -> ids that anchor it (knowledge.yaml `anchors`)
    speech_verbs: re.Pattern
    history_years_before: int = 0  # a sentence naming only years this far before the article's is history
    read_floor: float = 1.0  # the model's probability from which an article left out is read in full anyway


@dataclass(frozen=True)
class Relevance:
    relevant: bool
    score: float
    evidence: tuple[dict, ...] = ()
    probability: float | None = None  # the learned model's, when it decided (core.nlp.relevance_model)

    @property
    def gets_full_reading(self) -> bool:
        """Relevant, or left out by the model at a probability of at least `read_floor` (a borderline article:
        read in full so an analyst can judge it, counted nowhere by default)."""
        return self.relevant or (self.probability is not None and self.probability >= load_rules().read_floor)


@cache
def load_rules() -> Rules:
    r = rules("relevance")
    verbs = sorted(rules("speech")["verbs"], key=len, reverse=True)
    return Rules(
        float(r["core_weight"]),
        float(r["min_score"]),
        float(r["list_weight"]),
        int(r["list_recurs"]),
        float(r["lead_weight"]),
        int(r["lead_sentences"]),
        int(r["max_evidence"]),
        int(r["min_relations"]),
        float(r["min_share"]),
        float(r["lead_score"]),
        bool(r["core_is_about"]),
        frozenset(r["about_fields"]),
        frozenset(word_key(w) for w in r["country_context"]),
        frozenset(word_key(w) for w in r["person_context"]),
        int(r["person_sense_min"]),
        tuple(re.compile(p) for p in r["designations"]),
        {name: re.compile(p) for name, p in r["domains"].items()},
        {k: float(v) for k, v in r["article_domains"].items()},
        {a["id"]: frozenset(a["anchors"]) for a in rules("knowledge")["actors"] if a.get("anchors")},
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, verbs)) + r")(?!\w)", re.IGNORECASE),
        int(r.get("history_years_before", 0)),
        float(r["read_floor"]),
    )


def _tail_in(words: list[str], vocabulary: frozenset[str]) -> bool:
    return any(len(words) >= k and " ".join(words[-k:]) in vocabulary for k in (1, 2, 3))


def _in_country_list(m: Mention, text: str, located: list[Mention]) -> bool:
    """ "Mỹ, Nga và Trung Quốc", "Nga - Mỹ": another country right beside it, joined by a list separator."""
    for other in located:
        if other is m or other.entity.type != "LOC" or other.entity.kb_id == m.entity.kb_id:
            continue
        a, b = (other, m) if other.end <= m.start else (m, other)
        gap = text[a.end : b.start]
        if re.fullmatch(r"\s*(?:,|và|với|-|–|—|/)\s*", gap):
            return True
    return False


def drop_unanchored(mentions: Iterable[Mention], sentences: Iterable[Sentence]) -> tuple[Mention, ...]:
    """Ambiguous aliases kept only where the article makes them a country.

    "Phía Nga bác bỏ cáo buộc." keeps Nga (a country word before it); "Bị cáo Nga khai..." in an article
    naming no other actor of either side drops it; "Ông Putin ... Nga" keeps it (Putin anchors it).
    """
    r = load_rules()
    k = kbmod.load()
    mentions = tuple(mentions)
    sentences_all = tuple(sentences)
    by_sent = {(s.field, s.idx): s for s in sentences_all}
    ambiguous = [
        m for m in mentions if m.entity.kb_id in k.actors and m.surface in k.actors[m.entity.kb_id].ambiguous
    ]
    if not ambiguous:
        return mentions
    # Identity sets and per-sentence groups: an article with thousands of mentions stays linear.
    unsure = {id(m) for m in ambiguous}
    sure = [m for m in mentions if id(m) not in unsure and m.entity.kb_id in k.actors]
    in_sentence: dict[tuple[str, int], list[Mention]] = {}
    for x in mentions:
        in_sentence.setdefault((x.field, x.sentence), []).append(x)
    drop: set[int] = set()
    kept, undecided = [], []
    for m in ambiguous:
        sent = by_sent.get((m.field, m.sentence))
        text = sent.text if sent else ""
        rel = m.start - sent.start if sent else 0
        before = [word_key(w) for w in _WORD.findall(text[max(0, rel - 40) : rel])]
        if _tail_in(before, r.person_context):
            drop.add(id(m))
            continue
        if _tail_in(before, r.country_context):
            kept.append(m)
            continue
        # Only a sure neighbour makes a list of countries: "quan hệ tình ái Nga - Mỹ" pairs two names.
        near = [x for x in in_sentence.get((m.field, m.sentence), []) if x is m or id(x) not in unsure]
        shifted = _shift(near, sent.start) if sent else []
        me = next((x for x in shifted if x.start == rel), None)
        if me is not None and _in_country_list(me, text, shifted):
            kept.append(m)
            continue
        undecided.append(m)
    # The article's geopolitics: actors named unambiguously, and ambiguous ones a country word already made
    # countries ("máy bay Mỹ" makes the title's "Nga bắn hạ..." Russia). A trial report has neither.
    sure_actors = {s.entity.kb_id for s in sure if _geopolitical(k.actors[s.entity.kb_id])}
    sure_actors |= {m.entity.kb_id for m in kept}
    # One sense per article: where the alias is a person's name again and again ("Phương Nga", "cô Nga"),
    # its undecided uses are that person too, whatever else the article names ("bên Nga, Pháp" stays Russia).
    # The sense the article itself shows more often wins: a war report with "Hạm đội Biển Đen Nga" and
    # "quân cảng Tartus Nga" but "quân đội Nga", "phía Nga" throughout keeps Russia.
    personal = _personal_uses(sentences_all, {m.surface for m in undecided}, r)
    any_place = any(
        k.actors[s.entity.kb_id].type == "LOC" and not k.actors[s.entity.kb_id].media for s in sure
    )
    as_country: dict[str, int] = {}
    for m in kept:
        as_country[m.surface] = as_country.get(m.surface, 0) + 1
    for m in undecided:
        uses = personal.get(m.surface, 0)
        if uses >= r.person_sense_min and uses >= as_country.get(m.surface, 0):
            drop.add(id(m))
            continue
        actor = k.actors[m.entity.kb_id]
        anchors = r.anchors.get(actor.id)
        if anchors is not None:
            # An alias with listed anchors ("Anh", also a pronoun) needs one of them or its own other alias.
            anchored = (
                actor.id in sure_actors
                or bool(anchors & sure_actors)
                or any(k.actors[a].core for a in sure_actors)
            )
        else:
            anchored = bool(sure_actors)
        if not anchored and any_place and _paired(m, undecided, by_sent, drop):
            anchored = True
        if not anchored:
            drop.add(id(m))
    return tuple(m for m in mentions if id(m) not in drop)


def _paired(m: Mention, undecided: list[Mention], by_sent: dict, drop: set[int]) -> bool:
    """ "do Mỹ và Nga làm trung gian": two countries' ambiguous aliases listed together, neither a person."""
    sent = by_sent.get((m.field, m.sentence))
    if sent is None:
        return False
    near = [x for x in undecided if (x.field, x.sentence) == (m.field, m.sentence) and id(x) not in drop]
    shifted = _shift(near, sent.start)
    me = next((x for x in shifted if x.start == m.start - sent.start), None)
    return me is not None and _in_country_list(me, sent.text, shifted)


def _personal_uses(sentences: tuple[Sentence, ...], surfaces: set[str], r: Rules) -> dict[str, int]:
    """How often each alias reads as a personal name in the article: after another capitalised name word
    ("Phương Nga", "Cao Toàn Mỹ": a space apart, not the sentence's first word) or a person word ("cô Nga",
    "đại gia Mỹ")."""
    out: dict[str, int] = {}
    for surface in surfaces:
        rx = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
        n = 0
        for sent in sentences:
            for hit in rx.finditer(sent.text):
                words = _WORD.findall(sent.text[max(0, hit.start() - 40) : hit.start()])
                if not words or not sent.text[: hit.start()].endswith(" "):
                    continue
                if _tail_in([word_key(w) for w in words], r.person_context):
                    n += 1
                    continue
                # A name word right before it, joined by a space only: "Phương Nga". Not "Syria: Nga" or
                # "Iran, Nga" (punctuation parts them) nor "Khi Nga ..." (a sentence's first word is capitalised
                # whatever it is).
                prev = _PREV_WORD.search(sent.text, 0, hit.start())
                if (
                    prev is not None
                    and sent.text[: prev.start()].strip()
                    and prev.group(1)[:1].isupper()
                    and not prev.group(1).isupper()
                    and word_key(prev.group(1)) not in r.country_context
                ):
                    n += 1
        out[surface] = n
    return out


def _geopolitical(a: kbmod.Actor) -> bool:
    return a.side in ("nato", "russia") and not a.media


# A capitalised item, its first letter any Vietnamese capital ("Ấn Độ", "Úc", "Áo"); "châu Âu" is one too.
_ITEM = rf"(?:châu\s+)?[{UPPER}][\w-]*(?:\s+[{UPPER}][\w-]*){{0,2}}"
_SEP = r"\s*(?:,|\bvà\b|\bcùng\b)\s*"


def _list_items(text: str, start: int, end: int) -> int:
    """How many capitalised items the enumeration around text[start:end] holds ("Pháp, Nga, Indonesia và
    Nam Phi" -> 4), whether or not the knowledge file knows them."""
    n = 1
    left = text[:start]
    while m := re.search(rf"({_ITEM}){_SEP}$", left):
        if not (m.group(1)[:1].isupper() or m.group(1).startswith("châu ")):
            break
        n += 1
        left = left[: m.start()]
    right = text[end:]
    while m := re.match(rf"{_SEP}({_ITEM})", right):
        n += 1
        right = right[m.end() :]
    return n


def _list_opens_clause(text: str, first: int) -> bool:
    """A list that opens its sentence or clause is the subject that acts ("Ngày 7/7, Mỹ, Nga và Jordan đạt
    thỏa thuận"), not a list of origins or participants ("đầu bếp đến từ Mỹ, Nga, Pháp")."""
    head = text[:first]
    while m := re.search(rf"({_ITEM}){_SEP}$", head):  # earlier items of the same list
        head = head[: m.start()]
    return not head.strip() or head.rstrip().endswith(",")


def _listed(sides: list[Mention], text: str, around: list[Mention]) -> frozenset[str] | None:
    """The countries of a sentence's two sides when they are only items of one list of three or more, else None."""
    if (
        sides
        and all(x.entity.type == "LOC" for x in sides)
        and all(_in_country_list(x, text, around) for x in sides)
        and min(_list_items(text, x.start, x.end) for x in sides) > 2
    ):
        return frozenset(x.entity.kb_id or "" for x in sides)
    return None


def _listed_groups(
    sentences: tuple[Sentence, ...], by_sent: dict, places: dict, side
) -> dict[frozenset[str], int]:
    """How many sentences list each group of countries naming both sides ("Nga, Thổ Nhĩ Kỳ và Iran" in the
    lede and twice in the body): a group listed again and again is what the article is about, whether or
    not the list opens its clause; an enumeration of origins or participants comes once."""
    out: dict[frozenset[str], int] = {}
    for sent in sentences:
        found = by_sent.get((sent.field, sent.idx), [])
        if len({side(m) for m in found}) < 2:
            continue
        sides = _shift(found, sent.start)
        listed = _listed(sides, sent.text, _shift(places.get((sent.field, sent.idx), []), sent.start))
        if listed is not None:
            out[listed] = out.get(listed, 0) + 1
    return out


def _long_ago(text: str, date: DateInfo | None, r: Rules) -> bool:
    """Every year the sentence names is `history_years_before` or more before the article's year."""
    if date is None or date.year is None or not r.history_years_before:
        return False
    years = [int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)]
    return bool(years) and max(years) <= date.year - r.history_years_before


def _shift(ms: list[Mention], by: int) -> list[Mention]:
    """Mentions with offsets into their sentence rather than the stored column."""
    return [Mention(x.entity, x.surface, x.sentence, x.field, x.start - by, x.end - by) for x in ms]


def _masked(text: str, patterns: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in p.finditer(text)]


def relations(
    mentions: Iterable[Mention], sentences: Iterable[Sentence], date: DateInfo | None = None
) -> list[dict]:
    """One relation per sentence that names both sides, with its weight and what kind it is."""
    return [rel for rel, _ in _relations(mentions, sentences, date)]


def _relations(
    mentions: Iterable[Mention], sentences: Iterable[Sentence], date: DateInfo | None = None
) -> list[tuple[dict, bool]]:
    """`relations`, each with whether it names a core actor (NATO itself); the stored evidence keeps its shape.

    A country's side is the one it had on the article's date (core.nlp.membership): Sweden summoning Russia's
    ambassador in 2017 is no NATO–Russia relation, Finland's in 2024 is."""
    r = load_rules()
    k = kbmod.load()
    sentences = tuple(sentences)

    def side(m: Mention) -> str:
        return side_at(m.entity, date) if date is not None else k.actors[m.entity.kb_id].side

    by_sent: dict[tuple[str, int], list[Mention]] = {}
    places: dict[tuple[str, int], list[Mention]] = {}  # every known country of the sentence, any side
    for m in mentions:
        actor = k.actors.get(m.entity.kb_id or "")
        if actor is not None and actor.type == "LOC":
            places.setdefault((m.field, m.sentence), []).append(m)
        if actor is None or actor.media or side(m) not in ("nato", "russia"):
            continue
        by_sent.setdefault((m.field, m.sentence), []).append(m)
    # No sentence names both sides (most articles): no relation, and no need to fold the article for domains.
    if not any(len({side(m) for m in ms}) == 2 for ms in by_sent.values()):
        return []
    folded = {(s.field, s.idx): fold(s.text) for s in sentences}
    shares = {
        name: sum(bool(rx.search(f)) for f in folded.values()) / max(1, len(folded))
        for name, rx in r.domains.items()
    }
    off_domain = [name for name, least in r.article_domains.items() if shares.get(name, 0) >= least]
    body = [s.idx for s in sentences if s.field == "body"][: r.lead_sentences]
    groups = _listed_groups(sentences, by_sent, places, side)
    out = []
    for sent in sentences:
        found = by_sent.get((sent.field, sent.idx))
        if not found:
            continue
        masked = _masked(sent.text, r.designations)
        found = [
            m
            for m in found
            if not any(a <= m.start - sent.start and m.end - sent.start <= b for a, b in masked)
        ]
        nato = [m for m in found if side(m) == "nato"]
        russia = [m for m in found if side(m) == "russia"]
        if not nato or not russia:
            continue
        domain = next((n for n, rx in r.domains.items() if rx.search(folded[(sent.field, sent.idx)])), None)
        domain = domain or ("history" if _long_ago(sent.text, date, r) else None)
        domain = domain or (off_domain[0] if off_domain else None)
        core = any(k.actors[m.entity.kb_id].core for m in nato + russia)
        weight = r.core_weight if core else 1.0

        sides = _shift(nato + russia, sent.start)
        around = _shift(places.get((sent.field, sent.idx), []), sent.start)
        # "quan hệ Nga-Mỹ" pairs two countries: a relation. "Mỹ, Nga, Trung Quốc và Pháp" only lists them,
        # unless the article lists the same countries again and again: the group is its actor (the Astana trio).
        listed = _listed(sides, sent.text, around)
        only_list = (
            listed is not None
            and not _list_opens_clause(sent.text, min(x.start for x in sides))
            and groups.get(listed, 0) < r.list_recurs
        )
        if only_list:
            weight *= r.list_weight
        if sent.field in ("title", "lede") or sent.idx in body:
            weight *= r.lead_weight
        if domain:
            weight = 0.0
        kind = "statement" if r.speech_verbs.search(sent.text) else "event"
        out.append(
            (
                {
                    "sentence": sent.idx,
                    "field": sent.field,
                    "nato": sorted({m.entity.name for m in nato}),
                    "russia": sorted({m.entity.name for m in russia}),
                    "kind": "list" if only_list else kind,
                    "weight": weight,
                    "excluded": domain,
                    "text": sent.text[:300],
                },
                core,
            )
        )
    return out


def judge(
    mentions: Iterable[Mention], sentences: Iterable[Sentence], date: DateInfo | None = None
) -> Relevance:
    """Relevant when the relations' weights reach `min_score` and the relation is what the article is about;
    the heaviest relations are the evidence.

    "NATO tăng cường hiện diện gần biên giới Nga." -> relevant (NATO counts twice); "Mỹ và Nhật Bản tập
    trận." -> not relevant (no Russia-side actor). A story about Czech tourism with two body sentences on
    Russian tourists among twenty -> not relevant: an aside, not its subject.

    With the learned method (data/relevance.yaml `method`, core.nlp.relevance_model) the model's probability,
    read from the rules' figures and the words around the actors, decides instead; the relations stay the
    evidence shown to the analyst.
    """
    r = load_rules()
    mentions = tuple(mentions)
    sentences = tuple(sentences)
    pairs, score, relevant = by_rules(mentions, sentences, date)
    rels = [rel for rel, _ in pairs]
    ranked = sorted(rels, key=lambda x: (-x["weight"], x["field"] != "title", x["sentence"]))
    model = learned.load_model() if learned.method() == "learned" else None
    probability = None
    if model is not None:
        named = learned.sides(mentions, date)
        probability = 0.0
        if named["nato"] and named["russia"]:
            feats = learned.features(mentions, sentences, date, pairs, relevant)
            probability = round(model.probability(feats), 3)
        relevant = probability >= model.threshold
    return Relevance(relevant, round(score, 2), tuple(ranked[: r.max_evidence]), probability)


def by_rules(
    mentions: tuple[Mention, ...], sentences: tuple[Sentence, ...], date: DateInfo | None
) -> tuple[list[tuple[dict, bool]], float, bool]:
    """The rules' reading: the relations (each with whether it names NATO itself), their score, the verdict."""
    r = load_rules()
    pairs = _relations(mentions, sentences, date)
    score = sum(x["weight"] for x, _ in pairs)
    return pairs, score, score >= r.min_score and _about(pairs, sentences, score, r)


def _about(pairs: list[tuple[dict, bool]], sentences: tuple[Sentence, ...], score: float, r: Rules) -> bool:
    """Is the relation what the article is about rather than an aside in a story about something else? Where
    the relation sentences sit and how much of the article they cover: several of them, or a fair share of the
    body, or one in the article's own summary (`about_fields`: title and lede) that scores `lead_score` with the
    rest, or one naming NATO itself (the alliance is never a passing yardstick the way "Mỹ" or "Nga" are)."""
    counted = [(x, core) for x, core in pairs if x["weight"] > 0]
    body = sum(1 for s in sentences if s.field == "body")
    in_summary = any(x["field"] in r.about_fields for x, _ in counted)
    return (
        len(counted) >= r.min_relations
        or len(counted) / max(1, body) >= r.min_share
        or (in_summary and score >= r.lead_score)
        or (r.core_is_about and any(core for _, core in counted))
    )
