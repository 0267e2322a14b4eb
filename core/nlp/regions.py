"""Regions of an article that are no running text, where no name is an entity and no sentence a statement: photo
and video credits, caption lines and sentences, source lines, bracketed links to other stories, the closing byline
(rules in data/entity_rules.yaml `never_regions`, `byline`). Split from core.nlp.entities, which reads them with
core.nlp.statements.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.models import Article, Sentence
from core.nlp.names import entity_rules


def masked_regions(article: Article, sentences: Iterable[Sentence]) -> dict[str, list[tuple[int, int]]]:
    """Credits, caption lines (one sentence ending with a credit), source lines, bracketed links and the closing
    byline, per stored column. Spans may overlap; callers only ask whether a name intersects any of them.

    >>> masked_regions(Article("T", "", "Nga nói. Mỹ đáp. (Ảnh: EPA)", "o", "r"), [])["body"]
    [(17, 27), (18, 26)]
    >>> masked_regions(Article("T", "", "Nga nói. (Ảnh: EPA)", "o", "r"), [])["body"]
    [(0, 19), (9, 19), (10, 18)]
    """
    er = entity_rules()
    out: dict[str, list[tuple[int, int]]] = {}
    for fld in ("title", "lede", "body"):
        text = getattr(article, fld) or ""
        spans = [m.span() for pat in er.never_regions for m in pat.finditer(text) if m.end() > m.start()]
        out[fld] = sorted(spans)
    body_sents = [s for s in sentences if s.field == "body"]
    if len(body_sents) > 1 and er.byline.match(body_sents[-1].text) and len(body_sents[-1].text.split()) <= 4:
        out["body"].append((body_sents[-1].start, body_sents[-1].end))
    return out


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
