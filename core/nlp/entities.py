"""Entities: knowledge-file matches, office titles resolved by date, and cleaned NER spans, one entity per name.

Signals, strongest first: an alias from data/knowledge.yaml (evidence "kb"); an office term resolved to its
holder at the article's date ("Tổng thư ký NATO" -> Jens Stoltenberg, "kb"); an organisation head before a
known country ("Bộ Ngoại giao Estonia", "rule"); a title or honorific before capitalised words ("bà Inada",
"rule"); underthesea NER spans with titles split off and known names cut out ("Điện Kremlin Dmitry Peskov"
-> two entities, "ner"). Credits, source lines, bylines, bracketed links and places named after a person ("Tháp
Trump") never yield entities; what a name is (rules, titles stripped, types, variants merged) is core.nlp.names.
"""

from __future__ import annotations

import re
from functools import cache

from core.config import rules
from core.models import Article, Entity, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp.counterparts import counterpart_mentions
from core.nlp.names import (
    UPPER,
    UPPER_WORD,
    WORD,
    capitalised,
    common_word,
    countries,
    entity_rules,
    guess_type,
    honorific,
    opens_with_title,
    org_named,
    private_body,
    strip_title,
    vietnamese_syllable,
    words_before,
)
from core.nlp.persons import merge_names, place_or_person, surnames_as_persons
from core.nlp.regions import inside, masked_regions
from core.nlp.speech import says
from core.nlp.titles import (
    glued_tail,
    hyphen_tail,
    name_parts,
    named_after,
    qualified_titles,
    word_end,
)
from core.nlp.tokens import Token, dictionary_word, ner_spans
from core.nlp.variants import kb_variant
from core.text.textnorm import fold, word_key


def _is_personal(text: str, start: int, end: int) -> bool:
    """An ambiguous alias inside a personal or place name: "Phương Nga", "ông Mỹ", "Nga Sơn", not "phía Nga"."""
    er = entity_rules()
    before = words_before(text, start, 4)
    for k in (4, 3, 2, 1):
        tail = " ".join(before[-k:]) if len(before) >= k else None
        if tail and (word_key(tail) in er.country_before or fold(tail) in er.titles):
            return False
    # Only a word joined by a bare space makes a name with it: "Phương Nga", not "Ukraine, Đức và Pháp".
    joined = text[max(0, start - 2) : start]
    if before and joined.endswith(" ") and not joined.rstrip().endswith((",", ";", ":", ")", '"', "”")):
        prev = before[-1]
        if honorific(prev):
            return True
        if capitalised(prev) and not prev.isupper():
            return True
    after = text[end : end + 30]
    m = re.match(r" (" + UPPER_WORD + ")", after)
    return bool(m and not m.group(1).isupper() and kbmod.load().lookup(m.group(1)) is None)


def _mention(ent: Entity, sent: Sentence, start: int, end: int, conf: float, evidence: str) -> Mention:
    text = sent.text[start - sent.start : end - sent.start]
    return Mention(ent, text, sent.idx, sent.field, start, end, conf, evidence)


@cache
def _not_holders() -> frozenset[str]:
    """Folded words before an office term that make it no holder's: a former post, an aide's (under_office)."""
    return frozenset({"cuu", "nguyen"} | {fold(w) for w in rules("entity_rules")["under_office"]})


@cache
def _suffix_re() -> re.Pattern:
    """A generational suffix right after a name (data/entity_rules.yaml `name_suffixes`)."""
    words = sorted(rules("entity_rules")["name_suffixes"], key=len, reverse=True)
    return re.compile(rf"\s+({'|'.join(re.escape(w) for w in words)})(?!\w)")


def kb_mentions(
    article: Article, sentences: tuple[Sentence, ...], masks: dict[str, list[tuple[int, int]]]
) -> list[Mention]:
    """Aliases and offices of the knowledge file; cheap, so off-topic articles get only this.

    >>> from core.nlp.tokens import split_sentences
    >>> a = Article("Phía Nga và bà Phương Nga", "", "", "o", "r")
    >>> [m.entity.name for m in kb_mentions(a, split_sentences(a), {})]
    ['Nga']
    """
    k = kbmod.load()
    out: list[Mention] = []
    for sent in sentences:
        for m in k.alias_re.finditer(sent.text):
            s, e = sent.start + m.start(), sent.start + m.end()
            if inside(masks.get(sent.field, []), s, e):
                continue
            actor = k.actor(k.by_alias[m.group(0)])
            if m.group(0) in actor.ambiguous and _is_personal(sent.text, m.start(), m.end()):
                continue
            conf = 0.9 if m.group(0) in actor.ambiguous else 1.0
            if actor.entity.type == "PER" and named_after(sent.text, m.start(), m.end()):
                continue  # "Tháp Trump", "Trump Organization": a building or a company named after him
            junior = _suffix_re().match(sent.text, m.end()) if actor.entity.type == "PER" else None
            if junior:
                # "Donald Trump Jr.": the son, a person of his own (no side from the father's entry).
                name = f"{actor.entity.name} {junior.group(1)}"
                out.append(_mention(Entity(name, "PER"), sent, s, sent.start + junior.end(), conf, "kb"))
                continue
            out.append(_mention(actor.entity, sent, s, e, conf, "kb"))
    named = frozenset(m.entity.kb_id for m in out)
    for sent in sentences:
        for m in k.office_re.finditer(sent.text):
            s, e = sent.start + m.start(), sent.start + m.end()
            if inside(masks.get(sent.field, []), s, e):
                continue
            # "Ngoại trưởng Nga Sergei Lavrov": the name follows, the office is only a title.
            if re.match(r"\s+(?:" + UPPER_WORD + ")", sent.text[m.end() :]):
                nxt = WORD.match(sent.text[m.end() :].lstrip())
                if nxt and not (k.lookup(nxt.group(0)) and k.lookup(nxt.group(0)).type != "PER"):
                    continue
            # "cựu Tổng thư ký NATO" is a former holder we cannot date; "Trợ lý Ngoại trưởng Mỹ" is a post under the
            # office (an aide), never its holder
            before = {fold(" ".join(words_before(sent.text, m.start(), n))) for n in (1, 2)}
            if before & _not_holders():
                continue
            office = k.offices[k.by_term[m.group(0)]]
            holder = kbmod.resolve_office(office, article.date.year, article.date.month, named)
            if holder:
                out.append(_mention(k.actor(holder).entity, sent, s, e, 0.8, "kb"))
    return out


@cache
def _org_and_outlet_heads() -> frozenset[str]:
    return frozenset(h.lower() for h in rules("entity_rules")["org_heads"] + rules("speech")["relay_heads"])


def _word_opening(phrase: str) -> bool:
    """A sentence opening on a common word whose first syllable is an organisation's head: "Sở dĩ báo chí Mỹ gọi
    ..." (the reason why), "Ban đầu Nga ..." are no "Sở ...", "Ban ..." of that country; an outlet's head
    ("Tờ báo Anh", "Báo chí Pháp") stays one (core.nlp.statements reads it as a relay, not a speaker)."""
    words = phrase.split()
    pair = " ".join(words[:2]).lower()
    return (
        len(words) > 1
        and words[1].islower()
        and pair not in _org_and_outlet_heads()
        and dictionary_word(pair)
    )


def org_compounds(sentences: tuple[Sentence, ...], kb_found: list[Mention]) -> list[Mention]:
    """An organisation head before a known country is one ORG on that country's side.

    "Bộ Ngoại giao Estonia" -> ORG Bộ Ngoại giao Estonia (side of Estonia).
    """
    er = entity_rules()
    by_idx = {s.idx: s for s in sentences}
    out = []
    for m in kb_found:
        if m.entity.type != "LOC" or m.evidence != "kb":
            continue
        sent = by_idx[m.sentence]
        rel = m.start - sent.start
        base = max(0, rel - 50)
        words = list(re.finditer(r"[\w&]+", sent.text[base:rel]))
        best = None  # the longest name: "Ủy ban Tình báo Thượng viện Mỹ", not "Thượng viện Mỹ" inside it
        for k in range(1, min(6, len(words)) + 1):
            first = words[-k]
            phrase = sent.text[base + first.start() : rel].strip()
            if not capitalised(phrase) or re.search(r"[(),;:\"“”]", phrase):
                continue  # "Hãng tin Tass (Nga)": a name never runs across a bracket into the country
            s = sent.start + base + first.start()
            if says(phrase) or any(
                o.sentence == m.sentence and o.entity.type == "LOC" and s <= o.start and o.end <= m.start
                for o in kb_found
            ):
                break  # "Thượng viện Mỹ cho biết Nga", "Bộ Tài chính cho biết Nhật Bản": nor across a verb or a country
            if opens_with_title(fold(phrase)):
                continue  # "Bộ trưởng Quốc phòng Nga" is a title, not a ministry
            if (
                org_named(phrase)
                and not any(p.search(phrase) for p in er.never_name_patterns)
                and not (base + first.start() == 0 and _word_opening(phrase))
            ):
                best = (s, phrase)
        if best is not None:
            s, phrase = best
            name = phrase + " " + m.entity.name
            plain = re.sub(r"\s+của\s+", " ", name)  # "Bộ Tư lệnh trung tâm của Mỹ" is the file's CENTCOM
            ent = kbmod.load().lookup(name) or kbmod.load().lookup(plain)
            side = "other" if private_body(phrase) else m.entity.side  # "Hiệp hội nhà báo Nga"
            entity = ent.entity if ent else Entity(name, "ORG", side, None)
            span = sent.text[s - sent.start : m.end - sent.start]
            out.append(Mention(entity, span, sent.idx, sent.field, s, m.end, 0.7, "rule"))
    return out + _bare_heads(sentences, out, kb_found)


def _bare_heads(
    sentences: tuple[Sentence, ...], compounds: list[Mention], known: list[Mention]
) -> list[Mention]:
    """ "Bộ Ngoại giao" alone, after "Bộ Ngoại giao Nga" in the same article, is that ministry."""
    heads: dict[str, set[Entity]] = {}
    for m in compounds:
        country = m.entity.name.rsplit(" ", 1)[-1]
        head = m.surface[: len(m.surface) - len(country)].strip() if m.surface.endswith(country) else ""
        if head:
            heads.setdefault(head, set()).add(m.entity)
    taken = [(m.field, m.start, m.end) for m in compounds + known]
    out = []
    for head, ents in heads.items():
        if len(ents) != 1:
            continue
        (ent,) = ents
        pat = re.compile(rf"(?<!\w){re.escape(head)}(?!\w)(?!\s+[{UPPER}])")
        for sent in sentences:
            for hit in pat.finditer(sent.text):
                s, e = sent.start + hit.start(), sent.start + hit.end()
                if any(f == sent.field and a < e and s < b for f, a, b in taken):
                    continue
                out.append(Mention(ent, hit.group(0), sent.idx, sent.field, s, e, 0.6, "rule"))
    return out


def _pieces(start: int, end: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, cur = [], start
    for s, e in sorted(covered):
        if e <= cur or s >= end:
            continue
        if s > cur:
            pieces.append((cur, s))
        cur = max(cur, e)
    if cur < end:
        pieces.append((cur, end))
    return pieces


def _split_breaks(sent: Sentence, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut spans at commas and lower-case breaks: "Đại sứ quán Nga tại Oslo" -> "Đại sứ quán Nga", "Oslo"."""
    er = entity_rules()
    out = []
    for ps, pe in pieces:
        cur = ps
        for m in er.name_break_re.finditer(sent.text, ps - sent.start, pe - sent.start):
            out.append((cur, sent.start + m.start()))
            cur = sent.start + m.end()
        out.append((cur, pe))
    return [(a, b) for a, b in out if b > a]


def _clean_piece(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Trim a span to its name: punctuation, titles and lower-case heads go, offsets follow."""
    frag = text[s:e]
    name = strip_title(frag)
    if not name or not capitalised(name):
        return None
    i = frag.find(name)
    if i < 0:
        return None
    return s + i, s + i + len(name)


def ner_mentions(
    sentences: tuple[Sentence, ...],
    tokens: dict[int, tuple[Token, ...]],
    known: list[Mention],
    masks: dict[str, list[tuple[int, int]]],
) -> list[Mention]:
    """Names the knowledge file does not know: NER spans and title+name runs, cleaned and typed."""
    er = entity_rules()
    k = kbmod.load()
    out: list[Mention] = []
    for sent in sentences:
        covered = [(m.start, m.end) for m in known if m.sentence == sent.idx]
        cands: list[tuple[int, int, str, str, float]] = []
        toks = tokens.get(sent.idx, ())
        for s, e, typ, proper in ner_spans(toks):
            # A capitalised common word opening the sentence is not a name unless tagged as a proper noun.
            if s == sent.start and not proper:
                continue
            cands.append((s, hyphen_tail(sent, glued_tail(sent, toks, e)), typ, "ner", 0.7))
        # (title start, name start, name end) of a title and its name
        titled_ = qualified_titles(sent, toks)
        for m in er.title_name.finditer(sent.text):
            end = word_end(sent, toks, sent.start + m.start(1), sent.start + m.end(1))
            if end:
                titled_.append((sent.start + m.start(), sent.start + m.start(1), end))
        # A medium's noun that starts a word of the tagger ("trang", not the "trang" of "vũ trang").
        starts = {t.start for t in toks}
        outlets = []
        for m in er.outlet_name.finditer(sent.text):
            end = word_end(sent, toks, sent.start + m.start(1), sent.start + m.end(1))
            if sent.start + m.start() in starts and end:
                outlets.append((sent.start + m.start(1), end, "ORG", "rule", 0.6))
        # A tagger span within a title and its name is a piece of them ("Mistura" of "ông Staffan de Mistura",
        # "Dân chủ Martin" of "Thượng nghị sĩ Dân chủ Martin Heinrich"): the name is read once, by the title rule.
        cands = [
            c
            for c in cands
            if not any(t <= c[0] and ns < c[1] <= e and c[:2] != (ns, e) for t, ns, e in titled_)
        ]
        cands += [(ns, e, "", "rule", 0.6) for _, ns, e in titled_] + outlets
        for s, e, typ, evidence, conf in cands:
            for ps, pe in _split_breaks(sent, _pieces(s, e, covered)):
                # A one-syllable scrap left after cutting known names out of a span ("Sĩ", "Bộ").
                frag = sent.text[ps - sent.start : pe - sent.start].strip(" ,.-–")
                # After a title and a known place a lone word is the person's name: "Thủ tướng Anh T.Mây".
                scrap = (ps, pe) != (s, e) and " " not in frag and not frag.isupper()
                if scrap and (evidence != "rule" or pe != e or vietnamese_syllable(frag)):
                    continue
                if frag.isupper() and " " not in frag and any(0 <= a - pe <= 1 for a, _ in covered):
                    continue  # "Giám đốc DNI Dan Coats": an acronym before a known person is his institution
                span = _clean_piece(sent.text, ps - sent.start, pe - sent.start)
                if span is None:
                    continue
                cs, ce = sent.start + span[0], sent.start + span[1]
                name = sent.text[span[0] : span[1]]
                if (
                    len(name) < 2
                    or fold(name) in er.never_names
                    or inside(masks.get(sent.field, []), cs, ce)
                    or any(p.search(name) for p in er.never_name_patterns)
                ):
                    continue
                # A lone capitalised word that opens the sentence and is no proper noun: "Hai", "Sau"; anywhere, a
                # word the tagger reads as a numeral, a determiner, a verb ... ("tháng Hai", "Các lực lượng")
                if (cs == sent.start and " " not in name and evidence == "rule") or common_word(toks, cs, ce):
                    continue
                actor = k.lookup(name) or kb_variant(name)
                # Capitalised only as the first word of the sentence or of what follows its colon, a dictionary word
                # and no country: "Loại chiến đấu cơ", "“Thoạt nhìn", "Đại sứ Nga: Quan hệ Nga - NATO ...", a
                # byline's "Anh Tuấn (lược dịch)"; "Úc đã ngừng bay" stays.
                opening = not re.search(r"\w", sent.text[: span[0]].rsplit(":", 1)[-1])
                opening = opening and fold(name) not in countries()
                if not actor and opening and dictionary_word(name):
                    continue
                if actor:
                    out.append(_mention(actor.entity, sent, cs, ce, conf, evidence))
                else:
                    before = sent.text[: span[0]]
                    typ2 = guess_type(name, typ, words_before(sent.text, span[0], 3), before)
                    typ2 = place_or_person(name, typ2, before, sent.text[span[1] :])
                    # "Tư pháp Sally Yates", "Philippines Rodrigo Duterte": the title's words and the place go
                    starts = frozenset(t.start - cs for t in toks if cs <= t.start < ce)
                    for ps_, pe_, t in name_parts(name, typ2, before, starts):
                        part = name[ps_:pe_]
                        if len(part) < 2 or fold(part) in er.never_names:
                            continue
                        a = k.lookup(part) or (kb_variant(part) if t == "PER" else None)
                        ent = a.entity if a else Entity(part, t, "other", None)
                        out.append(_mention(ent, sent, cs + ps_, cs + pe_, conf, evidence))
                covered.append((cs, ce))
    return out


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per span: the longest, most confident one wins where two overlap with the same start."""
    best: dict[tuple[str, int, int], Mention] = {}
    for m in mentions:
        key = (m.field, m.start, m.end)
        if key not in best or m.confidence > best[key].confidence:
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.sentence, m.start, -m.end))


def find_mentions(
    article: Article,
    sentences: tuple[Sentence, ...],
    tokens: dict[int, tuple[Token, ...]] | None = None,
) -> tuple[Mention, ...]:
    """All mentions of an article; `tokens=None` is the cheap path (knowledge file only).

    >>> from core.nlp.tokens import split_sentences, tag
    >>> a = Article("Người phát ngôn Điện Kremlin Dmitry Peskov", "", "", "o", "r")
    >>> sents = split_sentences(a)
    >>> [m.entity.name for m in find_mentions(a, sents, {s.idx: tag(s) for s in sents})]
    ['Điện Kremlin', 'Dmitry Peskov']
    """
    masks = masked_regions(article, sentences)
    found = kb_mentions(article, sentences, masks)
    found += org_compounds(sentences, found)
    # "người đồng cấp Nga": the Russian holder of the paired person's post
    found += counterpart_mentions(article, sentences, found)
    if tokens is not None:
        found += ner_mentions(sentences, tokens, found, masks)
    return tuple(merge_names(surnames_as_persons(_dedupe(found)), sentences))
