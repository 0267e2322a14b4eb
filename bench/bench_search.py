"""Full-text search cost: the dashboard's search (core.store.search: fold, safe terms, three tiers with their
counts, one ranked page) vs raw FTS5 answering the same words (one bm25-ranked page of the all-words MATCH,
no counts, no tiers), side by side on the same store and queries. Then the sidebar's facets (core.read.facets):
each facet's query under a few filter sets, the time every page render adds before its cache is warm.

    python bench/make_store.py --articles 20000 --out bench/out/store_20000.db
    python bench/bench_search.py bench/out/store_20000.db

A store built before migration m010 gets it first (core.store.connection.connect), which writes the store.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.read import facets  # noqa: E402
from core.read.filters import Filters  # noqa: E402
from core.store import connection, search  # noqa: E402

QUERIES = [
    "nga", "Nga", "Liên bang Nga", "lien bang nga", "đối đầu", '"đối đầu"', "doi dau", "Mỹ", "Hà Nội", "Trump",
    "kinh tế",
    "Stoltenberg Putin",  # no phrase match: every hit is in the 'words apart' tier
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
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "out" / "store_20000.db"
    connection.connect(path).close()  # apply pending migrations (m010: the accent-keeping index)
    conn = connection.read_only(path)
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    size = search.page_size()
    print(f"store: {path.name}, {n} articles; one page = {size} results")
    print("| query | exact / accents / words apart | raw FTS5 ms | ours ms | ratio |")
    print("|---|---|---|---|---|")
    ratios = []
    for q in QUERIES:
        match = search.parse(q).match_all()

        def raw(m=match):
            return conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?", [m, size]
            ).fetchall()

        def ours(q=q):
            return search.search(conn, q, page=1)

        raw()
        res = ours()
        r, o = side_by_side(raw, ours)
        ratios.append(o / r)
        tiers = " / ".join(f"{c:,}" for c in res.counts)
        print(f"| {q} | {tiers} | {r * 1000:.1f} | {o * 1000:.1f} | {o / r:.2f}x |")
    print(f"median ratio ours/raw: {statistics.median(ratios):.2f}x (goal ≤ 1.5x); max {max(ratios):.2f}x")
    bench_facets(path)
    print(f"reproduce: python bench/bench_search.py {path}")


FACET_FILTERS = {
    "whole store": Filters(),
    "relevant (the default view)": Filters(relevance="relevant"),
    "relevant, side=nato, conflictual": Filters(
        relevance="relevant", sides=("nato",), stances=("conflictual",)
    ),
    "every article matching 'nga'": Filters(q="nga"),
}


def bench_facets(path: Path, repeat: int = 5) -> None:
    print()
    print("| facets under | " + " | ".join(facets.FACETS) + " | all six ms |")
    print("|---|" + "---|" * (len(facets.FACETS) + 1))
    for label, f in FACET_FILTERS.items():
        cells = []
        for name in facets.FACETS:
            fn = facets.FUNCTIONS[name]
            fn(path, f)
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                fn(path, f)
                times.append(time.perf_counter() - t)
            cells.append(statistics.median(times) * 1000)
        print(f"| {label} | " + " | ".join(f"{c:.1f}" for c in cells) + f" | {sum(cells):.0f} |")


if __name__ == "__main__":
    main()
