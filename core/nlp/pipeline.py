"""Article -> Extraction: sentences, entity mentions, statements and the relevance flag.

`extract` is a plain top-level function of a frozen Article returning a frozen Extraction, so a process pool
can run it. Steps are named in `STEPS` so tests and bench/ can run any one alone. Off-topic articles stop
after the knowledge-file match (no NER), which keeps them under a fifth of a relevant article's cost.
"""

from __future__ import annotations

from collections.abc import Callable

from core.models import Article, Extraction, Mention, Sentence
from core.nlp.entities import find_mentions, masked_regions
from core.nlp.relevance import drop_unanchored, judge
from core.nlp.statements import find_statements
from core.nlp.tokens import Token, split_sentences, tag


def tag_all(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Token, ...]]:
    """underthesea `ner` once per sentence."""
    return {s.idx: tag(s) for s in sentences}


def is_relevant(mentions: tuple[Mention, ...], sentences: tuple[Sentence, ...] = ()) -> bool:
    """Relations between a NATO-side and a Russia-side actor, enough of them (core.nlp.relevance)."""
    return judge(mentions, sentences).relevant


STEPS: dict[str, Callable] = {
    "sentences": split_sentences,
    "ner": tag_all,
    "entities": find_mentions,
    "masks": masked_regions,
    "statements": find_statements,
    "relevance": is_relevant,
}


def extract(article: Article) -> Extraction:
    """Every step on candidates; the knowledge-file match alone decides that an article is not one.

    Off-topic articles keep their knowledge-file mentions (entity counts over the whole archive) but get no
    NER and no statements: nothing they say is counted as a NATO–Russia statement.

    >>> extract(Article("NATO tuyên bố không muốn 'chiến tranh lạnh' với Nga", "", "", "o", "r")).relevant
    True
    >>> extract(Article("Mỹ và Nhật Bản tập trận", "", "", "o", "r")).relevant
    False
    """
    sentences = split_sentences(article)
    cheap = drop_unanchored(find_mentions(article, sentences, None), sentences)
    verdict = judge(cheap, sentences)
    if not verdict.relevant:
        return Extraction(
            sentences=sentences,
            mentions=cheap,
            relevant=False,
            relevance_score=verdict.score,
            relevance_evidence=verdict.evidence,
        )
    mentions = drop_unanchored(find_mentions(article, sentences, tag_all(sentences)), sentences)
    statements = find_statements(sentences, mentions, masked_regions(article, sentences), article.date)
    return Extraction(
        sentences=sentences,
        mentions=mentions,
        statements=statements,
        relevant=True,
        relevance_score=verdict.score,
        relevance_evidence=verdict.evidence,
    )
