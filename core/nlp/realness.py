"""Is an extracted statement a real one? A learned check on what the speech rules found.

The rules find a speaker before a reporting verb; random audits of the whole archive (tests/gold/audit/) show
that about one row in thirteen they store is no statement at all: the journalist narrating an act ("Tòa án Mỹ đã
bác bỏ yêu cầu ..."), a motive ("Tổng thống Trump hy vọng ..."), a headline, an outlet's own analysis. The readers
of those audits marked each row `real_statement` y or n; `python -m core.quality.realness` learns from those marks
a logistic regression over the shape of the attribution (the verb, the two words before the speaker, the speaker's
own words, the words between speaker and verb and right after it, quotation marks, headline and question form)
and writes its coefficients and a drop threshold to data/statement_model.json.

Extraction keeps a statement when the model's probability that it is real reaches the threshold, or when it is
a joint statement (one phrase, several speakers), and drops it otherwise (`verdicts`); the probability stays in
the statement's evidence (`real_prob`). No model file: every statement is
kept. The words of the content itself are not read, so the check is about how a sentence attributes, not what
it is about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from core.config import DATA_DIR
from core.models import Statement
from core.nlp import linear

MODEL_PATH = DATA_DIR / "statement_model.json"
_QUOTES = re.compile(r"[\"“”]")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def features(sentence: str, speaker_text: str, verb: str, span: str, title: str) -> dict[str, float]:
    """What the model reads of one statement: the fields an audit sheet shows, so sheets train it directly.

    >>> f = features("Ông Lavrov nói rằng Nga sẵn sàng.", "Ông Lavrov", "nói", "Nga sẵn sàng", "Lavrov")
    >>> f["verb=nói"], f["spk_first"], f["A:rằng"], f["adjacent"]
    (1.0, 1.0, 1.0, 1.0)
    """
    f: dict[str, float] = {"verb=" + verb.lower(): 1.0}
    if not verb:
        f["noverb"] = 1.0
    i = sentence.find(speaker_text) if speaker_text else -1
    before = sentence[:i] if i >= 0 else ""
    j = sentence.find(verb, i + len(speaker_text)) if verb and i >= 0 else -1
    between = sentence[i + len(speaker_text) : j] if j >= 0 else ""
    after = sentence[j + len(verb) : j + len(verb) + 12] if j >= 0 else ""
    # the two words before the speaker and their pair ("theo tin", "hãng tin"): more of them read the topic
    # ("Phản ứng trước thông tin này, Nhà Trắng cho biết" lost a statement to a lone "tin")
    last = _words(before)[-2:]
    for w in last:
        f["L:" + w] = 1.0
    if len(last) == 2:
        f["L2:" + "_".join(last)] = 1.0
    if i == 0:
        f["spk_first"] = 1.0
    if i < 0:
        f["spk_absent"] = 1.0
    spoken = _words(speaker_text)
    for w in spoken:
        f["S:" + w] = 1.0
    if spoken:
        f["S0:" + spoken[0]] = 1.0
    for w in _words(between)[:4]:
        f["M:" + w] = 1.0
    if j >= 0 and not between.strip():
        f["adjacent"] = 1.0
    for w in _words(after)[:1]:
        f["A:" + w] = 1.0
    if after.lstrip().startswith(":"):
        f["A:colon"] = 1.0
    for w in _words(span)[:2]:
        f["C0:" + w] = 1.0
    if _QUOTES.search(span):
        f["quote"] = 1.0
    if _QUOTES.search(sentence):
        f["sent_quote"] = 1.0
    if sentence.strip() == title.strip():
        f["is_title"] = 1.0
    if sentence.rstrip().endswith("?"):
        f["question"] = 1.0
    f["len_span"] = min(len(_words(span)), 60) / 60
    f["span_share"] = len(span) / max(1, len(sentence))
    return f


def verdicts(
    model: RealnessModel, statements: Sequence[Statement], texts: dict[int, str], title: str
) -> list[tuple[Statement, float, bool]]:
    """Each statement with its probability of being one and whether extraction keeps it: at or above the
    threshold, or a joint statement ("Nga, Iran và Thổ Nhĩ Kỳ đã nhất trí ...": one phrase, several speakers),
    which the annotation rules count as one whatever the model reads (tests/gold/README.md)."""
    speakers: dict[tuple, set] = {}
    for st in statements:
        speakers.setdefault((st.sentence, st.start, st.end), set()).add(st.speaker)
    out = []
    for st in statements:
        p = model.probability(features(texts.get(st.sentence, ""), st.speaker_text, st.verb, st.text, title))
        out.append((st, p, p >= model.threshold or len(speakers[(st.sentence, st.start, st.end)]) >= 2))
    return out


# Below its threshold a statement is dropped; see data/statement_model.json.
RealnessModel = linear.BinaryModel


def model_from_dict(d: dict) -> RealnessModel:
    """A model from its JSON form; a file that does not fit is a clear error, never a silent pass."""
    return linear.binary_from_dict(d, "statement model")


@cache
def load_model(path: str | None = None) -> RealnessModel | None:
    """The trained model, or None when there is no model file (then every statement is kept)."""
    return linear.read_model(Path(path) if path else MODEL_PATH, model_from_dict)
