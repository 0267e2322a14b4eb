"""Re-flag the judged sheets' articles with the current rules and score them against the human judgements.

    python tests/gold/relevance/reflag.py                 # every judged sheet in this folder
    python tests/gold/relevance/reflag.py --show fp fn    # and list the errors (dev material only)
    python tests/gold/relevance/reflag.py --sweep         # pooled P/R for a grid of the "about" gate's values

No store rebuild: each sheet article is read from `../shared/corpus/baomoi-2017` and judged on the cheap path
the pipeline uses (knowledge-file mentions, `drop_unanchored`, `judge`). The two samples of a sheet were drawn
from different populations (flagged / unflagged-naming-a-cue at draw time), so every row is weighted by its
population over its sample size; precision and recall are then estimates for the whole corpus, comparable with
`judge.py score` (with the rules of the draw they give the same figures). `--gold-dev` also prints the relevance
accuracy of the dev part of tests/gold (the same cheap-path verdict `python -m core.quality.evaluate --part dev`
scores, without NER); the test part is never read here.

`judge` decides with data/relevance.yaml `method`. With the learned model (the default) these figures are in
sample: it was trained on these very sheets. Its honest figures are out of sheet, in
data/relevance_model_metrics.json (`python -m core.quality.relevance_train`); `NEWS_RELEVANCE=rules` scores the
rules alone here, and `--sweep` always varies the rules.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from core.nlp.entities import find_mentions  # noqa: E402
from core.nlp.relevance import Relevance, drop_unanchored, judge  # noqa: E402
from core.nlp.tokens import split_sentences  # noqa: E402
from core.quality.relevance_train import prepared  # noqa: E402
from core.text import meta as metamod  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "baomoi-2017"
SIDECAR = ROOT / ".." / "shared" / "corpus" / "baomoi-2017.crawled.csv"


@dataclass(frozen=True)
class Row:
    file: str
    sample: str  # flagged | unflagged (at draw time)
    weight: float  # population / sample size
    truth: bool  # the readers' judgement
    old: bool  # the flag at draw time
    new: Relevance
    title: str


def verdict(path: Path, sidecar: dict[str, metamod.FileMeta] | None = None) -> Relevance:
    """The cheap-path verdict on one corpus file, its date completed from the crawl sidecar as ingest does
    (core.ingest.parallel.records): a country's side depends on the article's date (core.nlp.membership)."""
    return judge(*prepared(path, sidecar))


def rows(
    sheet: Path,
    key: Path,
    corpus: Path = CORPUS,
    sidecar: dict[str, metamod.FileMeta] | None = None,
    kept: dict[str, tuple] | None = None,
) -> list[Row]:
    """The sheet's rows re-flagged; `kept` (file -> judge's inputs) is filled when given, for a sweep."""
    with open(sheet, encoding="utf-8") as fh:
        judged = {r["file"]: r for r in csv.DictReader(fh)}
    with open(key, encoding="utf-8") as fh:
        keys = list(csv.DictReader(fh))
    size = {s: sum(k["sample"] == s for k in keys) for s in {k["sample"] for k in keys}}
    out = []
    for k in keys:
        j = judged[k["file"]]
        out.append(
            Row(
                k["file"],
                k["sample"],
                int(k["population"]) / size[k["sample"]],
                j["judged"].strip().lower() == "yes",
                k["flag"] == "1",
                _judged(corpus / k["file"], sidecar, kept),
                j["title"],
            )
        )
    return out


def figures(rs: list[Row]) -> dict[str, float]:
    """Weighted precision and recall of the new flags, and the plain counts on the flagged sample."""
    tp = sum(r.weight for r in rs if r.new.relevant and r.truth)
    fp = sum(r.weight for r in rs if r.new.relevant and not r.truth)
    fn = sum(r.weight for r in rs if not r.new.relevant and r.truth)
    flagged = [r for r in rs if r.sample == "flagged"]
    return {
        "precision": tp / max(1e-9, tp + fp),
        "recall": tp / max(1e-9, tp + fn),
        "kept": sum(r.new.relevant for r in flagged),
        "kept_true": sum(r.new.relevant and r.truth for r in flagged),
        "dropped_true": sum(not r.new.relevant and r.truth for r in flagged),
        "unflagged_now": sum(r.new.relevant for r in rs if r.sample == "unflagged"),
    }


def _judged(
    path: Path, sidecar: dict[str, metamod.FileMeta] | None, kept: dict[str, tuple] | None
) -> Relevance:
    inputs = prepared(path, sidecar)
    if kept is not None:
        kept[path.name] = inputs
    return judge(*inputs)


# A small grid of the gate's values (any field of core.nlp.relevance.Rules can be set), each a change to the yaml.
GRID: tuple[dict, ...] = (
    {},  # data/relevance.yaml as it stands
    {"min_relations": 1},  # the gate off
    {"min_relations": 2},
    {
        "min_relations": 2,
        "min_share": 1.0,
        "lead_score": 0.0,
        "core_is_about": False,
    },  # 2, or 1 in title/lede
    {"min_relations": 2, "min_share": 1.0, "lead_score": 3.0},
    {"min_relations": 3, "lead_score": 4.0},
    {"min_relations": 3, "min_share": 0.10},
    {"min_relations": 3, "min_share": 0.10, "lead_weight": 1.0},
    {"min_relations": 3, "min_share": 0.20},
    {"min_relations": 3, "core_is_about": False},
    {"min_relations": 3, "list_recurs": 3},
    {"min_relations": 4, "min_share": 0.10, "lead_weight": 1.0},
    {"min_score": 3.0},
)


def sweep(
    grid: tuple[dict, ...], corpus: Path, sidecar: dict[str, metamod.FileMeta] | None, with_dev: bool
) -> None:
    """Pooled P/R (and per sheet) for each setting of the gate: the mentions are found once, `judge` re-run
    with the rules replaced (dataclasses.replace on load_rules()), so the grid costs seconds, not a re-read."""
    import dataclasses

    from core.nlp import relevance as rel
    from core.quality.evaluate import load_input

    original = rel.load_rules
    base = original()
    cached: list[tuple[str, Row, tuple]] = []
    for sheet, key in sheets():
        kept: dict[str, tuple] = {}
        for r in rows(sheet, key, corpus, sidecar, kept):
            cached.append((sheet.name.split("-")[1], r, kept[r.file]))
    dev: list[tuple[bool, tuple]] = []
    if with_dev:
        split = json.loads((ROOT / "tests" / "gold" / "split.json").read_text(encoding="utf-8"))
        for path in split["dev"]:
            gold = json.loads((ROOT / path).read_text(encoding="utf-8"))
            article = load_input(gold, ROOT)
            if article is not None:
                sentences = split_sentences(article)
                ms = drop_unanchored(find_mentions(article, sentences, None), sentences)
                dev.append((bool(gold["relevant"]), (ms, sentences, None)))
    seeds = sorted({s for s, _, _ in cached})
    print("| setting | " + " | ".join(f"{s} P/R" for s in seeds) + " | pooled P | pooled R | gold dev |")
    print("|---|" + "---|" * (len(seeds) + 3))
    try:
        for change in grid:
            rules = dataclasses.replace(base, **change)
            rel.load_rules = lambda rules=rules: rules  # judge and _relations read the module global
            judged = [dataclasses.replace(r, new=rel.judge(*p)) for _, r, p in cached]
            per = [
                figures([j for (s, _, _), j in zip(cached, judged, strict=True) if s == seed])
                for seed in seeds
            ]
            f = figures(judged)
            acc = sum(rel.judge(*p).relevant == t for t, p in dev) / max(1, len(dev))
            name = ", ".join(f"{k}={v}" for k, v in change.items()) or "current yaml"
            cells = " | ".join(f"{x['precision']:.3f}/{x['recall']:.3f}" for x in per)
            print(f"| {name} | {cells} | {f['precision']:.3f} | {f['recall']:.3f} | {acc:.3f} |", flush=True)
    finally:
        rel.load_rules = original


def sheets(folder: Path = HERE) -> list[tuple[Path, Path]]:
    return [(s, s.with_name(s.name.replace("-sheet", "-key"))) for s in sorted(folder.glob("*-sheet.csv"))]


def gold_dev(root: Path = ROOT) -> tuple[int, int, list[str]]:
    """Right verdicts, articles and the wrong ones (title) on the dev part of tests/gold whose input is present."""
    from core.quality.evaluate import load_input

    split = json.loads((root / "tests" / "gold" / "split.json").read_text(encoding="utf-8"))
    ok, n, wrong = 0, 0, []
    for rel in split["dev"]:
        gold = json.loads((root / rel).read_text(encoding="utf-8"))
        article = load_input(gold, root)
        if article is None:
            continue
        sentences = split_sentences(article)
        got = judge(drop_unanchored(find_mentions(article, sentences, None), sentences), sentences)
        n += 1
        if got.relevant == bool(gold["relevant"]):
            ok += 1
        else:
            wrong.append(
                f"{'FN' if gold['relevant'] else 'FP'} score={got.score} {gold.get('title', rel)[:80]}"
            )
    return ok, n, wrong


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", nargs="*", default=(), choices=("fp", "fn", "tp"), help="list these rows")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--meta", type=Path, default=SIDECAR, help="crawl sidecar (ingest's --meta); absent: none"
    )
    ap.add_argument("--gold-dev", action="store_true", help="and the dev part of tests/gold (relevance only)")
    ap.add_argument("--sweep", action="store_true", help="pooled P/R over a grid of the about gate's values")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus absent: {args.corpus}", file=sys.stderr)
        return 2
    sidecar = metamod.load_sidecar(args.meta) if args.meta.is_file() else None
    if sidecar is None:
        print(f"no crawl sidecar at {args.meta}: articles keep the dates their text gives", file=sys.stderr)
    if args.sweep:
        sweep(GRID, args.corpus, sidecar, args.gold_dev)
        return 0
    pooled: list[Row] = []
    for sheet, key in sheets():
        rs = rows(sheet, key, args.corpus, sidecar)
        pooled += rs
        f = figures(rs)
        print(
            f"{sheet.name}: precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
            f"(flagged sample: {f['kept_true']}/{f['kept']} kept are relevant, {f['dropped_true']} relevant "
            f"dropped; unflagged sample now flagged: {f['unflagged_now']})"
        )
        for r in rs:
            kind = ("tp" if r.truth else "fp") if r.new.relevant else ("fn" if r.truth else "tn")
            if kind in args.show:
                print(f"  {kind} {r.sample[:2]} {r.file} score={r.new.score:<5} {r.title[:90]}")
    f = figures(pooled)
    print(f"pooled ({len(pooled)} rows): precision {f['precision']:.3f}  recall {f['recall']:.3f}")
    if args.gold_dev:
        ok, n, wrong = gold_dev()
        print(f"tests/gold dev part: relevance accuracy {ok / max(1, n):.3f} ({ok}/{n})")
        for w in wrong:
            print(f"  {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
