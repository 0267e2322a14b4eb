"""Stance of a reported content: cooperative / neutral / conflictual and a score in [-10, 10].

CAMEO/Goldstein spirit: the reporting verb's class sets a prior (kêu gọi: appeal +2.5, cáo buộc: accuse
-3.5, cảnh báo: threaten -5), content cues from data/speech.yaml add to it (đối thoại +2, trừng phạt -2.5),
and a negator before a cue in the same clause flips it: "NATO không tìm cách cô lập Nga" is cooperative.
Three readings on top: in "X, song Y" the clause after the contrast dominates; an appeal whose addressee is the
other side is a demand ("kêu gọi Nga rút quân"); schedules and procedures with a weak lean are neutral.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.config import rules


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


def _negated(text: str, pos: int, sr: StanceRules) -> str | None:
    """The negator governing position `pos`: an odd number of them earlier in the same clause, the last one
    close enough. "không tìm cách cô lập" -> 'không'; "không dỡ bỏ ... trừng phạt" -> None."""
    clause_start = 0
    for m in sr.break_re.finditer(text, 0, pos):
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
    cross_side: bool = False,
    addressee_other: bool = False,
) -> tuple[str, float, dict]:
    """Stance label, score and the evidence used.

    >>> score("tuyên bố", "NATO không tìm cách cô lập Nga")[0]
    'cooperative'
    >>> score("cáo buộc", "NATO khiêu khích")[0]
    'conflictual'
    >>> score("kêu gọi", "Nga rút quân khỏi Ukraine", addressee_other=True)[0]
    'conflictual'
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
        prior = -prior * sr.factor
    total = prior
    used = []
    deny = False  # a denial keeps its content's sign: rebuttals read as conflictual in our gold reading
    # "X, song Y": cues before the last contrast count less than those after it.
    turn = max((c.start() for c in sr.contrast_re.finditer(content)), default=-1)
    for m in sr.cue_re.finditer(content):
        # A capitalised cue inside the content is part of a name ("Bộ Ngoại giao"), not a cue.
        if m.start() > 0 and m.group(0)[:1].isupper() and content[m.start() - 1] != '"':
            continue
        w = sr.cues[m.group(0).lower()]
        neg = _negated(content, m.start(), sr)
        flipped = bool(neg) != deny
        contrib = -w * sr.factor if flipped else w
        if m.start() < turn:
            contrib *= sr.contrast_factor
        if demand and contrib > 0:
            continue
        total += contrib
        used.append({"cue": m.group(0), "weight": w, "negated": neg or ("deny" if deny else None)})
    if cross_side:
        w = float(rules("speech").get("cross_side", 0.0))
        total += w
        used.append({"cue": "cross_side", "weight": w, "negated": None})
    proc = sr.procedural_re.search(content)
    # Only a weak or negative lean is levelled: a schedule carries no hostility, but an offer of dialogue in it
    # ("tiếp tục đối thoại ..., Hội đồng Nga-NATO dự kiến họp") stays cooperative.
    if proc and -sr.procedural_cap <= total < sr.coop:
        # "cuộc tham vấn ... được tổ chức tại Oa-sinh-tơn ngày 17-7 tới": a schedule, not a stance.
        used.append({"cue": proc.group(0), "weight": 0.0, "negated": None, "procedural": True})
        total = 0.0
    total = max(-10.0, min(10.0, round(total, 2)))
    evidence = {"verb_class": vclass, "prior": prior, "cues": used, "verb_negated": verb_negated}
    return label(total), total, evidence
