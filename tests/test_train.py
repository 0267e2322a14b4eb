"""The learned stance reading: training, the JSON model file, calibration, 'unsure', corrections as examples.

Examples here are short team-written sentences, not gold articles: the model is trained on them in the test,
so the assertions are about the mechanism, never about the shipped coefficients.
"""

from __future__ import annotations

import json

import pytest

from core.nlp import stance as stancemod
from core.quality import train as trainmod
from core.quality.train import Example, calibrate, correction_examples, model_dict, train

COOP = [
    "hai bên sẵn sàng đối thoại và hợp tác",
    "Nga và NATO cần khôi phục kênh liên lạc",
    "các bên nên tiếp tục đàm phán hòa bình",
    "quan hệ làm việc giữa hai nước sẽ được cải thiện",
    "Moskva hoan nghênh đề xuất nối lại đối thoại",
    "liên minh mở cửa cho hợp tác với Nga",
]
CONF = [
    "NATO đang khiêu khích Nga ở biên giới",
    "Nga sẽ đáp trả mọi hành động gây hấn",
    "các lệnh trừng phạt mới sẽ được áp đặt lên Moskva",
    "việc triển khai tên lửa là mối đe dọa trực tiếp",
    "liên minh lên án cuộc tấn công của Nga",
    "Moskva cáo buộc phương Tây tuyên truyền thù địch",
]
NEUT = [
    "cuộc họp sẽ diễn ra tại Brussels vào tuần tới",
    "phái đoàn đã tới thủ đô vào sáng nay",
    "hội nghị kéo dài hai ngày theo lịch trình",
    "các bộ trưởng sẽ gặp nhau trong tháng sau",
]


def _examples() -> list[Example]:
    out = []
    for stance, texts in (("cooperative", COOP), ("conflictual", CONF), ("neutral", NEUT)):
        for i, text in enumerate(texts):
            out.append(
                Example("cho biết", text, False, False, "Nga" in text, stance, f"{stance}-{i % 3}", "gold")
            )
    return out


@pytest.fixture(scope="module")
def trained():
    return train(_examples(), seed=13)


def test_training_is_reproducible_and_reports_rules_beside_learned(trained):
    model, metrics = trained
    again, metrics2 = train(_examples(), seed=13)
    assert model_dict(model) == model_dict(again) and metrics == metrics2
    for key in ("rules_accuracy", "learned_accuracy_unsure_wrong", "unsure_share", "threshold", "C"):
        assert key in metrics
    assert metrics["examples"] == len(_examples()) and set(model.classes) == {
        "cooperative",
        "conflictual",
        "neutral",
    }


def test_model_file_round_trip_gives_the_same_probabilities(trained, tmp_path):
    model, _ = trained
    path = tmp_path / "m.json"
    path.write_text(trainmod.dump_model(model), encoding="utf-8")
    loaded = stancemod.model_from_dict(json.loads(path.read_text(encoding="utf-8")))
    _, _, _, feats = stancemod.featurize("nói", "Nga muốn đối thoại với NATO", False, False, True)
    assert loaded.probabilities(feats) == pytest.approx(model.probabilities(feats))
    assert sum(model.probabilities(feats).values()) == pytest.approx(1.0)


def test_learned_reading_separates_the_training_classes(trained):
    model, _ = trained
    label, score, ev, prob = stancemod.classify(
        "cho biết", "hai bên sẵn sàng đối thoại và hợp tác", model=model, how="learned"
    )
    assert label in ("cooperative", "unsure") and score > 0 and 0 < prob <= 1
    assert ev["rules_stance"] == "cooperative" and ev["model"] == model.version


def test_below_the_threshold_the_stance_is_unsure(trained):
    model, _ = trained
    strict = stancemod.StanceModel(
        model.version, model.classes, model.intercept, model.weights, threshold=1.01
    )
    label, _, ev, prob = stancemod.classify("nói", "phái đoàn đã tới", model=strict, how="learned")
    assert (
        label == "unsure" and prob < 1.01 and ev["rules_stance"] in ("neutral", "cooperative", "conflictual")
    )
    # The rules reading never says 'unsure'; it still gets the model's probability of its own label.
    label, _, _, prob = stancemod.classify("nói", "phái đoàn đã tới", model=strict, how="rules")
    assert label == ev["rules_stance"] and prob is not None


def test_calibration_makes_unsure_only_where_labels_are_more_often_wrong():
    # Confident ones are right, the unconfident ones mostly wrong: the threshold falls between them.
    probs = [{"a": 0.9, "b": 0.1}] * 6 + [{"a": 0.45, "b": 0.55}] * 4
    labels = ["a"] * 6 + ["a", "a", "a", "b"]
    t = calibrate(probs, labels)
    assert 0.55 < t <= 0.9
    # Everything right: no reason to doubt anything.
    assert calibrate(probs, ["a"] * 6 + ["b"] * 4) == 0.0


def test_a_broken_model_file_is_refused_clearly():
    with pytest.raises(ValueError, match="stance model"):
        stancemod.model_from_dict({"version": "x", "classes": ["a", "b"], "intercept": [0.0]})
    with pytest.raises(ValueError, match="do not match"):
        stancemod.model_from_dict(
            {
                "version": "x",
                "classes": ["a", "b"],
                "intercept": [0, 0],
                "weights": {"w=x": [1]},
                "threshold": 0,
            }
        )


def test_one_class_cannot_be_trained():
    only = [e for e in _examples() if e.stance == "neutral"]
    with pytest.raises(ValueError, match="two stances"):
        train(only)


def test_analyst_corrections_become_training_examples(tmp_path):
    from core.models import Article
    from core.nlp.pipeline import extract
    from core.store import corrections
    from core.store import db as store

    db = store.connect(tmp_path / "s.db")
    art = Article(
        title="NATO và Nga",
        lede="",
        body="Ông Lavrov cho biết Nga sẵn sàng đối thoại với NATO về an ninh châu Âu.",
        origin="t.txt",
        raw="x",
    )
    store.add_article(db, art, extract(art))
    sid = db.execute("SELECT id FROM statements").fetchone()[0]
    corrections.set_statement_stance(db, sid, "neutral", who="lan", why="a test")
    corrections.set_statement_stance(db, sid, "conflictual", who="lan", why="second thought")
    db.conn.close()
    (ex,) = correction_examples(tmp_path / "s.db")
    assert ex.stance == "conflictual" and ex.origin == "correction" and "đối thoại" in ex.text


def test_train_command_refuses_a_missing_store(capsys):
    assert trainmod.main(["--db", "/nonexistent/dir/x.db", "--out", "/nonexistent/m.json"]) == 2
    assert "no store" in capsys.readouterr().err
