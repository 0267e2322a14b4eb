"""The learned check that drops extracted rows which are no statement (core.nlp.realness, core.quality.realness).

Training rows here are team-written sentences, so the assertions are about the mechanism (features, training,
threshold, the pipeline dropping and keeping), never about the shipped coefficients; one test checks that the
shipped model file and its metrics belong together.
"""

from __future__ import annotations

import csv
import json

import pytest

from core.models import Article
from core.nlp import pipeline
from core.nlp import realness as realmod
from core.quality import realness as trainmod
from core.quality.realness import Row, choose_threshold, drop_figures, read_rows, train

REAL = [
    (
        "Ngoại trưởng Nga Sergei Lavrov cho biết Moskva sẵn sàng đối thoại.",
        "Ngoại trưởng Nga Sergei Lavrov",
        "cho biết",
    ),
    ("Người phát ngôn Điện Kremlin Dmitry Peskov nói rằng Nga không đe dọa ai.", "Dmitry Peskov", "nói"),
    (
        "Tổng thư ký NATO Jens Stoltenberg tuyên bố liên minh không muốn đối đầu.",
        "Jens Stoltenberg",
        "tuyên bố",
    ),
    ("Bộ trưởng Quốc phòng Mỹ James Mattis khẳng định Mỹ sẽ bảo vệ đồng minh.", "James Mattis", "khẳng định"),
    ("Thủ tướng Anh Theresa May nhấn mạnh London ủng hộ các lệnh trừng phạt.", "Theresa May", "nhấn mạnh"),
    (
        "Phó Ngoại trưởng Nga Sergei Ryabkov cho biết các cuộc đàm phán sẽ tiếp tục.",
        "Sergei Ryabkov",
        "cho biết",
    ),
]
NOT_REAL = [
    ("Tòa án Mỹ đã bác bỏ yêu cầu của các luật sư.", "Tòa án Mỹ", "bác bỏ"),
    ("Tòa án Nga đã bác bỏ đơn kháng cáo của công ty.", "Tòa án Nga", "bác bỏ"),
    ("Tòa án Đức đã bác bỏ yêu cầu bồi thường.", "Tòa án Đức", "bác bỏ"),
    ("Tòa án Pháp đã bác bỏ lệnh dẫn độ.", "Tòa án Pháp", "bác bỏ"),
]


def _rows() -> list[Row]:
    out = []
    for real, items in ((True, REAL), (False, NOT_REAL)):
        for sentence, speaker, verb in items:
            span = sentence.split(verb, 1)[1].strip(" .")
            out.append(Row("team", sentence, speaker, verb, span, f"{speaker} {verb}", real))
    return out


@pytest.fixture(scope="module")
def trained():
    return train(_rows())


def test_features_read_the_attribution_not_the_topic():
    f = realmod.features(
        '"Chúng tôi sẵn sàng", ông Lavrov nói.', "ông Lavrov", "nói", "Chúng tôi sẵn sàng", "T"
    )
    assert f["verb=nói"] == 1.0 and f["S0:ông"] == 1.0 and f["sent_quote"] == 1.0
    assert not any(k.startswith("C:") for k in f)  # the content's words beyond its first two are not read
    title = realmod.features("Mỹ tuyên bố xem xét?", "Mỹ", "tuyên bố", "xem xét", "Mỹ tuyên bố xem xét?")
    assert title["is_title"] == 1.0 and title["question"] == 1.0


def test_training_is_reproducible_and_separates_the_kinds(trained):
    model, metrics = trained
    again, metrics2 = train(_rows())
    assert model == again and metrics == metrics2
    court = realmod.features("Tòa án Ý đã bác bỏ yêu cầu.", "Tòa án Ý", "bác bỏ", "yêu cầu", "x")
    minister = realmod.features(
        "Ngoại trưởng Ý cho biết Rome sẵn sàng.", "Ngoại trưởng Ý", "cho biết", "Rome", "x"
    )
    assert model.probability(court) < 0.5 < model.probability(minister)
    assert metrics["examples"] == len(_rows()) and metrics["not_real"] == len(NOT_REAL)


def test_the_threshold_drops_only_where_more_rows_are_wrong_than_right():
    probs = [0.02, 0.04, 0.08, 0.12, 0.14, 0.3, 0.6, 0.9, 0.95]
    real = [False, False, True, False, False, True, True, True, True]
    t = choose_threshold(probs, real)
    figures = drop_figures(probs, real, t)
    assert t == 0.15 and figures["dropped_not_real"] == 4 and figures["dropped_real"] == 1
    assert figures["real_after"] > figures["real_before"]
    assert choose_threshold([0.1, 0.2], [True, True]) == 0.05  # nothing to gain: the lowest threshold


def test_the_pipeline_drops_what_the_model_reads_as_no_statement(trained, monkeypatch):
    model, _ = trained
    body = (
        "Ngoại trưởng Nga Sergei Lavrov cho biết Moskva sẵn sàng đối thoại với NATO. "
        "Tòa án Mỹ đã bác bỏ yêu cầu của các luật sư Nga."
    )
    article = Article("NATO và Nga đối thoại", "", body, "toy", body)
    monkeypatch.setattr(realmod, "load_model", lambda: None)
    without = pipeline.run(article).statements
    assert {s.verb for s in without} == {"cho biết", "bác bỏ"}  # the rules alone keep the court's ruling
    monkeypatch.setattr(realmod, "load_model", lambda: model)
    kept = pipeline.run(article).statements
    assert [s.verb for s in kept] == ["cho biết"]
    assert kept[0].evidence["real_prob"] >= model.threshold


def _sheet(path, rows):
    cols = ["title", "sentence", "speaker_text", "verb", "span", "real_statement"]
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(cols)
        w.writerows(rows)


def test_sheet_rows_of_gold_test_articles_and_unjudged_rows_are_not_read(tmp_path):
    sheet = tmp_path / "s.csv"
    _sheet(
        sheet,
        [
            ["Bài A", "Ông X nói Y.", "Ông X", "nói", "Y", "y"],
            ["Bài thi", "Ông Z nói W.", "Ông Z", "nói", "W", "n"],
            ["Bài B", "Ông Q nói R.", "Ông Q", "nói", "R", ""],
        ],
    )
    rows = read_rows([sheet], exclude_titles={"Bài thi"})
    assert [(r.title, r.real) for r in rows] == [("Bài A", True)]


def test_a_badly_judged_row_is_refused_with_its_row(tmp_path):
    sheet = tmp_path / "s.csv"
    _sheet(sheet, [["A", "s", "x", "nói", "y", "y"], ["B", "s", "x", "nói", "y", "maybe"]])
    with pytest.raises(ValueError, match=r"s.csv row 2: real_statement is 'maybe'"):
        read_rows([sheet], set())


def test_a_broken_model_file_is_refused_clearly(tmp_path):
    p = tmp_path / "m.json"
    p.write_text(json.dumps({"version": "x", "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="statement model: missing or bad field"):
        realmod.load_model(str(p))


def test_the_shipped_model_is_the_one_its_metrics_describe():
    model = realmod.load_model()
    assert model is not None, "data/statement_model.json is missing: run python -m core.quality.realness"
    metrics = json.loads(trainmod.METRICS_PATH.read_text(encoding="utf-8"))
    assert metrics["version"] == model.version and metrics["out_of_fold"]["threshold"] == model.threshold
    # Dropping must have paid off where the threshold was chosen: more non-statements removed than real ones.
    oof = metrics["out_of_fold"]
    assert oof["dropped_not_real"] > oof["dropped_real"] and oof["real_after"] > oof["real_before"]


def test_a_joint_statement_is_kept_whatever_the_model_reads(monkeypatch):
    """ "Nga, Iran và Thổ Nhĩ Kỳ đã nhất trí ...": one phrase of several speakers is a statement of each by the
    annotation rules (tests/gold/README.md); a model that reads agreements as narrated acts does not drop it."""
    strict = realmod.RealnessModel("strict", -20.0, {}, 0.5)  # reads every row as no statement
    body = "Ba nước bảo trợ Nga, Iran và Thổ Nhĩ Kỳ đã nhất trí về cơ chế kiểm soát lệnh ngừng bắn tại Syria với NATO."
    article = Article("NATO và Nga", "", body, "toy", body)
    monkeypatch.setattr(realmod, "load_model", lambda: strict)
    assert sorted(s.speaker.name for s in pipeline.run(article).statements) == ["Iran", "Nga", "Thổ Nhĩ Kỳ"]
    single = "Ngoại trưởng Nga Sergei Lavrov cho biết Moskva sẵn sàng đối thoại với NATO."
    assert pipeline.run(Article("NATO và Nga", "", single, "toy", single)).statements == ()


def test_the_train_command_refuses_a_missing_store_clearly(tmp_path, capsys):
    assert trainmod.main(["--no-gold", "--db", str(tmp_path / "none.db")]) == 2
    assert "no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
