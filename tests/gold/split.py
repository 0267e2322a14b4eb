"""Draw the dev/test split of the gold set (tests/gold/split.json); see tests/gold/README.md, "Split".

    python tests/gold/split.py --seed 13 [--check]
    python tests/gold/split.py --frozen      # corpus files of the test part: leave them out of any reading

The draw is seeded so anyone can re-derive it: within each group (corpus, samples) and each relevance value,
the files in path order are shuffled with `random.Random(f"{seed}:{group}:{relevant}")` and the first half
(rounded up) goes to dev, the rest to test. The two seeds stay in dev (the team has read them for years).
Stratifying by relevance keeps relevant articles, the ones statements and stance are scored on, on both sides.

A file already in split.json keeps its part: the draw only assigns files that are not yet in it, so adding
annotations never moves an old file between dev and test. New corpus articles drawn by `draw_corpus.py` are
written to split.json by that script at draw time, before they are annotated.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
SPLIT = GOLD / "split.json"
ALWAYS_DEV = ("seeds",)
GROUPS = ("seeds", "corpus", "samples")
PROTOCOL = (
    "dev: may be read and tuned against; test: frozen, only scored (python -m core.quality.evaluate --part test), "
    "never read while writing rules. Existing files: per group and relevance, files in path order shuffled "
    "with random.Random(f'{seed}:{group}:{relevant}'), first half (rounded up) dev; seeds always dev. "
    "Corpus articles added later: drawn and split by tests/gold/draw_corpus.py before annotation. "
    "See tests/gold/README.md."
)


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def load() -> dict:
    if SPLIT.exists():
        return json.loads(SPLIT.read_text(encoding="utf-8"))
    return {"dev": [], "test": [], "seed": None, "protocol": PROTOCOL}


def save(split: dict) -> None:
    split["dev"] = sorted(set(split["dev"]))
    split["test"] = sorted(set(split["test"]))
    SPLIT.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def draw(seed: int, split: dict) -> dict:
    """Assign every gold file not yet in the split; never move an assigned one."""
    assigned = set(split["dev"]) | set(split["test"])
    for group in GROUPS:
        files = [p for p in sorted((GOLD / group).glob("*.json")) if rel(p) not in assigned]
        if group in ALWAYS_DEV:
            split["dev"] += [rel(p) for p in files]
            continue
        for relevant in (True, False):
            stratum = [
                rel(p)
                for p in files
                if bool(json.loads(p.read_text(encoding="utf-8"))["relevant"]) == relevant
            ]
            random.Random(f"{seed}:{group}:{relevant}").shuffle(stratum)
            half = (len(stratum) + 1) // 2
            split["dev"] += stratum[:half]
            split["test"] += stratum[half:]
    if split.get("seed") is None:
        split["seed"] = seed
    split["protocol"] = PROTOCOL
    return split


def check(split: dict) -> list[str]:
    """Problems: a gold file in no part, in both, or a listed file that does not exist."""
    dev, test = set(split["dev"]), set(split["test"])
    on_disk = {rel(p) for g in GROUPS for p in (GOLD / g).glob("*.json")}
    problems = [f"in both parts: {p}" for p in sorted(dev & test)]
    problems += [f"in no part: {p}" for p in sorted(on_disk - dev - test)]
    problems += [f"listed but missing: {p}" for p in sorted((dev | test) - on_disk)]
    return problems


def frozen_inputs(split: dict) -> list[str]:
    """File names of the corpus articles behind the frozen test part and the test-part draws ("21473227.txt"):
    a tool that reads the whole corpus while rules are written (samples of sentences, re-extraction diffs) leaves
    these out, or the frozen part is read after all."""
    inputs = (json.loads((ROOT / p).read_text(encoding="utf-8")).get("input") or "" for p in split["test"])
    names = {Path(i).name for i in inputs if "/corpus/" in i}  # samples' feeds hold records of both parts
    for d in split.get("draws", []):
        if d.get("part", "test") == "test":
            names |= {f"{i}.txt" for i in d["ids"]}
    return sorted(n for n in names if n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--check", action="store_true", help="only report files in no part or in both")
    parser.add_argument(
        "--frozen",
        action="store_true",
        help="print the corpus files of the test part, one per line, and stop",
    )
    args = parser.parse_args(argv)
    split = load()
    if args.frozen:
        print("\n".join(frozen_inputs(split)))
        return 0
    if not args.check:
        split = draw(args.seed, split)
        save(split)
    problems = check(split)
    print(
        "\n".join(problems)
        or f"dev {len(split['dev'])}, test {len(split['test'])}: every gold file in one part"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
