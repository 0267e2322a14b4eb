"""Draw relevant corpus articles for full annotation (statement recall); see tests/gold/README.md.

    python tests/gold/draw_relevant.py --db STORE --seed 2027 --n 10 [--write]

Why a second draw script: `draw_corpus.py` samples articles that *name* both sides, half of which are off the
topic. The Generalise issue's "recall with the right speaker on randomly drawn relevant articles" needs the
population the timeline shows, the articles a store built from the whole corpus flags relevant
(`articles.relevant = 1`), so each drawn article brings statements to score.

Candidates: every article of STORE with `relevant = 1` whose origin is a file of ../shared/corpus/baomoi-2017,
minus every article already in tests/gold, by corpus id or by title: the gold files (corpus, seeds, samples:
their input id and title) and the judging sheets under tests/gold/audit and tests/gold/relevance (their
`file` and `title` columns), since those were read while rules were tuned. The sample is
`random.Random(seed).sample(sorted candidate ids, n)`; it prints the ids and their corpus files. `--write`
records all of them in split.json's frozen test part (nobody tunes on them) and, under split.json's "draws",
which ids this seed and n drew; without it they are only printed.

Reproducible after annotation: once the drawn articles are annotated they are in tests/gold, so excluding them
would shrink the pool and change the sample. The ids a recorded draw of the same seed and n produced stay in
the pool, so re-running the recorded command on the same store prints the same ids.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import sys
import unicodedata
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "baomoi-2017"
SHEETS = ("audit", "relevance")
SCRIPT = "tests/gold/draw_relevant.py"


def title_key(title: str) -> str:
    """Titles compared as the reader sees them: NFC, case and runs of spaces folded."""
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def gold_articles(gold: Path = GOLD, skip: frozenset[str] = frozenset()) -> tuple[set[str], set[str]]:
    """Corpus ids and title keys of every article already in tests/gold (annotated or judged), but `skip`."""
    ids: set[str] = set()
    titles: set[str] = set()
    for group in ("corpus", "seeds", "samples"):
        for path in (gold / group).glob("*.json"):
            g = json.loads(path.read_text(encoding="utf-8"))
            if Path(g["input"]).stem in skip:
                continue
            ids.add(Path(g["input"]).stem)
            if g.get("title"):
                titles.add(title_key(g["title"]))
    for folder in SHEETS:
        for path in (gold / folder).glob("*.csv"):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    if row.get("file"):
                        ids.add(Path(row["file"]).stem)
                    if row.get("title"):
                        titles.add(title_key(row["title"]))
    return ids, titles


def recorded(split: dict, seed: int, n: int) -> list[str]:
    """The ids an earlier `--write` with this seed and n drew (empty if none)."""
    for draw in split.get("draws", []):
        if draw.get("script") == SCRIPT and draw.get("seed") == seed and draw.get("n") == n:
            return list(draw["ids"])
    return []


def candidates(
    db: Path, corpus: Path = CORPUS, gold: Path = GOLD, keep: frozenset[str] = frozenset()
) -> list[str]:
    """Sorted corpus ids of the store's relevant articles that are not in tests/gold (except `keep`)."""
    gold_ids, gold_titles = gold_articles(gold, skip=keep)
    conn = sqlite3.connect(Path(db).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT a.id, a.title, o.origin FROM articles a JOIN origins o ON o.article_id = a.id "
            "WHERE a.relevant = 1 ORDER BY a.id, o.origin"
        ).fetchall()
    finally:
        conn.close()
    origins: dict[int, list[str]] = {}
    titles: dict[int, str] = {}
    for article_id, title, origin in rows:
        origins.setdefault(article_id, []).append(Path(origin).stem)
        titles[article_id] = title
    out = set()
    for article_id, stems in origins.items():
        # an article seen in several files (same body) is one candidate, under its first corpus file
        files = [s for s in stems if (corpus / f"{s}.txt").is_file()]
        if not files or gold_ids & set(stems) or title_key(titles[article_id]) in gold_titles:
            continue
        first = files[0]
        if title_key((corpus / f"{first}.txt").read_text(encoding="utf-8").split("\n", 1)[0]) in gold_titles:
            continue
        out.add(first)
    return sorted(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store built from the whole corpus")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument(
        "--write", action="store_true", help="record the drawn files in split.json's test part"
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print("../shared/corpus/baomoi-2017 is absent", file=sys.stderr)
        return 2
    if not args.db.is_file():
        print(f"no store at {args.db}", file=sys.stderr)
        return 2
    split_path = GOLD / "split.json"
    split = json.loads(split_path.read_text(encoding="utf-8"))
    pool = candidates(args.db, keep=frozenset(recorded(split, args.seed, args.n)))
    if len(pool) < args.n:
        print(f"only {len(pool)} candidates, cannot draw {args.n}", file=sys.stderr)
        return 1
    drawn = random.Random(args.seed).sample(pool, args.n)
    print(f"{len(pool)} relevant candidates not in tests/gold; drawn with seed {args.seed}:")
    for i in drawn:
        print(f"{i} ../shared/corpus/baomoi-2017/{i}.txt")
    if args.write:
        earlier = recorded(split, args.seed, args.n)
        if earlier and earlier != drawn:
            print(f"seed {args.seed} drew {earlier} before; not overwritten", file=sys.stderr)
            return 1
        new = {f"tests/gold/corpus/{i}.json" for i in drawn}
        clash = new & set(split["dev"])
        if clash:
            print(f"already in dev, not moved: {sorted(clash)}", file=sys.stderr)
            return 1
        split["test"] = sorted(set(split["test"]) | new)
        if not earlier:
            split.setdefault("draws", []).append(
                {"script": SCRIPT, "seed": args.seed, "n": args.n, "ids": drawn}
            )
        split_path.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"recorded in {split_path.relative_to(ROOT).as_posix()} (test)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
