"""The knowledge file's alias and office patterns (a character trie, for speed) find exactly what a flat
longest-first alternation of the same words finds: the same names at the same offsets, longest first."""

from __future__ import annotations

import random
import re

from conftest import CORPUS, SAMPLES

from core.models import Article
from core.nlp import kb as kbmod
from core.nlp.tokens import split_sentences
from core.text.parse import iter_file


def _flat(words) -> re.Pattern:
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


def _texts() -> list[str]:
    files = sorted(SAMPLES.glob("*.txt"))
    if CORPUS.is_dir():
        files += random.Random(5).sample(sorted(CORPUS.glob("*.txt")), 60)
    return [s.text for f in files for a in iter_file(f) if isinstance(a, Article) for s in split_sentences(a)]


def test_trie_patterns_match_like_a_longest_first_alternation():
    k = kbmod.load()
    # every word alone, glued to a letter (no match), and followed by space or punctuation
    probes = [w + tail for w in [*k.by_alias, *k.by_term] for tail in ("", "y", " ", "-", ".", "ở")]
    texts = _texts() + probes
    for words, pattern in ((k.by_alias, k.alias_re), (k.by_term, k.office_re)):
        flat = _flat(words)
        got = [[m.span() for m in pattern.finditer(t)] for t in texts]
        assert got == [[m.span() for m in flat.finditer(t)] for t in texts]
        assert sum(map(len, got)) > len(words)  # the texts do name the knowledge file's actors


def test_longer_name_wins_and_guards_hold():
    pat = kbmod._alternation(["Nga", "Liên bang Nga", "Liên", "NATO"])
    text = "Liên bang Nga và NATO; Ngay cả Liên"
    assert [m.group(0) for m in pat.finditer(text)] == ["Liên bang Nga", "NATO", "Liên"]
