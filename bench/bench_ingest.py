"""Ingest throughput, side by side in one run: parse-only articles/s, and 1 vs N workers end to end.

    python bench/bench_ingest.py [--files 3000] [--nlp-files 120] [--workers 2]

Inputs: ../shared/corpus/baomoi-2017 (skipped cleanly when absent: the samples stand in, fewer files).
Prints a table of ratios and rates; no wall-clock goal is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.ingest.run import ingest_paths  # noqa: E402
from core.store import connection  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"


def pick(n: int, prefer_nato: bool = False) -> list[Path]:
    if not CORPUS.is_dir():
        print("shared corpus absent: using data/samples", file=sys.stderr)
        return sorted((ROOT / "data" / "samples").glob("*.txt"))[:n]
    files = sorted(CORPUS.glob("*.txt"))
    if prefer_nato:
        hits = [f for f in files if "NATO" in f.read_text(encoding="utf-8")]
        rest = [f for f in files if f not in set(hits)]
        files = hits[: n // 2] + rest[: n - min(len(hits), n // 2)]
    return files[:n]


def timed_ingest(files: list[Path], **kw) -> tuple[float, int]:
    tmp = Path(tempfile.mkdtemp())
    try:
        db = connection.connect(tmp / "b.db")
        t = time.perf_counter()
        summary = ingest_paths(files, db, progress=False, **kw)
        elapsed = time.perf_counter() - t
        db.close()
        return elapsed, summary.new + summary.duplicate
    finally:
        shutil.rmtree(tmp)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--nlp-files", type=int, default=120)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    files = pick(args.files)
    t1, n1 = timed_ingest(files, nlp=False, workers=1)
    tn, nn = timed_ingest(files, nlp=False, workers=args.workers)
    nlp_files = pick(args.nlp_files, prefer_nato=True)
    e1, _ = timed_ingest(nlp_files, nlp=True, workers=1)
    en, _ = timed_ingest(nlp_files, nlp=True, workers=args.workers)

    print(f"machine: {os.cpu_count()} cores; workers={args.workers}")
    print("| measure | value |")
    print("|---|---|")
    print(f"| parse-only, 1 process (articles/s, {n1} articles) | {n1 / t1:.0f} |")
    print(f"| parse-only, {args.workers} workers (articles/s) | {nn / tn:.0f} |")
    print(f"| parse-only speed-up {args.workers} vs 1 | {t1 / tn:.2f}x |")
    print(
        f"| end to end with extraction, {len(nlp_files)} files: {args.workers} workers vs 1 | {e1 / en:.2f}x |"
    )
    print(f"| end to end with extraction, 1 process (articles/s) | {len(nlp_files) / e1:.1f} |")
    print(f"reproduce: python bench/bench_ingest.py --files {args.files} --nlp-files {args.nlp_files}")


if __name__ == "__main__":
    main()
