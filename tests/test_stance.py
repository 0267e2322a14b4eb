"""Stance: verb prior, content cues, negation; one labelled case per quirk."""

from __future__ import annotations

import pytest

from core.nlp.stance import score


@pytest.mark.parametrize(
    ("verb", "content", "expected"),
    [
        ("tuyên bố", "NATO không tìm cách cô lập Nga", "cooperative"),  # negated conflict cue flips
        ("cho biết", 'NATO không muốn "chiến tranh lạnh" với Nga', "cooperative"),
        ("kêu gọi", "các bên đối thoại và kiềm chế", "cooperative"),  # appeal prior + cues
        ("cáo buộc", "NATO khiêu khích ở biên giới", "conflictual"),  # accuse prior
        ("cảnh báo", "Moskva sẽ đáp trả", "conflictual"),  # threaten prior
        ("bác bỏ", "các tuyên bố đó", "conflictual"),  # reject prior
        ("cam kết", "tăng cường hợp tác", "cooperative"),  # cooperation prior
        ("nói", "Mỹ không dỡ bỏ các lệnh trừng phạt Nga", "conflictual"),  # two negators cancel
        ("nói", "Mỹ không ngừng xây dựng lá chắn tên lửa", "conflictual"),  # "không ngừng" is no negation
    ],
    ids=[
        "negated isolation",
        "negated cold war",
        "appeal",
        "accuse",
        "threaten",
        "reject",
        "cooperate",
        "double negation",
        "không ngừng",
    ],
)
def test_stance(verb, content, expected):
    assert score(verb, content)[0] == expected


def test_score_in_range_and_evidence_kept():
    label, value, evidence = score(
        "đe dọa", "xâm lược trừng phạt đe dọa chiến tranh đối đầu khiêu khích gây hấn"
    )
    assert label == "conflictual" and -10 <= value <= 10
    assert evidence["verb_class"] == "threaten" and evidence["cues"]


def test_negation_stops_at_clause_break():
    # "không" governs "đối đầu" only; "trừng phạt" after "mà" is asserted.
    _, _, ev = score("nói", "NATO không muốn đối đầu mà sẽ trừng phạt")
    negs = {c["cue"]: c["negated"] for c in ev["cues"]}
    assert negs["đối đầu"].startswith("không") and negs["trừng phạt"] is None


def test_contrast_clause_after_song_dominates():
    # "X, song Y": the reassurance before "song" is outweighed by the refusal after it.
    assert score("khẳng định", "Nga không đe dọa ai, song không thể làm ngơ trước hạ tầng quân sự áp sát")[
        0
    ] == ("conflictual")


def test_appeal_to_the_other_side_is_a_demand():
    # Said by NATO about Russia (cross side): "kêu gọi Nga giảm căng thẳng và rút quân" demands, it does not reassure.
    label, _, ev = score("kêu gọi", "Nga giảm căng thẳng và rút quân", addressee_other=True)
    assert label == "conflictual" and ev["verb_class"] == "demand"
    assert score("kêu gọi", "các bên giảm căng thẳng")[0] == "cooperative"  # no addressee: still an appeal


def test_schedule_is_neutral():
    # A meeting date with a faint cue ("quan hệ") stays neutral.
    label = score("cho biết", "cuộc tham vấn về quan hệ song phương được tổ chức tại Washington ngày 17/7")[0]
    assert label == "neutral"


def test_rejection_words_are_not_negators():
    # "không chấp nhận" is a rejection cue, and does not flip the "gây sức ép" after it into goodwill.
    _, _, ev = score("cho biết", "Moskva không chấp nhận đối thoại trên lập trường gây sức ép")
    negs = {c["cue"]: c["negated"] for c in ev["cues"]}
    assert negs["không chấp nhận"] is None and negs["gây sức ép"] is None
    assert (
        score("cho biết", "Moskva không chấp nhận đối thoại trên lập trường gây sức ép")[0] == "conflictual"
    )


def test_praise_and_reassurance_cues():
    assert score("gọi", 'đây là "một ngày lịch sử"')[0] == "cooperative"
    assert score("khẳng định", "cuộc diễn tập mang tính phòng thủ và minh bạch")[0] == "cooperative"


def test_not_ruling_out_is_an_opening():
    assert (
        score("không loại trừ khả năng", "triệu tập một cuộc họp của Hội đồng Nga-NATO")[0] == "cooperative"
    )


def test_risk_and_sovereignty_claims_are_conflictual():
    assert score("cho rằng", "các cuộc tập trận gần biên giới làm gia tăng nguy cơ sự cố")[0] == "conflictual"
    # "không thể tách rời" is one claim, not a negation of anything after it.
    assert score("nói", "Crimea là một phần không thể tách rời của Nga")[0] == "conflictual"


def test_bay_to_quan_ngai_is_criticism():
    assert score("bày tỏ quan ngại", "về các hoạt động quân sự gần biên giới")[0] == "conflictual"


def test_negated_reporting_verb_is_not_cooperation():
    # "không bác bỏ" (did not deny) and "chưa xác nhận" carry no prior: the content alone decides.
    label, value, ev = score("bác bỏ", "thông tin về cuộc gặp ở Geneva", verb_negated=True)
    assert label == "neutral" and ev["prior"] == 0.0
    assert score("phản đối", "kế hoạch tăng quân ở biên giới", verb_negated=True)[0] != "cooperative"


def test_negator_governs_its_first_cue_only():
    # Not discussing sanctions is no goodwill: "không" negates the talks, the sanctions stay conflictual.
    label, _, ev = score("nói", "hai bên không thảo luận về các lệnh trừng phạt")
    negs = {c["cue"]: c["negated"] for c in ev["cues"]}
    assert negs["thảo luận"] == "không" and negs["trừng phạt"] is None and label == "conflictual"


def test_speaker_side_sets_no_prior():
    # The same words score the same whoever says them: score() takes no side at all.
    import inspect

    assert "side" not in " ".join(inspect.signature(score).parameters)
    assert score("nói", "Mỹ muốn khôi phục quan hệ làm việc với Nga")[0] != "conflictual"


def test_khong_meaning_air_negates_nothing():
    # "vụ không kích" is an air strike: the verdict on it stays conflictual.
    label, _, _ = score(
        "cho rằng", "vụ không kích của Mỹ là không thể chấp nhận được và vi phạm chủ quyền của Syria"
    )
    assert label == "conflictual"


def test_a_weapon_named_in_a_report_is_no_stance_and_a_positive_signal_is():
    assert (
        score("cho biết", "tên lửa phóng thử đã rơi xuống khu vực cách bờ biển nước Nga 60 km")[0]
        == "neutral"
    )
    assert (
        score("cho rằng", "quyết định của ông Trump là một tín hiệu tích cực cho quan hệ với Nga")[0]
        == "cooperative"
    )


def test_verdicts_of_rejection_are_conflictual():
    for content in ("bài báo là phi lý", "cáo buộc này là tin giả", "cuộc điều tra là một cuộc săn phù thủy"):
        assert score("nói", content)[0] == "conflictual", content
    assert score("cho biết", "cuộc thảo luận rất hữu ích và mang tính xây dựng")[0] == "cooperative"
