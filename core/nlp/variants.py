"""Variants and misspellings of one person's name joined into one ("Theressa May" -> Theresa May, "Borell" ->
Josep Borrell, "Skripal" -> Sergei Skripal): comparison keys with transliteration rewrites and a bounded edit
distance (data/entity_rules.yaml `name_variants`), and the knowledge file's person a spelling belongs to. Split
from core.nlp.names (what a name looks like and which type it has) by role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz.distance import Levenshtein

from core.config import rules
from core.nlp import kb as kbmod
from core.text.textnorm import fold


@dataclass(frozen=True)
class VariantRules:
    rewrites: tuple[tuple[str, str], ...]
    min_chars: int
    edits: tuple[tuple[int, int], ...]  # (from key length, max edits), ascending
    lone_min_chars: int


@cache
def variant_rules() -> VariantRules:
    r = rules("entity_rules")["name_variants"]
    edits = tuple(sorted((int(e["from"]), int(e["max"])) for e in r["edits"]))
    return VariantRules(
        tuple((str(a), str(b)) for a, b in r["rewrites"]),
        int(r["min_chars"]),
        edits,
        int(r["lone_min_chars"]),
    )


_NOT_LETTER = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")


def name_key(word: str) -> str:
    """One word's comparison key: folded, letters only, transliteration rewrites, doubled letters collapsed.

    >>> name_key("Borrell"), name_key("Theressa"), name_key("Sergey"), name_key("Xét-xừn")
    ('borel', 'theresa', 'sergei', 'ksetksun')
    """
    key = _NOT_LETTER.sub("", fold(word))
    for a, b in variant_rules().rewrites:
        key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key)


def name_keys(name: str) -> tuple[str, ...]:
    return tuple(k for k in (name_key(w) for w in name.split()) if k)


_INITIAL = re.compile(r"\w\.")


def _split(
    name: str,
) -> list[str]:  # an initial glued to the next word set apart: "A.Blin-ken", "George W.Bush"
    return re.sub(r"(?<!\w)(\w)\.(?=\w)", r"\1. ", name).split()


def _words(name: str) -> tuple[str, ...]:
    """The words that spell a name, an initial glued to the next word set apart ("A.Blin-ken" as "A. Blin-ken"),
    no middle initial: "Lindsey O. Graham" is "Lindsey Graham"."""
    ws = _split(name)
    return tuple(
        w for i, w in enumerate(ws) if name_key(w) and not (0 < i < len(ws) - 1 and _INITIAL.fullmatch(w))
    )


def _same_words(wa: tuple[str, ...], wb: tuple[str, ...], lone: int | None = None) -> bool:
    """_same_keys over words, except that two accented spellings differing only in their marks are two
    words: Vietnamese tones and vowels make "Tống" and "Tổng" different, while "Marković"/"Markovic" agree."""
    if len(wa) != len(wb):
        return False
    rest = []
    for a, b in zip(wa, wb, strict=True):
        if _INITIAL.fullmatch(a) or _INITIAL.fullmatch(b):
            if fold(a)[0] != fold(b)[0]:
                return False
            continue  # an initial agrees with a name of its letter: Nhân Dân's "A. Blin-ken" is Antony Blinken
        if a.lower() != b.lower() and not a.isascii() and not b.isascii() and fold(a) == fold(b):
            return False
        rest.append((name_key(a), name_key(b)))
    shared = len(rest) < len(wa)  # an agreeing initial is a shared word ("Đ.Pét-xcốp" and "Đ.Pê-xcốp")
    return bool(rest) and _same_keys(tuple(a for a, _ in rest), tuple(b for _, b in rest), lone, shared)


def _word_close(a: str, b: str, vr: VariantRules) -> bool:
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if a[0] != b[0] or shorter < vr.min_chars:
        return False
    allowed = max(m for f, m in vr.edits if shorter >= f)
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def _same_keys(
    ka: tuple[str, ...], kb: tuple[str, ...], lone: int | None = None, shared: bool = False
) -> bool:
    vr = variant_rules()
    if not ka or len(ka) != len(kb) or not all(_word_close(a, b, vr) for a, b in zip(ka, kb, strict=True)):
        return False
    if shared or any(a == b for a, b in zip(ka, kb, strict=True)):
        return True  # a shared word: the surname ("Theressa May") or the given name ("Josep Borell")
    return len(ka) == 1 and min(len(ka[0]), len(kb[0])) >= (vr.lone_min_chars if lone is None else lone)


def same_person(a: str, b: str) -> bool:
    """Whether two person names are spellings of one name (rules in data/entity_rules.yaml, name_variants).

    >>> same_person("Theressa May", "Theresa May"), same_person("Borell", "Borrell")
    (True, True)
    >>> same_person("Boris Johnson", "Boris Jordan"), same_person("Kim", "Kin")
    (False, False)
    >>> same_person("Tống", "Tổng"), same_person("Marković", "Markovic")
    (False, True)
    >>> same_person("A.Blin-ken", "Antony Blinken"), same_person("A. Blinken", "Sergei Blinken")
    (True, False)
    >>> same_person("George W.Bush", "George H. W. Bush"), same_person("George W.Bush", "George Bush")
    (False, True)
    """
    ia, ib = _middle_initials(a), _middle_initials(b)
    return not (ia and ib and ia != ib) and _same_words(_words(a), _words(b))


def _middle_initials(name: str) -> tuple[str, ...]:
    ws = _split(name)
    return tuple(fold(w)[0] for w in ws[1:-1] if _INITIAL.fullmatch(w))


def short_form_of(short: str, full: str) -> bool:
    """`short` is the last words of `full`, up to spelling: "Borell" of "Josep Borrell". The full name beside it
    vouches for a surname of any length that `name_variants` lets differ ("Tsevetov" of "Piotr Tsvetov"), where a
    lone name compared with another needs `lone_min_chars`.

    >>> short_form_of("Borell", "Josep Borrell"), short_form_of("Josep", "Josep Borrell")
    (True, False)
    >>> short_form_of("Tsevetov", "Piotr Tsvetov"), short_form_of("Lavrov", "Sergei Ryabkov")
    (True, False)
    """
    ws, wf = _words(short), _words(full)
    return 0 < len(ws) < len(wf) and _same_words(ws, wf[-len(ws) :], lone=variant_rules().min_chars)


@cache
def _kb_people() -> dict[tuple[int, str], tuple[tuple[tuple[str, ...], str], ...]]:
    """Person aliases of the knowledge file as words, bucketed by word count and first letter of the last word
    (variants share both), so a lookup compares a handful of names."""
    k = kbmod.load()
    buckets: dict[tuple[int, str], list[tuple[tuple[str, ...], str]]] = {}
    for actor in k.actors.values():
        if actor.type != "PER":
            continue
        for alias in actor.aliases:
            words = _words(alias)
            if words:
                buckets.setdefault((len(words), name_key(words[-1])[0]), []).append((words, actor.id))
    return {b: tuple(dict.fromkeys(v)) for b, v in buckets.items()}


def kb_variant(name: str) -> kbmod.Actor | None:
    """The knowledge file's person whose alias this name is a spelling of ("Theressa May" -> Theresa May);
    None when there is none or more than one."""
    words = _words(name)
    if not words:
        return None
    bucket = _kb_people().get((len(words), name_key(words[-1])[0]), ())
    hits = {aid for wa, aid in bucket if _same_words(words, wa)}
    return kbmod.load().actor(hits.pop()) if len(hits) == 1 else None
