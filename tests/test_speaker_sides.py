"""Sides of speakers the knowledge file does not know, read from their titles in the article (issue 13).

Each case is a small team-written article run through the public extraction entry point; the assertion is
the side a reader of the timeline sees next to the speaker's statements.
"""

from __future__ import annotations

import pytest

from core.models import Article, DateInfo
from core.nlp.pipeline import extract

pytestmark = pytest.mark.usefixtures("rules_relevance")  # one-sentence cases: see conftest


def body_statements(body: str) -> list:
    """The body statements of a team-written article. The title names both sides so the relevant branch runs."""
    a = Article(
        title="Tin NATO và Nga", lede="", body=body, origin="t.txt", raw=body, date=DateInfo(10, 6, 2017)
    )
    return [s for s in extract(a).statements if s.field == "body"]


def sides(body: str) -> list[tuple[str, str]]:
    """(speaker, side) of every body statement."""
    return [(s.speaker.name, s.speaker.side) for s in body_statements(body) if s.speaker]


def test_a_title_later_in_the_article_gives_the_side_to_earlier_statements():
    body = (
        "Ông Petrov cho biết Moskva sẵn sàng đối thoại với NATO. "
        "Ông Ivan Petrov, quan chức Bộ Ngoại giao Nga, nói thêm rằng Nga không đe dọa ai."
    )
    assert sides(body) == [("Ivan Petrov", "russia")] * 2


def test_a_title_after_a_dash_in_another_sentence_gives_the_side():
    body = (
        "Bà Smirnova nhấn mạnh Nga cần thời gian để xem xét đề xuất của Mỹ. "
        "Trước đó, bà Anna Smirnova - một quan chức Nga tham dự hội nghị, cho biết hai bên đã thảo luận."
    )
    assert ("Anna Smirnova", "russia") in sides(body)
    assert ("Anna Smirnova", "other") not in sides(body)


@pytest.mark.parametrize(
    ("before", "side"),
    [
        ("Ông Comey đã đề nghị Bộ Tư pháp Mỹ tăng cường nguồn lực cho cuộc điều tra về Nga. ", "nato"),
        ("Bộ Ngoại giao Nga cho biết Nga sẽ đáp trả NATO. ", "russia"),
        ("Ông Comey nói Nga đã can thiệp vào cuộc bầu cử. ", "other"),  # no ministry named before: no side
    ],
)
def test_a_title_naming_its_institution_as_this_one_takes_its_side(before, side):
    """ "Phát ngôn viên bộ này Ivan Prior": the ministry named last (core.nlp.institutions.named_before)."""
    body = before + "Phát ngôn viên bộ này Ivan Prior nói NATO và Nga cần đối thoại."
    assert ("Ivan Prior", side) in sides(body)


def test_an_aide_speaks_for_the_person_served():
    body = (
        "Ngày 7-6, cố vấn của Tổng thống Vladimir Putin là Yuri Dolgov bác bỏ các nhận định rằng Nga muốn "
        "đối đầu với NATO."
    )
    assert sides(body) == [("Yuri Dolgov", "russia")]


def test_an_adviser_of_an_institution_in_the_lede_speaks_for_it_in_the_body():
    body = (
        "Cố vấn cấp cao Nhà Trắng Kellyanne Conway cho biết Mỹ sẵn sàng hợp tác với Nga. "
        "Bà Conway nói thêm rằng Tổng thống Trump muốn gặp ông Putin."
    )
    assert sides(body) == [("Kellyanne Conway", "nato")] * 2


def test_a_former_official_introduced_as_a_commentator_speaks_for_nobody():
    body = "Ông Mark Fisher, cựu quan chức cấp cao Bộ Ngoại giao Mỹ, nhận định NATO cần đối thoại với Nga."
    assert sides(body) == [("Mark Fisher", "other")]


def test_a_former_office_holder_named_by_the_post_speaks_for_nobody():
    # The audits judged 12 of 13 former officials `other` (data/entity_rules.yaml former_titles).
    body = "Tại phiên điều trần, cựu Giám đốc FBI James Comey cho rằng Nga đã can thiệp vào cuộc bầu cử Mỹ."
    assert sides(body) == [("James Comey", "other")]
    body = "Giám đốc FBI James Comey cho rằng Nga đã can thiệp vào cuộc bầu cử Mỹ."
    assert sides(body) == [("James Comey", "nato")]


def test_a_profession_is_no_post():
    body = "Luật sư Nga Natalia Vorontsova cho biết bà chưa từng làm việc cho Điện Kremlin hay chống NATO."
    assert sides(body) == [("Natalia Vorontsova", "other")]
    body = "Thứ trưởng Nga Natalia Vorontsova cho biết Moskva không muốn đối đầu với NATO."
    assert sides(body) == [("Natalia Vorontsova", "russia")]


def test_a_second_apposition_is_not_the_title():
    body = (
        "Ông Chris Rudman, Tổng giám đốc hãng tin Newsmax Media - một người bạn của Tổng thống Mỹ Donald Trump, "
        "đã gặp ông Trump tuần trước. Ông Rudman cho biết Nhà Trắng muốn cải thiện quan hệ với Nga."
    )
    assert sides(body) == [("Chris Rudman", "other")]


def test_a_possessive_after_the_country_ends_the_title():
    # "người đứng đầu nước Nga" is Putin; the director is only the interviews' author.
    body = (
        "Bộ phim là loạt bài phỏng vấn người đứng đầu nước Nga của đạo diễn người Mỹ Oliver Stone. "
        "Đạo diễn Oliver Stone cho hay ông Putin muốn quan hệ tốt hơn với Mỹ."
    )
    assert sides(body) == [("Oliver Stone", "other")]


def test_what_follows_theo_x_is_content_not_an_apposition():
    body = "Theo ông Dmitri Suslov, chính quyền của Tổng thống Donald Trump sẽ tránh xung đột với Nga."
    assert sides(body) == [("Dmitri Suslov", "other")]


def test_a_person_with_their_own_title_before_the_speaker_is_no_principal():
    body = (
        "Đề cập tới chuyến thăm Ba Lan của Tổng thống Trump, ông Darrell West nhấn mạnh NATO cần răn đe Nga."
    )
    assert sides(body) == [("Darrell West", "other")]


def test_a_member_of_an_institution_the_article_names_takes_its_side():
    body = (
        "Thượng viện Mỹ đã thông qua dự luật trừng phạt Nga. "
        "Thượng nghị sĩ Mitch Mallory nói rằng ông Putin là một tên côn đồ."
    )  # a senator the knowledge file does not know (McConnell himself is in it now)
    assert sides(body) == [("Mitch Mallory", "nato")]
    # with no such institution named, the title alone says nothing about the country
    assert sides("Thượng nghị sĩ Mitch Mallory nói rằng ông Putin là một tên côn đồ.") == [
        ("Mitch Mallory", "other")
    ]


def test_kin_of_an_office_holder_and_another_persons_title_give_no_side():
    body = (
        "Ông Donald Trump Jr., con trai của Tổng thống Mỹ Donald Trump, cho biết ông đã gặp một luật sư Nga. "
        "Cuộc gặp với luật sư Nga không đủ sức đưa ông Trump Jr. vào rắc rối, ông Trump Jr. nói."
    )
    assert set(sides(body)) == {("Donald Trump Jr.", "other")}


def test_a_ministry_field_between_title_and_name_is_part_of_the_title():
    body = (
        "Bộ trưởng Thông tin Nga Nikolay Nikiforov bày tỏ hy vọng rằng Nga và Mỹ sẽ hợp tác về an ninh mạng."
    )
    assert sides(body) == [("Nikolay Nikiforov", "russia")]


def test_a_delegation_head_and_a_senator_spelt_sy_take_their_sides():
    """'trưởng phái đoàn Nga' is a title with a country; 'Thượng nghị sỹ' is 'Thượng nghị sĩ' in the other
    spelling, a member of the Senate the article names with its country."""
    assert sides(
        "Ngày 5/7, trưởng phái đoàn Nga Alexander Lavrentiev cho biết các bên đã có đồng ý cơ bản."
    ) == [("Alexander Lavrentiev", "russia")]
    body = (
        "Thượng nghị sỹ Rounds tin tưởng rằng Ủy ban Tình báo Thượng viện Mỹ đủ khả năng điều tra vụ Nga. "
        "“Mọi việc đang tiến triển theo hướng mà chúng tôi mong”, ông Rounds khẳng định."
    )
    assert set(sides(body)) == {("Rounds", "nato")}


def test_a_commander_in_the_apposition_gives_the_side():
    body = "Trung tá Steven Venter, chỉ huy lực lượng không quân Mỹ ở NATO, nói rằng Nga có những động thái gây hấn."
    assert sides(body) == [("Steven Venter", "nato")]


def test_a_title_of_someone_else_named_before_gives_no_side():
    body = (
        "Tổng thống Nga Putin (trái) và đạo diễn Mỹ Olav Stenberg trong phim tài liệu. "
        "Ông Stenberg cho biết Nga không muốn đối đầu với NATO."
    )
    assert sides(body) == [("Olav Stenberg", "other")]


def test_family_of_an_office_holder_holds_no_post():
    body = "Con trai Tổng thống Mỹ Donald Trump Jr. nói rằng Nga không can thiệp vào bầu cử Mỹ."
    assert sides(body) == [("Donald Trump Jr.", "other")]


def _ingest(db, tmp_path, name: str, body: str) -> None:
    from core.ingest.run import ingest_paths

    f = tmp_path / name
    f.write_text(f"Tin NATO và Nga {name}\n\nNgày 10/6/2017, {body}\n", encoding="utf-8")
    ingest_paths([f], db, progress=False)


def _store_sides(db) -> list[tuple[str, str, str | None]]:
    return [
        tuple(r)
        for r in db.execute(
            """SELECT a.origin, s.speaker_side, json_extract(s.evidence, '$.side_from') FROM statements s
               JOIN articles a ON a.id = s.article_id ORDER BY a.origin"""
        )
    ]


UNTITLED = "Thượng nghị sĩ Dick Morton nói rằng Washington cần tăng cường trừng phạt Nga."


def test_a_title_in_another_story_gives_the_side_to_an_untitled_speaker(db, tmp_path):
    _ingest(db, tmp_path, "b.txt", UNTITLED)
    assert [s[1] for s in _store_sides(db)] == ["other"]  # nothing in the store says yet
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    rows = _store_sides(db)
    assert [(r[1], r[2]) for r in rows] == [("nato", "title"), ("nato", "store")]
    # the overview's counts follow the statements
    by_side = dict(db.execute("SELECT side, sum(n) FROM statement_article GROUP BY side").fetchall())
    assert by_side == {"nato": 2}


def test_stories_that_disagree_give_no_side_and_take_back_the_one_given(db, tmp_path):
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    _ingest(db, tmp_path, "b.txt", UNTITLED)
    assert _store_sides(db)[1][1] == "nato"
    _ingest(
        db,
        tmp_path,
        "c.txt",
        "Ông Dick Morton, một quan chức Nga, cho biết Moskva không muốn đối đầu với NATO.",
    )
    assert [r[1] for r in _store_sides(db)] == ["nato", "other", "russia"]


def test_a_story_calling_the_post_former_keeps_its_speaker_sideless(db, tmp_path):
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    _ingest(db, tmp_path, "f.txt", "Ông Dick Morton, cựu quan chức Mỹ, nhận định NATO cần đối thoại với Nga.")
    assert _store_sides(db)[1][1:] == ("other", "former")


def test_a_story_placing_the_post_at_a_research_body_keeps_its_speaker_sideless(db, tmp_path):
    """An institute director titled a state official elsewhere stays `other` where the article itself calls him an
    institute's director (`side_from` "expert"): the store never overrides what the article says."""
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    _ingest(
        db,
        tmp_path,
        "e.txt",
        "Giám đốc Viện Nghiên cứu Chiến lược Mỹ Dick Morton nhận định NATO cần đối thoại với Nga.",
    )
    assert _store_sides(db)[1][1:] == ("other", "expert")


def test_an_analyst_correction_wins_over_the_store(db, tmp_path):
    # The analyst gave a statement to Morton (side as his entity has it, `other`); Morton's title in a later
    # story sides his untitled statements, not the one the analyst set.
    from core.store import corrections

    _ingest(db, tmp_path, "b.txt", UNTITLED)
    _ingest(db, tmp_path, "c.txt", "Ông Bob Smithers nói rằng Washington cần đối thoại với Nga về NATO.")
    morton = db.execute("SELECT id FROM entities WHERE name = 'Dick Morton'").fetchone()[0]
    fixed = db.execute(
        "SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE a.origin LIKE '%c.txt'"
    ).fetchone()[0]
    corrections.set_statement_speaker(db, fixed, morton, who="t", why="the article's 'ông' is Morton")
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    assert [r[1] for r in _store_sides(db)] == ["nato", "nato", "other"]


def test_a_surname_alone_takes_the_side_of_the_full_names_that_agree(db, tmp_path):
    """ "ông Morton" (a surname alone, in a story naming him no further) takes the side "Thượng nghị sĩ Mỹ Dick
    Morton" has in another story; a second Morton of the store with no side leaves it open."""
    _ingest(db, tmp_path, "b.txt", "Ông Morton nói rằng Washington cần tăng cường trừng phạt Nga.")
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    assert [r[1:] for r in _store_sides(db)] == [("nato", "title"), ("nato", "store")]
    _ingest(db, tmp_path, "c.txt", "Ông Paul Morton nói rằng Nga và NATO nên đối thoại.")
    assert [r[1] for r in _store_sides(db)] == ["nato", "other", "other"]


def test_evidence_that_is_not_json_stops_nothing(db, tmp_path):
    _ingest(db, tmp_path, "b.txt", UNTITLED)
    db.execute("UPDATE statements SET evidence = 'hand-edited'")
    db.conn.commit()
    _ingest(
        db, tmp_path, "a.txt", "Thượng nghị sĩ Mỹ Dick Morton cho biết Nga đang đe dọa các đồng minh NATO."
    )
    assert [
        r[1]
        for r in db.execute(
            "SELECT origin, speaker_side FROM statements s JOIN articles a ON a.id = s.article_id ORDER BY origin"
        )
    ] == ["nato", "other"]


def test_a_former_post_anywhere_in_the_article_outweighs_the_post_named_elsewhere():
    body = (
        "Hôm 9/5, Giám đốc Cục Điều tra Liên bang Mỹ James Comby bị sa thải. "
        "Ngày 8/6, cựu Giám đốc Cục Điều tra Liên bang Mỹ (FBI) James Comby đã cáo buộc Nhà Trắng nói dối về Nga. "
        "Ông Comby nói rằng ông không hề bị Nga gây sức ép."
    )
    assert {side for name, side in sides(body) if name == "James Comby"} == {"other"}


def test_a_private_lawyer_does_not_speak_for_his_client_s_country():
    body = "Luật sư riêng của ông Trump là ông Marc Kasowin đã ra tuyên bố nói rằng FBI đứng sau các bản tin về Nga."
    assert sides(body) == [("Marc Kasowin", "other")]


def test_a_cause_is_no_former_post():
    body = "Nguyên nhân là do Bộ trưởng Quốc phòng Mỹ Jim Matson cho biết NATO sẽ tăng cường răn đe Nga."
    assert sides(body) == [("Jim Matson", "nato")]


def test_a_legislators_party_names_his_legislature():
    """ "thượng nghị sĩ Dân chủ", "một người Cộng hòa khác": a US legislator (NATO side) where the article names no
    country for him; a party name that is not a legislator's ("Đảng Dân chủ Tự do Nga") gives nothing."""
    body = (
        "Hạ nghị sĩ đảng Dân chủ tại Ủy ban Giám sát Hạ viện Elijah Cumming nói rằng Nga đã can thiệp bầu cử."
    )
    assert sides(body) == [("Elijah Cumming", "nato")]
    body = "Thượng nghị sĩ Mike Leeds, một người Cộng hòa khác, cũng nói rằng Nga phải chịu trách nhiệm."
    assert sides(body) == [("Mike Leeds", "nato")]
    body = "Ông Igor Zhirin, thành viên Đảng Tự do, nói rằng NATO đang khiêu khích Nga."
    assert sides(body) == [("Igor Zhirin", "other")]


def test_a_party_in_brackets_and_the_other_spellings_of_the_legislators_titles():
    """ "Nữ TNS Susan Collin (đảng Cộng hòa)", "thượng nghị sỹ Cộng hòa" ("sỹ" for "sĩ"): a sitting US senator,
    NATO side (audit 2045 had Collins `other` twice)."""
    body = "Nữ TNS Susan Collin (đảng Cộng hòa) ở Ủy ban tình báo, nói bà muốn hỏi ông Comey về Nga."
    assert sides(body) == [("Susan Collin", "nato")]
    body = "Thượng nghị sỹ Cộng hòa Susan Collin nói rằng Nga đã can thiệp vào bầu cử."
    assert sides(body) == [("Susan Collin", "nato")]


def test_a_knowledge_file_person_kept_other_takes_the_post_the_article_gives_him():
    """The knowledge file keeps Ursula von der Leyen `other` (one side for a career that led to the EU
    Commission); in 2017 "Bộ trưởng Quốc phòng Đức Ursula von der Leyen" speaks for Germany, NATO side. Only a
    title right before the name: "Trong khi ca ngợi nhà lãnh đạo Mỹ, ông Assad cho rằng" leaves Assad other."""
    body = (
        "Bộ trưởng Quốc phòng Đức Ursula von der Leyen nhấn mạnh NATO đứng cùng các nước Baltic trước Nga. "
        "Bà cho biết đã điện đàm với người đồng nhiệm Mỹ."
    )
    assert sides(body) == [("Ursula von der Leyen", "nato"), ("Ursula von der Leyen", "nato")]
    body = "Trong khi ca ngợi nhà lãnh đạo Mỹ, ông Assad cho rằng NATO đã hỗ trợ cho các phần tử khủng bố."
    assert sides(body) == [("Bashar al-Assad", "other")]


def test_knowledge_file_people_and_outlets_the_audits_found_missing():
    """Audit 2043 and the whole-corpus store's speakers of no side: Konstantin Kosachev (a Russian senator, also
    spelt "Kossatchev") is Russia side, Nancy Pelosi (the House Democratic leader) NATO side; KCNA, North
    Korea's news agency, relays and never speaks."""
    body = "Ông Konstantin Kossatchev tuyên bố Moskva sẽ không thay đổi chính sách đối với NATO."
    assert sides(body) == [("Konstantin Kosachev", "russia")]
    body = "Bà Nancy Pelosi nói rằng Nga đã can thiệp vào bầu cử Mỹ."
    assert sides(body) == [("Nancy Pelosi", "nato")]
    assert sides("KCNA cho biết vụ phóng đã thử nghiệm hệ thống tên lửa nhắm vào căn cứ NATO.") == []
    body = "Tuy nhiên, người phát ngôn Bộ Ngoại giao Mỹ Nauert cho hay các cuộc thảo luận với Nga đã trở lại đúng hướng."
    assert sides(body) == [
        ("Heather Nauert", "nato")
    ]  # audit 2044: the surname alone was a stranger of no side


def test_an_expert_is_a_titled_private_person():
    """ "chuyên gia Hannah Thoburn thuộc Viện Hudson cho rằng": the expert speaks, not her institute (audit 2044),
    a person whatever NER typed her, of no side ("chuyên gia" is a private title in data/entity_rules.yaml)."""
    body = "Trong khi đó, chuyên gia Hannah Thoburn thuộc Viện Hudson cho rằng: “Mọi việc giữa Mỹ và Nga sẽ được quan sát”."
    assert sides(body) == [("Hannah Thoburn", "other")]


def test_a_post_serving_an_office_or_a_known_person_gives_its_side_with_a_field_or_a_title_between():
    """ "Cố vấn An ninh mạng của Điện Kremlin Andrei Krutskikh" (a capitalised field of the post before the office
    it serves) speaks for Russia; "AshLee Strong, nữ phát ngôn viên của Chủ tịch Hạ viện Paul Ryan" (the served
    person named with his own title, after the name) for the US (audit 2045 had both `other`). A clause before
    "của" is no field: "Cố vấn nói thẳng của Điện Kremlin X" gives nothing."""
    body = "Cố vấn An ninh mạng của Điện Kremlin Andrei Krutskiy khẳng định đây là cáo buộc vô căn cứ của Mỹ."
    assert sides(body) == [("Andrei Krutskiy", "russia")]
    body = "AshLee Stronge, nữ phát ngôn viên của Chủ tịch Hạ viện Paul Ryan, cũng tuyên bố ủng hộ động thái trên về Nga."
    assert sides(body) == [("AshLee Stronge", "nato")]
    body = "Cố vấn nói thẳng của Điện Kremlin Andrei Krutskiy khẳng định đây là cáo buộc vô căn cứ của Mỹ."
    assert sides(body) == [("Andrei Krutskiy", "other")]


def test_a_leaders_government_speaks_for_his_country():
    """ "Chính quyền Trump cho biết", "chính quyền Tổng thống Obama cáo buộc" (in 2017, after he left office): the
    US government speaks, not the man (audit 2047 had it as Trump, 2044 as Obama); he alone stays himself."""
    body = "Chính quyền Trump cho biết họ phản đối việc Nga kiểm soát bán đảo Crimea."
    assert sides(body) == [("Mỹ", "nato")]
    body = "Hồi tháng 10/2016, chính quyền Tổng thống Obama cáo buộc Nga tấn công mạng nhằm vào đảng Dân chủ."
    assert sides(body) == [("Mỹ", "nato")]
    assert sides("Tổng thống Trump cho biết Mỹ sẽ hợp tác với Nga.") == [("Donald Trump", "nato")]


def test_a_title_with_the_field_of_the_post_before_a_comma_gives_the_side():
    # "phụ trách an ninh mạng" is the field of the post; "Bộ An ninh nội địa Mỹ" one name whatever its case.
    body = (
        "Phát biểu tại Quốc hội, quyền Phó Thứ trưởng phụ trách an ninh mạng thuộc Bộ An ninh nội địa Mỹ, "
        "Jeanette Marlow cho biết tin tặc Nga đã nhắm vào hệ thống bầu cử."
    )
    assert sides(body) == [("Jeanette Marlow", "nato")]


def test_theo_after_a_quotation_attributes_it_and_the_apposition_is_the_post():
    body = (
        'Nga phản đối NATO. "Thông tin đó là sai. Tổng thống chỉ thảo luận về mối đe dọa chung mà cả hai nước '
        'phải đối mặt", theo Dana Poulson, phó cố vấn an ninh Nhà Trắng phụ trách chiến lược, nói.'
    )
    (st,) = [s for s in body_statements(body) if s.speaker and s.speaker.name == "Dana Poulson"]
    assert st.speaker.side == "nato"
    assert "mối đe dọa chung" in st.text and "phó cố vấn" not in st.text


def test_theo_opening_a_sentence_keeps_what_follows_its_comma_as_content():
    # The counterpart: "Theo X, ..." at the start is followed by the content, not by a post.
    body = "Theo ông Dmitri Sorokin, Mỹ sẽ không thể cô lập Nga trong năm nay."
    (st,) = body_statements(body)
    assert st.speaker.name == "Dmitri Sorokin" and st.speaker.side == "other"
    assert "cô lập Nga" in st.text


def test_forces_named_before_a_country_are_one_organisation_on_its_side():
    # "Lực lượng" heads an organisation's name: not "Phòng thủ Estonia" resolved to the country.
    body = "Lực lượng Phòng thủ Latvia cho biết hơn 50 thiết bị quân sự của Mỹ đã tới để răn đe Nga."
    assert sides(body) == [("Lực lượng Phòng thủ Latvia", "nato")]


def test_a_first_deputy_chairman_of_a_russian_committee_speaks_for_russia():
    body = (
        "Phó Chủ tịch thứ nhất Ủy ban Đối ngoại Hội đồng Liên bang Nga Vladimir Dzhabarin nói các biện pháp của Nga "
        "có thể được điều chỉnh tùy theo NATO."
    )
    assert sides(body) == [("Vladimir Dzhabarin", "russia")]


def test_an_honorific_in_a_clause_after_the_name_is_no_post():
    # ", trong đó ông này ... luật sư người Nga": a clause about him, not a Russian post
    body = (
        "Tờ New York Times dẫn một tuyên bố của ông Donald Trump Jr., trong đó ông này thừa nhận đã gặp luật sư "
        "người Nga Natalia Veselnitskaya."
    )
    assert sides(body) == [("Donald Trump Jr.", "other")]


def test_an_officer_takes_the_side_of_the_only_forces_named_close_to_his_rank():
    """A rank names no country; the armed forces named in the officer's sentence or the two before it do
    ("Đại úy Edward Bachar" after "của quân đội Mỹ": audits 2041, 2042 and 2048 had `other` for a US Army
    captain), whether the forces are an organisation's name or lower-case words before the country."""
    body = (
        "Các binh sĩ của Sư đoàn bộ binh số 4 của quân đội Mỹ đã đến thành phố Tapa. "
        "Đại đội trưởng, Đại úy Edward Bachard, cho biết các lực lượng sẽ tham gia diễu hành gần biên giới Nga."
    )
    assert sides(body) == [("Edward Bachard", "nato")]
    body = (
        "Không quân Nga đã hộ tống máy bay. Thiếu tướng Andrei Kobanov cho biết máy bay NATO đã bị phát hiện."
    )
    assert sides(body) == [("Andrei Kobanov", "russia")]


def test_an_officer_takes_no_side_when_the_forces_named_are_of_two_countries_or_far_away():
    """Beside the Syrian army, the US army named does not say whose a general is; forces named three sentences
    before are another part of the story (an article on Russian air defence names "Không quân Nga" and leaves an
    American general's air force unnamed); a former officer holds no post."""
    body = (
        "Quân đội Mỹ và Quân đội Syria đã giao tranh gần Al-Tanf. "
        "Thiếu tướng Ali Mayhouba cho biết lực lượng Nga sẽ hỗ trợ."
    )
    assert sides(body) == [("Ali Mayhouba", "other")]
    body = (
        "Không quân Nga đã triển khai S-400. Hệ thống này rất mạnh. Nó bảo vệ căn cứ Hmeimim. Căn cứ rất lớn. "
        "Tướng James Holmesley cho biết máy bay NATO phải rất cẩn trọng."
    )
    assert sides(body) == [("James Holmesley", "other")]
    body = 'Cựu giám đốc tình báo không quân Mỹ, trung tướng Dave Deptulo nhận xét "máy bay của Nga rất tốt".'
    assert sides(body) == [("Dave Deptulo", "other")]
    # "Thủ tướng" holds the syllable "tướng" and is no rank
    body = "Quân đội Mỹ đã rút khỏi căn cứ. Thủ tướng Haider Abadin cho biết Nga có thể giúp đỡ."
    assert sides(body) == [("Haider Abadin", "other")]


def test_the_service_between_a_title_and_its_country_is_part_of_the_title_not_a_clause():
    """Lower-case words the tagger reads as nouns right after the title name its service or body ("Tướng không
    quân Mỹ Scott Pleus": audits 2049 and 2051 had `other`); another person's profession after other words does
    not ("Tổng thống Nga do nữ phóng viên Mỹ Megyn Kelly": not Putin's title, and no side for a journalist)."""
    assert sides("Tướng không quân Mỹ Scott Pleusen cho biết máy bay Nga đã tiếp cận nguy hiểm.") == [
        ("Scott Pleusen", "nato")
    ]
    body = (
        "Câu hỏi được đặt ra trong cuộc phỏng vấn Tổng thống Nga do nữ phóng viên Mỹ Megyn Kellyn thực hiện. "
        "Bà Kellyn cho rằng ông Putin đang tìm cách biện minh cho Nga."
    )
    assert sides(body) == [("Megyn Kellyn", "other")]


def test_officials_of_the_2020s_the_knowledge_file_knows_speak_for_their_side_without_a_title():
    """The archive is not only 2017: ministers and envoys often quoted on NATO–Russia relations later (Turkey's
    foreign minister, the head of Russia's foreign intelligence) are known by surname alone, with no title in the
    sentence; an opposition politician speaks for no state."""
    body = "Ông Cavusoglu cho biết Thổ Nhĩ Kỳ vẫn muốn đối thoại với Nga về hệ thống S-400."
    assert sides(body) == [("Mevlut Cavusoglu", "nato")]
    body = "Ông Naryshkin cho biết NATO đang tăng cường hoạt động tình báo gần biên giới Nga."
    assert sides(body) == [("Sergei Naryshkin", "russia")]
    body = "Ông Navalny cho biết Điện Kremlin đứng sau vụ đầu độc ông, điều NATO đã lên án."
    assert sides(body)[0] == ("Alexei Navalny", "other")


def test_state_agencies_quoted_without_their_country_speak_for_it():
    """An agency of a state speaks for it even when the sentence does not name the country: "Roscosmos cho biết"
    (audit 2047 had `other`), "Giám đốc NSA khẳng định" (2029), "Bộ Chỉ huy Thái Bình Dương Mỹ cho biết" (2057),
    and the Kremlin misspelt "Điện Kremli" (2040)."""
    assert sides("Roscosmos cho biết Nga sẽ phóng vệ tinh của Mỹ trong tháng tới.") == [
        ("Roscosmos", "russia")
    ]
    assert sides("Giám đốc NSA khẳng định Mỹ cần hành động cứng rắn với Nga.") == [("NSA", "nato")]
    assert sides("Điện Kremli ngày 6/7 phản bác đánh giá của Tổng thống Mỹ về Nga.") == [
        ("Điện Kremlin", "russia")
    ]


def test_officials_the_2017_archive_quotes_most_are_known_by_every_spelling():
    """The entity page of the whole 2017 archive showed "Michael Flynn", "Micheal Flynn" and "Michael I. Flynn"
    apart, and Russia's ambassador "Sergey Kislyak" on no side; a surname alone now gives the known person."""
    body = "Ông Kislyak cho biết Nga không can thiệp vào bầu cử Mỹ."
    assert sides(body) == [("Sergey Kislyak", "russia")]
    body = "Ông Micheal Flynn cho biết ông đã gặp Đại sứ Nga nhiều lần."
    assert sides(body) == [("Michael Flynn", "other")]


def test_a_legislator_of_a_us_party_named_after_him_speaks_for_the_us():
    body = (
        "Ngày 17/5, Hạ nghị sỹ Justin Amash thuộc đảng Cộng hòa, đại diện cho bang Michigan, tuyên bố rằng Nga đã can "
        "thiệp vào bầu cử."
    )
    assert sides(body) == [("Justin Amash", "nato")]
    # another country's party of a longer name is not the US one
    body = "Ông Taro Aso thuộc đảng Dân chủ Tự do cho biết Nhật muốn hợp tác với Nga."
    assert sides(body) == [("Taro Aso", "other")]


def test_an_open_apposition_gives_its_side_up_to_the_verb_not_from_what_was_said():
    body = (
        "Ông Adam Schiff, đại diện của đảng Dân chủ trong Ủy ban Tình báo Hạ viện Mỹ nói rằng Nga không thể là một "
        "đối tác đáng tin cậy."
    )
    assert sides(body) == [("Adam Schiff", "nato")]
    # a former post there names no country but still makes a commentator
    body = (
        "Tướng Richard Barrons, cựu chỉ huy Bộ tư lệnh các lực lượng chung cho rằng quân đội Anh cần phải chấn chỉnh "
        "lại để đối phó với Nga."
    )
    assert sides(body) == [("Richard Barrons", "other")]


def test_a_post_with_a_long_field_before_the_office_it_serves_still_names_its_holder():
    """ "Quan chức phụ trách chính sách đối ngoại và an ninh của EU Federica Mogherini cho biết" (corpus 21480585):
    the field of the post ran past 40 characters, so "của" was read as an object marker and she said nothing."""
    body = (
        "Quan chức phụ trách chính sách đối ngoại và an ninh của EU Federica Mogherini cho biết "
        "khối này sẽ gia hạn các biện pháp trừng phạt đối với Nga."
    )
    assert sides(body) == [("Federica Mogherini", "other")]


def test_a_legislator_named_after_his_party_and_la_is_of_the_partys_country():
    """ "một nghị sĩ khác của đảng Dân chủ là Ted Deutch cũng nhận định" (audit 2043 had him `other`): "khác" and "của"
    between the title and the party, the name after "là"."""
    body = (
        "Một nghị sĩ khác của đảng Cộng hòa là John Kennedy cũng nhận định rằng Nga đã can thiệp vào bầu cử."
    )
    assert sides(body) == [("John Kennedy", "nato")]


def test_russian_officials_often_named_without_their_title_are_known():
    """ "Ông Lavrentyev cho biết", "ông Konashenkov cho rằng": Putin's Syria envoy and the defence ministry's
    spokesman were `other` wherever the article dropped their title (data/knowledge.yaml)."""
    assert sides("Ông Lavrentyev cho biết Moskva vẫn đàm phán với Mỹ về các vùng giảm căng thẳng.") == [
        ("Alexander Lavrentiev", "russia")
    ]
    assert sides("Ông Konashenkov cho rằng tàu sân bay của Anh quá dễ bị nhắm bắn.") == [
        ("Igor Konashenkov", "russia")
    ]


def test_a_place_before_a_titled_speaker_is_no_co_speaker():
    """ "Bản đồ ... chống IS ở Syria và Iraq Thư ký báo chí Sean Spicer tuyên bố": a caption run into the sentence
    ends on "Syria và Iraq"; the place after "ở" is no co-speaker of the spokesman, who had said nothing."""
    body = "Bản đồ chiến trường ở Syria và Iraq Thư ký báo chí Sean Spicer tuyên bố Nga sẽ phải chịu trách nhiệm."
    assert sides(body) == [("Sean Spicer", "nato")]


def test_a_legislator_of_a_country_speaks_for_it():
    """Audit 2067 row 44: "Ông Vyacheslav Alekseyevich Nikonov, nhà lập pháp Nga, nói ..." was stored `other`; a
    sitting legislator of a member state or of Russia takes its side, whatever word names the post."""
    body = (
        'Ông Pavel Sergeyevich Lomov, nhà lập pháp Nga, nói trong một cuộc họp báo: "Các tướng lĩnh Nga đã thảo '
        'luận về việc dùng vũ khí hạt nhân trong một cuộc xung đột với NATO".'
    )
    assert sides(body) == [("Pavel Sergeyevich Lomov", "russia")]


def test_a_ranked_deputy_of_a_committee_of_a_russian_chamber_speaks_for_russia():
    """Audit 2067 row 8: "Phó Chủ tịch thứ nhất Ủy ban quan hệ quốc tế của Hội đồng liên bang Nga Vladimir Jabarov"
    was stored `other`: the rank ("thứ nhất") and a committee's five-word field before "của" read as a clause."""
    body = (
        "Theo nhận định của Phó Chủ tịch thứ nhất Ủy ban quan hệ quốc tế của Hội đồng liên bang Nga Vladimir Dzhurov, "
        "những vụ gây hấn như vụ Mỹ bắn rơi Su-22 có thể dẫn tới một cuộc chiến tranh quy mô lớn."
    )
    assert sides(body) == [("Vladimir Dzhurov", "russia")]


def test_a_post_under_a_past_administration_is_a_former_one():
    """Audits 2055 and 2067: "Ông Wayne White, một quan chức tình báo cấp cao tại Bộ Ngoại giao Mỹ dưới thời chính
    quyền Tổng thống George W. Bush, cho biết" was stored `nato`; a post "under" a leader out of office on the
    article's date is a former one (a commentator's credential); the same post without it keeps the side."""
    past = (
        "Ông Gerald Pike, một quan chức tình báo cấp cao tại Bộ Ngoại giao Mỹ dưới thời chính quyền Tổng thống "
        "George W. Bush, cho biết Nga đã can thiệp bầu cử."
    )
    assert sides(past) == [("Gerald Pike", "other")]
    now = "Ông Gerald Pike, một quan chức tình báo cấp cao tại Bộ Ngoại giao Mỹ, cho biết Nga đã can thiệp bầu cử."
    assert sides(now) == [("Gerald Pike", "nato")]


def test_a_sitting_leader_who_dates_a_post_owns_no_title():
    """ "quan chức Bộ Ngoại giao Mỹ dưới thời Tổng thống Donald Trump": Trump dates the post (a sitting leader, so no
    former one); he is not the title's owner, whose side the official would otherwise lose."""
    body = "Ông Gerald Pike, quan chức Bộ Ngoại giao Mỹ dưới thời Tổng thống Donald Trump, cho biết Nga đã can thiệp."
    assert sides(body) == [("Gerald Pike", "nato")]


def test_what_a_person_said_about_a_past_administration_is_no_description_of_him():
    """ "Ông X, quan chức Bộ Ngoại giao Mỹ, cho biết quan hệ Nga - Mỹ xấu đi dưới thời Tổng thống George W. Bush":
    "dưới thời" after the reporting verb is in what he said; his post stays a sitting one."""
    body = (
        "Ông Gerald Pike, quan chức Bộ Ngoại giao Mỹ, cho biết quan hệ Nga - Mỹ xấu đi dưới thời Tổng thống George W. "
        "Bush."
    )
    assert sides(body) == [("Gerald Pike", "nato")]


def test_a_post_at_a_research_body_makes_an_expert_of_no_side():
    """Audits 2039, 2059, 2066, 2067: the directors of "Viện Nghiên cứu Viễn Đông Nga", of "Quỹ Nghiên cứu Mỹ tại
    Đại học Quốc gia Moscow", of a programme "thuộc Trung tâm vì An ninh mới của Mỹ" were stored on the side of the
    country in their institute's name; the audits judge them experts (`other`), also where the article later names
    them by the post alone. A deputy director of a ministry's department keeps his side."""
    body = (
        "Giám đốc Viện Nghiên cứu Viễn Đông Nga Pavel Kirov cho rằng Mỹ đang củng cố vị thế. "
        "Ông Lev Orlov - giám đốc của Quỹ Nghiên cứu Mỹ tại Đại học Quốc gia Moskva cho rằng Nga không nên mong đợi nhiều. "
        "Ông Alan Reeve, Giám đốc Chương trình an ninh thuộc Trung tâm vì An ninh mới của Mỹ, nhận xét rằng Nga sẽ đáp trả."
    )
    assert sides(body) == [("Pavel Kirov", "other"), ("Lev Orlov", "other"), ("Alan Reeve", "other")]
    state = "Phó Giám đốc Cục tác chiến của Bộ Quốc phòng Nga Pavel Kirov cho rằng Mỹ đang củng cố vị thế."
    assert sides(state) == [("Pavel Kirov", "russia")]


def test_an_association_or_a_company_named_with_a_country_speaks_for_no_side():
    """Audit 2068 row 59: "Hiệp hội nhà báo Nga cũng lên tiếng cho rằng ..." was stored on Russia's side; an
    association, a company or a university is no state body (JUDGING.md: companies and private bodies `other`),
    while a ministry named the same way keeps its country's side."""
    body = (
        "Hiệp hội nhà báo Nga cũng lên tiếng cho rằng không ai có quyền gọi ông Putin là kẻ sát nhân. "
        "Tập đoàn Lockheed Martin của Mỹ cho biết sẽ giao thêm máy bay F-35 cho các đồng minh NATO. "
        "Bộ Ngoại giao Nga cho biết sẽ đáp trả Mỹ."
    )
    assert sides(body) == [
        ("Hiệp hội nhà báo Nga", "other"),
        ("Tập đoàn Lockheed Martin của Mỹ", "other"),
        ("Bộ Ngoại giao Nga", "russia"),
    ]
