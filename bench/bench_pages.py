"""Page render cost at 1k / 10k / 100k articles, side by side in one run (AppTest, caches cleared: a cold
render, what a new filter costs), plus the dashboard server's memory at the largest store.

    for n in 1000 10000 100000; do python bench/make_store.py --articles $n --out bench/out/store_$n.db; done
    python bench/bench_pages.py [--sizes 1000,10000,100000] [--repeat 3] [--rss] [--profile] [--pages timeline]

--profile adds, per page, the queries that cost most at the largest size next to their cost at the smallest:
where a page's time goes as the store grows.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

# name -> (page script, URL query): every page as first opened, plus the views issue 11 added that read more
# than a page's defaults: facets under a filter, a search ranked in tiers, attention over time.
PAGES: dict[str, tuple[str | None, dict[str, str]]] = {
    "overview": (None, {}),
    "overview side=russia": (None, {"side": "russia"}),
    "timeline": ("pages/1_timeline.py", {}),
    "timeline attention": ("pages/1_timeline.py", {"terms": "NATO,Nga", "ents": "Vladimir Putin"}),
    "entities": ("pages/2_entities.py", {}),
    "compare": ("pages/3_compare.py", {}),
    "articles": ("pages/4_articles.py", {}),
    "articles q=đối đầu": ("pages/4_articles.py", {"q": "đối đầu"}),
    "ingest": ("pages/5_ingest.py", {}),
    "review": ("pages/6_review.py", {}),
}


QUERY_TIME: dict[str, float] = {}


def time_queries() -> None:
    """Wrap the dashboard's cached query call (core.app.context.cached, which every `context.q` goes through)
    so a render leaves its per-query seconds in QUERY_TIME, by the query's function name."""
    from core.app import context

    cached = context.cached

    def timed(name, *args, **kwargs):
        t = time.perf_counter()
        try:
            return cached(name, *args, **kwargs)
        finally:
            short = name.rsplit(".", 1)[-1]
            QUERY_TIME[short] = QUERY_TIME.get(short, 0.0) + time.perf_counter() - t

    context.cached = timed

    from core.read import facets

    all_facets = facets.all_facets

    def facets_timed(*args, **kwargs):  # the sidebar's facet counts have their own cache, not context.cached
        t = time.perf_counter()
        try:
            return all_facets(*args, **kwargs)
        finally:
            QUERY_TIME["all_facets"] = QUERY_TIME.get("all_facets", 0.0) + time.perf_counter() - t

    facets.all_facets = facets_timed

    def facet_timed(name, fn):  # and each facet inside it (all_facets looks them up in FUNCTIONS per call)
        def timed_facet(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                key = f"facet_{name}"
                QUERY_TIME[key] = QUERY_TIME.get(key, 0.0) + time.perf_counter() - t

        return timed_facet

    for name, fn in list(facets.FUNCTIONS.items()):
        facets.FUNCTIONS[name] = facet_timed(name, fn)


def render(page: str | None, params: dict[str, str] | None = None) -> float:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    if page is None:
        at.query_params.update(params or {})
        QUERY_TIME.clear()
        t = time.perf_counter()
        at.run()
    else:
        at.run()
        at.switch_page(page)
        at.query_params.clear()
        at.query_params.update(params or {})
        st.cache_data.clear()
        QUERY_TIME.clear()
        t = time.perf_counter()
        at.run()
    elapsed = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return elapsed


def rss_of_server(db: Path) -> float:
    """Start the real server on the store, open every page over HTTP with a headless browser, read its RSS."""
    import psutil
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWS_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            page = browser.new_page()
            for url in ["", "timeline", "entities", "compare", "articles", "ingest", "review"]:
                page.goto(f"http://127.0.0.1:{port}/{url}")
                page.wait_for_selector('[data-testid="stMain"]', timeout=120_000)
                page.wait_for_function(
                    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=300_000
                )
            browser.close()
        return psutil.Process(proc.pid).memory_info().rss / 2**20
    finally:
        proc.terminate()
        proc.wait()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rss", action="store_true", help="also measure the server's RSS at the largest size")
    ap.add_argument("--profile", action="store_true", help="also list the costliest queries of each page")
    ap.add_argument("--top", type=int, default=5, help="queries listed per page with --profile")
    ap.add_argument(
        "--pages", default="", help="only the pages whose name starts with one of these (comma-separated)"
    )
    args = ap.parse_args()
    wanted = tuple(p.strip() for p in args.pages.split(",") if p.strip())
    pages = {k: v for k, v in PAGES.items() if not wanted or k.startswith(wanted)}
    if not pages:
        sys.exit(f"no page name starts with {args.pages!r}; pages: {', '.join(PAGES)}")
    if args.profile:
        time_queries()
    sizes = [int(s) for s in args.sizes.split(",")]
    stores = {n: ROOT / "bench" / "out" / f"store_{n}.db" for n in sizes}
    missing = [str(p) for p in stores.values() if not p.exists()]
    if missing:
        sys.exit("build the stores first (bench/make_store.py): missing " + ", ".join(missing))
    spent: dict[tuple[str, int], dict[str, list[float]]] = {}
    for db in stores.values():
        os.environ["NEWS_DB"] = str(db)
        render(None)  # warm imports and the OS page cache, not Streamlit's caches
    # Sizes alternate within each repeat (1k, 100k, 1k, 100k, ...) rather than one size after the other, so a
    # machine shared with other work slows both sides of a ratio alike.
    runs: dict[tuple[str, int], list[float]] = {}
    for _ in range(args.repeat):
        for name, (page, params) in pages.items():
            for n, db in stores.items():
                os.environ["NEWS_DB"] = str(db)
                runs.setdefault((name, n), []).append(render(page, params))
                for q, sec in QUERY_TIME.items():
                    spent.setdefault((name, n), {}).setdefault(q, []).append(sec)
    times = {k: statistics.median(v) for k, v in runs.items()}
    base = sizes[0]
    print(
        "| page | "
        + " | ".join(f"{n // 1000}k s" for n in sizes)
        + f" | {sizes[-1] // 1000}k / {base // 1000}k |"
    )
    print("|---|" + "---|" * (len(sizes) + 1))
    for name in pages:
        cells = " | ".join(f"{times[(name, n)]:.2f}" for n in sizes)
        print(f"| {name} | {cells} | {times[(name, sizes[-1])] / times[(name, base)]:.2f}x |")
    if args.profile:
        big, small = sizes[-1], sizes[0]
        print(
            f"\nqueries per page, median seconds: {big // 1000}k (and {small // 1000}k); the top {args.top} at"
            f" {big // 1000}k (facet_*: each facet, inside all_facets)"
        )
        for name in pages:
            at_big = {q: statistics.median(v) for q, v in spent.get((name, big), {}).items()}
            at_small = {q: statistics.median(v) for q, v in spent.get((name, small), {}).items()}
            top = sorted(at_big.items(), key=lambda kv: -kv[1])[: args.top]
            total = sum(
                v for q, v in at_big.items() if not q.startswith("facet_")
            )  # facets: inside all_facets
            cells = ", ".join(f"{q} {sec:.2f} ({at_small.get(q, 0):.2f})" for q, sec in top)
            print(f"- {name}: queries {total:.2f} of {times[(name, big)]:.2f} s; {cells}")
    if args.rss:
        print(
            f"dashboard server RSS after every page at {sizes[-1]} articles: {rss_of_server(stores[sizes[-1]]):.0f} MB"
        )
    print(
        f"reproduce: python bench/bench_pages.py --sizes {args.sizes} --repeat {args.repeat}"
        + (" --rss" if args.rss else "")
        + (" --profile" if args.profile else "")
        + (f" --top {args.top}" if args.top != 5 else "")
        + (f" --pages '{args.pages}'" if wanted else "")
    )


if __name__ == "__main__":
    main()
