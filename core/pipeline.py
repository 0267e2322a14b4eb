"""Article -> Extraction: sentences, entity mentions, statements and the relevance flag.

`extract` is a plain top-level function of a frozen Article returning a frozen Extraction, so a process pool
can run it. Steps are named in `STEPS` so tests and bench/ can run any one alone. Off-topic articles stop
after the knowledge-file match (no NER), which keeps them under a fifth of a relevant article's cost.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from core import kb as kbmod
from core.config import rules
from core.entities import find_mentions, masked_regions
from core.models import Article, Extraction, Mention, Sentence
from core.nlp import Token, split_sentences, tag
from core.statements import find_statements


def tag_all(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Token, ...]]:
    """underthesea `ner` once per sentence."""
    return {s.idx: tag(s) for s in sentences}


@cache
def _relevance_rules() -> dict:
    return rules("relevance")


def is_relevant(mentions: tuple[Mention, ...]) -> bool:
    """Both sides named in the same sentence, often enough (see data/relevance.yaml).

    "NATO tăng cường hiện diện gần biên giới Nga." -> True; "Mỹ và Nhật Bản tập trận." -> False.
    """
    k = kbmod.load()
    r = _relevance_rules()
    by_sent: dict[int, set[str]] = {}
    core: dict[int, bool] = {}
    for m in mentions:
        actor = k.actors.get(m.entity.kb_id or "")
        if actor is None or actor.media or m.entity.side == "other":
            continue
        by_sent.setdefault(m.sentence, set()).add(m.entity.side)
        core[m.sentence] = core.get(m.sentence, False) or actor.core
    score = 0
    for idx, sides in by_sent.items():
        if {"nato", "russia"} <= sides:
            score += r["core_weight"] if core.get(idx) else 1
    return score >= r["min_score"]


STEPS: dict[str, Callable] = {
    "sentences": split_sentences,
    "ner": tag_all,
    "entities": find_mentions,
    "masks": masked_regions,
    "statements": find_statements,
    "relevance": is_relevant,
}


def extract(article: Article) -> Extraction:
    """Run every step; NER only when the knowledge file says the article is on topic.

    >>> extract(Article("NATO tuyên bố không muốn 'chiến tranh lạnh' với Nga", "", "", "o", "r")).relevant
    True
    >>> extract(Article("Mỹ và Nhật Bản tập trận", "", "", "o", "r")).relevant
    False
    """
    sentences = split_sentences(article)
    cheap = find_mentions(article, sentences, None)
    relevant = is_relevant(cheap)
    mentions = find_mentions(article, sentences, tag_all(sentences)) if relevant else cheap
    statements = find_statements(sentences, mentions, masked_regions(article, sentences))
    return Extraction(sentences=sentences, mentions=mentions, statements=statements, relevant=relevant)
