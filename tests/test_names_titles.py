"""Titles, countries and outlets never fuse into a person's name (Generalise issue, requirement 3).

Small team-written sentences, one class of case each, run through the entity pipeline with underthesea's tagger:
what a user sees is the list of names the article yields.
"""

from __future__ import annotations

import pytest

from core.models import Article, DateInfo
from core.nlp.entities import find_mentions
from core.nlp.names import vietnamese_syllable
from core.nlp.pipeline import tag_all
from core.nlp.titles import name_parts
from core.nlp.tokens import split_sentences

pytestmark = pytest.mark.usefixtures("rules_relevance")  # one-sentence cases: see conftest


def names(body: str) -> set[tuple[str, str]]:
    a = Article(title="Tin", lede="", body=body, origin="t.txt", raw=body, date=DateInfo())
    sents = split_sentences(a)
    return {
        (m.entity.name, m.entity.type) for m in find_mentions(a, sents, tag_all(sents)) if m.field == "body"
    }


def people(body: str) -> set[str]:
    return {n for n, t in names(body) if t == "PER"}


@pytest.mark.parametrize(
    ("body", "person", "place"),
    [
        ("Tổng thống Philippines Rodrigo Duterte tuyên bố sẽ mua vũ khí.", "Rodrigo Duterte", "Philippines"),
        ("Thủ tướng Ấn Độ Narendra Modi đã tới thăm Moskva.", "Narendra Modi", "Ấn Độ"),
        ("Thủ tướng Israel Benjamin Netanyahu đã điện đàm với Nga.", "Benjamin Netanyahu", "Israel"),
        ("Thủ tướng Áo Christian Kern phản đối lệnh trừng phạt.", "Christian Kern", "Áo"),
    ],
    ids=[
        "country not in the knowledge file",
        "two-word country",
        "English-named country",
        "one-syllable country",
    ],
)
def test_country_of_the_title_is_a_place_not_part_of_the_name(body, person, place):
    found = names(body)
    assert (person, "PER") in found
    assert (place, "LOC") in found
    assert not any(n.startswith(place + " ") for n, _ in found)


def test_known_place_after_a_lower_case_title_word():
    # "Thông tin" completes the minister's title; "Nga" is the country; the rest is the person.
    assert people("Bộ trưởng Thông tin Nga Nikolay Nikiforov bày tỏ hy vọng.") == {"Nikolay Nikiforov"}


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Quyền Bộ trưởng Tư pháp Sally Yates bị sa thải.", "Sally Yates"),
        ("Thượng nghị sĩ Dân chủ Martin Heinrich cáo buộc ông Sessions.", "Martin Heinrich"),
        ("Hạ nghị sĩ Cộng hòa Devin Nunes nói vậy.", "Devin Nunes"),
    ],
    ids=["ministry", "party of a senator", "party of a representative"],
)
def test_title_qualifier_is_not_part_of_the_name(body, person):
    found = people(body)
    assert person in found
    assert not any(n != person and person.split()[-1] in n.split() and len(n) > len(person) for n in found)
    assert not {"Tư", "Dân", "Cộng", "Tư pháp"} & found


def test_surname_alone_after_a_ministry():
    assert "Garland" in people("Bộ trưởng Tư pháp Garland cho biết sẽ điều trần.")
    assert "Tư pháp Garland" not in people("Bộ trưởng Tư pháp Garland cho biết sẽ điều trần.")
    # a surname the knowledge file knows is that person
    assert people("Bộ trưởng Tư pháp Sessions cho biết sẽ điều trần.") == {"Jeff Sessions"}


def test_acronym_of_the_institution_after_a_title():
    assert people("Giám đốc NSA Michael Rogers và Giám đốc DNI Dan Coats từ chối.") == {
        "Michael Rogers",
        "Dan Coats",
    }


def test_state_after_its_lower_case_head():
    found = names("Thượng nghị sĩ bang Arizona Jeff Flake phản đối.")
    assert ("Jeff Flake", "PER") in found
    assert ("Arizona", "LOC") in found


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("Trang Strategy Page vừa đăng bài viết về tiêm kích.", "Strategy Page"),
        ("Theo trang Business Insider, tên lửa này rất mạnh.", "Business Insider"),
        ("Kênh truyền hình Zvezda đưa tin về cuộc tập trận.", "Zvezda"),
    ],
    ids=["capitalised head opening a sentence", "lower-case head", "two-word head"],
)
def test_outlet_after_its_head_noun_is_an_organisation(body, outlet):
    found = names(body)
    assert (outlet, "ORG") in found
    assert not any(t == "PER" and outlet in n for n, t in found)


def test_armed_is_no_web_page():
    # "vũ trang" (armed) ends in "trang" (web page): the committee is no outlet called "Thượng".
    assert not any(
        n.startswith("Thượng") and t == "ORG" for n, t in names("Tiểu ban vũ trang Thượng viện họp.")
    )


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Bà Ursula von der Leyen đến Kiev.", "Ursula von der Leyen"),
        ("Ông Staffan de Mistura chủ trì hội đàm.", "Staffan de Mistura"),
        ("Ông Jordan Peterson phát biểu tại hội thảo.", "Jordan Peterson"),
        ("Ông Recep Tayyip Erdogan tới thăm Nga.", "Recep Tayyip Erdogan"),
    ],
    ids=["particles", "particle de", "given name that is a country", "name split by the tagger"],
)
def test_whole_names_stay_whole(body, person):
    assert person in people(body)


def test_capitalised_common_noun_is_no_person():
    assert not {"Chính phủ", "Chính", "Hiệp định"} & people(
        "Chính phủ đã ký Hiệp định. Hiệp định có hiệu lực."
    )


def test_name_parts_offsets():
    name = "Philippines Rodrigo Duterte"
    parts = [(name[s:e], t) for s, e, t in name_parts(name, "PER", "Tổng thống ")]
    assert parts == [("Philippines", "LOC"), ("Rodrigo Duterte", "PER")]
    assert name_parts("Chính phủ", "PER") == ()


def test_vietnamese_syllable_shape():
    assert all(map(vietnamese_syllable, ["Giám", "đốc", "Nghiên", "Trung", "Quốc"]))
    assert not any(map(vietnamese_syllable, ["Comey", "Lieberman", "Sessions", "Trump"]))


def test_a_foreign_name_after_vietnamese_words_of_an_institution_is_a_person():
    from core.models import Article, DateInfo
    from core.nlp.pipeline import extract

    body = (
        "Lãnh đạo phe Dân chủ tại Hạ viện Nancy Pelosi bác bỏ lời kêu gọi luận tội vì Nga. "
        "Nghị sỹ đảng Dân chủ Adam Schiff nói rằng Nga can thiệp bầu cử. Tập đoàn General Electric rút khỏi Nga."
    )
    a = Article(title="Tin NATO và Nga", lede="", body=body, origin="t.txt", raw=body, date=DateInfo())
    people = {m.entity.name for m in extract(a).mentions if m.entity.type == "PER"}
    assert {"Nancy Pelosi", "Adam Schiff"} <= people
    assert not any(n.startswith(("Hạ viện", "Dân chủ")) for n in people)


def test_a_country_and_a_commentators_name_tagged_as_one_place_are_two_names():
    from tests.test_statements import speakers

    body = (
        "Ngược lại, chuyên gia quân sự Nga Konstantin Sivkov phát biểu với RT rằng, ngay cả khi Mỹ quyết định "
        "rút binh lính khỏi châu Âu, tiến trình này sẽ tốn nhiều năm."
    )
    assert [s for s, _ in speakers(body)] == ["Konstantin Sivkov"]


def test_a_name_tagged_on_its_own_is_not_glued_to_the_place_before_it():
    # The tagger reads "chuyên gia quân sự Nga" as a place and "Vladimir Tuchkov" as a person: two names, not a
    # place "Nga Vladimir" that swallows the speaker's given name.
    from tests.test_statements import speakers

    body = (
        "Nhận định về vấn đề này, chuyên gia quân sự Nga Vladimir Tuchkov nói: “Điểm mạnh nhất của Su-35S là khả "
        "năng vận hành đến mức siêu cơ động”."
    )
    assert [s for s, _ in speakers(body)] == ["Vladimir Tuchkov"]
