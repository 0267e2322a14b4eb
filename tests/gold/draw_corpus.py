"""Draw corpus articles for new gold annotations; see tests/gold/README.md, "Corpus selection".

    python tests/gold/draw_corpus.py --seed 2017 --n 42 [--write]

Candidates: every ../shared/corpus/baomoi-2017/<id>.txt that names both sides (a NATO-side cue and a
Russia-side cue below, matched case-sensitively on word boundaries), whose id and title are not already in
tests/gold/corpus. The sample is `random.Random(seed).sample(sorted candidate ids, n)`; the first half of the
sample, in draw order, goes to dev and the rest to test. `--write` records the drawn files in split.json
(before they are annotated) and prints the ids; without it the ids are only printed. Re-running with the same
seed on the same corpus gives the same ids.

Country names that are also personal names or pronouns ("Nga", "Mỹ", "Anh", "Pháp", "Đức": "Phương Nga",
"Tuấn Anh", "anh Đức") count only after a lowercase word that is not a form of address ("Tổng thống Nga",
"nước Anh", "phía Mỹ"), or at the start of a line or sentence before a lowercase word ("Nga cảnh báo ...").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent
ROOT = GOLD.parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "baomoi-2017"

NATO_NAMES = (
    "NATO|Hoa Kỳ|Washington|Nhà Trắng|Lầu Năm Góc|Trump|Obama|Tillerson|Mattis|Pence|Nikki Haley|EU|"
    "Liên minh châu Âu|Ba Lan|Estonia|Latvia|Litva|Lithuania|Na Uy|Merkel|Macron|Hollande|Theresa May|"
    "Stoltenberg|London|Berlin|Warsaw|Romania|Montenegro"
)
NATO_COUNTRIES = "Mỹ|Anh|Pháp|Đức"
RUSSIA_NAMES = (
    "Moskva|Mátxcơva|Matxcơva|Mát-xcơ-va|Moscow|Putin|Kremlin|Lavrov|Shoigu|Peskov|Medvedev|Zakharova|"
    "Liên bang Nga|Ryabkov|Grushko"
)
RUSSIA_COUNTRIES = "Nga"
ADDRESS = {
    "ông",
    "bà",
    "anh",
    "chị",
    "em",
    "cô",
    "chú",
    "bác",
    "cháu",
    "con",
    "bé",
    "cụ",
    "cậu",
    "mợ",
    "dì",
    "thím",
}
W = r"[^\W\d_]"  # a letter


def _names(alts: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!{W})(?:{alts})(?!{W})")


def _country(alts: str) -> re.Pattern[str]:
    # after a lowercase word (checked for forms of address below), or line/sentence start before a lowercase word
    return re.compile(
        rf"(?:(?<=\s)(?P<prev>[a-zà-ỹđ]+)\s+(?:{alts})(?!{W}))|(?:(?:^|[.!?:]\s+)(?:{alts})\s+[a-zà-ỹđ])",
        re.MULTILINE,
    )


def _has_country(pattern: re.Pattern[str], text: str) -> bool:
    return any((m.group("prev") or "") not in ADDRESS for m in pattern.finditer(text))


NATO_RE, NATO_C = _names(NATO_NAMES), _country(NATO_COUNTRIES)
RUSSIA_RE, RUSSIA_C = _names(RUSSIA_NAMES), _country(RUSSIA_COUNTRIES)


def names_both_sides(text: str) -> bool:
    nato = bool(NATO_RE.search(text)) or _has_country(NATO_C, text)
    russia = bool(RUSSIA_RE.search(text)) or _has_country(RUSSIA_C, text)
    return nato and russia


def candidates(corpus: Path = CORPUS) -> list[str]:
    gold_ids, gold_titles = set(), set()
    for p in (GOLD / "corpus").glob("*.json"):
        g = json.loads(p.read_text(encoding="utf-8"))
        gold_ids.add(Path(g["input"]).stem)
        gold_titles.add(g["title"].strip())
    out = []
    for path in sorted(corpus.glob("*.txt")):
        if path.stem in gold_ids:
            continue
        text = path.read_text(encoding="utf-8")
        if text.split("\n", 1)[0].strip() in gold_titles:
            continue
        if names_both_sides(text):
            out.append(path.stem)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--n", type=int, default=42)
    parser.add_argument("--write", action="store_true", help="record the drawn files' parts in split.json")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print("../shared/corpus/baomoi-2017 is absent", file=sys.stderr)
        return 2
    pool = candidates()
    drawn = random.Random(args.seed).sample(pool, args.n)
    half = (len(drawn) + 1) // 2
    parts = {"dev": drawn[:half], "test": drawn[half:]}
    print(f"{len(pool)} candidates; drawn with seed {args.seed}:")
    for part, ids in parts.items():
        print(f"{part}: {' '.join(ids)}")
    if args.write:
        split_path = GOLD / "split.json"
        split = json.loads(split_path.read_text(encoding="utf-8"))
        for part, ids in parts.items():
            split[part] = sorted(set(split[part]) | {f"tests/gold/corpus/{i}.json" for i in ids})
        split_path.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
