"""The learned relevance model (core.nlp.relevance_model) decides beside the rules: what an analyst sees change.

Fixtures are written by the team, not copied from any article or sheet the model was trained on.
"""

from __future__ import annotations

import csv
import json

import pytest

from core.models import Article, Extraction
from core.nlp import relevance_model
from core.nlp.pipeline import extract
from core.quality import relevance_train


def _extract(title: str, lede: str, body: str) -> Extraction:
    return extract(Article(title, lede, body, "fixture.txt", "\n".join([title, lede, body])))


@pytest.fixture
def method(monkeypatch):
    """Run one test with the rules or the learned model deciding ($NEWS_RELEVANCE, as for scoring both)."""

    def use(name: str) -> None:
        monkeypatch.setenv("NEWS_RELEVANCE", name)
        relevance_model.method.cache_clear()

    yield use
    relevance_model.method.cache_clear()


# A Russian engineer saving neighbours in a London fire: "Nga" and "Anh" meet in the title and the lede, so the
# rules count two relations in the lead; nothing in it relates the two states.
FIRE = (
    "Kỹ sư người Nga cứu sống nhiều cư dân trong vụ cháy chung cư ở London",
    "Một kỹ sư người Nga sống tại Anh đã đánh thức hàng xóm khi ngọn lửa bùng lên lúc nửa đêm.",
    "Anh Dmitri, 35 tuổi, ngửi thấy mùi khói và chạy qua từng tầng để gõ cửa. Nhờ anh, 11 người đã kịp thoát ra "
    "ngoài. Các nhân viên cứu hỏa London cho biết đám cháy được khống chế sau sáu giờ. Chính quyền thành phố đang "
    "điều tra nguyên nhân vụ cháy. Nhiều cư dân đã gửi lời cảm ơn tới người kỹ sư trên mạng xã hội.",
)

SHOOT = (
    "Mỹ bắn hạ máy bay Syria, Nga cảnh báo đáp trả",
    "Chiến đấu cơ Mỹ đã bắn hạ một máy bay ném bom của quân đội Syria gần Raqqa, khiến Nga cảnh báo sẽ coi máy bay "
    "của liên quân là mục tiêu.",
    "Lầu Năm Góc cho biết máy bay Syria đã ném bom gần vị trí của lực lượng được liên quân hậu thuẫn. Bộ Quốc phòng "
    "Nga tuyên bố ngừng kênh liên lạc tránh va chạm trên bầu trời Syria. Các nhà phân tích cho rằng căng thẳng trên "
    "chiến trường Syria có thể leo thang trong những tuần tới. Chính quyền Damascus lên án vụ việc.",
)


def test_the_model_is_the_default_and_its_probability_is_kept():
    assert relevance_model.method() == "learned"
    ex = _extract(*SHOOT)
    model = relevance_model.load_model()
    assert ex.relevant and ex.relevance_prob is not None and ex.relevance_prob >= model.threshold
    # The relations stay the evidence the article page shows, whoever decided.
    assert ex.relevance_evidence and ex.relevance_evidence[0]["nato"] == ["Mỹ"]
    assert ex.relevance_evidence[0]["russia"] == ["Nga"]


def test_a_russian_in_a_london_fire_is_no_relation_for_the_model(method):
    ex = _extract(*FIRE)
    assert not ex.relevant, ex.relevance_prob
    # The rules alone call it relevant: two relations in the lead. The reason the model decides by default.
    method("rules")
    assert _extract(*FIRE).relevant


def test_the_model_never_flags_an_article_naming_one_side(method):
    ex = _extract(
        "NATO tập trận lớn ở Ba Lan",
        "Hơn 20.000 binh sĩ NATO tham gia cuộc tập trận tại Ba Lan và các nước vùng Baltic.",
        "Tổng thư ký NATO Jens Stoltenberg cho biết cuộc tập trận nhằm kiểm tra khả năng phối hợp của các đồng minh.",
    )
    assert not ex.relevant and ex.relevance_prob == 0.0


def test_with_the_rules_deciding_no_probability_is_stored(method):
    method("rules")
    ex = _extract(*SHOOT)
    assert ex.relevant and ex.relevance_prob is None


def test_an_unknown_method_is_a_clear_error(method):
    method("magic")
    with pytest.raises(ValueError, match="relevance method must be one of"):
        relevance_model.method()


@pytest.mark.parametrize(
    "broken, message",
    [
        ({"version": "x", "intercept": 0.0, "weights": {}}, "missing or bad field"),
        (
            {"version": "x", "intercept": 0.0, "weights": {"w=nga": "much"}, "threshold": 0.5},
            "missing or bad",
        ),
        ({"version": "x", "intercept": 0.0, "weights": {}, "threshold": 1.5}, "not a probability"),
    ],
)
def test_a_broken_model_file_is_refused_with_a_clear_error(tmp_path, broken, message):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        relevance_model.load_model(str(path))


def test_training_reads_judged_sheets_and_scores_rules_and_model_out_of_sheet(tmp_path, corpus_dir):
    """Two tiny sheets of real corpus files, judged as the committed sheets judged them: the command writes a
    model the pipeline reads and out-of-sheet figures for both methods."""
    rows = {
        "seed1": [("22559903.txt", "yes"), ("22603990.txt", "no"), ("22496505.txt", "yes")],
        "seed2": [("22562750.txt", "yes"), ("22740459.txt", "no"), ("22272097.txt", "no")],
    }
    for seed, judged in rows.items():
        present = [(f, j) for f, j in judged if (corpus_dir / f).is_file()]
        if len(present) < len(judged):
            pytest.skip("a sheet article is missing from the corpus")
        with open(tmp_path / f"x-{seed}-sheet.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "title", "judged", "reason"])
            w.writerows([f, "", j, ""] for f, j in present)
        with open(tmp_path / f"x-{seed}-key.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "sample", "population", "flag"])
            w.writerows([f, "flagged", 10, 1] for f, _ in present)
    # A census of uncertain articles trains but is never scored.
    (tmp_path / "uncertain").mkdir()
    with open(tmp_path / "uncertain" / "x-band-sheet.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["file", "title", "judged", "reason"], ["22732310.txt", "", "yes", ""]])
    with open(tmp_path / "uncertain" / "x-band-key.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["file", "sample", "population", "flag"], ["22732310.txt", "band", 1, 0]])
    out, metrics = tmp_path / "model.json", tmp_path / "metrics.json"
    code = relevance_train.main(
        ["--sheets", str(tmp_path), "--corpus", str(corpus_dir), "--out", str(out), "--metrics", str(metrics)]
    )
    assert code == 0
    model = relevance_model.load_model(str(out))
    assert model.weights and 0 < model.threshold < 1
    figures = json.loads(metrics.read_text(encoding="utf-8"))
    assert (
        figures["rows"] == 6 and figures["train_only"] == 1 and set(figures["pooled"]) == {"rules", "learned"}
    )
    assert set(figures["sheets"]) == {"seed1", "seed2"}


def test_an_unjudged_row_stops_training_with_its_file_named(tmp_path, corpus_dir):
    with open(tmp_path / "x-seed1-sheet.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["file", "title", "judged", "reason"], ["22559903.txt", "", "", ""]])
    with open(tmp_path / "x-seed1-key.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [["file", "sample", "population", "flag"], ["22559903.txt", "flagged", 1, 1]]
        )
    with pytest.raises(ValueError, match="22559903.txt is not judged"):
        relevance_train.examples(tmp_path, corpus_dir, None)


def test_analysts_markings_join_training_and_an_undone_one_does_not(tmp_path):
    """An article marked off-topic on the Articles page is a training row with its marking; the figures stay
    those of the sheets (markings are never scored); a marking taken back teaches nothing."""
    from core.store import connection, corrections
    from core.store import db as store

    path = tmp_path / "news.db"
    db = connection.connect(path)
    ids = []
    for title, lede, body in (FIRE, SHOOT):
        a = Article(title, lede, body, f"{len(ids)}.txt", "\n".join([title, lede, body]))
        ids.append(store.add_article(db, a, extract(a))[0])
    corrections.mark_articles(db, [ids[0]], 0, who="lan", why="chuyện đời thường")
    undone = corrections.mark_articles(db, [ids[1]], 0, who="lan", why="nhầm")
    corrections.undo_batch(db, undone, who="lan", why="bài này liên quan")
    db.conn.close()

    (marked,) = relevance_train.marking_examples(path)
    assert (marked.file, marked.truth, marked.sheet) == (f"article {ids[0]}", False, "db")
    assert marked.feats["rel:in_summary"] == 1.0  # read as ingest reads it: Nga and Anh in the lead

    judged = [
        relevance_train.Example(s, f"{s}-{i}", i % 2 == 0, 1.0, i % 2 == 0, {"rel:score": float(i % 2 == 0)})
        for s in ("seed1", "seed2")
        for i in range(4)
    ]
    model, metrics = relevance_train.train(judged, extra=[marked])
    assert metrics["train_only"] == 1 and metrics["rows"] == 8 and model.version.endswith("+1m-C1")
    with pytest.raises(FileNotFoundError, match="no store at"):
        relevance_train.marking_examples(tmp_path / "missing.db")
