"""Draw a blind sheet to check what the statement check (core.nlp.realness) drops.

    python tests/gold/audit/realness-check/draw.py --db STORE --seed 7 --n 40 --out DIR [--exclude OLD_SHEET...]

Every relevant article of STORE (a whole-corpus store) is extracted again by the current code without the check,
each statement gets the check's probability, and N statements the check drops and N it keeps are drawn with
`random.Random(seed)` (statements in article-id order, then extraction order; none whose title, sentence and span
a sheet given to `--exclude` shows), shuffled together. The sheet
(`DIR/<store>-seed<S>-sheet.csv`) shows each row's article title, sentence with neighbours, speaker and span, with
`real_statement` and `note` left to a reader who follows JUDGING.md's `real_statement` section; the key
(`...-key.csv`) says which rows were dropped, and stays away from the reader. `--score SHEET KEY` prints the share
of real statements among the dropped and the kept rows.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT))

from core.ingest.parallel import records  # noqa: E402
from core.nlp import realness as realmod  # noqa: E402
from core.nlp.pipeline import COMPONENTS, run  # noqa: E402
from core.text import meta as metamod  # noqa: E402

SIDECAR = ROOT.parent / "shared" / "corpus" / "baomoi-2017.crawled.csv"


def candidates(db: Path) -> list[dict]:
    model = realmod.load_model()
    if model is None:
        raise SystemExit("no data/statement_model.json: nothing is dropped")
    sidecar = metamod.load_sidecar(SIDECAR) if SIDECAR.exists() else {}
    components = tuple(c for c in COMPONENTS if c.name != "realness")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = []
    for (origin,) in con.execute("SELECT origin FROM articles WHERE relevant = 1 ORDER BY id"):
        path = Path(origin) if Path(origin).is_absolute() else ROOT / origin
        for rec in records(path, origin, metamod.for_file(sidecar, path) if sidecar else None):
            doc = run(rec, components=components)
            texts = {s.idx: s.text for s in doc.sentences}
            for st, _, keep in realmod.verdicts(model, doc.statements, texts, rec.title):
                out.append(
                    {
                        "title": rec.title,
                        "before": texts.get(st.sentence - 1, ""),
                        "sentence": texts.get(st.sentence, ""),
                        "after": texts.get(st.sentence + 1, ""),
                        "speaker": st.speaker.name if st.speaker else "",
                        "speaker_text": st.speaker_text,
                        "verb": st.verb,
                        "span": st.text,
                        "fate": "kept" if keep else "dropped",
                    }
                )
    return out


def _judged(paths: list[Path]) -> set[tuple[str, str, str]]:
    return {
        (r["title"], r["sentence"], r["span"])
        for p in paths
        for r in csv.DictReader(p.open(encoding="utf-8-sig"))
    }


def draw(db: Path, seed: int, n: int, out: Path, exclude: list[Path] | None = None) -> tuple[Path, Path]:
    seen = _judged(exclude or [])
    rows = [r for r in candidates(db) if (r["title"], r["sentence"], r["span"]) not in seen]
    rng = random.Random(seed)
    mix = rng.sample([r for r in rows if r["fate"] == "dropped"], n) + rng.sample(
        [r for r in rows if r["fate"] == "kept"], n
    )
    rng.shuffle(mix)
    out.mkdir(parents=True, exist_ok=True)
    sheet, key = out / f"{db.stem}-seed{seed}-sheet.csv", out / f"{db.stem}-seed{seed}-key.csv"
    cols = ["row", "title", "before", "sentence", "after", "speaker", "speaker_text", "verb", "span"]
    with (
        sheet.open("w", newline="", encoding="utf-8-sig") as f,
        key.open("w", newline="", encoding="utf-8") as k,
    ):
        w, kw = csv.writer(f, quoting=csv.QUOTE_ALL), csv.writer(k)
        w.writerow([*cols, "real_statement", "note"])
        kw.writerow(["row", "fate"])
        for i, r in enumerate(mix, 1):
            w.writerow([i, *(r[c] for c in cols[1:]), "", ""])
            kw.writerow([i, r["fate"]])
    return sheet, key


def score(sheet: Path, key: Path) -> Counter:
    fate = {r["row"]: r["fate"] for r in csv.DictReader(key.open(encoding="utf-8"))}
    return Counter(
        (fate[r["row"]], r["real_statement"].strip().lower())
        for r in csv.DictReader(sheet.open(encoding="utf-8-sig"))
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--out", type=Path, default=Path("."))
    ap.add_argument("--score", nargs=2, type=Path, metavar=("SHEET", "KEY"))
    ap.add_argument(
        "--exclude", nargs="*", type=Path, default=[], help="sheets whose rows are never drawn again"
    )
    args = ap.parse_args()
    if args.score:
        c = score(*args.score)
        for fate in ("dropped", "kept"):
            n = c[(fate, "y")] + c[(fate, "n")]
            print(f"{fate}: {c[(fate, 'y')]} of {n} real ({c[(fate, 'y')] / max(1, n):.2f})")
        return 0
    if args.db is None:
        ap.error("--db is required to draw")
    print(*draw(args.db, args.seed, args.n, args.out, args.exclude), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
