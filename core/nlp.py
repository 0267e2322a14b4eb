"""The only module importing underthesea's NLP functions: sentence splitting with offsets, and `ner` once per
sentence, with its tokens aligned back to character offsets in the stored column.

`ner()` already returns word-tokenized tokens with POS and chunk tags, so we never call word_tokenize or
pos_tag separately (one model call per sentence keeps the pipeline within 1.25x of raw NER).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from core.models import Article, Sentence

FIELDS = ("title", "lede", "body")

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when the next text starts a
# new sentence (capital letter, digit, opening quote or bracket); "./." is the TTXVN end mark.
_END = re.compile(r"""(?:\./\.|[.!?…]+)["”’»)\]]*(?=\s+["“‘«(\[]?[A-ZÀ-ỸĐ0-9])""")
_PARA = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Token:
    """One underthesea token: 'Hội đồng' N B-NP O, with offsets into the stored column (-1 if unaligned)."""

    text: str
    pos: str
    chunk: str
    ner: str
    start: int
    end: int


@cache
def _ner() -> Callable[[str], list[tuple[str, str, str, str]]]:
    """Load the CRF NER model once per process (downloads are never attempted: CRF ships with underthesea)."""
    from underthesea import ner

    ner("Nga")  # warm the model so the first article does not pay for loading
    return ner


def split_sentences(article: Article) -> tuple[Sentence, ...]:
    """Title, lede and body into sentences with offsets into their stored column.

    >>> [s.text for s in split_sentences(Article("Tin", "", "Ông A nói. Bà B đáp.", "o", "r"))][1:]
    ['Ông A nói.', 'Bà B đáp.']
    """
    out: list[Sentence] = []
    for fld in FIELDS:
        text = getattr(article, fld) or ""
        for para in _PARA.finditer(text):
            start = para.start()
            cuts = [m.end() for m in _END.finditer(para.group(0))] + [len(para.group(0))]
            prev = 0
            for cut in cuts:
                chunk = para.group(0)[prev:cut]
                lead = len(chunk) - len(chunk.lstrip())
                body = chunk.strip()
                if body:
                    s0 = start + prev + lead
                    out.append(Sentence(len(out), fld, s0, s0 + len(body), body))
                prev = cut
    return tuple(out)


def tag(sentence: Sentence) -> tuple[Token, ...]:
    """Run `ner` on one sentence; tokens carry offsets into the sentence's stored column.

    >>> [t.text for t in tag(Sentence(0, "body", 0, 19, "Ông Putin phát biểu"))]
    ['Ông', 'Putin', 'phát biểu']
    """
    raw = _ner()(sentence.text)
    return align(sentence, raw)


def align(sentence: Sentence, raw: list[tuple[str, str, str, str]]) -> tuple[Token, ...]:
    """Find each token in the sentence text, left to right; underthesea may respace tokens, so try both."""
    text, pos, out = sentence.text, 0, []
    for word, p, chunk, ner in raw:
        i = text.find(word, pos)
        if i < 0 and " " in word:
            m = re.compile(r"\s*".join(map(re.escape, word.split()))).search(text, pos)
            i, j = (m.start(), m.end()) if m else (-1, -1)
        else:
            j = i + len(word) if i >= 0 else -1
        if i >= 0 and i - pos <= 40:
            out.append(Token(word, p, chunk, ner, sentence.start + i, sentence.start + j))
            pos = j
        else:
            out.append(Token(word, p, chunk, ner, -1, -1))
    return tuple(out)
