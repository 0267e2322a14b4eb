"""The pipeline: picklable, relevance, cheap off-topic path, offsets into stored columns."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from core.models import Article, DateInfo
from core.nlp.pipeline import COMPONENTS, extract, run


def _article(body: str, title: str = "Tin") -> Article:
    return Article(title=title, lede="", body=body, origin="t.txt", raw=body, date=DateInfo(24, 11, 2016))


def test_extract_is_picklable_and_top_level():
    a = _article("Ông Stoltenberg cho biết NATO không muốn đối đầu với Nga.")
    ex = extract(a)
    assert pickle.loads(pickle.dumps(ex)) == ex
    assert pickle.loads(pickle.dumps(extract)) is extract


def test_relevant_when_both_sides_meet():
    assert extract(_article("NATO tăng quân gần biên giới Nga. Nga cảnh báo NATO.")).relevant


def test_off_topic_uses_no_ner():
    ex = extract(_article("Bị cáo Phương Nga có mặt tại tòa án Thành phố Hồ Chí Minh sáng nay."))
    assert not ex.relevant
    assert all(m.evidence != "ner" for m in ex.mentions)


def test_one_sided_is_not_relevant():
    assert not extract(_article("Mỹ và Nhật Bản tập trận chung ở Thái Bình Dương.")).relevant


def test_offsets_point_into_stored_columns():
    a = _article('Ông Lavrov nói: "NATO đang khiêu khích Nga".', title="Nga và NATO")
    ex = extract(a)
    for m in ex.mentions:
        assert getattr(a, m.field)[m.start : m.end] == m.surface
    for s in ex.statements:
        assert getattr(a, s.field)[s.start : s.end] == s.text
    for s in ex.sentences:
        assert getattr(a, s.field)[s.start : s.end] == s.text


def test_components_run_in_data_flow_order_over_one_doc():
    assert [c.name for c in COMPONENTS] == [
        "sentences",
        "mentions",
        "relevance",
        "entities",
        "statements",
        "stance",
        "realness",
    ]
    a = _article("Ông Stoltenberg cho biết NATO không muốn đối đầu với Nga.")
    gate = run(a, upto="relevance")
    assert gate.relevant and gate.tokens is None and not gate.drafts  # nothing after the gate has run yet
    drafts = run(a, upto="statements")
    assert [d.statement.speaker.name for d in drafts.drafts] == ["Jens Stoltenberg"] and not drafts.statements
    full = run(a)
    assert full.extraction() == extract(a)
    # The stance component reads the drafts: same statement, now with the stance of its content; the drafts'
    # evidence (where the speaker's side came from) is kept beside the stance's.
    assert [d.statement.evidence for d in drafts.drafts] == [{"side_from": "knowledge"}]
    assert [
        replace(s, stance="neutral", score=0.0, evidence={"side_from": "knowledge"}, stance_prob=None)
        for s in full.statements
    ] == [d.statement for d in drafts.drafts]
    assert full.statements[0].evidence["verb_class"] == "say"
    assert full.statements[0].evidence["side_from"] == "knowledge"


def test_off_topic_doc_skips_the_relevant_only_components():
    doc = run(_article("Mỹ và Nhật Bản tập trận chung ở Thái Bình Dương."))
    assert doc.relevance is not None and not doc.relevant
    assert doc.tokens is None and doc.drafts == () and doc.statements == ()


def test_unknown_component_is_refused_by_name():
    with pytest.raises(ValueError, match="no component 'ner'"):
        run(_article("NATO và Nga."), upto="ner")


def test_ingest_writes_extraction_and_reprocess_keeps_corrections(db, tmp_path):
    from core.ingest.run import ingest_paths, reprocess
    from core.store import corrections

    f = tmp_path / "a.txt"
    f.write_text(
        "NATO và Nga\n\nÔng Stoltenberg cho biết NATO không muốn đối đầu với Nga.\n", encoding="utf-8"
    )
    ingest_paths([f], db, progress=False)
    sid = db.execute("SELECT id FROM statements").fetchone()[0]
    corrections.set_statement_stance(db, sid, "neutral", 0, who="t")
    reprocess(db, progress=False)
    assert db.execute("SELECT stance FROM statements").fetchone()[0] == "neutral"
    assert db.execute("SELECT relevant FROM articles").fetchone()[0] == 1


def test_sentences_glued_without_a_space_are_split_initials_are_not():
    # "thành viên.Tổng thống": two sentences; "V.Putin", "Tp.HCM" and "VnExpress.net" stay whole; a bullet
    # between two items of a digest ends the first.
    body = "NATO có 29 thành viên.Tổng thống V.Putin tới Tp.HCM. * Trang VnExpress.net đưa tin."
    texts = [s.text for s in run(Article("T", "", body, "o", "r"), upto="sentences").sentences][1:]
    assert texts == [
        "NATO có 29 thành viên.",
        "Tổng thống V.Putin tới Tp.HCM.",
        "* Trang VnExpress.net đưa tin.",
    ]


def test_glued_sentence_gives_the_second_speaker_his_own_statement():
    body = "Nga phản đối NATO mở rộng.Tổng thống Trump nói rằng Mỹ muốn quan hệ tốt với Nga."
    got = [
        (s.speaker.name, s.text) for s in extract(Article("Tin NATO và Nga", "", body, "o", "r")).statements
    ]
    assert ("Donald Trump", "Mỹ muốn quan hệ tốt với Nga") in got
