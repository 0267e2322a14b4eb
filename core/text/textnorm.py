"""Unicode and tone-mark normalisation, and the diacritic folding used by search and matching.

Vietnamese text arrives NFC or NFD, with old-style tone placement ("hoá", "khoẻ") or new ("hóa", "khỏe").
We store NFC with one tone placement, using underthesea's token map, but only where the change provably
keeps the letters: a token is replaced only if its folded form is unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def _token(word: str) -> str:
    from underthesea.pipeline.text_normalize.token_normalize import token_normalize

    new = token_normalize(word)
    # Guard: tone placement may move a mark, never change a base letter ("hoá" -> "hóa", not another word).
    if new != word and (" " in new or fold(new) != fold(word)):
        return word
    return new


# Words `_token` leaves as they are, remembered so that an article's known words cost one set difference rather
# than a cached call each (bounded: a process reading a whole archive meets a few hundred thousand words).
_UNCHANGED: set[str] = set()
_UNCHANGED_MAX = 1_000_000


def normalize(text: str) -> str:
    """NFC plus modern tone placement, word by word; spacing and punctuation are left exactly as they were.

    >>> normalize("Hoà bình và sức khoẻ")
    'Hòa bình và sức khỏe'
    """
    text = unicodedata.normalize("NFC", text)
    changes = {}
    # most words were seen before and need nothing: one set difference drops them
    for w in set(_WORD.findall(text)) - _UNCHANGED:
        new = _token(w)
        if new != w:
            changes[w] = new
        elif len(_UNCHANGED) < _UNCHANGED_MAX:
            _UNCHANGED.add(w)
    if not changes:
        return text
    return _WORD.sub(lambda m: changes.get(m.group(0), m.group(0)), text)


def _fold_table() -> dict[int, str]:
    """Every precomposed Latin letter -> its base letter; combining marks -> nothing; đ -> d."""
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "d"}
    for cp in range(0x00C0, 0x2000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Mn":
            table[cp] = ""
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
        if base != ch and base.isascii():
            table[cp] = base.lower()
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ -> d: the form both the index and the queries are compared in.

    Precomposed (NFC) input keeps its length, so offsets in the folded text are offsets in the original.

    >>> fold("Đối đầu với Liên bang Nga")
    'doi dau voi lien bang nga'
    """
    return text.lower().translate(_FOLD)


def word_key(text: str) -> str:
    """Lower-case NFC with its diacritics: the form closed lists of Vietnamese words are compared in, where
    folding would merge words ("chống" against / "chồng" husband, "còn" / "con", "bộ" / "bố", "có" / "cô").

    >>> word_key("Chống"), fold("Chống") == fold("chồng")
    ('chống', True)
    """
    return unicodedata.normalize("NFC", text).lower()


def squash(text: str) -> str:
    """Folded text with whitespace collapsed: the key for content deduplication."""
    return _SPACES.sub(" ", fold(text)).strip()
