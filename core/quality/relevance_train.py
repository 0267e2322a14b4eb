"""`python -m core.quality.relevance_train`: train the relevance classifier, write data/relevance_model.json.

Training data are the judged relevance sheets (tests/gold/relevance/*-sheet.csv with their keys): articles of
the development archive (`../shared/corpus/baomoi-2017`), read by people as relevant or not, drawn from two
populations (flagged by the rules of the day, and not flagged but naming Nga/NATO/Putin). Each row weighs its
population over its sample size, so the fit and the figures speak for the whole archive, as
tests/gold/relevance/reflag.py scores the rules.

The model is a logistic regression (scikit-learn) over core.nlp.relevance_model.features. Its figures are
honest only out of sample: each sheet is scored by a model trained on the other sheets (leave one sheet out),
beside the rules on the same rows; the rules were tuned on these sheets, so their figure flatters them. The
threshold is the one that maximises the weighted F1 of those out-of-sheet probabilities. The metrics go to
data/relevance_model_metrics.json.

Sheets under `uncertain/` of the sheets folder are train-only: a census (not a sample) of the articles the model
was least sure of, judged blind like the others, each row weighing as many times as there are random sheets (the
pooled random sheets stand for the archive that many times over). They are never scored: the figures stay those
of the random sheets, and each fold still holds its own sheet out.

`--db STORE` adds what analysts decided on the Articles page (an article marked on-topic or off-topic, the
corrections table, undone markings left out): each such article joins every fold's training with weight 1 and
is never scored, so the figures stay those of the sheets.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from core.config import DATA_DIR, ROOT
from core.models import Article, DateInfo
from core.nlp import relevance as relmod
from core.nlp import relevance_model as learned
from core.nlp.pipeline import run
from core.text import meta as metamod
from core.text.dates import complete
from core.text.parse import iter_file

SHEETS = ROOT / "tests" / "gold" / "relevance"
CORPUS = ROOT / ".." / "shared" / "corpus" / "baomoi-2017"
SIDECAR = ROOT / ".." / "shared" / "corpus" / "baomoi-2017.crawled.csv"
METRICS_PATH = DATA_DIR / "relevance_model_metrics.json"
MIN_COUNT = 5  # a word or bigram seen in fewer training articles is not a feature


@dataclass(frozen=True)
class Example:
    sheet: str  # seed2017 ...
    file: str
    truth: bool
    weight: float  # population / sample size
    rules: bool  # the rules' verdict now
    feats: dict[str, float]


def prepared(path: Path, sidecar: dict[str, metamod.FileMeta] | None) -> tuple:
    """Mentions, sentences and date of one corpus file as ingest reads them on the cheap path: the date completed
    from the crawl sidecar (a country's side depends on it), knowledge-file mentions without NER."""
    article = next(a for a in iter_file(path) if isinstance(a, Article))
    article = complete(article, metamod.for_file(sidecar, path) if sidecar else None)
    return cheap_reading(article)


def cheap_reading(article: Article) -> tuple:
    """Mentions, sentences and date: the pipeline's own components up to the knowledge-file mentions."""
    doc = run(article, upto="mentions")
    return doc.mentions, doc.sentences, article.date


def reading(mentions: tuple, sentences: tuple, date) -> tuple[bool, dict[str, float]]:
    """The rules' verdict and the model's features of one article (the path judge takes)."""
    pairs, _, verdict = relmod.by_rules(mentions, sentences, date)
    return verdict, learned.features(mentions, sentences, date, pairs, verdict)


def sheets(folder: Path = SHEETS) -> list[tuple[Path, Path]]:
    return [(s, s.with_name(s.name.replace("-sheet", "-key"))) for s in sorted(folder.glob("*-sheet.csv"))]


def examples(folder: Path, corpus: Path, sidecar: dict[str, metamod.FileMeta] | None) -> list[Example]:
    """Every judged row of every sheet, read from the corpus; a sheet without its key is an error."""
    out = []
    for sheet, key in sheets(folder):
        if not key.exists():
            raise FileNotFoundError(f"{sheet.name}: no key file {key.name} beside it")
        with open(sheet, encoding="utf-8") as fh:
            judged = {r["file"]: r["judged"].strip().lower() for r in csv.DictReader(fh)}
        with open(key, encoding="utf-8") as fh:
            keys = list(csv.DictReader(fh))
        size = Counter(k["sample"] for k in keys)
        for k in keys:
            if judged.get(k["file"]) not in ("yes", "no"):
                raise ValueError(f"{sheet.name}: {k['file']} is not judged yes or no")
            verdict, feats = reading(*prepared(corpus / k["file"], sidecar))
            out.append(
                Example(
                    sheet.name.split("-")[1],
                    k["file"],
                    judged[k["file"]] == "yes",
                    int(k["population"]) / size[k["sample"]],
                    verdict,
                    feats,
                )
            )
    return out


def marking_examples(db_path: str | Path) -> list[Example]:
    """Articles an analyst marked on- or off-topic in a store (the latest marking in force), read as ingest
    reads them, with the date the store holds (a country's side depends on it)."""
    import sqlite_utils

    from core.store import connection, edits

    if not Path(db_path).is_file():
        raise FileNotFoundError(f"no store at {db_path}")
    db = sqlite_utils.Database(connection.read_only(db_path))  # training never writes to the store
    try:
        ids = [
            r[0]
            for r in db.execute("SELECT DISTINCT target_id FROM corrections WHERE what = 'article_relevance'")
        ]
        held = edits.held_relevance(db, ids)
        rows = db.execute(
            """SELECT id, title, lede, body, origin, day, month, year, date_source FROM articles
               WHERE id IN (SELECT value FROM json_each(?))""",
            [json.dumps(sorted(held))],
        ).fetchall()
    finally:
        db.conn.close()
    out = []
    for aid, title, lede, body, origin, day, month, year, source in rows:
        if held.get(aid) not in (0, 1):
            continue
        article = Article(
            title or "", lede or "", body or "", origin or "", "", date=DateInfo(day, month, year, source)
        )
        verdict, feats = reading(*cheap_reading(article))
        out.append(Example("db", f"article {aid}", bool(held[aid]), 1.0, verdict, feats))
    return out


def _fit(exs: list[Example], c: float) -> learned.RelevanceModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(k for e in exs for k in e.feats)
    vocab = {k for k, n in seen.items() if n >= MIN_COUNT or not k.startswith(("w=", "b="))}
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in e.feats.items() if k in vocab} for e in exs])
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, [e.truth for e in exs], sample_weight=[e.weight for e in exs])
    weights = {
        str(n): round(float(w), 5) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
    }
    return learned.RelevanceModel(
        "cv", round(float(clf.intercept_[0]), 5), {n: w for n, w in weights.items() if abs(w) >= 1e-5}, 0.5
    )


def out_of_sheet(exs: list[Example], c: float, extra: list[Example] = ()) -> list[float]:
    """Each row's probability from a model trained on the other sheets (and `extra`, never scored)."""
    probs = [0.0] * len(exs)
    for held in sorted({e.sheet for e in exs}):
        model = _fit([e for e in exs if e.sheet != held] + list(extra), c)
        for i, e in enumerate(exs):
            if e.sheet == held:
                probs[i] = model.probability(e.feats)
    return probs


def figures(exs: list[Example], flags: list[bool]) -> dict[str, float]:
    """Weighted precision, recall and F1 of the flags against the readers."""
    tp = sum(e.weight for e, f in zip(exs, flags, strict=True) if f and e.truth)
    fp = sum(e.weight for e, f in zip(exs, flags, strict=True) if f and not e.truth)
    fn = sum(e.weight for e, f in zip(exs, flags, strict=True) if not f and e.truth)
    p, r = tp / max(1e-9, tp + fp), tp / max(1e-9, tp + fn)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(1e-9, p + r), 3)}


def choose_threshold(exs: list[Example], probs: list[float]) -> float:
    """The probability cut with the best weighted F1 of the out-of-sheet probabilities (steps of 0.01)."""
    cuts = [t / 100 for t in range(5, 96)]
    return max(cuts, key=lambda t: (figures(exs, [p >= t for p in probs])["f1"], -abs(t - 0.5)))


def train(
    exs: list[Example], c: float = 1.0, extra: list[Example] = ()
) -> tuple[learned.RelevanceModel, dict]:
    """The model fitted on the sheets and `extra` (analysts' markings), with its out-of-sheet figures."""
    probs = out_of_sheet(exs, c, extra)
    threshold = choose_threshold(exs, probs)
    digest = hashlib.sha1(
        json.dumps([(e.sheet, e.file, e.truth) for e in exs]).encode(), usedforsecurity=False
    ).hexdigest()[:10]
    if extra:
        digest += f"+{len(extra)}m"
    model = _fit(exs + list(extra), c)
    model = learned.RelevanceModel(f"1-{digest}-C{c:g}", model.intercept, model.weights, threshold)
    per_sheet = {}
    for s in sorted({e.sheet for e in exs}):
        part = [i for i, e in enumerate(exs) if e.sheet == s]
        per_sheet[s] = {
            "rows": len(part),
            "rules": figures([exs[i] for i in part], [exs[i].rules for i in part]),
            "learned": figures([exs[i] for i in part], [probs[i] >= threshold for i in part]),
        }
    metrics = {
        "version": model.version,
        "rows": len(exs),
        "train_only": len(extra),  # census sheets (uncertain/) and analysts' markings, never scored
        "features": len(model.weights),
        "threshold": threshold,
        "how": "leave one sheet out: each sheet scored by a model trained on the others, rows weighted by their "
        "population; the rules were tuned on these sheets",
        "pooled": {
            "rules": figures(exs, [e.rules for e in exs]),
            "learned": figures(exs, [p >= threshold for p in probs]),
        },
        "sheets": per_sheet,
    }
    return model, metrics


def model_text(model: learned.RelevanceModel) -> str:
    """The model file's text: a small header, then one feature per line (readable diffs between versions)."""
    head = {
        "version": model.version,
        "kind": "binary logistic regression (scikit-learn), rows weighted by population",
        "intercept": model.intercept,
        "threshold": model.threshold,
    }
    lines = [f"  {json.dumps(k, ensure_ascii=False)}: {w}" for k, w in sorted(model.weights.items())]
    body = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return body + ',\n "weights": {\n' + ",\n".join(lines) + "\n }\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.quality.relevance_train", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", default=str(learned.MODEL_PATH), help="model file (default data/)")
    parser.add_argument("--metrics", default=str(METRICS_PATH), help="metrics file (default data/)")
    parser.add_argument("--sheets", type=Path, default=SHEETS, help="folder of judged sheets and their keys")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus the sheets' files are in")
    parser.add_argument(
        "--meta", type=Path, default=SIDECAR, help="crawl sidecar (ingest's --meta); absent: none"
    )
    parser.add_argument("--db", help="a store whose analysts' on/off-topic markings join the training")
    parser.add_argument("-C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: the sheets' articles cannot be read", file=sys.stderr)
        return 2
    sidecar = metamod.load_sidecar(args.meta) if args.meta.is_file() else None
    exs = examples(args.sheets, args.corpus, sidecar)
    if len({e.sheet for e in exs}) < 2:
        print("at least two judged sheets are needed (one is held out at a time)", file=sys.stderr)
        return 2
    band = args.sheets / "uncertain"
    census = examples(band, args.corpus, sidecar) if band.is_dir() else []
    copies = len({e.sheet for e in exs})
    extra = [replace(e, weight=e.weight * copies) for e in census]
    extra += marking_examples(args.db) if args.db else []
    model, metrics = train(exs, args.C, extra)
    Path(args.out).write_text(model_text(model), encoding="utf-8")
    Path(args.metrics).write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    pooled = metrics["pooled"]
    print(
        f"{model.version}: {len(exs)} judged rows, {len(extra)} train-only (census, markings), "
        f"{len(model.weights)} features, "
        f"threshold {model.threshold}"
    )
    for how in ("rules", "learned"):
        f = pooled[how]
        print(f"  {how:8s} P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} (out of sheet)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
