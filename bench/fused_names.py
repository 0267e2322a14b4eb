"""Person names that carry words of a title, a country or an outlet before them ("Philippines Rodrigo Duterte",
"Tư pháp Sessions", "NSA Michael Rogers", "Trang Strategy Page"), counted in a store and, with --rerun, in a
fresh entity extraction of the same articles by the code as it is now.

    python bench/fused_names.py --db STORE [--rerun] [--show]

A name is counted as fused when its first words (leaving at least one) are a place or organisation of the
knowledge file ("kb"), a country name of CLDR in Vietnamese or English ("country"), a head noun of an
organisation, place or title of data/entity_rules.yaml ("head"), an acronym before two more words
("acronym"), or when it holds a lower-case word that is no name particle ("lower"). The classes overlap; the
total counts each name once. The store is opened read-only.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlite_utils  # noqa: E402
from babel import Locale  # noqa: E402

from core.nlp import kb as kbmod  # noqa: E402
from core.nlp.names import entity_rules  # noqa: E402
from core.text.textnorm import fold  # noqa: E402

PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "dos",
    "del",
}


def _countries() -> frozenset[str]:
    names = set()
    for loc in ("vi", "en"):
        names |= {fold(v) for k, v in Locale(loc).territories.items() if not k.isdigit()}
    return frozenset(names)


def fused(name: str, countries: frozenset[str]) -> set[str]:
    """The classes of fusion a PER name shows (empty: a clean name)."""
    words = name.split()
    if len(words) < 2:
        return set()
    k, er = kbmod.load(), entity_rules()
    heads = set(er.org_heads) | set(er.loc_heads) | set(er.titles)
    out = set()
    for n in range(1, min(3, len(words) - 1) + 1):
        prefix = " ".join(words[:n])
        actor = k.lookup(prefix)
        if actor is not None and actor.type in ("LOC", "ORG"):
            out.add("kb")
        if fold(prefix) in countries:
            out.add("country")
        if fold(prefix) in heads:
            out.add("head")
    if len(words) >= 3 and len(words[0]) >= 2 and words[0][:2].isupper() and words[0].isalpha():
        out.add("acronym")
    if any(
        w[:1].islower() and w.lower() not in PARTICLES and not w.startswith(("al-", "el-")) for w in words
    ):
        out.add("lower")
    return out


def _report(label: str, names: set[str], countries: frozenset[str], show: bool) -> dict[str, set[str]]:
    classes: dict[str, set[str]] = {}
    for n in names:
        for c in fused(n, countries):
            classes.setdefault(c, set()).add(n)
    total = set().union(*classes.values()) if classes else set()
    line = ", ".join(f"{c} {len(v)}" for c, v in sorted(classes.items()))
    print(f"{label}: {len(names)} distinct PER names, fused {len(total)} ({line})")
    if show:
        for n in sorted(total):
            print("   ", n, sorted(fused(n, countries)))
    return classes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, type=Path)
    ap.add_argument("--rerun", action="store_true", help="re-extract the entities of the relevant articles")
    ap.add_argument("--show", action="store_true", help="list the fused names")
    args = ap.parse_args()
    db = sqlite_utils.Database(sqlite3.connect(f"file:{args.db}?mode=ro", uri=True))
    countries = _countries()
    stored = {r[0] for r in db.execute("SELECT name FROM entities WHERE type = 'PER'")}
    _report("store", stored, countries, args.show)
    if not args.rerun:
        return
    from core.nlp.pipeline import run
    from core.store.db import load_article

    ids = [r[0] for r in db.execute("SELECT id FROM articles WHERE relevant = 1 ORDER BY id")]
    fresh: Counter[str] = Counter()
    for aid in ids:
        doc = run(load_article(db, aid), upto="entities")
        fresh.update({m.entity.name for m in doc.mentions if m.entity.type == "PER"})
    _report(f"re-extracted ({len(ids)} relevant articles)", set(fresh), countries, args.show)


if __name__ == "__main__":
    main()
