"""The review queue (pages/6_review.py) through AppTest on a fixture store whose statements carry stance
probabilities: least confident first, one-click fixes recorded as corrections with who/why, undo, the
training examples that follow, and article text shown as text."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import streamlit as st
import yaml
from streamlit.testing.v1 import AppTest

from core.models import Article, DateInfo, Entity
from core.quality.train import correction_examples
from core.read import review
from core.read.filters import Filters
from core.store import connection, corrections, edits, entities
from core.store import db as store
from tests.dashboard_fixtures import LAVROV, NATO, RUSSIA, SCRIPT_TITLE, _build, articles

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60

# The stance model's probability of each fixture statement (by its text); None: rules only.
PROBS = {
    "NATO muốn đối thoại với Nga": 0.91,
    "NATO đe dọa an ninh của Nga": 0.34,
    "NATO đang bao vây Nga": 0.82,
    "NATO không được mở rộng sang Ukraine": 0.61,
    "NATO không tìm kiếm đối đầu với Nga": 0.47,
    "Nga sẵn sàng hợp tác với NATO về chống khủng bố": 0.95,
    "NATO và Nga nối lại đối thoại": 0.72,
    "Nga <img src=x onerror=alert(1)> cần đối thoại": 0.55,
    "NATO sẽ họp về Nga": None,
}
KOWALSKI = Entity("Jan Kowalski", "PER", "other")
HTML_BODY = (
    "Ông Jan Kowalski nói rằng Nga <img src=x onerror=alert(1)> cần đối thoại. "
    "Sau cuộc gặp với ông Sergei Lavrov, một quan chức cho biết NATO sẽ họp về Nga"
)


def _extra() -> tuple[Article, object]:
    """A speaker missing from the knowledge file (side other), an unnamed one, and HTML in the sentence."""
    title = "Ba Lan và Nga <b>đối thoại</b>"
    ex = _build(
        title,
        HTML_BODY,
        [(KOWALSKI, "Jan Kowalski"), (RUSSIA, "Nga"), (NATO, "NATO"), (LAVROV, "Sergei Lavrov")],
        [
            {
                "speaker": KOWALSKI,
                "verb": "nói rằng",
                "text": "Nga <img src=x onerror=alert(1)> cần đối thoại",
                "stance": "neutral",
            },
            {
                "speaker": None,
                "speaker_text": "một quan chức",
                "verb": "cho biết",
                "text": "NATO sẽ họp về Nga",
                "stance": "neutral",
            },
        ],
    )
    art = Article(
        title,
        "",
        HTML_BODY,
        "fixtures/a6.txt",
        title + "\n\n" + HTML_BODY,
        source="TTXVN",
        date=DateInfo(2, 4, 2018, "dateline", "Ngày 2/4/2018"),
    )
    return art, ex


@pytest.fixture
def review_db(tmp_path, monkeypatch):
    path = tmp_path / "news.db"
    db = connection.connect(path)
    try:
        for art, ex in [*articles(), _extra()]:
            if ex is not None:
                sts = tuple(dataclasses.replace(s, stance_prob=PROBS[s.text]) for s in ex.statements)
                ex = dataclasses.replace(ex, statements=sts)
            store.add_article(db, art, ex)
    finally:
        db.close()
    monkeypatch.setenv("NEWS_DB", str(path))
    st.cache_data.clear()
    yield path
    st.cache_data.clear()


def open_review(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/6_review.py")
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _rows(at: AppTest) -> list[str]:
    """The queue's row headers as the reader sees them (Markdown escapes removed), in page order."""
    heads = [m.value for m in at.markdown if "“" in m.value and " — " in m.value]
    return [re.sub(r"\\(.)", r"\1", h) for h in heads]


def _sentences(at: AppTest) -> list[str]:
    """The queue's sentences (HTML blocks with the statement underlined), in page order."""
    return [h.value for h in at.get("html") if "text-decoration:underline" in h.value]


def _sid(path: Path, text: str) -> int:
    rows = review.review_queue(path, Filters(), limit=100)
    return int(rows.loc[rows["text"] == text, "id"].iloc[0])


def _stance(path: Path, sid: int) -> str:
    db = connection.connect(path)
    try:
        return edits.statement_row(db, sid)["stance"]
    finally:
        db.close()


def _corrections(path: Path) -> list[dict]:
    db = connection.connect(path)
    try:
        return corrections.list_corrections(db)
    finally:
        db.close()


def test_queue_lists_least_confident_first(review_db):
    at = open_review(lang="en", n="20")
    rows = _rows(at)
    probs = [float(m.group(1)) for r in rows if (m := re.search(r"confidence (\d\.\d\d)", r))]
    assert probs == sorted(probs) and probs[0] == 0.34 and len(probs) == 8
    assert "Sergei Lavrov" in rows[0]  # 0.34: "NATO đe dọa an ninh của Nga"
    assert "rules only" in rows[-1] and "một quan chức" in rows[-1], "no probability: after every known one"


def test_queue_size_and_the_speaker_queue_lists_only_speaker_problems(review_db):
    assert len(_rows(open_review(lang="en", n="10"))) == 9
    rows = _rows(open_review(lang="en", queue="speaker"))
    assert len(rows) == 2
    assert "speaker on no side" in rows[0] and "Jan Kowalski" in rows[0]
    assert "speaker not identified" in rows[1] and "một quan chức" in rows[1]


def test_a_stance_fix_lands_in_corrections_changes_the_shown_stance_and_undo_restores_it(review_db):
    sid = _sid(review_db, "NATO đe dọa an ninh của Nga")
    assert _stance(review_db, sid) == "conflictual"
    at = open_review(lang="en", queue="stance")
    at.text_input(key="rv_who").input("lan").run()
    at.text_input(key="rv_why").input("nói về đe dọa, nhưng là mô tả").run()
    at.button(key=f"rv_stance_{sid}_neutral").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"statement {sid} is now neutral" in s.value for s in at.success)

    (c,) = _corrections(review_db)
    assert (c["what"], c["who"], c["why"]) == ("statement_stance", "lan", "nói về đe dọa, nhưng là mô tả")
    assert _stance(review_db, sid) == "neutral"
    assert not any("NATO đe dọa an ninh" in r for r in _sentences(at)), (
        "a fixed stance leaves the stance queue"
    )
    assert len(_sentences(at)) == 8
    log = [m.value for m in at.markdown if m.value.startswith(f"\\#{c['id']} ")]
    assert len(log) == 1 and "→ neutral · lan" in log[0]
    (ex,) = correction_examples(review_db)
    assert ex.stance == "neutral" and ex.text == "NATO đe dọa an ninh của Nga"

    at.button(key=f"rv_undo_{c['id']}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"correction {c['id']}" in s.value for s in at.success)
    assert _stance(review_db, sid) == "conflictual"
    assert "NATO đe dọa an ninh" in _sentences(at)[0], "back at the head of the queue"
    assert len(_sentences(at)) == 9
    assert [x["what"] for x in _corrections(review_db)] == ["statement_stance", "undo"]
    assert correction_examples(review_db) == [], "an undone fix is not learned from"
    assert not any(m.value.startswith(f"\\#{c['id']} ") for m in at.markdown)


def test_a_fix_needs_a_name_and_writes_nothing_without_one(review_db):
    sid = _sid(review_db, "NATO đe dọa an ninh của Nga")
    at = open_review(lang="en")
    at.button(key=f"rv_stance_{sid}_cooperative").click().run()
    assert any("give your name" in w.value for w in at.warning)
    assert _corrections(review_db) == [] and _stance(review_db, sid) == "conflictual"


def test_side_fix_moves_the_speaker_and_undo_moves_it_back(review_db):
    sid = _sid(review_db, "Nga <img src=x onerror=alert(1)> cần đối thoại")
    at = open_review(lang="en", queue="speaker")
    at.text_input(key="rv_who").input("minh").run()
    kowalski = int(review.review_queue(review_db, Filters(), kind="speaker").loc[0, "speaker_id"])
    at.button(key=f"rv_side_{sid}_nato").click().run()
    assert any("Jan Kowalski is now on the NATO side" in s.value for s in at.success)
    db = connection.connect(review_db)
    assert entities.entity_row(db, kowalski)["side"] == "nato"
    db.close()
    assert len(_rows(at)) == 1, "the speaker queue keeps only the unnamed official"
    (c,) = _corrections(review_db)
    at.button(key=f"rv_undo_{c['id']}").click().run()
    db = connection.connect(review_db)
    assert entities.entity_row(db, kowalski)["side"] == "other"
    db.close()
    assert len(_rows(at)) == 2


def test_speaker_fix_from_the_names_in_the_article_and_undo(review_db):
    sid = _sid(review_db, "NATO sẽ họp về Nga")
    at = open_review(lang="en", queue="speaker")
    at.text_input(key="rv_who").input("minh").run()
    box = at.selectbox(key=f"rv_speaker_{sid}")
    assert box.value is None, "nobody chosen for an unnamed official"
    lavrov = next(o for o in box.options if o.startswith("Sergei Lavrov"))  # shown: name (type, side)
    assert lavrov == "Sergei Lavrov (person, Russia)" and any(
        o.startswith("Jan Kowalski") for o in box.options
    )
    article_id = review.review_queue(review_db, Filters(), kind="speaker").loc[1, "article_id"]
    ids = review.review_speakers(review_db, (int(article_id),))
    lavrov_id = int(ids.loc[ids["name"] == "Sergei Lavrov", "id"].iloc[0])
    at.selectbox(key=f"rv_speaker_{sid}").set_value(lavrov_id).run()
    at.button(key=f"rv_setspeaker_{sid}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"statement {sid} is now attributed to Sergei Lavrov" in s.value for s in at.success)
    db = connection.connect(review_db)
    row = db.execute("SELECT speaker_id, speaker_side FROM statements WHERE id = ?", [sid]).fetchone()
    db.close()
    assert tuple(row) == (lavrov_id, "russia")
    (c,) = _corrections(review_db)
    assert c["what"] == "statement_speaker" and c["who"] == "minh"
    at.button(key=f"rv_undo_{c['id']}").click().run()
    db = connection.connect(review_db)
    row = db.execute("SELECT speaker_id, speaker_side FROM statements WHERE id = ?", [sid]).fetchone()
    db.close()
    assert tuple(row) == (None, "other")


def test_article_text_is_escaped(review_db):
    at = open_review(lang="en", n="20")
    rendered = (
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.get("html")]
    )
    for text in rendered:
        assert "<img" not in text.lower() and "<script" not in text.lower() and "<b>" not in text
    assert any("&lt;img src=x onerror=alert(1)&gt;" in t for t in rendered), "shown, as text"
    assert SCRIPT_TITLE.startswith("Nga cảnh báo NATO <script>")
    assert any("&lt;script&gt;" in t and "Nga cảnh báo NATO" in t for t in rendered), "the title, as text"


def test_review_labels_are_vietnamese_in_vi():
    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))

    def leaves(node, key=""):
        if isinstance(node, dict) and set(node) >= {"en", "vi"}:
            yield key, node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from leaves(v, f"{key}.{k}" if key else k)

    found = list(leaves(labels["review"], "review")) + [("nav.review", labels["nav"]["review"])]
    assert len(found) > 20
    for key, node in found:
        words = re.sub(r"\{\w+\}|`[^`]*`", "", node["vi"])
        if re.search(r"[A-Za-z]{3,}", re.sub(r"\{\w+\}|`[^`]*`", "", node["en"])):
            assert node["vi"] != node["en"], key
        assert not re.search(r"\b(the|and|of|is|to|your|fix|speaker|stance|side)\b", words, re.I), key


def test_review_page_in_vietnamese_runs(review_db):
    at = open_review(lang="vi")
    assert at.title[0].value == "Rà soát"
    assert any("độ tin cậy 0.34" in r for r in _rows(at))


def test_not_a_statement_leaves_every_view_stays_out_after_replay_is_learned_from_and_undo_brings_it_back(
    review_db,
):
    """A row that is no statement (a narrated act, a headline) cannot be fixed by a stance or a speaker: the
    analyst takes it out. It leaves the queue and the overview's count, a re-extraction does not bring it back (the
    correction is replayed), `python -m core.quality.realness --db` learns it as no statement, and undo restores it."""
    import json

    from core.quality.realness import correction_rows
    from core.read import overview

    sid = _sid(review_db, "NATO đang bao vây Nga")
    before = overview.overview(review_db, Filters())["total_statements"]
    at = open_review(lang="en", n="20")
    at.text_input(key="rv_who").input("lan").run()
    at.text_input(key="rv_why").input("lời kể của nhà báo").run()
    at.button(key=f"rv_drop_{sid}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"statement {sid} is no statement" in s.value for s in at.success), [
        x.value for x in (*at.success, *at.error, *at.warning)
    ]
    assert not any("NATO đang bao vây Nga" in r for r in _sentences(at))
    st.cache_data.clear()
    assert overview.overview(review_db, Filters())["total_statements"] == before - 1
    (c,) = _corrections(review_db)
    assert (c["what"], c["who"]) == ("statement_drop", "lan")
    assert any(
        m.value.startswith(f"\\#{c['id']} ") and "is no statement · lan" in m.value for m in at.markdown
    )
    assert [(r.span, r.real) for r in correction_rows(review_db)] == [("NATO đang bao vây Nga", False)]

    # Re-extraction writes the row again; replaying the corrections takes it out again.
    db = connection.connect(review_db)
    try:
        old = json.loads(c["old"])
        with connection.transaction(db):
            assert edits.restore_statement_rows(db, old["key"], old["rows"]) == 1
            corrections.apply_all(db, old["key"]["article_id"])
        assert edits.statement_rows(db, old["key"]) == []
    finally:
        db.close()

    at.button(key=f"rv_undo_{c['id']}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    st.cache_data.clear()
    assert overview.overview(review_db, Filters())["total_statements"] == before
    assert any("NATO đang bao vây Nga" in r for r in _sentences(at))
    assert correction_rows(review_db) == [], "an undone drop is not learned from"


def test_the_statement_queue_lists_rows_the_check_doubted_least_likely_first(review_db):
    """Rows the statement check kept with a probability below review.DOUBTFUL of being a statement (kept in the
    evidence as `real_prob`) form the "maybe no statement" queue, least likely first, each saying why."""
    doubts = {"NATO sẽ họp về Nga": 0.22, "NATO đang bao vây Nga": 0.41, "NATO muốn đối thoại với Nga": 0.93}
    db = connection.connect(review_db)
    try:
        with connection.transaction(db):
            for text, p in doubts.items():
                db.execute(
                    "UPDATE statements SET evidence = json_set(COALESCE(evidence, '{}'), '$.real_prob', ?) "
                    "WHERE text = ?",
                    [p, text],
                )
    finally:
        db.close()
    assert review.review_total(review_db, Filters(), kind="statement") == 2
    at = open_review(lang="en", queue="statement")
    rows = _rows(at)
    assert len(rows) == 2 and all("maybe no statement" in r for r in rows)
    assert "(0.22)" in rows[0] and "(0.41)" in rows[1]
    assert "NATO sẽ họp về Nga" in _sentences(at)[0] and "NATO đang bao vây Nga" in _sentences(at)[1]
