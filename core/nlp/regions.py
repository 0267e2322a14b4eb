"""Regions of an article that are no running text, where no name is an entity and no sentence a statement: photo
and video credits, caption lines and sentences, source lines, bracketed links to other stories, the closing byline,
the outlet's tag opening the lede ("TTO - ", "(Dân trí) - ") and a paragraph in another language (an embedded
tweet); rules in data/entity_rules.yaml (`never_regions`, `closing_regions` read in the body only, `byline`,
`outlet_tag`). Split from core.nlp.entities, which reads them with core.nlp.statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from core.config import rules
from core.models import Article, Sentence
from core.nlp import kb as kbmod
from core.nlp.names import UPPER, entity_rules
from core.nlp.outlets import is_media


def masked_regions(article: Article, sentences: Iterable[Sentence]) -> dict[str, list[tuple[int, int]]]:
    """Credits, caption lines (one sentence ending with a credit), source lines, bracketed links, the closing
    byline, an outlet's opening tag and paragraphs in another language, per stored column. Spans may overlap;
    callers only ask whether a name intersects any of them.

    >>> masked_regions(Article("T", "", "Nga nói. Mỹ đáp. (Ảnh: EPA)", "o", "r"), [])["body"]
    [(17, 27), (18, 26)]
    >>> masked_regions(Article("T", "", "Nga nói. (Ảnh: EPA)", "o", "r"), [])["body"]
    [(0, 19), (9, 19), (10, 18)]
    """
    er = entity_rules()
    out: dict[str, list[tuple[int, int]]] = {}
    for fld in ("title", "lede", "body"):
        text = getattr(article, fld) or ""
        # a title or a lede closes nothing: "Nhật - Mỹ thử thành công tên lửa" is no byline
        patterns = (*er.never_regions, *(_closing() if fld == "body" else ()))
        spans = [m.span() for pat in patterns for m in pat.finditer(text) if m.end() > m.start()]
        out[fld] = sorted(spans)
        if fld != "title" and (tag := outlet_tag(text)) is not None:
            out[fld].append(tag)
        if fld == "body":
            out[fld].extend(foreign_paragraphs(text))
    body_sents = [s for s in sentences if s.field == "body"]
    if len(body_sents) > 1 and er.byline.match(body_sents[-1].text) and len(body_sents[-1].text.split()) <= 4:
        out["body"].append((body_sents[-1].start, body_sents[-1].end))
    return out


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@cache
def _closing() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.replace("{U}", UPPER)) for p in rules("entity_rules")["closing_regions"])


@cache
def _outlet_re() -> re.Pattern[str]:
    return re.compile(rules("entity_rules")["outlet_tag"].replace("{U}", UPPER))


def outlet_tag(text: str) -> tuple[int, int] | None:
    """The span of an outlet's tag opening `text`, unless the tag is an actor the knowledge file knows (an outlet
    it knows, "(TTXVN)", is still a tag).

    >>> outlet_tag("QĐND Online - Tổng thư ký NATO cho biết"), outlet_tag("NATO - Nga: căng thẳng leo thang")
    ((0, 14), None)
    """
    m = _outlet_re().match(text)
    actor = kbmod.load().lookup(m.group("paren") or m.group("bare") or m.group("dotted")) if m else None
    return None if m is None or (actor is not None and not is_media(actor.entity)) else m.span()


# Letters only Vietnamese writes (its vowels with a hat, horn or breve, đ, and the tone marks): most words of a
# Vietnamese paragraph hold one, an English one none.
_VIETNAMESE = re.compile(
    r"[ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE
)
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_]+")
FOREIGN_MIN_WORDS = 6  # shorter lines (a list of agencies, a name) are left to the other rules
FOREIGN_MAX_SHARE = 0.1  # at most this share of the words with a Vietnamese letter
# at least this share of the words in lower case: prose, not a list of names ("Honda CR-V. Toyota RAV4")
FOREIGN_MIN_PROSE = 0.4


def foreign_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs in another language: a tweet or a statement embedded as posted ("We are deeply concerned by
    Russia's escalating actions ... — Secretary Antony Blinken (@SecBlinken) May 2, 2021"). Its words are no
    Vietnamese mentions ("We", "May") and no statement the article reports; the article's own account of it is.

    >>> foreign_paragraphs("Nga phản đối.\\nWe stand with our NATO Allies in this hour of need.")
    [(14, 65)]
    """
    out = []
    for m in _PARAGRAPH.finditer(text):
        para = m.group(0)
        head = para[:300]
        # Vietnamese prose is rejected at a glance, on its opening: about one such letter a word (two at most)
        if para.count(" ") + 1 < FOREIGN_MIN_WORDS or len(_VIETNAMESE.findall(head)) > 0.3 * (
            head.count(" ") + 1
        ):
            continue
        words = _WORD.findall(para)
        n = len(words)
        vietnamese = sum(bool(_VIETNAMESE.search(w)) for w in words)
        prose = sum(w.islower() and not _VIETNAMESE.search(w) for w in words)
        if n >= FOREIGN_MIN_WORDS and vietnamese <= FOREIGN_MAX_SHARE * n and prose >= FOREIGN_MIN_PROSE * n:
            out.append(m.span())
    return out
