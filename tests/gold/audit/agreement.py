"""How far two blind readings of the same audit sheet agree.

    python tests/gold/audit/agreement.py tests/gold/audit/baomoi2017-seed2056.csv \
        tests/gold/audit/second-reading/baomoi2017-seed2056.csv [more pairs ...]

Each pair is one sheet judged twice by readers who never saw each other's sheet. Printed per field: the share of
rows where both readings say the same y/n (speaker, side and stance only over rows both call a real statement),
and, for stance, the share where both name the same right stance (the stored one when judged right, else the one
the note names). High agreement means an audit's figure measures the pipeline, not the reader.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

FIELDS = ("real_statement", "speaker_ok", "side_ok", "stance_ok")
STANCES = re.compile(r"\b(cooperative|neutral|conflictual)\b")


def read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["statement_id"]: row for row in csv.DictReader(fh)}


def right_stance(row: dict[str, str]) -> str | None:
    """The stance the reader holds right for a real statement, None when the note names none."""
    if row["real_statement"] != "y":
        return None
    if row["stance_ok"] == "y":
        return row["stance"]
    named = STANCES.findall(row["note"])
    return named[-1] if named else None


def agreement(pairs: list[tuple[Path, Path]]) -> tuple[Counter, Counter, Counter]:
    total, same, confusion = Counter(), Counter(), Counter()
    for first_path, second_path in pairs:
        first, second = read(first_path), read(second_path)
        if first.keys() != second.keys():
            raise SystemExit(f"{first_path} and {second_path} do not hold the same statements")
        for sid, a in first.items():
            b = second[sid]
            both_real = a["real_statement"] == b["real_statement"] == "y"
            for field in FIELDS:
                if field == "real_statement" or both_real:
                    total[field] += 1
                    same[field] += a[field] == b[field]
            total["all right"] += 1
            same["all right"] += all(a[f] == "y" for f in FIELDS) == all(b[f] == "y" for f in FIELDS)
            sa, sb = right_stance(a), right_stance(b)
            if sa and sb:
                total["right stance named"] += 1
                same["right stance named"] += sa == sb
                confusion[(sa, sb)] += 1
    return total, same, confusion


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sheets", nargs="+", type=Path, help="first reading, second reading, ... (in pairs)")
    args = ap.parse_args()
    if len(args.sheets) % 2:
        ap.error("give the sheets in pairs: first reading, second reading")
    pairs = list(zip(args.sheets[::2], args.sheets[1::2], strict=True))
    total, same, confusion = agreement(pairs)
    for field in (*FIELDS, "all right", "right stance named"):
        print(f"{field:<20} {same[field] / total[field]:.3f}  ({same[field]}/{total[field]})")
    print("right stance, first reading -> second reading (where they differ):")
    for (a, b), n in sorted(confusion.items()):
        if a != b:
            print(f"  {a} -> {b}: {n}")


if __name__ == "__main__":
    main()
