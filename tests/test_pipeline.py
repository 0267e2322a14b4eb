"""The pipeline: picklable, relevance, cheap off-topic path, offsets into stored columns."""

from __future__ import annotations

import pickle

from core.models import Article, DateInfo
from core.nlp.pipeline import STEPS, extract


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


def test_steps_are_named():
    assert {"sentences", "ner", "entities", "statements", "relevance"} <= set(STEPS)


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
