"""Full-text search cost: our wrapper (fold the query, safe terms, phrase-then-words tiers) vs the raw FTS5
MATCH it wraps, side by side on the same store and queries.

    python bench/make_store.py --articles 100000 --out bench/out/store_100000.db
    python bench/bench_search.py bench/out/store_100000.db
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core import store  # noqa: E402

QUERIES = [
    "nga", "Liên bang Nga", "lien bang nga", "đối đầu", "doi dau", "Mỹ", "Hà Nội", "Trump", "kinh tế",
    "Stoltenberg Putin",  # no phrase match: ours tries the phrase, then runs the all-words query
]  # fmt: skip


def side_by_side(a, b, repeat: int = 9) -> tuple[float, float]:
    """Median seconds of a and b, run alternately so a noisy moment on a shared machine hits both."""
    ta, tb = [], []
    for _ in range(repeat):
        for fn, times in ((a, ta), (b, tb)):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "store_100000.db"
    conn = store.read_only(path)
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"store: {path.name}, {n} articles")
    print("| query | hits | raw FTS5 ms | ours ms | ratio |")
    print("|---|---|---|---|---|")
    ratios = []
    for q in QUERIES:
        # The raw baseline: the exact MATCH expression our wrapper ends up running, executed directly.
        tiers = store.fts_tiers(q)
        ids = store.fts_search(conn, q)
        used = next(
            (
                m
                for m in tiers
                if conn.execute(
                    "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", [m]
                ).fetchone()
            ),
            tiers[-1],
        )

        def raw(m=used):
            return conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT 1000", [m]
            ).fetchall()

        def ours(q=q):
            return store.fts_search(conn, q)

        raw()
        ours()
        r, o = side_by_side(raw, ours)
        ratios.append(o / r)
        print(f"| {q} | {len(ids)} | {r * 1000:.1f} | {o * 1000:.1f} | {o / r:.2f}x |")
    print(f"median ratio ours/raw: {statistics.median(ratios):.2f}x (goal ≤ 1.5x); max {max(ratios):.2f}x")
    print(f"reproduce: python bench/bench_search.py {path}")


if __name__ == "__main__":
    main()
