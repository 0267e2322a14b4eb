"""Relevance judged by reading: a blind, seeded sample of flagged and unflagged articles, then the score.

    python tests/gold/relevance/judge.py draw --db STORE --seed 2017 --n 100 --out tests/gold/relevance/
    python tests/gold/relevance/judge.py score tests/gold/relevance/sheet.csv tests/gold/relevance/key.csv

`draw` writes two files: `sheet.csv` for the judge (article id, title, lede, an excerpt: the opening and every
sentence naming a cue; no flag, rows shuffled) and `key.csv` (article id, which sample it came from, the
pipeline's flag and score). Sample "flagged": N articles the store marks relevant. Sample "unflagged": N
articles not marked relevant whose text names Nga, NATO or Putin (the cases a weak gate misses). The judge
fills `judged` (yes/no: does the article concern relations between a NATO-side and a Russia-side actor?) and
`reason`. `score` prints precision on the flagged sample and recall estimated from both samples, scaled to
the populations they were drawn from (articles without any of the cues are taken as not relevant).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sqlite3
import sys
from pathlib import Path

CUE = re.compile(r"\bNga\b|NATO|Putin")


def excerpt(title: str, lede: str, body: str, limit: int = 2500) -> str:
    sentences = re.split(r"(?<=[.!?…])\s+", body or "")
    keep = sentences[:3] + [s for s in sentences[3:] if CUE.search(s)]
    text = " ".join(keep)
    return text if len(text) <= limit else text[:limit] + " …"


def draw(db: Path, seed: int, n: int, out: Path, exclude: tuple[Path, ...] = ()) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT id, title, lede, body, relevant, relevance_score, origin FROM articles"
    ).fetchall()
    seen = set()  # files of earlier sheets: a fresh sample never repeats an article already judged
    for key in exclude:
        with open(key, encoding="utf-8") as fh:
            seen |= {r["file"] for r in csv.DictReader(fh)}
    rows = [r for r in rows if Path(r[6]).name not in seen]
    flagged = [r for r in rows if r[4] == 1]
    unflagged = [r for r in rows if r[4] != 1 and CUE.search(" ".join(filter(None, r[1:4])))]
    rng = random.Random(seed)
    sample = [("flagged", r) for r in rng.sample(flagged, min(n, len(flagged)))]
    sample += [("unflagged", r) for r in rng.sample(unflagged, min(n, len(unflagged)))]
    rng.shuffle(sample)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "sheet.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "title", "lede", "excerpt", "judged", "reason"])
        for _, r in sample:
            w.writerow([r[0], Path(r[6]).name, r[1], r[2], excerpt(r[1], r[2], r[3]), "", ""])
    with open(out / "key.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "file", "sample", "population", "flag", "score"])
        size = {"flagged": len(flagged), "unflagged": len(unflagged)}
        for kind, r in sample:
            w.writerow([r[0], Path(r[6]).name, kind, size[kind], r[4], r[5]])
    print(f"{len(flagged)} flagged, {len(unflagged)} unflagged naming Nga/NATO/Putin; sheet of {len(sample)}")


def score(sheet: Path, key: Path) -> None:
    with open(sheet, encoding="utf-8") as fh:
        judged = {r["file"]: r["judged"].strip().lower() for r in csv.DictReader(fh)}
    with open(key, encoding="utf-8") as fh:
        keys = list(csv.DictReader(fh))
    missing = [k["file"] for k in keys if judged.get(k["file"]) not in ("yes", "no")]
    if missing:
        sys.exit(f"{len(missing)} rows not judged yes/no, e.g. {missing[:3]}")
    fl = [k for k in keys if k["sample"] == "flagged"]
    un = [k for k in keys if k["sample"] == "unflagged"]
    tp = sum(judged[k["file"]] == "yes" for k in fl)
    fn = sum(judged[k["file"]] == "yes" for k in un)
    print(f"flagged sample: {tp}/{len(fl)} truly relevant -> precision {tp / max(1, len(fl)):.2f}")
    print(f"unflagged sample (names Nga/NATO/Putin): {fn}/{len(un)} truly relevant (missed)")
    # Scaled to the populations the samples were drawn from: found = precision x flagged articles, missed =
    # the unflagged sample's relevant share x the unflagged articles naming a cue.
    found = tp / max(1, len(fl)) * int(fl[0]["population"]) if fl else 0
    missed = fn / max(1, len(un)) * int(un[0]["population"]) if un else 0
    print(
        f"estimated recall: {found:.0f} found / ({found:.0f} found + {missed:.0f} missed) = "
        f"{found / max(1e-9, found + missed):.2f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--db", type=Path, required=True)
    d.add_argument("--seed", type=int, default=2017)
    d.add_argument("--n", type=int, default=100)
    d.add_argument("--out", type=Path, default=Path(__file__).parent)
    d.add_argument("--exclude", type=Path, nargs="*", default=(), help="key files of earlier sheets")
    s = sub.add_parser("score")
    s.add_argument("sheet", type=Path)
    s.add_argument("key", type=Path)
    args = ap.parse_args()
    if args.cmd == "draw":
        draw(args.db, args.seed, args.n, args.out, tuple(args.exclude))
    else:
        score(args.sheet, args.key)


if __name__ == "__main__":
    main()
