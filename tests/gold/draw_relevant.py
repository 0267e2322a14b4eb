"""Draw relevant corpus articles for full annotation (statement recall); see tests/gold/README.md.

    python tests/gold/draw_relevant.py --db STORE --seed 2027 --n 10 [--part test|dev] [--write]

Why a second draw script: `draw_corpus.py` samples articles that *name* both sides, half of which are off the
topic. The Generalise issue's "recall with the right speaker on randomly drawn relevant articles" needs the
population the timeline shows, the articles a store built from the whole corpus flags relevant
(`articles.relevant = 1`), so each drawn article brings statements to score.

Candidates: every article of STORE with `relevant = 1` whose origin is a file of ../shared/corpus/baomoi-2017,
minus every article already in tests/gold, by corpus id or by title: the gold files (corpus, seeds, samples:
their input id and title) and the judging sheets under tests/gold/audit and tests/gold/relevance (their
`file` and `title` columns), since those were read while rules were tuned. The sample is
`random.Random(seed).sample(sorted candidate ids, n)`; it prints the ids and their corpus files; without
`--write` nothing is written.

`--write` records, under split.json's "draws", which ids this seed and n drew and for which part (`--part test`,
the default: the frozen part nobody tunes on; `--part dev`: fresh material rule writers may read; a record
without "part" is a test draw). The part is thus fixed at draw time, before anyone reads the articles. The
drawn files whose annotation exists (tests/gold/corpus/<id>.json) go into that part at once; the others are
listed as pending, since a part may list only files on disk (tests/test_quality_gate.py). Re-run the same
command after each committed batch of annotations to add them; a drawn id is never put in the other part.

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


PARTS = ("test", "dev")


def recorded(split: dict, seed: int, n: int) -> list[str]:
    """The ids an earlier `--write` with this seed and n drew (empty if none)."""
    draw = recorded_draw(split, seed, n)
    return list(draw["ids"]) if draw else []


def recorded_draw(split: dict, seed: int, n: int) -> dict | None:
    """The "draws" record of an earlier `--write` with this seed and n, with its part ("test" if unstated)."""
    for draw in split.get("draws", []):
        if draw.get("script") == SCRIPT and draw.get("seed") == seed and draw.get("n") == n:
            return {**draw, "part": draw.get("part", "test")}
    return None


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


def write(split: dict, seed: int, n: int, part: str, drawn: list[str], gold: Path = GOLD) -> list[str]:
    """Record the draw in `split` (in place) and put its annotated files in `part`; return the pending ids.

    Raises ValueError, leaving `split` unchanged, when this seed and n drew other ids or for the other part
    before, or when a drawn file is already in the other part.
    """
    earlier = recorded_draw(split, seed, n)
    if earlier and earlier["ids"] != drawn:
        raise ValueError(f"seed {seed} drew {earlier['ids']} before; not overwritten")
    if earlier and earlier["part"] != part:
        raise ValueError(f"seed {seed} drew these for the {earlier['part']} part; not moved to {part}")
    other = "dev" if part == "test" else "test"
    files = {i: f"tests/gold/corpus/{i}.json" for i in drawn}
    clash = set(files.values()) & set(split[other])
    if clash:
        raise ValueError(f"already in {other}, not moved: {sorted(clash)}")
    done = {f for i, f in files.items() if (gold / "corpus" / f"{i}.json").is_file()}
    # appended in draw order: the files already listed keep their place (split.json is append-only)
    split[part] = split[part] + [files[i] for i in drawn if files[i] in done - set(split[part])]
    if not earlier:
        split.setdefault("draws", []).append(
            {"script": SCRIPT, "seed": seed, "n": n, "part": part, "ids": drawn}
        )
    return [i for i in drawn if files[i] not in done]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store built from the whole corpus")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument(
        "--part",
        choices=PARTS,
        default="test",
        help="the split.json part the drawn files go to (test: frozen, only scored; dev: may be read)",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="record the draw and its part in split.json and put the annotated drawn files in that part",
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
        try:
            pending = write(split, args.seed, args.n, args.part, drawn)
        except ValueError as err:
            print(err, file=sys.stderr)
            return 1
        split_path.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        where = split_path.relative_to(ROOT).as_posix()
        print(f"recorded in {where} ({args.part}); not yet annotated: {' '.join(pending) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
