"""A learned reading of relevance beside the rules of core.nlp.relevance.

The rules score relations (one sentence naming a NATO-side and a Russia-side actor) and gate them on where they
sit. An article about the Su-22 shot down over Syria or about Russia's evidence on a North Korean missile names
both sides in neighbouring sentences more than in one; the rules miss it, while a reader of the judged sheets
calls it relevant. A logistic regression (trained by `python -m core.quality.relevance_train` on those sheets)
reads the rules' own figures as features plus the words of the sentences that name an actor, and gives a
probability. Its coefficients live in data/relevance_model.json: applying it needs no scikit-learn, one dot
product and a sigmoid.

Only an article naming an actor of each side can be relevant: the model never flags one side alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from core.config import DATA_DIR, rules
from core.models import DateInfo, Mention, Sentence
from core.nlp import kb as kbmod
from core.nlp import linear
from core.nlp.membership import side_at
from core.text.textnorm import fold

MODEL_PATH = DATA_DIR / "relevance_model.json"
METHODS = ("learned", "rules")
_WORD = re.compile(r"\w+")


def sides(mentions: Iterable[Mention], date: DateInfo | None) -> dict[str, set[tuple[str, int]]]:
    """The sentences (field, index) naming an actor of each side on the article's date; media never count."""
    k = kbmod.load()
    out: dict[str, set[tuple[str, int]]] = {"nato": set(), "russia": set()}
    for m in mentions:
        actor = k.actors.get(m.entity.kb_id or "")
        if actor is None or actor.media:
            continue
        side = side_at(m.entity, date) if date is not None else actor.side
        if side in out:
            out[side].add((m.field, m.sentence))
    return out


def features(
    mentions: Iterable[Mention],
    sentences: Iterable[Sentence],
    date: DateInfo | None,
    relations: list[tuple[dict, bool]],
    about: bool,
) -> dict[str, float]:
    """What the classifier reads. The rules' figures: relation score and count, their share of the body, one in
    the title or lede, one naming NATO itself, the rules' verdict (`about` and the score); how much of the
    article names each side, in its title and lede, and how often both sides sit in neighbouring sentences.
    The words (folded unigrams and bigrams, each present once, scaled to unit length) of the title, the lede
    and every sentence naming a known actor: what the article is about around its actors."""
    mentions = tuple(mentions)
    sentences = tuple(sentences)
    n = max(1, len(sentences))
    body = sum(1 for s in sentences if s.field == "body")
    counted = [(x, core) for x, core in relations if x["weight"] > 0]
    score = sum(x["weight"] for x, _ in relations)
    by_side = sides(mentions, date)
    near = sum(
        1 for f, i in by_side["nato"] if any(f2 == f and abs(i2 - i) <= 1 for f2, i2 in by_side["russia"])
    )
    f: dict[str, float] = {
        "rel:score": math.log1p(score),
        "rel:count": math.log1p(len(counted)),
        "rel:share": len(counted) / max(1, body),
        "rel:statements": math.log1p(sum(1 for x, _ in counted if x["kind"] == "statement")),
        "rel:excluded": sum(1 for x, _ in relations if x["excluded"]) / max(1, len(relations)),
        "near:count": math.log1p(near),
        "near:share": near / n,
        "body:length": math.log1p(body),
    }
    if any(x["field"] in ("title", "lede") for x, _ in counted):
        f["rel:in_summary"] = 1.0
    if any(core for _, core in counted):
        f["rel:core"] = 1.0
    if about and counted:
        f["rules:relevant"] = 1.0
    for side, places in by_side.items():
        f[f"{side}:share"] = len(places) / n
        for field in ("title", "lede"):
            if any(p[0] == field for p in places):
                f[f"{side}:{field}"] = 1.0
    named = {(m.field, m.sentence) for m in mentions}
    text = " ".join(s.text for s in sentences if s.field in ("title", "lede") or (s.field, s.idx) in named)
    grams = _grams(text)
    for g in grams:
        f[g] = 1.0 / math.sqrt(len(grams))
    return f


def _grams(text: str) -> set[str]:
    words = _WORD.findall(fold(text))
    return {f"w={w}" for w in words} | {f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)}


RelevanceModel = linear.BinaryModel  # relevant at or above its threshold; see data/relevance_model.json


def model_from_dict(d: dict) -> RelevanceModel:
    """A model from its JSON form, refusing a file that does not fit (a clear error, not a silent rules run)."""
    model = linear.binary_from_dict(d, "relevance model")
    if not 0.0 < model.threshold < 1.0:
        raise ValueError(
            f"relevance model: threshold {model.threshold} is not a probability strictly inside 0..1"
        )
    return model


@cache
def load_model(path: str | None = None) -> RelevanceModel | None:
    """The trained model, or None when no model file exists (then the rules alone decide)."""
    return linear.read_model(Path(path) if path else MODEL_PATH, model_from_dict)


@cache
def method() -> str:
    """'learned' or 'rules': data/relevance.yaml `method`, overridden by $NEWS_RELEVANCE (to score both)."""
    return linear.chosen_method(
        "NEWS_RELEVANCE", rules("relevance").get("method", "rules"), METHODS, "relevance"
    )
