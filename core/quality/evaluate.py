"""`python -m core.quality.evaluate [--part dev|test|all] [GOLD...]`: score the pipeline on the gold set, next to raw NER.

Per relevant gold article: entity sets (names resolved through the knowledge file's aliases and folded, so
"Hoa Kỳ" == "Mỹ"), typed entity sets, statements (same resolved speaker, and the predicted text or its
sentence contains the gold phrase, folded) of the articles the pipeline flags, as a default view shows them,
and beside them those of every article read in full (a borderline article too), stance accuracy over matched
statements; relevance accuracy over every gold article. Gold inputs under ../shared/corpus are skipped when that
folder is absent.

`--part` scores one part of tests/gold/split.json: `dev` (rules may be read and tuned against it), `test` (frozen:
only scored, never read while writing rules; the CI gate runs on it) or `all`. GOLD names folders or single gold
files; with a part, only those of them in the part are scored. See tests/gold/README.md for the protocol.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.config import ROOT
from core.models import Article, Extraction
from core.nlp import kb as kbmod
from core.nlp.tokens import split_sentences, tag
from core.text.parse import iter_file
from core.text.textnorm import squash

GOLD_DIRS = ("tests/gold/seeds", "tests/gold/corpus", "tests/gold/samples")
SPLIT = "tests/gold/split.json"
PARTS = ("dev", "test", "all")


class SplitError(ValueError):
    """split.json is missing, malformed, or disagrees with the gold files on disk."""


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set, gold: set) -> None:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    articles: int = 0
    relevant: int = 0
    skipped: int = 0
    entities: PRF = field(default_factory=PRF)
    typed: PRF = field(default_factory=PRF)
    raw_entities: PRF = field(default_factory=PRF)
    raw_typed: PRF = field(default_factory=PRF)
    st_tp_pred: int = 0
    st_pred: int = 0
    st_tp_gold: int = 0
    st_gold: int = 0
    # the same over every statement read, a borderline article's too (counted by no default view)
    read_tp_pred: int = 0
    read_pred: int = 0
    read_tp_gold: int = 0
    stance_ok: int = 0
    stance_n: int = 0
    # stance by the gold's kind of text: "real" (seeds, corpus articles) and "written" (team-written samples)
    stance_by: dict = field(default_factory=lambda: {"real": [0, 0], "written": [0, 0]})
    relevance_ok: int = 0
    seconds: float = 0.0
    raw_seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def statement_precision(self) -> float:
        return self.st_tp_pred / self.st_pred if self.st_pred else 1.0

    @property
    def statement_recall(self) -> float:
        return self.st_tp_gold / self.st_gold if self.st_gold else 1.0

    @property
    def stance_accuracy(self) -> float:
        return self.stance_ok / self.stance_n if self.stance_n else 1.0

    def stance_of(self, kind: str) -> float:
        ok, n = self.stance_by[kind]
        return ok / n if n else 1.0

    @property
    def relevance_accuracy(self) -> float:
        return self.relevance_ok / self.articles if self.articles else 1.0


def resolve(name: str) -> str:
    """One key per entity: the knowledge file's canonical name when an alias matches, folded."""
    actor = kbmod.load().lookup(name.strip())
    return squash(actor.name if actor else name)


def load_input(gold: dict, root: Path = ROOT) -> Article | None:
    """The gold file's article, or None when its input is absent (the shared corpus is optional)."""
    path = (root / gold["input"]).resolve()
    if not path.exists():
        return None
    record = gold.get("record")
    for item in iter_file(path):
        if not isinstance(item, Article):
            continue
        if record is None or item.origin.endswith(f"#{record}"):
            return item
    return None


def raw_entities(article: Article) -> set[tuple[str, str]]:
    """The baseline: underthesea `ner` spans as they come, surface as name, its type."""
    out = set()
    for sent in split_sentences(article):
        cur: list | None = None
        for t in tag(sent):
            if t.ner.startswith("B-") or (t.ner.startswith("I-") and (cur is None or cur[1] != t.ner[2:])):
                if cur:
                    out.add((" ".join(cur[0]), cur[1]))
                cur = [[t.text], t.ner[2:]]
            elif t.ner.startswith("I-") and cur:
                cur[0].append(t.text)
            else:
                if cur:
                    out.add((" ".join(cur[0]), cur[1]))
                cur = None
        if cur:
            out.add((" ".join(cur[0]), cur[1]))
    return out


def _statement_matches(gold_st: dict, pred, sentences: dict[int, str]) -> bool:
    if pred.speaker is None or resolve(pred.speaker.name) != resolve(gold_st["speaker"]):
        return False
    phrase = squash(gold_st["phrase"])
    return phrase in squash(pred.text) or phrase in squash(sentences.get(pred.sentence, ""))


def score_article(gold: dict, article: Article, ex: Extraction, report: Report, raw: set | None) -> None:
    report.articles += 1
    report.relevance_ok += bool(ex.relevant) == bool(gold["relevant"])
    if not gold["relevant"]:
        return
    report.relevant += 1
    gold_names = {resolve(e["name"]) for e in gold["entities"]}
    gold_typed = {(resolve(e["name"]), e["type"]) for e in gold["entities"]}
    pred_names = {resolve(m.entity.name) for m in ex.mentions}
    pred_typed = {(resolve(m.entity.name), m.entity.type) for m in ex.mentions}
    report.entities.add(pred_names, gold_names)
    report.typed.add(pred_typed, gold_typed)
    tag_ = Path(gold["input"]).stem
    for n in sorted(pred_names - gold_names):
        report.misses.append(f"{tag_} entity FP {n}")
    for n in sorted(gold_names - pred_names):
        report.misses.append(f"{tag_} entity FN {n}")
    if raw is not None:
        report.raw_entities.add({resolve(n) for n, _ in raw}, gold_names)
        report.raw_typed.add({(resolve(n), t) for n, t in raw}, gold_typed)
    sentences = {s.idx: s.text for s in ex.sentences}
    # What a default view shows: the statements of an article the pipeline flags. A borderline article's
    # (read in full, left off-topic) are scored apart, beside them.
    shown = ex.statements if ex.relevant else ()
    report.read_pred += len(ex.statements)
    report.read_tp_pred += sum(
        any(_statement_matches(g, p, sentences) for g in gold["statements"]) for p in ex.statements
    )
    report.read_tp_gold += sum(
        any(_statement_matches(g, p, sentences) for p in ex.statements) for g in gold["statements"]
    )
    for g in gold["statements"]:
        report.st_gold += 1
        hits = [p for p in shown if _statement_matches(g, p, sentences)]
        if hits:
            report.st_tp_gold += 1
            report.stance_n += 1
            report.stance_ok += hits[0].stance == g["stance"]
            if hits[0].stance != g["stance"]:
                report.misses.append(f"{tag_} stance {hits[0].stance}!={g['stance']} {g['phrase'][:50]}")
        else:
            report.misses.append(f"{tag_} statement FN {g['speaker']}: {g['phrase'][:60]}")
    for p in shown:
        report.st_pred += 1
        if any(_statement_matches(g, p, sentences) for g in gold["statements"]):
            report.st_tp_pred += 1
        else:
            who = p.speaker.name if p.speaker else None
            report.misses.append(f"{tag_} statement FP {who} [{p.speaker_text}] {p.verb}: {p.text[:60]}")


def gold_files(dirs: tuple[str, ...] = GOLD_DIRS, root: Path = ROOT, part: str = "all") -> list[Path]:
    """Gold files under `dirs` (folders or single .json files), restricted to one part of the split."""
    if part not in PARTS:
        raise SplitError(f"unknown part {part!r}: choose one of {', '.join(PARTS)}")
    files: list[Path] = []
    for d in dirs:
        p = root / d
        if p.suffix == ".json":
            if not p.is_file():
                raise FileNotFoundError(f"gold file not found: {d}")
            files.append(p)
        elif p.is_dir():
            files += sorted(p.glob("*.json"))
        else:
            raise FileNotFoundError(f"gold folder not found: {d}")
    if part == "all":
        return files
    members = split_parts(root)[part]
    return [p for p in files if p.resolve().relative_to(root.resolve()).as_posix() in members]


def split_parts(root: Path = ROOT) -> dict[str, set[str]]:
    """The dev and test parts of tests/gold/split.json, as sets of repository-relative paths."""
    path = root / SPLIT
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        parts = {name: set(data[name]) for name in ("dev", "test")}
    except FileNotFoundError:
        raise SplitError(f"{SPLIT} not found: the gold set has no dev/test split") from None
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise SplitError(f"{SPLIT} is not a {{'dev': [...], 'test': [...]}} object: {e}") from None
    both = parts["dev"] & parts["test"]
    if both:
        raise SplitError(f"{SPLIT} puts {len(both)} file(s) in both parts, e.g. {sorted(both)[0]}")
    return parts


def evaluate(
    dirs: tuple[str, ...] = GOLD_DIRS, *, baseline: bool = True, root: Path = ROOT, part: str = "all"
) -> Report:
    from core.nlp.pipeline import extract

    report = Report()
    for path in gold_files(dirs, root, part):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = load_input(gold, root)
        if article is None:
            report.skipped += 1
            continue
        t0 = time.perf_counter()
        ex = extract(article)
        report.seconds += time.perf_counter() - t0
        raw = None
        if baseline and gold["relevant"]:
            t0 = time.perf_counter()
            raw = raw_entities(article)
            report.raw_seconds += time.perf_counter() - t0
        ok, n = report.stance_ok, report.stance_n
        score_article(gold, article, ex, report, raw)
        kind = report.stance_by["written" if path.parent.name == "samples" else "real"]
        kind[0] += report.stance_ok - ok
        kind[1] += report.stance_n - n
    return report


def table(r: Report) -> str:
    rows = [
        ("entities", r.entities, r.raw_entities),
        ("typed entities", r.typed, r.raw_typed),
    ]
    lines = [
        f"gold articles: {r.articles} ({r.relevant} relevant), skipped (input absent): {r.skipped}",
        f"{'':24}{'ours P':>8}{'R':>7}{'F1':>7}   {'raw ner P':>9}{'R':>7}{'F1':>7}",
    ]
    for name, ours, raw in rows:
        measured = raw.tp + raw.fp + raw.fn  # zero with --no-baseline: no figure rather than a fake 1.000
        raw_cols = f"{raw.precision:9.3f}{raw.recall:7.3f}{raw.f1:7.3f}" if measured else f"{'n/a':>9}"
        lines.append(f"{name:24}{ours.precision:8.3f}{ours.recall:7.3f}{ours.f1:7.3f}   {raw_cols}")
    sp, sr = r.statement_precision, r.statement_recall
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    lines.append(f"{'statements (speaker)':24}{sp:8.3f}{sr:7.3f}{sf:7.3f}   {'n/a':>9}")
    bp = r.read_tp_pred / r.read_pred if r.read_pred else 1.0
    br = r.read_tp_gold / r.st_gold if r.st_gold else 1.0
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    lines.append(
        f"{'  with borderline read':24}{bp:8.3f}{br:7.3f}{bf:7.3f}   {'':>9}   (not flagged: no default view)"
    )
    lines.append(f"{'stance accuracy':24}{r.stance_accuracy:8.3f}{'':14}   {'n/a':>9}   (n={r.stance_n})")
    for kind, name in (("real", "  on real articles"), ("written", "  on written samples")):
        lines.append(f"{name:24}{r.stance_of(kind):8.3f}{'':14}   {'':>9}   (n={r.stance_by[kind][1]})")
    lines.append(
        f"{'relevance accuracy':24}{r.relevance_accuracy:8.3f}{'':14}   {'n/a':>9}   (n={r.articles})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.quality.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "dirs", nargs="*", help="gold folders or files (default: tests/gold/{seeds,corpus,samples})"
    )
    parser.add_argument("--part", choices=PARTS, default="all", help="part of tests/gold/split.json to score")
    parser.add_argument("--misses", action="store_true", help="list every miss (for rule review)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the raw underthesea NER column")
    args = parser.parse_args(argv)
    try:
        report = evaluate(tuple(args.dirs) or GOLD_DIRS, baseline=not args.no_baseline, part=args.part)
    except (SplitError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"part: {args.part}")
    print(table(report))
    if args.misses:
        print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
