"""Stance of a reported content: cooperative / neutral / conflictual and a score in [-10, 10].

CAMEO/Goldstein spirit: the reporting verb's class sets a prior (kêu gọi: appeal +2.5, cáo buộc: accuse
-3.5, cảnh báo: threaten -5), content cues from data/speech.yaml add to it (đối thoại +2, trừng phạt -2.5),
and a negator before a cue in the same clause flips it: "NATO không tìm cách cô lập Nga" is cooperative.
Three readings on top: in "X, song Y" the clause after the contrast dominates; an appeal whose addressee is the
other side is a demand ("kêu gọi Nga rút quân"); schedules and procedures with a weak lean are neutral.
The speaker's side never enters: the same words score the same whoever says them.

Beside these rules, a learned reading (`classify`): a logistic regression trained by `python -m core.quality.train`
over the rules' cues and verdict plus word n-grams, stored as coefficients in data/stance_model.json. It gives
a probability per statement, and `unsure` below a threshold calibrated out of fold. data/speech.yaml
`stance_method` picks the reading extraction stores; the other one stays in the evidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from core.config import DATA_DIR, rules
from core.models import Statement
from core.nlp import linear


@dataclass(frozen=True)
class StanceRules:
    priors: dict[str, float]
    verb_class: dict[str, str]
    cues: dict[str, float]
    cue_re: re.Pattern
    negator_re: re.Pattern
    not_negations: frozenset[str]
    break_re: re.Pattern
    max_words: int
    factor: float
    coop: float
    conf: float
    contrast_re: re.Pattern
    contrast_factor: float
    demand_when_other: frozenset[str]
    procedural_re: re.Pattern
    procedural_cap: float


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def stance_rules() -> StanceRules:
    r = rules("speech")
    cues = {k.lower(): float(v) for k, v in r["cues"].items()}
    return StanceRules(
        {k: float(v) for k, v in r["classes"].items()},
        dict(r["verbs"]),
        cues,
        re.compile(rf"(?<!\w)(?:{_alt(cues)})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{_alt(r['negators'] + r.get('not_negations', []))})(?!\w)", re.IGNORECASE),
        frozenset(w.lower() for w in r.get("not_negations", [])),
        re.compile(rf"[,;:.!?()\[\]–—]|(?<!\w)(?:{_alt(r['scope_breaks'])})(?!\w)", re.IGNORECASE),
        int(r["negation_max_words"]),
        float(r["negation_factor"]),
        float(r["thresholds"]["cooperative"]),
        float(r["thresholds"]["conflictual"]),
        re.compile(rf",\s*(?:{_alt(r['contrast_words'])})(?!\w)", re.IGNORECASE),
        float(r["contrast_factor"]),
        frozenset(r["demand_when_addressee_other"]),
        re.compile(rf"(?<!\w)(?:{_alt(r['procedural'])})(?!\w)", re.IGNORECASE),
        float(r["procedural_cap"]),
    )


def _negated(text: str, pos: int, sr: StanceRules, since: int = 0) -> str | None:
    """The negator governing position `pos`: an odd number of them earlier in the same clause and after the
    previous cue (`since`), the last one close enough. A negator governs the first cue after it only:
    "không tìm cách cô lập" -> 'không'; "không dỡ bỏ ... trừng phạt" -> None; "không thảo luận về các lệnh
    trừng phạt" negates the talks, not the sanctions."""
    clause_start = since
    for m in sr.break_re.finditer(text, since, pos):
        clause_start = m.end()
    window = text[clause_start:pos]
    found = [m for m in sr.negator_re.finditer(window) if m.group(0).lower() not in sr.not_negations]
    if not found or len(found) % 2 == 0:
        return None
    if len(window[found[-1].end() :].split()) > sr.max_words:
        return None
    return found[-1].group(0).lower()


def label(score: float) -> str:
    sr = stance_rules()
    if score >= sr.coop:
        return "cooperative"
    if score <= sr.conf:
        return "conflictual"
    return "neutral"


def score(
    verb: str,
    content: str,
    verb_negated: bool = False,
    addressee_other: bool = False,
) -> tuple[str, float, dict]:
    """Stance label, score and the evidence used.

    >>> score("tuyên bố", "NATO không tìm cách cô lập Nga")[0]
    'cooperative'
    >>> score("cáo buộc", "NATO khiêu khích")[0]
    'conflictual'
    >>> score("kêu gọi", "Nga rút quân khỏi Ukraine", addressee_other=True)[0]
    'conflictual'

    Who speaks never moves the score: no prior from the speaker's side. A negated reporting verb ("không bác
    bỏ", "chưa xác nhận") carries no prior at all: not denying is no cooperation, so only the content counts.
    """
    sr = stance_rules()
    vclass = sr.verb_class.get(verb.lower(), "say")
    demand = addressee_other and vclass in sr.demand_when_other
    if demand:
        # "NATO kêu gọi Nga rút quân": an appeal whose addressee is the other side is a demand; the
        # de-escalation it asks for ("giảm căng thẳng", "rút quân") is what is demanded, not goodwill.
        vclass = "demand"
    prior = sr.priors.get(vclass, 0.0)
    if verb_negated:
        prior = 0.0
    total = prior
    used = []
    deny = False  # a denial keeps its content's sign: rebuttals read as conflictual in our gold reading
    # "X, song Y": cues before the last contrast count less than those after it.
    turn = max((c.start() for c in sr.contrast_re.finditer(content)), default=-1)
    since = 0  # end of the previous cue: a negator before it was spent on it
    for m in sr.cue_re.finditer(content):
        # A capitalised cue inside the content is part of a name ("Bộ Ngoại giao"), not a cue.
        if m.start() > 0 and m.group(0)[:1].isupper() and content[m.start() - 1] != '"':
            continue
        w = sr.cues[m.group(0).lower()]
        neg = _negated(content, m.start(), sr, since)
        since = m.end()
        flipped = bool(neg) != deny
        contrib = -w * sr.factor if flipped else w
        if m.start() < turn:
            contrib *= sr.contrast_factor
        if demand and contrib > 0:
            continue
        total += contrib
        used.append(
            {"cue": m.group(0), "weight": w, "negated": neg or ("deny" if deny else None), "contrib": contrib}
        )
    proc = sr.procedural_re.search(content)
    # Only a weak or negative lean is levelled: a schedule carries no hostility, but an offer of dialogue in it
    # ("tiếp tục đối thoại ..., Hội đồng Nga-NATO dự kiến họp") stays cooperative.
    if proc and -sr.procedural_cap <= total <= sr.coop:
        # "cuộc tham vấn ... được tổ chức tại Oa-sinh-tơn ngày 17-7 tới": a schedule, not a stance.
        used.append({"cue": proc.group(0), "weight": 0.0, "negated": None, "procedural": True})
        total = 0.0
    total = max(-10.0, min(10.0, round(total, 2)))
    evidence = {
        "verb_class": vclass,
        "prior": prior,
        "cues": used,
        "verb_negated": verb_negated,
        "addressee_other": addressee_other,
        "procedural": bool(used and used[-1].get("procedural")),
    }
    return label(total), total, evidence


# --- the learned reading, beside the rules ----------------------------------------------------------------
#
# A logistic regression (trained by `python -m core.quality.train`) reads the rules' cues as features plus word
# n-grams of the content and the verb. Its coefficients live in a small JSON file under data/, so applying it
# needs no scikit-learn and no pickle: one dot product per class and a softmax.

MODEL_PATH = DATA_DIR / "stance_model.json"
METHODS = ("learned", "rules")


def _ngrams(text: str) -> list[str]:
    words = re.findall(r"\w+", text.lower())
    return [f"w={w}" for w in words] + [f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def features(
    verb: str,
    content: str,
    evidence: dict,
    rule_score: float,
    *,
    names_actor: bool = False,
) -> dict[str, float]:
    """What the classifier reads: the rules' verdict and cues (as evidence from `score`), the verb, whether
    the content names an actor of either side, and the content's word unigrams and bigrams. Never the
    speaker or its side: who speaks must not decide the stance."""
    f: dict[str, float] = {
        "rule:score": rule_score / 5.0,
        f"rule:label={label(rule_score)}": 1.0,
        f"verb_class={evidence.get('verb_class', 'say')}": 1.0,
        f"verb={verb.lower()}": 1.0,
        "prior": float(evidence.get("prior", 0.0)) / 5.0,
    }
    for flag in ("verb_negated", "addressee_other", "procedural"):
        if evidence.get(flag):
            f[flag] = 1.0
    if names_actor:
        f["names_actor"] = 1.0
    pos = neg = 0.0
    for c in evidence.get("cues", []):
        contrib = float(c.get("contrib", c.get("weight", 0.0)))
        pos += max(contrib, 0.0)
        neg += min(contrib, 0.0)
        if c.get("procedural"):
            continue
        f[f"cue={c['cue'].lower()}{'~neg' if c.get('negated') else ''}"] = 1.0
    f["cues:pos"] = pos / 5.0
    f["cues:neg"] = neg / 5.0
    for g in _ngrams(content):
        f[g] = 1.0
    return f


def featurize(
    verb: str, content: str, verb_negated: bool, addressee_other: bool, names_actor: bool
) -> tuple[str, float, dict, dict[str, float]]:
    """The rules' reading (label, score, evidence) and the classifier's features of one statement; the one
    path shared by extraction and `core.quality.train`, so training and use cannot drift apart."""
    rule_label, rule_score, ev = score(verb, content, verb_negated, addressee_other)
    ev = {**ev, "names_actor": names_actor, "rules_stance": rule_label, "rules_score": rule_score}
    return rule_label, rule_score, ev, features(verb, content, ev, rule_score, names_actor=names_actor)


@dataclass(frozen=True)
class StanceModel:
    """Coefficients of a trained multinomial logistic regression; see data/stance_model.json."""

    version: str
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float  # below this top probability the stance is 'unsure'

    def probabilities(self, feats: dict[str, float]) -> dict[str, float]:
        logits = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    logits[k] += wk * value
        top = max(logits)
        exps = [math.exp(x - top) for x in logits]
        z = sum(exps)
        return {c: e / z for c, e in zip(self.classes, exps, strict=True)}


def model_from_dict(d: dict) -> StanceModel:
    """A model from its JSON form, refusing a file that does not fit (a clear error, not a silent rules run)."""
    try:
        classes = tuple(d["classes"])
        weights = {k: tuple(float(x) for x in v) for k, v in d["weights"].items()}
        model = StanceModel(
            version=str(d["version"]),
            classes=classes,
            intercept=tuple(float(x) for x in d["intercept"]),
            weights=weights,
            threshold=float(d["threshold"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"stance model: missing or bad field ({exc})") from exc
    if len(model.intercept) != len(classes) or any(len(w) != len(classes) for w in weights.values()):
        raise ValueError("stance model: coefficient rows do not match the classes")
    return model


@cache
def load_model(path: str | None = None) -> StanceModel | None:
    """The trained model, or None when no model file exists yet (then the rules alone decide)."""
    return linear.read_model(Path(path) if path else MODEL_PATH, model_from_dict)


@cache
def method() -> str:
    """'learned' or 'rules': data/speech.yaml `stance_method`, overridden by $NEWS_STANCE (to score both)."""
    return linear.chosen_method(
        "NEWS_STANCE", rules("speech").get("stance_method", "rules"), METHODS, "stance"
    )


def classify(
    verb: str,
    content: str,
    verb_negated: bool = False,
    addressee_other: bool = False,
    *,
    names_actor: bool = False,
    model: StanceModel | None = None,
    how: str | None = None,
) -> tuple[str, float, dict, float | None]:
    """Stance label, score, evidence and the probability of that label.

    With the learned method the label is the model's most probable class, or 'unsure' when that probability
    is below the model's calibrated threshold; the score is 10 x (P(cooperative) - P(conflictual)). The rules'
    own label and score stay in the evidence, so the two readings can be compared on any statement.
    """
    rule_label, rule_score, ev, feats = featurize(verb, content, verb_negated, addressee_other, names_actor)
    model = model or load_model()
    if model is None:
        return rule_label, rule_score, ev, None
    probs = model.probabilities(feats)
    ev["model"] = model.version
    ev["probs"] = {c: round(p, 4) for c, p in probs.items()}
    if (how or method()) == "rules":
        return rule_label, rule_score, ev, round(probs.get(rule_label, 0.0), 4)
    best = max(probs, key=lambda c: probs[c])
    p = round(probs[best], 4)
    strength = round(10.0 * (probs.get("cooperative", 0.0) - probs.get("conflictual", 0.0)), 2)
    return (best if p >= model.threshold else "unsure"), strength, ev, p


@dataclass(frozen=True)
class StanceInput:
    """What one statement's stance is read from, fixed when the statement is found (core.nlp.statements):
    the verb, the content as found (before a quotation opened earlier is joined to it), and the three
    readings of the sentence the content alone does not carry."""

    verb: str
    content: str
    verb_negated: bool = False
    addressee_other: bool = False
    names_actor: bool = False


def with_stance(statement: Statement, inp: StanceInput) -> Statement:
    """The statement with the stance `classify` reads from `inp` (the pipeline's stance component)."""
    label_, score_, ev, prob = classify(
        inp.verb, inp.content, inp.verb_negated, inp.addressee_other, names_actor=inp.names_actor
    )
    return replace(
        statement, stance=label_, score=score_, evidence={**statement.evidence, **ev}, stance_prob=prob
    )
