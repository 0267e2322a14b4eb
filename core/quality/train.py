"""`python -m core.quality.train [--db DB] [--seed N]`: train the stance classifier and write data/stance_model.json.

Examples come from three places, each with its origin:

- gold: the statements our extraction finds that match a gold statement of the DEV part of tests/gold
  (tests/gold/split.json; the test part is never read here), labelled with the gold stance;
- sheet (the sheets of tests/gold/stance; `--sheets DIR` another folder, `--no-sheets` none): labelled rows of
  the stance sheets there, statements drawn at
  random from a store of the real workload and labelled by reading (`real_statement` y and a `gold_stance`). A sheet carries what
  extraction read the stance from (verb, span, and the sentence readings verb_negated / addressee_other /
  names_actor), so a row goes through the same `featurize` call as a statement being extracted. Rows from an
  article of the gold test part are left out: nothing the test part scores is trained on;
- correction: every analyst stance correction of a store (`--db`).

Features come from `core.nlp.stance.featurize`, the same path extraction uses: the rules' cues and verdict, the
verb, and word n-grams of the content; never the speaker's side.

The model is a class-weighted multinomial logistic regression (scikit-learn). Its coefficients are written as
JSON (portable, diffable, no pickle) with a version; its metrics, cross-validated by article (grouped folds,
fixed seed; an article is one group whatever origin its examples have) next to the rules alone, overall and per
origin, go to data/stance_model_metrics.json. The `unsure` threshold is calibrated on the out-of-fold
probabilities: below it a label is right no more often than a blind guess among the three stances.

`--held-out-from ROW` writes nothing: it trains on everything but the sheet rows from ROW on (and every example
of their articles) and scores rules and learned on those rows, unsure counted wrong: a figure on statements no
fold has seen, in the order they were labelled.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from core.config import DATA_DIR, ROOT
from core.nlp import stance as stancemod
from core.quality.audit import NO, YES, uncell
from core.quality.evaluate import load_input, resolve
from core.text.textnorm import squash

CLASSES = ("conflictual", "cooperative", "neutral")
SPLIT = ROOT / "tests" / "gold" / "split.json"
SHEETS = ROOT / "tests" / "gold" / "stance"
SHEET_COLUMNS = (
    "corpus_id",
    "verb",
    "span",
    "verb_negated",
    "addressee_other",
    "names_actor",
    "real_statement",
    "gold_stance",
)
METRICS_PATH = DATA_DIR / "stance_model_metrics.json"
C_GRID = (0.3, 1.0, 3.0)
CV_REPEATS = 5  # shufflings of the grouped folds whose out-of-fold predictions choose C and the threshold
MIN_COUNT = 2  # an n-gram seen in fewer training statements is dropped (keeps the file small, the fit honest)


@dataclass(frozen=True)
class Example:
    """One labelled statement: what extraction saw and the stance a reader gave it."""

    verb: str
    text: str
    verb_negated: bool
    addressee_other: bool
    names_actor: bool
    stance: str
    group: str  # the article it comes from (folds never split an article)
    origin: str  # gold | sheet | correction
    row: int = 0  # a sheet example's data row in its sheet (1-based); 0 for the other origins

    def features(self) -> tuple[str, dict[str, float]]:
        rule_label, _, _, feats = stancemod.featurize(
            self.verb, self.text, self.verb_negated, self.addressee_other, self.names_actor
        )
        return rule_label, feats


def dev_files(split: Path = SPLIT) -> list[Path]:
    """The dev part of the gold split (the only gold files this module opens)."""
    if not split.exists():
        raise FileNotFoundError(f"{split} not found: the gold split decides which files may be trained on")
    # Drawn articles not annotated yet have no file: they join the training set once annotated.
    return [ROOT / p for p in json.loads(split.read_text(encoding="utf-8"))["dev"] if (ROOT / p).exists()]


def _matches(gold_st: dict, pred, sentences: dict[int, str]) -> bool:
    """The scoring rule of core.quality.evaluate: same resolved speaker, the gold phrase inside the text or sentence."""
    if pred.speaker is None or resolve(pred.speaker.name) != resolve(gold_st["speaker"]):
        return False
    phrase = squash(gold_st["phrase"])
    return phrase in squash(pred.text) or phrase in squash(sentences.get(pred.sentence, ""))


def _example(st, stance: str, group: str, origin: str) -> Example:
    ev = st.evidence if isinstance(st.evidence, dict) else {}
    return Example(
        verb=st.verb,
        text=st.text,
        verb_negated=bool(ev.get("verb_negated")),
        addressee_other=bool(ev.get("addressee_other")),
        names_actor=bool(ev.get("names_actor")),
        stance=stance,
        group=group,
        origin=origin,
    )


def gold_examples(files: list[Path]) -> list[Example]:
    """Extract each dev article and label the statement that matches each gold statement."""
    from core.nlp.pipeline import extract

    out: list[Example] = []
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold.get("relevant") or not gold.get("statements"):
            continue
        article = load_input(gold, ROOT)
        if article is None:
            continue
        ex = extract(article)
        sentences = {s.idx: s.text for s in ex.sentences}
        for g in gold["statements"]:
            if g["stance"] not in CLASSES:
                continue
            hits = [p for p in ex.statements if _matches(g, p, sentences)]
            if hits:
                out.append(_example(hits[0], g["stance"], path.stem, "gold"))
    return out


def correction_examples(db_path: str | Path) -> list[Example]:
    """Statements whose stance an analyst set (the corrections table), with the stance they chose; a
    correction the analyst undid is not learned from."""
    from core.store import connection

    if not Path(db_path).exists():
        raise FileNotFoundError(f"no store at {db_path}")
    conn = connection.read_only(db_path)
    try:
        rows = conn.execute(
            """SELECT s.article_id, s.verb, s.text, s.evidence, json_extract(c.new, '$.stance')
               FROM corrections c JOIN statements s
                 ON s.article_id = json_extract(c.old, '$.key.article_id')
                AND s.sentence = json_extract(c.old, '$.key.sentence')
                AND s.speaker_text = json_extract(c.old, '$.key.speaker_text')
               WHERE c.what = 'statement_stance'
                 AND c.id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo')
               ORDER BY c.id"""
        ).fetchall()
    finally:
        conn.close()
    latest: dict[tuple, Example] = {}
    for article_id, verb, text, evidence, stance in rows:
        if stance not in CLASSES:
            continue
        ev = json.loads(evidence or "{}")
        latest[(article_id, text)] = Example(
            verb=verb or "",
            text=text or "",
            verb_negated=bool(ev.get("verb_negated")),
            addressee_other=bool(ev.get("addressee_other")),
            names_actor=bool(ev.get("names_actor")),
            stance=stance,
            group=f"db:{article_id}",
            origin="correction",
        )
    return list(latest.values())  # the last correction of a statement wins


def gold_test_ids(split: Path = SPLIT) -> set[str]:
    """Corpus ids of the gold test part's articles, from the split's file names alone (no test file is opened):
    their statements must not be trained on, whichever sheet they were drawn into."""
    if not split.exists():
        raise FileNotFoundError(f"{split} not found: the gold split decides which files may be trained on")
    return {Path(p).stem for p in json.loads(split.read_text(encoding="utf-8"))["test"]}


def sheet_files(folder: Path = SHEETS) -> list[Path]:
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def _flag(value: str, column: str, where: str) -> bool:
    v = value.strip().lower()
    if v in YES:
        return True
    if v in NO or not v:
        return False
    raise ValueError(f"{where}: {column} is {value!r}; write y or n")


def sheet_examples(path: Path, exclude_groups: frozenset[str] | set[str] = frozenset()) -> list[Example]:
    """The labelled real statements of one stance sheet, in sheet order. Rows not labelled yet
    (`real_statement` empty) and rows judged no statement are skipped; a real statement must carry one of the
    three stances. Rows whose article (`corpus_id`) is in `exclude_groups` are left out."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"{path} is not UTF-8 text (byte {e.start})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in SHEET_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path.name} lacks the column(s) {', '.join(missing)}")
    out: list[Example] = []
    for row_no, row in enumerate(reader, start=1):
        where = f"{path.name} row {row_no}"
        real = row["real_statement"].strip().lower()
        if not real or real in NO:
            continue
        if real not in YES:
            raise ValueError(f"{where}: real_statement is {row['real_statement']!r}; write y or n")
        stance = row["gold_stance"].strip().lower()
        if stance not in CLASSES:
            raise ValueError(f"{where}: gold_stance is {row['gold_stance']!r}; one of {', '.join(CLASSES)}")
        group = row["corpus_id"].strip() or f"{path.stem}:{row_no}"
        if group in exclude_groups:
            continue
        out.append(
            Example(
                verb=row["verb"].strip(),
                text=uncell(row["span"]),
                verb_negated=_flag(row["verb_negated"], "verb_negated", where),
                addressee_other=_flag(row["addressee_other"], "addressee_other", where),
                names_actor=_flag(row["names_actor"], "names_actor", where),
                stance=stance,
                group=group,
                origin="sheet",
                row=row_no,
            )
        )
    return out


def _vocabulary(feats: list[dict[str, float]]) -> set[str]:
    counts = Counter(k for f in feats for k in f)
    return {k for k, n in counts.items() if n >= MIN_COUNT or not k.startswith(("w=", "b="))}


def _fit(feats: list[dict[str, float]], labels: list[str], c: float, seed: int):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = _vocabulary(feats)
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in vocab} for f in feats])
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, random_state=seed)
    clf.fit(x, labels)
    return vec, clf


def _to_model(vec, clf, threshold: float, version: str) -> stancemod.StanceModel:
    classes = tuple(str(c) for c in clf.classes_)
    names = vec.get_feature_names_out()
    weights = {
        str(n): tuple(round(float(clf.coef_[k][j]), 5) for k in range(len(classes)))
        for j, n in enumerate(names)
    }
    weights = {n: w for n, w in weights.items() if any(abs(x) >= 1e-5 for x in w)}
    return stancemod.StanceModel(
        version=version,
        classes=classes,
        intercept=tuple(round(float(b), 5) for b in clf.intercept_),
        weights=weights,
        threshold=threshold,
    )


def _oof(examples: list[Example], feats: list[dict], c: float, seed: int) -> list[dict[str, float]]:
    """Out-of-fold class probabilities: 5 folds grouped by article, stratified, shuffled with `seed`."""
    from sklearn.model_selection import StratifiedGroupKFold

    labels = [e.stance for e in examples]
    groups = [e.group for e in examples]
    n_splits = max(2, min(5, len(set(groups)), min(Counter(labels).values())))
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    probs: list[dict[str, float]] = [{} for _ in examples]
    for train, held in folds.split(feats, labels, groups):
        vec, clf = _fit([feats[i] for i in train], [labels[i] for i in train], c, seed)
        model = _to_model(vec, clf, 0.0, "cv")
        for i in held:
            probs[i] = model.probabilities(feats[i])
    return probs


def calibrate(probs: list[dict[str, float]], labels: list[str]) -> float:
    """The lowest top-probability t such that labels below t are right no more often than a blind guess among
    the classes (1 in 3 for three stances): there the label tells the analyst nothing, so 'unsure' is the honest
    answer. Chosen to maximise, over the labels kept, right x (1 - chance) - wrong x chance. A label right 45 % of
    the time is still worth showing among three classes (an audit counts 'unsure' as wrong: doubting it would
    cost more than it saves), one right 30 % of the time is not."""
    chance = 1.0 / max(2, max((len(p) for p in probs), default=2))
    scored = sorted(((max(p.values()), max(p, key=p.get) == y) for p, y in zip(probs, labels, strict=True)))

    def worth(ok: bool) -> float:
        return (1.0 - chance) if ok else -chance

    best_t, best_gain = 0.0, sum(worth(ok) for _, ok in scored)
    gain = best_gain
    for k, (top, ok) in enumerate(scored):
        gain -= worth(ok)  # statements up to k become 'unsure'
        t = scored[k + 1][0] if k + 1 < len(scored) else top + 1e-6
        if gain > best_gain + 1e-9 and t > scored[k][0]:
            best_t, best_gain = t, gain
    return round(best_t, 4)


def prior_shift(examples: list[Example]) -> dict[str, float]:
    """Log class frequencies of the real workload's labelled statements (the sheets: drawn at random from a real
    store), centred. Balanced class weights fit every stance as if equally common; added to the intercepts (and to
    the out-of-fold logits the threshold is calibrated on), these give back the workload's prior, where
    conflictual statements are the most common (no shift without labelled statements of every class)."""
    counts = Counter(e.stance for e in examples if e.origin == "sheet")
    if any(counts[c] == 0 for c in CLASSES):
        return dict.fromkeys(CLASSES, 0.0)
    logs = {c: math.log(counts[c] / sum(counts.values())) for c in CLASSES}
    return {c: logs[c] - sum(logs.values()) / len(logs) for c in CLASSES}


def _shifted(probs: dict[str, float], shift: dict[str, float]) -> dict[str, float]:
    weighted = {c: p * math.exp(shift.get(c, 0.0)) for c, p in probs.items()}
    z = sum(weighted.values())
    return {c: w / z for c, w in weighted.items()}


def _accuracy(pred: list[str], gold: list[str]) -> float:
    return round(sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold), 4) if gold else 0.0


def train(examples: list[Example], seed: int = 13) -> tuple[stancemod.StanceModel, dict]:
    """Pick C by grouped cross-validation, calibrate the threshold out of fold, fit on all examples."""
    if len({e.stance for e in examples}) < 2:
        raise ValueError("need labelled statements of at least two stances to train")
    pairs = [e.features() for e in examples]
    rule_labels = [r for r, _ in pairs]
    feats = [f for _, f in pairs]
    labels = [e.stance for e in examples]
    # Out of fold over CV_REPEATS shufflings of the folds, pooled: with a few hundred examples one shuffle moves
    # the chosen C and the unsure threshold by chance (three added examples once moved the threshold 0.43 -> 0.46).
    runs = [seed + r for r in range(CV_REPEATS)]
    shift = prior_shift(examples)
    cv = {c: [_shifted(p, shift) for s in runs for p in _oof(examples, feats, c, s)] for c in C_GRID}
    pooled_labels = labels * len(runs)
    acc = {c: _accuracy([max(p, key=p.get) for p in cv[c]], pooled_labels) for c in C_GRID}
    c_best = max(C_GRID, key=lambda c: (acc[c], -abs(c - 1.0)))
    probs = cv[c_best]
    threshold = calibrate(probs, pooled_labels)
    learned = [max(p, key=p.get) if max(p.values()) >= threshold else "unsure" for p in probs]
    labels_cv = pooled_labels
    vec, clf = _fit(feats, labels, c_best, seed)
    payload = json.dumps([[e.verb, e.text, e.stance] for e in examples], ensure_ascii=False)
    version = f"1-{hashlib.sha256(payload.encode()).hexdigest()[:10]}-C{c_best}" + (
        "-P" if any(shift.values()) else ""
    )
    model = _to_model(vec, clf, threshold, version)
    intercept = tuple(round(b + shift[c], 5) for b, c in zip(model.intercept, model.classes, strict=True))
    model = replace(model, intercept=intercept)
    metrics = {
        "version": version,
        "prior_shift": {c: round(v, 4) for c, v in shift.items()},
        "seed": seed,
        "examples": len(examples),
        "by_origin": dict(Counter(e.origin for e in examples)),
        "by_stance": dict(sorted(Counter(labels).items())),
        "articles": len({e.group for e in examples}),
        "cv": f"StratifiedGroupKFold (up to 5 folds) by article, out-of-fold, {CV_REPEATS} shufflings pooled",
        "c_grid_accuracy": {str(c): acc[c] for c in C_GRID},
        "C": c_best,
        "threshold": threshold,
        "rules_accuracy": _accuracy(rule_labels, labels),
        "learned_accuracy_no_unsure": acc[c_best],
        "learned_accuracy_unsure_wrong": _accuracy(learned, labels_cv),
        "unsure_share": round(learned.count("unsure") / len(learned), 4),
        "kept_accuracy": _accuracy(
            [p for p in learned if p != "unsure"],
            [y for p, y in zip(learned, labels_cv, strict=True) if p != "unsure"],
        ),
        "features": len(model.weights),
        "cv_by_origin": {
            origin: _scores(
                [rule_labels[i % len(examples)] for i in idx],
                [learned[i] for i in idx],
                [labels_cv[i] for i in idx],
            )
            | {"n": sum(e.origin == origin for e in examples)}
            for origin in sorted({e.origin for e in examples})
            for idx in [[i for i in range(len(learned)) if examples[i % len(examples)].origin == origin]]
        },
    }
    return model, metrics


def _scores(rules: list[str], learned: list[str], gold: list[str]) -> dict:
    """Rules-only and learned accuracy of one set of statements, unsure counted wrong, and the unsure share."""
    return {
        "n": len(gold),
        "rules_accuracy": _accuracy(rules, gold),
        "learned_accuracy_unsure_wrong": _accuracy(learned, gold),
        "unsure_share": round(learned.count("unsure") / len(learned), 4) if learned else 0.0,
    }


def held_out(examples: list[Example], from_row: int, seed: int = 13) -> dict:
    """Train on every example except the sheet rows from `from_row` on and everything else of their articles;
    score the rules and the learned model (its own calibrated threshold, unsure counted wrong) on those rows."""
    test = [e for e in examples if e.origin == "sheet" and e.row >= from_row]
    if not test:
        raise ValueError(f"no labelled sheet row from row {from_row} on: nothing to hold out")
    groups = {e.group for e in test}
    rest = [e for e in examples if not (e.origin == "sheet" and e.row >= from_row)]
    kept = [e for e in rest if e.group not in groups]
    model, metrics = train(kept, seed=seed)
    rules, learned, best = [], [], []
    for e in test:
        rule_label, feats = e.features()
        probs = model.probabilities(feats)
        top = max(probs, key=probs.get)
        rules.append(rule_label)
        best.append(top)
        learned.append(top if probs[top] >= model.threshold else "unsure")
    gold = [e.stance for e in test]
    return {
        "held_out": f"sheet rows >= {from_row}",
        "train_examples": len(kept),
        "train_by_origin": dict(Counter(e.origin for e in kept)),
        "dropped_same_article": len(rest) - len(kept),
        "threshold": model.threshold,
        "by_stance": dict(sorted(Counter(gold).items())),
        **_scores(rules, learned, gold),
        "learned_accuracy_no_unsure": _accuracy(best, gold),
        "train_cv_rules_accuracy": metrics["rules_accuracy"],
        "train_cv_learned_accuracy_unsure_wrong": metrics["learned_accuracy_unsure_wrong"],
    }


def model_dict(model: stancemod.StanceModel) -> dict:
    return {
        "version": model.version,
        "kind": "multinomial logistic regression (scikit-learn), class_weight=balanced",
        "classes": list(model.classes),
        "intercept": list(model.intercept),
        "threshold": model.threshold,
        "weights": {k: list(v) for k, v in sorted(model.weights.items())},
    }


def dump_model(model: stancemod.StanceModel) -> str:
    """The model file's text: a small header, then one feature per line (readable diffs between versions)."""
    d = model_dict(model)
    weights = d.pop("weights")
    head = json.dumps(d, ensure_ascii=False, indent=1)[:-2]
    rows = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in weights.items())
    return f'{head},\n "weights": {{\n{rows}\n }}\n}}\n'


def score_sheet(sheet: Path, model_path: Path, excluded: set[str]) -> dict:
    """Rules and a model file on the labelled real statements of one sheet (rows of gold test articles left out)."""
    examples = sheet_examples(sheet, excluded)
    model = stancemod.load_model(str(model_path))
    if model is None:
        raise FileNotFoundError(f"no model file at {model_path}")
    rules_, learned = [], []
    for e in examples:
        args = (e.verb, e.text, e.verb_negated, e.addressee_other)
        rules_.append(stancemod.classify(*args, names_actor=e.names_actor, model=model, how="rules")[0])
        learned.append(stancemod.classify(*args, names_actor=e.names_actor, model=model, how="learned")[0])
    gold = [e.stance for e in examples]
    return {"sheet": sheet.name, "model": model.version, **_scores(rules_, learned, gold)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.quality.train", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="also learn from the analyst stance corrections of this store")
    parser.add_argument("--seed", type=int, default=13, help="seed of the folds and the solver (default 13)")
    parser.add_argument("--out", default=str(stancemod.MODEL_PATH), help="model file (default data/)")
    parser.add_argument("--metrics", default=str(METRICS_PATH), help="metrics file (default data/)")
    parser.add_argument(
        "--sheets",
        default=str(SHEETS.relative_to(ROOT)),
        help="also learn from the labelled stance sheets of this folder (default tests/gold/stance; its README says "
        "why: better on freshly judged real statements)",
    )
    parser.add_argument(
        "--no-sheets", action="store_true", help="learn from the gold dev part (and --db) only"
    )
    parser.add_argument(
        "--score",
        metavar="SHEET",
        help="score the model file (--out) and the rules on a labelled stance sheet, unsure counted wrong "
        "(e.g. tests/gold/stance/held_out/*.csv, which no model trains on; writes no file)",
    )
    parser.add_argument(
        "--held-out-from",
        type=int,
        metavar="ROW",
        help="score on the sheet rows from ROW on, trained without them (writes no file)",
    )
    args = parser.parse_args(argv)
    try:
        extra = correction_examples(args.db) if args.db else []
        excluded = gold_test_ids()
        folder = None if args.no_sheets else ROOT / args.sheets  # an absolute path stays itself
        sheets = [e for path in sheet_files(folder) for e in sheet_examples(path, excluded)] if folder else []
        if args.score:
            print(json.dumps(score_sheet(Path(args.score), Path(args.out), excluded), indent=2))
            return 0
        examples = gold_examples(dev_files()) + sheets + extra
        if args.held_out_from is not None:
            print(
                json.dumps(
                    held_out(examples, args.held_out_from, seed=args.seed), ensure_ascii=False, indent=2
                )
            )
            return 0
        model, metrics = train(examples, seed=args.seed)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_text(dump_model(model), encoding="utf-8")
    Path(args.metrics).write_text(json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(metrics, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
