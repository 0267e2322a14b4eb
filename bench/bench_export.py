"""PNG export cost: a cold render (kaleido starts its Chromium) vs a warm one (the server kept alive by
core.app.export), measured alternately on the same figure so a noisy moment on a shared machine hits both.

    python bench/bench_export.py [--repeat 5]

This is why core.app.export keeps one kaleido server for the process; it was a test once, but wall-clock
comparisons belong here, not in a suite that must not fail at random.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402

from core.app import export  # noqa: E402


def _render() -> float:
    fig = go.Figure(go.Bar(x=["Nga", "Hoa Kỳ", "Đức"], y=[1, 2, 3]))
    fig.update_layout(title="Đối đầu và đối thoại")
    t = time.perf_counter()
    export.png(fig, 400, 300)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="cold/warm pairs to time (default 5)")
    args = ap.parse_args()
    cold, warm = [], []
    for _ in range(args.repeat):
        export.stop()  # not timed: the next render starts a new browser
        cold.append(_render())
        warm.append(_render())
    export.stop()
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"PNG 400x300, median of {args.repeat}: cold {c:.2f} s, warm {w:.3f} s, cold/warm {c / w:.1f}x")
    print(f"reproduce: python bench/bench_export.py --repeat {args.repeat}")


if __name__ == "__main__":
    main()
