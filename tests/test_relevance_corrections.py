"""Analysts mark articles off-topic / on-topic (issue 11, part 5): one article or every article the filters
select, recorded as `article_relevance` corrections with who/why, replayed after re-extraction, undoable
(one at a time or the whole bulk marking), aggregates kept equal to a recount; and the Articles page's
forms, which need a name and a reason."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.models import DateInfo
from core.read.articles import article_ids, search_articles
from core.read.filters import Filters
from core.store import connection, corrections, edits
from core.store import db as store
from tests.dashboard_fixtures import articles, build_store
from tests.test_aggregates import NATO, NGA, article, recount, snapshot

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def _three(db) -> tuple[list[int], list]:
    exs, ids = [], []
    for i in range(3):
        a, ex = article(i, DateInfo(4, 4, 2018, "metadata"), [NATO, NGA])
        ids.append(store.add_article(db, a, ex)[0])
        exs.append(ex)
    return ids, exs


def _flags(db, ids: list[int]) -> list[int | None]:
    return [edits.article_relevant(db, i) for i in ids]


def test_marking_survives_reextraction_and_undo_gives_the_extractions_verdict_back(db):
    ids, exs = _three(db)
    cid = corrections.mark_article(db, ids[0], 0, who="lan", why="bóng đá, không phải NATO")
    assert _flags(db, ids) == [0, 1, 1]
    c = edits.correction_row(db, cid)
    assert (c["what"], c["target_id"], c["who"], c["why"]) == (
        "article_relevance",
        ids[0],
        "lan",
        "bóng đá, không phải NATO",
    )
    assert snapshot(db) == recount(db)

    store.save_extraction(db, ids[0], exs[0])  # the extraction says relevant again: the marking holds
    assert _flags(db, ids) == [0, 1, 1]
    assert snapshot(db) == recount(db)

    corrections.undo(db, cid, who="lan", why="nhầm")
    assert _flags(db, ids) == [1, 1, 1]
    store.save_extraction(db, ids[0], exs[0])  # an undone marking is never replayed
    assert _flags(db, ids) == [1, 1, 1]
    assert snapshot(db) == recount(db)


def test_an_undo_restores_the_verdict_the_extraction_gave_even_off_topic(db):
    ids, exs = _three(db)
    store.save_extraction(db, ids[1], dataclasses.replace(exs[1], relevant=False))
    cid = corrections.mark_article(db, ids[1], 1, who="lan", why="NATO và Nga bàn về an ninh")
    assert _flags(db, ids) == [1, 1, 1]
    store.save_extraction(db, ids[1], dataclasses.replace(exs[1], relevant=False))
    assert _flags(db, ids) == [1, 1, 1]
    corrections.undo(db, cid, who="lan")
    assert _flags(db, ids) == [1, 0, 1]


def test_a_later_marking_holds_when_an_earlier_one_is_undone(db):
    ids, _ = _three(db)
    first = corrections.mark_article(db, ids[0], 0, who="lan", why="lạc đề")
    corrections.mark_article(db, ids[0], 1, who="minh", why="có nói về NATO")
    corrections.undo(db, first, who="lan")
    assert _flags(db, ids)[0] == 1


def test_bulk_marking_is_one_row_per_article_and_one_undo(db):
    ids, exs = _three(db)
    before = {c["id"] for c in corrections.list_corrections(db)}
    batch = corrections.mark_articles(db, ids, 0, who="lan", why="thể thao")
    rows = [c for c in corrections.list_corrections(db) if c["id"] not in before]
    assert sorted(c["target_id"] for c in rows) == sorted(ids)
    assert {(c["what"], c["who"], c["why"]) for c in rows} == {("article_relevance", "lan", "thể thao")}
    assert _flags(db, ids) == [0, 0, 0]
    for i, ex in zip(ids, exs, strict=True):
        store.save_extraction(db, i, ex)
    assert _flags(db, ids) == [0, 0, 0]
    assert snapshot(db) == recount(db)

    assert corrections.undo_batch(db, batch, who="lan", why="nhầm bộ lọc") == 3
    assert _flags(db, ids) == [1, 1, 1]
    assert len(edits.undone_ids(db) & {c["id"] for c in rows}) == 3
    with pytest.raises(ValueError, match="left to undo"):
        corrections.undo_batch(db, batch, who="lan")
    assert snapshot(db) == recount(db)


def test_bad_markings_are_refused_and_write_nothing(db):
    ids, _ = _three(db)
    with pytest.raises(ValueError, match="no article with id 999"):
        corrections.mark_articles(db, [ids[0], 999], 0, who="lan", why="x")
    with pytest.raises(ValueError, match="name"):
        corrections.mark_articles(db, ids, 0, who="  ", why="x")
    with pytest.raises(ValueError, match="relevant must be"):
        corrections.mark_articles(db, ids, 2, who="lan", why="x")
    assert _flags(db, ids) == [1, 1, 1]
    assert corrections.list_corrections(db) == []


def test_article_ids_are_what_the_filters_select(tmp_path):
    path = build_store(tmp_path / "news.db")
    shown = search_articles(path, Filters(relevance="relevant"), per_page=1000)
    ids, total = article_ids(path, Filters(relevance="relevant"))
    assert list(ids) == shown.table["id"].astype(int).tolist() and total == shown.total
    ids, total = article_ids(path, Filters(relevance="relevant"), limit=2)
    assert len(ids) == 2 and total == shown.total


# --- the Articles page --------------------------------------------------------------------------------------


def open_articles(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/4_articles.py")
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _table_ids(at: AppTest) -> set[int]:
    return set(at.dataframe[0].value["id"].astype(int))


def _relevant(path: Path, article_id: int) -> int | None:
    db = connection.connect(path)
    try:
        return edits.article_relevant(db, article_id)
    finally:
        db.close()


def test_marking_an_article_off_topic_needs_a_name_and_moves_it_out_of_the_default_table(news_db):
    at = open_articles(lang="en", article="1")
    assert 1 in _table_ids(at)
    _button(at, "Mark off-topic").click().run()
    assert any("give your name" in w.value for w in at.warning)
    assert _relevant(news_db, 1) == 1

    at.text_input(key="mark_who_one").set_value("Lan")
    at.text_input(key="mark_why_one").set_value("about football")
    _button(at, "Mark off-topic").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _relevant(news_db, 1) == 0
    assert any("article 1 is marked off" in s.value.replace("\\", "") for s in at.success)
    assert 1 not in _table_ids(at)
    why = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Marked off-topic by an analyst: Lan" in why and "about football" in why

    at = open_articles(lang="en", relevance="all", article="1")
    assert 1 in _table_ids(at)
    assert any(b.label == "Mark on-topic" for b in at.button)


def test_marking_all_shown_articles_states_the_count_needs_confirmation_and_undoes(news_db):
    at = open_articles(lang="en", relevance="all", q="Nga")
    total = len(_table_ids(at))
    assert total >= 2
    label = f"Mark all {total} shown articles off-topic"
    at.radio(key="mark_all_value").set_value(0)
    at.run()
    at.text_input(key="mark_who_all").set_value("Lan")
    at.text_input(key="mark_why_all").set_value("test bulk")
    _button(at, label).click().run()
    assert any("confirm" in w.value for w in at.warning)
    ids = _table_ids(at)
    assert all(_relevant(news_db, i) != 0 for i in ids if i != 4)

    at.checkbox(key="mark_all_sure").check()
    _button(at, label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"{total} articles marked off-topic" in s.value.replace("\\", "") for s in at.success)
    assert {_relevant(news_db, i) for i in ids} == {0}

    _button(at, "Undo this marking").click().run()
    assert any("Undone" in s.value for s in at.success)
    originals = {i: ex.relevant for i, (_, ex) in enumerate(articles(), start=1) if ex is not None}
    assert {i: _relevant(news_db, i) for i in ids} == {i: int(originals[i]) for i in ids}


def test_the_marking_forms_in_vietnamese(news_db):
    at = open_articles(lang="vi", article="1")
    assert any(b.label == "Đánh dấu lạc đề" for b in at.button)
    assert any(e.label.startswith("Đánh dấu mọi bài") for e in at.expander)


def test_the_reader_undoes_an_earlier_marking_with_a_name(news_db):
    db = connection.connect(news_db)
    try:
        corrections.mark_article(db, 1, 0, who="Minh", why="football")
    finally:
        db.close()
    at = open_articles(lang="en", relevance="all", article="1")
    why = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "Marked off-topic by an analyst: Minh" in why
    _button(at, "Undo the analyst's marking").click().run()
    assert any("give your name" in w.value for w in at.warning) and _relevant(news_db, 1) == 0
    at.text_input(key="mark_who_one").set_value("Lan")
    _button(at, "Undo the analyst's marking").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert _relevant(news_db, 1) == 1
    assert not any(b.label == "Undo the analyst's marking" for b in at.button)
