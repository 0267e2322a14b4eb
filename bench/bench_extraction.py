"""Time `core.nlp.pipeline.extract` against raw underthesea `ner` on the same articles; print ratios.

    python bench/bench_extraction.py [FILES...]   (default: the two seeds, plus corpus articles if present)

Raw = underthesea's own `ner` once per sentence of title, lede and body (our sentence split). Targets: relevant
articles <= 1.25x raw, off-topic articles <= 0.2x raw. Beside it, our NER alone (core.nlp.tokens: the same models
with the features built once per sentence) for what the rest of the pipeline costs on top of it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.models import Article  # noqa: E402
from core.nlp.pipeline import extract  # noqa: E402
from core.nlp.tokens import _ner, split_sentences  # noqa: E402
from core.text.parse import iter_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"
# A few corpus ids: NATO–Russia stories and off-topic ones (domestic news, sport).
CORPUS_IDS = ("22573881", "22756342", "22599407", "22716966", "21471826", "22642630", "22220861", "22278613")


def _articles(paths: list[Path]) -> list[Article]:
    out = []
    for p in paths:
        out.extend(a for a in iter_file(p) if isinstance(a, Article))
    return out


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [
        ROOT / "data/samples/000_7b4ea69412d6c94b.txt",
        ROOT / "data/samples/002_0d6bd8a7f6ecae34.txt",
        *[CORPUS / f"{i}.txt" for i in CORPUS_IDS if (CORPUS / f"{i}.txt").exists()],
    ]
    from underthesea import ner as raw_ner

    ner = _ner()
    extract(_articles(paths[:1])[0])  # warm caches (rules, KB, model)
    rel, off = [], []
    print(
        f"{'article':28}{'relevant':>9}{'sents':>7}{'raw ner s':>11}{'our ner s':>11}{'pipeline s':>12}{'ratio':>8}"
    )
    for a in _articles(paths):
        sents = split_sentences(a)
        raw = _best(lambda sents=sents: [raw_ner(s.text) for s in sents])
        fast = _best(lambda sents=sents: [ner(s.text) for s in sents])
        ours = _best(lambda a=a: extract(a))
        relevant = extract(a).relevant
        ratio = ours / raw if raw else float("nan")
        (rel if relevant else off).append(ratio)
        name = Path(a.origin).name[:26]
        print(f"{name:28}{relevant!s:>9}{len(sents):7d}{raw:11.3f}{fast:11.3f}{ours:12.3f}{ratio:8.2f}")
    if rel:
        print(f"relevant: median ratio {statistics.median(rel):.2f}, max {max(rel):.2f} (target <= 1.25)")
    if off:
        print(f"off-topic: median ratio {statistics.median(off):.2f}, max {max(off):.2f} (target <= 0.20)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
