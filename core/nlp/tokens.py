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

from core.config import MAX_SENTENCE_CHARS
from core.models import Article, Sentence

FIELDS = ("title", "lede", "body")

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when the next text starts a
# new sentence (capital letter, digit, opening quote or bracket); "./." is the TTXVN end mark.
_END = re.compile(r"""(?:\./\.|[.!?…]+)["”’»)\]]*(?=\s+["“‘«(\[]?[A-ZÀ-ỸĐ0-9])""")
_PARA = re.compile(r"[^\n]+")
# Where an over-long sentence may be cut: after a clause mark, else at a space (see MAX_SENTENCE_CHARS).
_CLAUSE = re.compile(r"[,;:)\]”»](?=\s)")
_SPACE = re.compile(r"\s")


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
                s0 = start + prev + lead
                for i, j in pieces(body):
                    out.append(Sentence(len(out), fld, s0 + i, s0 + j, body[i:j]))
                prev = cut
    return tuple(out)


def pieces(text: str, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of `text` cut into stripped pieces of at most `limit` characters.

    A real sentence is one piece. A longer one (a list without full stops, a run-on text) is cut after the
    last clause mark in the second half of each window, else at the last space, else at the limit, so that
    NER, whose cost grows with the square of a sentence's length, costs at most linear time per article.

    >>> pieces("Nga, NATO và Mỹ", limit=6)
    [(0, 4), (5, 9), (10, 15)]
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            break
        if n - i <= limit:
            j = n
        else:
            window = text[i : i + limit + 1]
            half = limit // 2
            cut = max((m.end() for m in _CLAUSE.finditer(window, half, limit)), default=0)
            if not cut:
                cut = max((m.start() for m in _SPACE.finditer(window, half, limit + 1)), default=limit)
            j = i + cut
        end = j
        while end > i and text[end - 1].isspace():
            end -= 1
        out.append((i, end))
        i = j
    return out


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
