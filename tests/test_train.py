"""The learned stance reading: training, the JSON model file, calibration, 'unsure', corrections as examples.

Examples here are short team-written sentences, not gold articles: the model is trained on them in the test,
so the assertions are about the mechanism, never about the shipped coefficients.
"""

from __future__ import annotations

import json

import pytest

from core.config import ROOT
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
    from core.store import connection, corrections
    from core.store import db as store

    db = connection.connect(tmp_path / "s.db")
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


SHEET_HEADER = (
    "statement_id,corpus_id,title,sentence,speaker,verb,span,verb_negated,addressee_other,names_actor,"
    "stance,stance_prob,real_statement,gold_stance,note\n"
)


def _sheet(tmp_path, rows: list[str], name: str = "s.csv"):
    path = tmp_path / name
    path.write_text(SHEET_HEADER + "".join(r + "\n" for r in rows), encoding="utf-8-sig")
    return path


def test_sheet_rows_become_examples_only_when_labelled_real(tmp_path):
    path = _sheet(
        tmp_path,
        [
            "1,111,t,s,Lavrov,cho biết,Nga sẵn sàng đối thoại với NATO,n,n,y,conflictual,0.5,y,cooperative,",
            "2,222,t,s,Reuters,cho biết,tin đồn,n,n,n,neutral,0.5,n,,outlet alone",
            "3,333,t,s,X,nói,chưa đọc,n,n,n,neutral,0.5,,,",
            "4,444,t,s,Nga,bác bỏ,'-các cáo buộc,y,y,y,neutral,0.5,yes,conflictual,",
        ],
    )
    first, second = trainmod.sheet_examples(path)
    assert (first.origin, first.group, first.row, first.stance) == ("sheet", "111", 1, "cooperative")
    assert first.names_actor and not first.verb_negated
    # The stored stance column is never read: the label is the reader's.
    assert second.stance == "conflictual" and second.verb_negated and second.addressee_other
    # The audit sheet's formula guard is undone: the text is what extraction saw.
    assert second.text == "-các cáo buộc" and second.row == 4
    # The same featurize path as extraction: the negated reporting verb carries no prior.
    assert second.features() == stancemod.featurize("bác bỏ", "-các cáo buộc", True, True, True)[::3]


def test_sheet_rows_of_gold_test_articles_are_not_trained_on(tmp_path):
    path = _sheet(
        tmp_path,
        [
            "1,111,t,s,A,nói,hai bên hợp tác,n,n,n,neutral,0.5,y,cooperative,",
            "2,999,t,s,B,nói,Nga đe dọa,n,n,n,neutral,0.5,y,conflictual,",
        ],
    )
    assert [e.group for e in trainmod.sheet_examples(path, {"999"})] == ["111"]
    test_ids = trainmod.gold_test_ids()
    split = json.loads(trainmod.SPLIT.read_text(encoding="utf-8"))
    assert test_ids and all(f"{i}.json" in " ".join(split["test"]) for i in test_ids)
    assert not test_ids & {p.rsplit("/", 1)[-1].removesuffix(".json") for p in split["dev"]}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,111,t,s,A,nói,x y z,n,n,n,neutral,0.5,y,,", "gold_stance"),
        ("1,111,t,s,A,nói,x y z,n,n,n,neutral,0.5,y,hostile,", "gold_stance"),
        ("1,111,t,s,A,nói,x y z,n,n,n,neutral,0.5,maybe,neutral,", "real_statement"),
        ("1,111,t,s,A,nói,x y z,sometimes,n,n,neutral,0.5,y,neutral,", "verb_negated"),
    ],
)
def test_a_badly_labelled_sheet_row_is_refused_with_its_row(tmp_path, row, message):
    with pytest.raises(ValueError, match=rf"s\.csv row 1: {message}"):
        trainmod.sheet_examples(_sheet(tmp_path, [row]))


def test_a_sheet_without_the_featurize_inputs_is_refused(tmp_path):
    path = tmp_path / "bare.csv"
    path.write_text("statement_id,span,real_statement,gold_stance\n1,x,y,neutral\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the column.*verb_negated"):
        trainmod.sheet_examples(path)


def _sheet_examples() -> list[Example]:
    out = []
    row = 0
    for stance, texts in (("cooperative", COOP), ("conflictual", CONF), ("neutral", NEUT)):
        for text in texts:
            row += 1
            out.append(Example("cho biết", text, False, False, False, stance, f"a{row}", "sheet", row))
    return out


def test_held_out_rows_and_their_articles_never_train_the_model():
    examples = _sheet_examples()
    # Rows 13-16 are held out; an earlier row of the same article (a13) must leave the training set too.
    examples.append(
        Example("nói", "cuộc gặp diễn ra hôm nay", False, False, False, "neutral", "a13", "sheet", 1)
    )
    report = trainmod.held_out(_examples() + examples, from_row=13)
    assert report["n"] == 4 and report["by_stance"] == {"neutral": 4}
    assert report["dropped_same_article"] == 1
    assert report["train_examples"] == len(_examples()) + 12
    for key in (
        "rules_accuracy",
        "learned_accuracy_unsure_wrong",
        "unsure_share",
        "learned_accuracy_no_unsure",
    ):
        assert 0.0 <= report[key] <= 1.0
    with pytest.raises(ValueError, match="nothing to hold out"):
        trainmod.held_out(_examples(), from_row=1)


def test_cross_validation_reports_each_origin_beside_the_whole(trained):
    _, metrics = trained
    assert set(metrics["cv_by_origin"]) == {"gold"}
    model, mixed = train(_examples() + _sheet_examples(), seed=13)
    assert set(mixed["cv_by_origin"]) == {"gold", "sheet"}
    assert sum(v["n"] for v in mixed["cv_by_origin"].values()) == mixed["examples"]
    assert mixed["by_origin"] == {"gold": len(_examples()), "sheet": len(_sheet_examples())}


def test_among_three_stances_a_label_better_than_a_guess_is_kept():
    # Right 2 times in 5 at p 0.4: worse than even, better than a blind guess among three: kept.
    probs = [{"a": 0.9, "b": 0.05, "c": 0.05}] * 5 + [{"a": 0.4, "b": 0.3, "c": 0.3}] * 5
    assert calibrate(probs, ["a"] * 5 + ["a", "a", "b", "c", "b"]) == 0.0
    # Right 1 time in 5 there: no better than a guess, so those become 'unsure'.
    assert calibrate(probs, ["a"] * 5 + ["a", "b", "b", "c", "b"]) > 0.4


def test_a_held_out_sheet_is_scored_without_training(tmp_path, capsys, trained):
    model, _ = trained
    out = tmp_path / "m.json"
    out.write_text(trainmod.dump_model(model), encoding="utf-8")
    path = _sheet(
        tmp_path,
        [
            "1,111,t,s,A,cho biết,Moskva hoan nghênh đề xuất nối lại đối thoại,n,n,y,neutral,0.5,y,cooperative,",
            "2,222,t,s,B,cho biết,NATO đang khiêu khích Nga ở biên giới,n,n,y,neutral,0.5,y,conflictual,",
            "3,333,t,s,C,cho biết,tin đồn,n,n,n,neutral,0.5,n,,outlet alone",
        ],
    )
    before = out.read_text(encoding="utf-8")
    assert trainmod.main(["--score", str(path), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 2 and report["model"] == model.version
    assert report["learned_accuracy_unsure_wrong"] == 1.0  # the two training texts, read back
    assert out.read_text(encoding="utf-8") == before  # scoring writes nothing


def _from_audits():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "from_audits", ROOT / "tests" / "gold" / "stance" / "from_audits.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("stance", "ok", "note", "expected"),
    [
        ("neutral", "y", "", ("neutral", "judged right")),
        ("neutral", "n", "praise of the meeting -> cooperative", ("cooperative", "named in the note")),
        ("conflictual", "n", "supportive remark, not conflictual", ("cooperative", "named in the note")),
        # the stored stance named again, or the right one named only as what it is not: no label
        ("conflictual", "n", "reassurance, not conflictual", (None, "note names no one other stance")),
        ("neutral", "n", "not cooperative either", (None, "note names it after 'not'")),
        ("conflictual", "n", "cooperative or neutral", (None, "note names two stances")),
        ("unsure", "y", "", (None, "stored unsure judged right")),
    ],
)
def test_an_audit_row_gives_the_stance_its_reader_named(stance, ok, note, expected):
    row = {"real_statement": "y", "stance": stance, "stance_ok": ok, "note": note}
    assert _from_audits().label(row) == expected
    assert _from_audits().label({**row, "real_statement": "n"}) == (None, "not a real statement")
