"""`python -m core.quality.realness`: learn from the judged audit sheets which extracted statements are real.

    python -m core.quality.realness [--db STORE]         train on every judged sheet, write data/statement_model.json
    python -m core.quality.realness --later-from 2058    write nothing: train on the sheets drawn before seed 2058,
                                                         score the drop on the sheets from it on

Examples are the rows of the judged sheets under tests/gold/audit/ and the seeded ones of tests/gold/stance/ (its
held_out folder too; not baomoi2017-audits.csv, which copies audit rows) with `real_statement` y or n: statements a store held, drawn at random, judged by reading. Features come from
`core.nlp.realness.features`, the same call extraction makes. Rows of an article in the frozen test part of
tests/gold (matched by title; only the test files' `title` field is read) are left out, so the quality gate
never scores what this model learned from. Beside them, the dev part of tests/gold (`--no-gold`: not): each
relevant dev article is extracted without this check, and a statement is real when a gold statement's phrase lies
in its content or sentence, no statement otherwise (the annotators annotated every statement of the article). The
audit readers and the gold annotators share one definition of a statement (tests/gold/README.md), so the model
learns one convention from both: joint agreements ("Nga, Iran và Thổ Nhĩ Kỳ nhất trí ...") are statements there.
With `--db`, a store's analyst corrections too: a row taken out on the review page as no statement is one, a row
whose stance or speaker an analyst fixed is a statement (`correction_rows`).

The model is a class-weighted logistic regression (scikit-learn). Its drop threshold is chosen on out-of-fold
probabilities (folds grouped by article title, several shufflings pooled): the threshold that removes the most
non-statements net of the real statements it removes with them, so a dropped row is more often wrong than right.
The coefficients go to data/statement_model.json (JSON, no pickle) with a version naming the training rows; the
out-of-fold figures to data/statement_model_metrics.json.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from core.config import DATA_DIR, ROOT
from core.nlp import realness as realmod
from core.quality.audit import NO, YES, uncell
from core.quality.evaluate import load_input
from core.text.textnorm import squash

GOLD = ROOT / "tests" / "gold"
# Not stance/*-audits.csv: a copy of audit rows.
SHEET_GLOBS = ("audit/*.csv", "stance/*seed*.csv", "stance/held_out/*.csv")
SPLIT = GOLD / "split.json"
MODEL_PATH = realmod.MODEL_PATH
METRICS_PATH = DATA_DIR / "statement_model_metrics.json"
C = 0.3
FOLDS = 5
REPEATS = 3
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 11))
SEED = 13


@dataclass(frozen=True)
class Row:
    """One judged statement of a sheet."""

    sheet: str
    sentence: str
    speaker_text: str
    verb: str
    span: str
    title: str
    real: bool

    def features(self) -> dict[str, float]:
        return realmod.features(self.sentence, self.speaker_text, self.verb, self.span, self.title)


def test_titles(split: Path = SPLIT) -> set[str]:
    """Titles of the gold test part's articles (their `title` field alone)."""
    out = set()
    for p in json.loads(split.read_text(encoding="utf-8"))["test"]:
        path = ROOT / p
        if path.exists():
            out.add(str(json.loads(path.read_text(encoding="utf-8")).get("title", "")).strip())
    return out


def sheet_paths(gold: Path = GOLD) -> list[Path]:
    return sorted(p for g in SHEET_GLOBS for p in gold.glob(g))


def read_rows(paths: list[Path], exclude_titles: set[str]) -> list[Row]:
    """Judged rows of the sheets (rows with `real_statement` empty are not judged yet and are skipped)."""
    rows = []
    for path in paths:
        reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        needed = {"title", "sentence", "speaker_text", "verb", "span", "real_statement"}
        if not needed <= set(reader.fieldnames or []):
            continue  # a sheet of another kind (no statement fields to learn from)
        for n, r in enumerate(reader, start=1):
            mark = r["real_statement"].strip().lower()
            if not mark:
                continue
            if mark not in YES | NO:
                raise ValueError(
                    f"{path.name} row {n}: real_statement is {r['real_statement']!r}; write y or n"
                )
            title = uncell(r["title"]).strip()
            if title in exclude_titles:
                continue
            rows.append(
                Row(
                    path.name,
                    uncell(r["sentence"]),
                    uncell(r["speaker_text"]),
                    uncell(r["verb"]).strip(),
                    uncell(r["span"]),
                    title,
                    mark in YES,
                )
            )
    return rows


def gold_rows(split: Path = SPLIT) -> list[Row]:
    """Statements extracted (without this check) from the relevant dev articles of tests/gold, judged by the gold."""
    from core.nlp.pipeline import COMPONENTS, run

    components = tuple(c for c in COMPONENTS if c.name != "realness")
    rows = []
    for p in json.loads(split.read_text(encoding="utf-8"))["dev"]:
        path = ROOT / p
        if not path.exists():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold.get("relevant"):
            continue
        article = load_input(gold, ROOT)
        if article is None:
            continue
        ex = run(article, components=components).extraction()
        texts = {s.idx: s.text for s in ex.sentences}
        phrases = [squash(g["phrase"]) for g in gold.get("statements", [])]
        for st in ex.statements:
            sentence = texts.get(st.sentence, "")
            real = any(ph in squash(st.text) or ph in squash(sentence) for ph in phrases)
            rows.append(
                Row(f"gold:{path.stem}", sentence, st.speaker_text, st.verb, st.text, article.title, real)
            )
    return rows


def correction_rows(db_path: str | Path) -> list[Row]:
    """An analyst's judgements in a store: a row taken out as no statement (`statement_drop`) is no statement; one
    whose stance or speaker was fixed was read as a statement. Undone corrections say nothing."""
    from core.store import connection, edits

    if not Path(db_path).exists():
        raise FileNotFoundError(f"no store at {db_path}")
    con = connection.read_only(db_path)
    try:
        undone = edits.undone_ids(con)
        rows = []
        for cid, what, old in con.execute(
            "SELECT id, what, old FROM corrections WHERE what IN ('statement_drop', 'statement_stance', "
            "'statement_speaker') ORDER BY id"
        ):
            if cid in undone:
                continue
            old = json.loads(old)
            key = old["key"]
            # a dropped row as the correction kept it; a kept one as it reads now
            found = old["rows"] if what == "statement_drop" else edits.statement_rows(con, key)
            sentence = con.execute(
                "SELECT text FROM sentences WHERE article_id = ? AND idx = ?",
                [key["article_id"], key["sentence"]],
            ).fetchone()
            title = con.execute("SELECT title FROM articles WHERE id = ?", [key["article_id"]]).fetchone()
            rows += [
                Row(
                    "correction",
                    sentence[0] if sentence else "",
                    st["speaker_text"] or "",
                    st["verb"] or "",
                    st["text"] or "",
                    (title[0] if title else "") or "",
                    what != "statement_drop",
                )
                for st in found[:1]
            ]
        return rows
    finally:
        con.close()


def _fit(rows: list[Row]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([r.features() for r in rows])
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    clf.fit(x, [r.real for r in rows])
    return vec, clf


def _to_model(vec, clf, threshold: float, version: str) -> realmod.RealnessModel:
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
        if round(float(w), 5) != 0.0
    }
    return realmod.RealnessModel(version, round(float(clf.intercept_[0]), 5), weights, threshold)


def out_of_fold(rows: list[Row]) -> list[float]:
    """Each row's probability of being real from models that never saw its article, averaged over shufflings."""
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold

    y = np.array([r.real for r in rows])
    groups = [r.title for r in rows]
    probs = np.zeros(len(rows))
    n_folds = max(2, min(FOLDS, int(y.sum()), int((~y).sum())))  # a few team-written rows in tests
    for k in range(REPEATS):
        folds = StratifiedGroupKFold(n_folds, shuffle=True, random_state=SEED + k)
        for train, test in folds.split(np.zeros(len(rows)), y, groups):
            vec, clf = _fit([rows[i] for i in train])
            model = _to_model(vec, clf, 0.0, "cv")
            for i in test:
                probs[i] += model.probability(rows[i].features()) / REPEATS
    return [float(p) for p in probs]


def drop_figures(probs: list[float], real: list[bool], threshold: float) -> dict:
    """What dropping below `threshold` does to rows judged by reading."""
    dropped = [r for p, r in zip(probs, real, strict=True) if p < threshold]
    kept = [r for p, r in zip(probs, real, strict=True) if p >= threshold]
    return {
        "threshold": threshold,
        "rows": len(real),
        "dropped": len(dropped),
        "dropped_not_real": dropped.count(False),
        "dropped_real": dropped.count(True),
        "real_before": round(sum(real) / len(real), 4) if real else 0.0,
        "real_after": round(sum(kept) / len(kept), 4) if kept else 0.0,
        "real_statements_lost": round(dropped.count(True) / max(1, sum(real)), 4),
    }


def choose_threshold(probs: list[float], real: list[bool]) -> float:
    """The threshold removing the most non-statements net of the real ones removed with them (ties: the lower)."""

    def net(t: float) -> tuple[int, float]:
        f = drop_figures(probs, real, t)
        return f["dropped_not_real"] - f["dropped_real"], -t

    return max(THRESHOLDS, key=net)


def train(rows: list[Row]) -> tuple[realmod.RealnessModel, dict]:
    if len({r.real for r in rows}) < 2:
        raise ValueError("need rows judged real and rows judged no statement to train")
    probs = out_of_fold(rows)
    real = [r.real for r in rows]
    threshold = choose_threshold(probs, real)
    vec, clf = _fit(rows)
    payload = json.dumps(
        [[r.sentence, r.speaker_text, r.verb, r.span, r.real] for r in rows], ensure_ascii=False
    )
    version = f"1-{hashlib.sha256(payload.encode()).hexdigest()[:10]}-C{C}"
    model = _to_model(vec, clf, threshold, version)
    metrics = {
        "version": version,
        "sheets": sorted({r.sheet for r in rows}),
        "examples": len(rows),
        "not_real": real.count(False),
        "cv": f"StratifiedGroupKFold ({FOLDS} folds) by article title, out-of-fold, {REPEATS} shufflings averaged",
        "out_of_fold": drop_figures(probs, real, threshold),
        "out_of_fold_by_origin": {
            origin: drop_figures(
                [p for p, r in zip(probs, rows, strict=True) if r.sheet.startswith("gold:") == gold],
                [r.real for r in rows if r.sheet.startswith("gold:") == gold],
                threshold,
            )
            for origin, gold in (("sheets", False), ("gold_dev", True))
            if any(r.sheet.startswith("gold:") == gold for r in rows)
        },
        "features": len(model.weights),
    }
    return model, metrics


def later(rows: list[Row], from_seed: str) -> dict:
    """Train on the audit sheets drawn before `from_seed` (and the stance sheets), score the later audit sheets."""

    def is_later(r: Row) -> bool:
        return r.sheet.startswith("baomoi2017-seed20") and r.sheet >= f"baomoi2017-seed{from_seed}"

    train_rows = [r for r in rows if not is_later(r)]
    test_rows = [r for r in rows if is_later(r)]
    if not test_rows:
        raise ValueError(f"no audit sheet from seed {from_seed} on")
    threshold = choose_threshold(out_of_fold(train_rows), [r.real for r in train_rows])
    vec, clf = _fit(train_rows)
    model = _to_model(vec, clf, threshold, "later")
    probs = [model.probability(r.features()) for r in test_rows]
    return {"trained_on": len(train_rows), **drop_figures(probs, [r.real for r in test_rows], threshold)}


def write(model: realmod.RealnessModel, metrics: dict) -> None:
    d = {
        "version": model.version,
        "kind": "binary logistic regression (scikit-learn), class_weight=balanced: is an extracted statement real",
        "intercept": model.intercept,
        "threshold": model.threshold,
        "weights": dict(sorted(model.weights.items())),
    }
    MODEL_PATH.write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    METRICS_PATH.write_text(json.dumps(metrics, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m core.quality.realness", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--later-from", metavar="SEED", help="score on the audit sheets from this seed on; write nothing"
    )
    ap.add_argument("--no-gold", action="store_true", help="learn from the judged sheets alone")
    ap.add_argument("--db", help="also learn from this store's corrections (rows found to be no statement)")
    args = ap.parse_args(argv)
    try:
        rows = read_rows(sheet_paths(), test_titles()) + ([] if args.no_gold else gold_rows())
        rows += correction_rows(args.db) if args.db else []
        if args.later_from:
            print(json.dumps(later(rows, args.later_from), indent=1))
            return 0
        model, metrics = train(rows)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write(model, metrics)
    print(json.dumps(metrics["out_of_fold"], indent=1))
    print(
        f"wrote {MODEL_PATH.relative_to(ROOT)} ({model.version}, {metrics['features']} features)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
