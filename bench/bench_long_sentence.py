"""One relevant article written as a single sentence, ingested with and without the sentence limit; prints both.

    python bench/bench_long_sentence.py [--kb 50]

underthesea's NER costs grow with the square of a sentence's length; MAX_SENTENCE_CHARS (core/config.py) cuts
longer sentences before NER. Each run is a fresh `python -m core.ingest --workers 1` into its own store (model
load included), so CPU seconds and peak RSS are those of a user's command. The run without the limit takes
minutes at 50 KB (about 200 s of CPU on the project's machine).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CLAUSES = [
    "Tổng thư ký NATO Jens Stoltenberg nói rằng liên minh không muốn đối đầu với Nga",
    "Điện Kremlin cảnh báo sẽ đáp trả việc NATO tăng quân ở Baltic",
    "Bộ trưởng Quốc phòng Nga Sergei Shoigu cho biết",
    "các nước thành viên NATO tại Ba Lan và Litva tăng cường tập trận",
    "ông Putin tuyên bố Moskva sẵn sàng đối thoại",
]

# Replaces the sentence cutter by one that never cuts: the behaviour before MAX_SENTENCE_CHARS.
UNLIMITED = (
    "import sys, core.nlp.tokens; core.nlp.tokens.pieces = lambda text, limit=0: [(0, len(text))] if text else []; "
    "from core.ingest.run import main; sys.exit(main())"
)


def article(kb: int) -> str:
    rng = random.Random(5)
    parts: list[str] = []
    while len(", ".join(parts).encode()) < kb * 1000:
        parts.append(rng.choice(CLAUSES))
    return "NATO và Nga đối thoại\nNgày 4/4, NATO và Nga.\n" + ", ".join(parts) + "\n"


# Runs one command as its only child and prints that child's CPU seconds and peak RSS (KB).
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_utime + r.ru_stime, r.ru_maxrss)"
)


def run(args: list[str], path: Path, db: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of one ingest in a fresh process."""
    t = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, *args, "--quiet", "--workers", "1", "--db", str(db), str(path)]
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    cpu, rss = out.stdout.split()
    return time.perf_counter() - t, float(cpu), int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=50, help="size of the one-sentence article (default 50)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one_sentence.txt"
        path.write_text(article(args.kb), encoding="utf-8")
        limited = run(["-m", "core.ingest.run"], path, Path(tmp) / "limited.db")
        unlimited = run(["-c", UNLIMITED], path, Path(tmp) / "unlimited.db")
    for name, (wall, cpu, rss) in (("with the limit", limited), ("without", unlimited)):
        print(
            f"{args.kb} KB one sentence, {name:14}: {wall:7.1f} s wall, {cpu:7.1f} s CPU, peak RSS {rss:5.0f} MB"
        )
    print(f"CPU ratio without/with: {unlimited[1] / limited[1]:.1f}x")


if __name__ == "__main__":
    main()
