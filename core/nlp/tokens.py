"""The only module importing underthesea's NLP functions: sentence splitting with offsets, and `ner` once per
sentence, with its tokens aligned back to character offsets in the stored column.

`ner()` already returns word-tokenized tokens with POS and chunk tags, so we never call word_tokenize or
pos_tag separately (one model call per sentence keeps the pipeline within 1.25x of raw NER).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

from core.config import MAX_SENTENCE_CHARS
from core.models import Article, Sentence

FIELDS = ("title", "lede", "body")

# A sentence ends at . ! ? … (optionally followed by closing quotes/brackets) when the next text starts a
# new sentence (capital letter, digit, opening quote or bracket); "./." is the TTXVN end mark.
# A bullet ("* ", "• ") may stand between the end mark and the next sentence (digests of short items).
_END = re.compile(r"""(?:\./\.|[.!?…]+)["”’»)\]]*(?=\s+(?:[*•]\s+)?["“‘«(\[]?[A-ZÀ-ỸĐ0-9])""")
# Two sentences glued without a space ("thành viên.Tổng thống"): a full stop between a word of two or more
# lowercase letters and a capitalised word. Initials and abbreviations ("V.Putin", "Tp.HCM", "TS.Nguyễn") have
# at most one lowercase letter before the stop, so they stay whole.
_GLUED = re.compile(r"(?<=\w\w)[.!?](?=\w\w)")
_PARA = re.compile(r"[^\n]+")
# A rule of underscores between two parts of a page ("... ông Rojansky nhận định. ______ Đường đến ..."): a cut on
# both sides, itself no sentence.
_RULE = re.compile(r"_{5,}")
# A bracketed link to another story glued before a sentence ("[Bùng nổ tranh cãi ...]  Ông Ilan Goldenberg ... nhận
# xét:"): cut off, so the sentence after it opens on its subject; itself no sentence (the link is another story's).
_LINK = re.compile(r"\[[^\[\]]{5,300}\]\s+(\S)")
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


# underthesea's CRF taggers for POS, chunk and NER, in the order `ner` chains them, each with the module
# holding its feature functions (the three modules' functions are alike, but each model is fed its own).
_STAGES = (
    (
        "underthesea.pipeline.pos_tag.model_crf",
        "CRFPOSTagPredictor",
        "underthesea.pipeline.pos_tag.tagged_feature",
    ),
    (
        "underthesea.pipeline.chunking.model_crf",
        "CRFChunkingPredictor",
        "underthesea.pipeline.chunking.tagged_feature",
    ),
    ("underthesea.pipeline.ner.model_crf", "CRFNERPredictor", "underthesea.pipeline.ner.tagged_feature"),
)
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\[(\d+)\])?(?:\.(\w+))?$")

Template = tuple[str, int, int | None, int, Callable[[str], object] | None]


@dataclass(frozen=True)
class _Stage:
    """One CRF model with its feature templates compiled: (prefix, first row, last row or None, column, fn)."""

    tag: Callable[[list[list[str]]], list[str]]
    templates: tuple[Template, ...]


def _compile(template: list[str], functions: Callable[[str, str], object]) -> tuple[Template, ...]:
    out, funcs = [], {}
    for syntax in template:
        m = _TEMPLATE.match(syntax)
        if m is None or (m[2] is not None and int(m[2]) < int(m[1])):
            raise ValueError(f"unknown underthesea feature template {syntax!r}")
        lo, hi, col, fn = m.groups()
        func = funcs.setdefault(fn, partial(functions, fn)) if fn else None  # one per name: values shared
        out.append((f"{syntax}=", int(lo), int(hi) if hi else None, int(col or 0), func))
    return tuple(out)


def features(rows: list[tuple[str, ...]], templates: tuple[Template, ...]) -> list[list[str]]:
    """The CRF features underthesea's `word2features` makes, string for string, in linear time.

    underthesea rebuilds every column of the sentence for each template at each token (quadratic in the
    sentence's length, most of the ingest's CPU); here each template makes its feature for every token at
    once, from column values computed once per sentence.

    >>> features([("Nga", "X"), ("nói", "X")], _compile(["T[-1].lower", "T[0,1]"], lambda f, w: w.lower()))
    [['T[-1].lower=BOS', 'T[0,1]=Nga nói'], ['T[-1].lower=nga', 'T[0,1]=EOS']]
    """
    n = len(rows)
    if not n:
        return []
    cols = list(zip(*rows, strict=True))
    values: dict[tuple[int, int, Callable | None], list[str]] = {}
    per_template = []
    for prefix, lo, hi, col, fn in templates:
        width = 0 if hi is None else hi - lo  # a template spans rows i+lo .. i+hi
        key = (col, width, fn)
        vals = values.get(key)
        if vals is None:
            words = (
                cols[col] if not width else [" ".join(cols[col][j : j + width + 1]) for j in range(n - width)]
            )
            vals = values[key] = [f"{fn(w)}" for w in words] if fn else list(words)
        # token i reads vals[i + lo]; BOS while i + lo < 0, EOS once the span's last row i + last >= n
        last = lo + width
        bos = min(max(-lo, 0), n)
        end = min(n, max(bos, n - last))
        per_template.append(
            [prefix + "BOS"] * bos
            + [prefix + v for v in vals[bos + lo : end + lo]]
            + [prefix + "EOS"] * (n - end)
        )
    return [list(row) for row in zip(*per_template, strict=True)]


def _stages() -> tuple[_Stage, ...]:
    from importlib import import_module

    out = []
    for model_mod, cls, feat_mod in _STAGES:
        predictor = getattr(import_module(model_mod), cls).Instance()
        apply = import_module(feat_mod).apply_function
        out.append(_Stage(predictor.model.tag, _compile(predictor.transformer.template, apply)))
    return tuple(out)


def fast_ner(stages: tuple[_Stage, ...], text: str) -> list[tuple[str, str, str, str]]:
    """underthesea's `ner` (word_tokenize -> pos_tag -> chunk -> CRF ner), the same models and features."""
    from underthesea import word_tokenize

    words = word_tokenize(text)
    pos, chunk, ner = stages
    tags = pos.tag(features([(w, "X") for w in words], pos.templates))
    rows = list(zip(words, tags, strict=False))
    tags = chunk.tag(features([(w, p, "X") for w, p in rows], chunk.templates))
    rows3 = [(w, p, c) for (w, p), c in zip(rows, tags, strict=False)]
    tags = ner.tag(features([(*r, "X") for r in rows3], ner.templates))
    return [(*r, t) for r, t in zip(rows3, tags, strict=False)]


# Checked at load against underthesea's own `ner`; any difference (another underthesea) falls back to it.
_PROBE = "Ông Putin ca ngợi những thành tựu vĩ đại của Liên Xô, còn Tổng thư ký NATO Jens Stoltenberg nói."


@cache
def _ner() -> Callable[[str], list[tuple[str, str, str, str]]]:
    """The CRF NER, loaded once per process (downloads are never attempted: CRF ships with underthesea).

    The same models and features as underthesea's `ner`, with the features made in linear time (`features`).
    """
    from underthesea import ner

    try:
        fast = partial(fast_ner, _stages())
        same = fast(_PROBE) == ner(_PROBE)
    except (ImportError, AttributeError, ValueError):
        same = False
    return fast if same else ner


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
            ptext = para.group(0)
            glued = [m.end() for m in _GLUED.finditer(ptext) if _glued_end(ptext, m.start())]
            ends = {m.end() for m in _END.finditer(ptext) if not _initial(ptext, m.end())}
            links = [
                m
                for m in _LINK.finditer(ptext)
                if (m.group(1).isupper() or m.group(1) in '"“')
                and ptext[: m.start()].rstrip()[-1:]
                in ("", ".", "!", "?", '"', "”", ")")  # not "Tổng thống [Recep ...]"
            ]
            rules_at = {i for m in _RULE.finditer(ptext) for i in m.span()}
            rules_at |= {i for m in links for i in (m.start(), m.start(1))}
            headings = {m.start() for m in _heading_re().finditer(ptext)}  # a heading run into a sentence
            cuts = sorted(ends | set(glued) | _credit_ends(ptext) | rules_at | headings) + [len(ptext)]
            prev = 0
            for cut in cuts:
                chunk = para.group(0)[prev:cut]
                lead = len(chunk) - len(chunk.lstrip())
                body = chunk.strip()
                if _RULE.fullmatch(body) or (body.startswith("[") and _LINK.match(body + " X")):
                    prev = cut
                    continue
                s0 = start + prev + lead
                for i, j in pieces(body):
                    out.append(Sentence(len(out), fld, s0 + i, s0 + j, body[i:j]))
                prev = cut
    return tuple(out)


@cache
def _heading_re() -> re.Pattern:
    from core.config import rules

    return re.compile(rules("cleaning")["heading_openers"])


@cache
def _credit_rules() -> tuple[re.Pattern, frozenset[str]]:
    from core.config import rules
    from core.nlp import kb

    r = rules("cleaning")
    outlets = {a for actor in kb.load().actors.values() if actor.media for a in actor.aliases}
    return re.compile(r["glued_credit"]), frozenset(r.get("credit_words", [])) | outlets


def _credit_ends(text: str) -> set[int]:
    """Where a photo credit glued to the next sentence ends (data/cleaning.yaml glued_credit): "Ảnh: AFP/TTXVN
    Theo ông ..." is cut after "AFP/TTXVN", "Ảnh minh họa Hơn 50 ..." after "họa"; a name is left as it is.

    >>> t = "Ảnh: AFP/TTXVN Theo ông Lavrov, Nga sẵn sàng."
    >>> [t[:i] for i in sorted(_credit_ends(t))]
    ['Ảnh: AFP/TTXVN']
    >>> sorted(_credit_ends("Ảnh: Văn Điệp Theo ông Lavrov, Nga sẵn sàng."))
    []
    """
    head, words = _credit_rules()
    out = set()
    for m in head.finditer(text):
        if not m.group(0).rstrip().endswith(":"):
            out.add(m.end())  # "Ảnh minh họa Hơn ...": nothing credited, the sentence starts at once
            continue
        tok = re.match(r"(\S+(?:\s+Images|\s+News)?)\s+(?=[\"“]?[A-ZÀ-ỸĐ])", text[m.end() :])
        if tok is None or tok.group(1)[-1] in ".)":
            continue  # a credit closed by its own mark is cut by it
        word = tok.group(1)
        if "/" in word or (len(word) >= 2 and word.isupper()) or word in words:
            out.add(m.end() + len(word))
    return out


def _initial(text: str, end: int) -> bool:
    """Is the full stop before `end` a middle initial ("George W. Bush", "John F. Kennedy")? A lone capital letter
    before it and a foreign surname after it (no Vietnamese syllable: "anh B. Sau đó" still ends a sentence)."""
    from core.nlp.names import vietnamese_syllable

    # a capital letter alone before the stop, read from the characters there (a search of text[:end] anchored at
    # its end would scan the whole paragraph once per full stop)
    if end < 2 or text[end - 1] != "." or not ("A" <= text[end - 2] <= "Z" or text[end - 2] == "Đ"):
        return False
    if end > 2 and not text[end - 3].isspace():
        return False
    nxt = re.match(r"\s+([A-ZÀ-ỸĐ][\w-]*)", text[end:])
    return bool(nxt) and not vietnamese_syllable(nxt.group(1))


def _glued_end(text: str, i: int) -> bool:
    """Is the mark at `i` the end of a sentence glued to the next ("thành viên.Tổng thống")?"""
    before = re.search(r"(\w+)$", text[:i])
    after = re.match(r"\w+", text[i + 1 :])
    return bool(
        before
        and after
        and before.group(1).isalpha()
        and before.group(1)[-2:].islower()
        and after.group(0)[0].isupper()
        and after.group(0)[1:].islower()
    )


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


def ner_spans(tokens: tuple[Token, ...]) -> list[tuple[int, int, str, bool]]:
    """BIO tags -> (start, end, type, starts_with_proper_noun)."""
    out: list[list] = []
    for t in tokens:
        if t.start < 0:
            continue
        if t.ner.startswith("B-") or (t.ner.startswith("I-") and (not out or out[-1][2] != t.ner[2:])):
            out.append([t.start, t.end, t.ner[2:], t.pos == "Np"])
        elif t.ner.startswith("I-") and out:
            out[-1][1] = t.end
    return [tuple(x) for x in out]


@cache
def _dictionary() -> frozenset[str]:
    """Viet74K, the word list shipped inside underthesea (no download), read as a file: importing
    underthesea.corpus to get it would load ~100 MB of modules a worker never uses."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed: its Vietnamese dictionary (Viet74K) is needed")
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    words = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in words if w.strip() and not w[:1].isupper())


def dictionary_word(text: str) -> bool:
    """Is `text`, lower-cased, a common word of underthesea's Vietnamese dictionary (Viet74K)? Its proper nouns
    (the entries written with a capital) are left out: "Loại", "Tầm", "Truyền thông" are words, "Hà Nội" is not.

    >>> dictionary_word("Loại"), dictionary_word("Truyền thông"), dictionary_word("Stoltenberg")
    (True, True, False)
    """
    return " ".join(text.lower().split()) in _dictionary()
