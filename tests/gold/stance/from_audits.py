"""Turn the judged audit sheets (tests/gold/audit/*.csv) into one stance sheet for training.

    python tests/gold/stance/from_audits.py --db real.db [--out tests/gold/stance/baomoi2017-audits.csv]

An audit row says whether the stored stance was right (`stance_ok`); when it was not, the reader's `note` names
the stance it should have been ("calls media report 'fake': criticism -> conflictual"). So a real statement's
label is the stored stance when judged right, else the one stance the note names besides the stored one, unless
the note names it after "not" ("not cooperative") or names two (those rows are left out and counted).

Training reads a statement as extraction did (`core.nlp.stance.featurize`: verb, span and three readings of the
sentence), so each row is matched, by its article's title and its exact span, to a statement of a store built
from the whole corpus, whose evidence holds those readings and whose article gives the corpus file. Rows with no
such statement in that store are left out and counted.

The labels come from readers who saw the stored stance (an audit asks whether it is right), unlike the stance
sheets labelled blind (seed4001, seed4002): README.md says what that means for the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from core.quality.audit import YES, uncell  # noqa: E402  (the sheet's yes-words and formula guard)
from core.quality.train import CLASSES  # noqa: E402

AUDITS = HERE.parent / "audit"
SYNONYMS = {"supportive": "cooperative"}
_NAMED = re.compile(r"\b(not |no )?(conflictual|cooperative|neutral|supportive)\b")
COLUMNS = (
    "audit_sheet", "statement_id", "corpus_id", "title", "sentence", "speaker_text", "verb", "span",
    "verb_negated", "addressee_other", "names_actor", "stance", "real_statement", "gold_stance", "note",
)  # fmt: skip


def label(row: dict[str, str]) -> tuple[str | None, str]:
    """(the stance a reader gave the statement, how it was read) or (None, why none)."""
    if row["real_statement"].strip().lower() not in YES:
        return None, "not a real statement"
    stored = row["stance"].strip().lower()
    if row["stance_ok"].strip().lower() in YES:
        return (stored, "judged right") if stored in CLASSES else (None, "stored unsure judged right")
    named: dict[str, bool] = {}
    for m in _NAMED.finditer(row["note"].lower()):
        stance = SYNONYMS.get(m.group(2), m.group(2))
        if stance != stored:
            named[stance] = named.get(stance, False) or bool(m.group(1))
    if len(named) == 1:
        ((stance, negated),) = named.items()
        return (None, "note names it after 'not'") if negated else (stance, "named in the note")
    return None, "note names no one other stance" if not named else "note names two stances"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="a store of the whole corpus (python -m core.ingest ...)")
    ap.add_argument("--out", default=str(HERE / "baomoi2017-audits.csv"))
    args = ap.parse_args(argv)
    if not Path(args.db).is_file():
        sys.exit(f"no store at {args.db}")
    con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    by_title: dict[str, list[tuple[int, str]]] = {}
    for aid, title, origin in con.execute("SELECT id, title, origin FROM articles WHERE relevant = 1"):
        by_title.setdefault(title, []).append((aid, Path(origin or "").stem))
    kept, why = [], Counter()
    for sheet in sorted(AUDITS.glob("*.csv")):
        with sheet.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                stance, how = label(row)
                why[how] += 1
                if stance is None:
                    continue
                found = None
                for aid, corpus_id in by_title.get(row["title"], []):
                    hit = con.execute(
                        "SELECT evidence FROM statements WHERE article_id = ? AND text = ? LIMIT 1",
                        (aid, uncell(row["span"])),
                    ).fetchone()
                    if hit:
                        found = (corpus_id, json.loads(hit[0] or "{}"))
                        break
                if found is None:
                    why["no such statement in the store"] += 1
                    continue
                corpus_id, ev = found
                flag = {
                    k: "y" if ev.get(k) else "n" for k in ("verb_negated", "addressee_other", "names_actor")
                }
                kept.append(
                    {
                        "audit_sheet": sheet.name, "statement_id": row["statement_id"], "corpus_id": corpus_id,
                        "title": row["title"], "sentence": row["sentence"], "speaker_text": row["speaker_text"],
                        "verb": row["verb"], "span": row["span"], **flag, "stance": row["stance"],
                        "real_statement": "y", "gold_stance": stance, "note": row["note"],
                    }
                )  # fmt: skip
    with open(args.out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL)
        w.writeheader()
        w.writerows(kept)
    for how, n in sorted(why.items(), key=lambda kv: -kv[1]):
        print(f"{n:5d}  {how}")
    print(f"{len(kept)} rows -> {args.out}; stances {dict(Counter(r['gold_stance'] for r in kept))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
