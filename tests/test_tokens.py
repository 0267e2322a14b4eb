"""The NER used by extraction gives exactly what underthesea's own `ner` gives, only faster.

core.nlp.tokens makes the CRF features itself (underthesea's are quadratic in a sentence's length); a
difference of one feature string could change a tag, so these tests compare against underthesea directly.
"""

from __future__ import annotations

import random

import pytest
from conftest import SAMPLES

from core.models import Article
from core.nlp import tokens
from core.text.parse import iter_file


def _sentences(paths) -> list[str]:
    out = []
    for path in paths:
        for rec in iter_file(path):
            if isinstance(rec, Article):
                out.extend(s.text for s in tokens.split_sentences(rec))
    return out


def test_features_match_underthesea_for_every_position_and_length():
    """BOS/EOS at both ends, bigrams running past the end, sentences of 0 to 5 words, in all three models."""
    from importlib import import_module

    stages = tokens._stages()
    words = ["Ông", "Putin", "ca ngợi", "NATO", "2017"]
    for stage, (model_mod, cls, feat_mod) in zip(stages, tokens._STAGES, strict=True):
        word2features = import_module(feat_mod).word2features
        template = getattr(import_module(model_mod), cls).Instance().transformer.template
        width = {"CRFPOSTagPredictor": 1, "CRFChunkingPredictor": 2, "CRFNERPredictor": 3}[cls]
        for n in range(6):
            rows = [(w, *(["Np"] * (width - 1)), "X") for w in words[:n]]
            expected = [word2features(rows, i, template) for i in range(n)]
            assert tokens.features(rows, stage.templates) == expected


def test_ner_is_underthesea_ner_on_real_sentences(corpus_dir):
    from underthesea import ner

    fast = tokens._ner()
    assert fast is not ner  # the fast path is taken with the pinned underthesea
    files = sorted(SAMPLES.glob("*.txt")) + random.Random(3).sample(sorted(corpus_dir.glob("*.txt")), 40)
    sentences = _sentences(files) + ["", "  ", "Nga", "Ông  A . B", "v.v... 3x4 -> H&M"]
    assert len(sentences) > 500
    assert [fast(s) for s in sentences] == [ner(s) for s in sentences]


def test_a_template_we_cannot_read_is_refused():
    with pytest.raises(ValueError, match="template"):
        tokens._compile(["T[1,-1]"], lambda name, word: word)


def test_a_photo_credit_glued_to_the_next_sentence_is_cut_off_it():
    """'Ảnh: AFP/TTXVN Tổng thống ... tuyên bố': the credit is no part of the speaker's phrase or of what is said;
    a photographer's name, whose end cannot be told, stays glued unless a sentence's opening word ("Theo") shows it."""
    from core.models import Article
    from core.nlp.tokens import split_sentences

    body = (
        "Tổng thống Moldova Igor Dodon. Ảnh: AFP/TTXVN Tổng thống Moldova Igor Dodon tuyên bố như vậy. "
        "Ảnh minh họa Hơn 50 thiết bị quân sự đã đến Tapa. Ảnh: Văn Điệp Theo ông Dodon, Moldova trung lập."
    )
    got = [s.text for s in split_sentences(Article("T", "", body, "o", "r"))][1:]
    assert (
        got
        == [
            "Tổng thống Moldova Igor Dodon.",
            "Ảnh: AFP/TTXVN",
            "Tổng thống Moldova Igor Dodon tuyên bố như vậy.",
            "Ảnh minh họa",
            "Hơn 50 thiết bị quân sự đã đến Tapa.",
            "Ảnh: Văn Điệp",  # the sentence opens with "Theo" (data/cleaning.yaml heading_openers): the name ends there
            "Theo ông Dodon, Moldova trung lập.",
        ]
    )


def test_a_heading_run_into_the_next_sentence_is_cut_off_it():
    """ "Mỹ tố Nga can thiệp bầu cử Pháp Trong phiên điều trần ..., Đô đốc Michael Rogers tiết lộ": the subheading ran
    into the sentence, whose subject was then read as the heading's; a capitalised opening word after a lower-case
    word starts a sentence. A committee's name ("Ủy ban Theo dõi") and a holiday ("Ngày Chiến thắng") stay whole."""
    body = (
        "Mỹ tố Nga can thiệp bầu cử Pháp Trong phiên điều trần ngày 9-5, Đô đốc Michael Rogers tiết lộ Mỹ đã theo dõi. "
        "Hạ nghị sĩ Elijah Cummings thuộc Ủy ban Theo dõi và Cải cách Chính phủ nói rằng Flynn đã nói dối. "
        "Lễ kỷ niệm Ngày Chiến thắng diễn ra hôm 9/5 tại Moskva."
    )
    got = [
        s.text for s in tokens.split_sentences(Article("Tin", "", body, "t.txt", body)) if s.field == "body"
    ]
    assert got == [
        "Mỹ tố Nga can thiệp bầu cử Pháp",
        "Trong phiên điều trần ngày 9-5, Đô đốc Michael Rogers tiết lộ Mỹ đã theo dõi.",
        "Hạ nghị sĩ Elijah Cummings thuộc Ủy ban Theo dõi và Cải cách Chính phủ nói rằng Flynn đã nói dối.",
        "Lễ kỷ niệm Ngày Chiến thắng diễn ra hôm 9/5 tại Moskva.",
    ]
