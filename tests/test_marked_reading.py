"""An article the relevance model left out and an analyst marks on-topic is read in full at once (NER,
statements, stance: core.ingest.marked), so its statements reach the timeline; `--reprocess` keeps reading it
in full; an undo takes it out of the default view again; marking off-topic reads nothing. Through the real
pipeline, on a team-written article with no Russian actor (the model reads it off-topic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.app.context import Ctx
from core.app.writes import mark_relevance, undo_batch
from core.ingest.run import reprocess
from core.models import Article, DateInfo
from core.nlp.pipeline import extract
from core.read import review, timeline
from core.read.filters import DEFAULT_RELEVANCE, Filters
from core.store import connection
from core.store import db as store
from tests.test_relevance_corrections import _button, _relevant, open_articles

TITLE = "Thủ tướng Nhật Bản thăm Mỹ"
BODY = (
    "Ngày 10/2, Thủ tướng Nhật Bản Shinzo Abe cho biết Tokyo sẽ tăng cường hợp tác quốc phòng với Washington. "
    "Tổng thống Mỹ Donald Trump khẳng định liên minh Mỹ - Nhật là nền tảng của hòa bình trong khu vực."
)


def _store(tmp_path: Path) -> tuple[Path, int, int]:
    """A store with the off-topic article (read as ingest reads it) and a relevant one beside it."""
    path = tmp_path / "news.db"
    db = connection.connect(path)
    try:
        off = Article(
            TITLE, "", BODY, "abe.txt", TITLE + "\n\n" + BODY, date=DateInfo(10, 2, 2017, "dateline")
        )
        on_body = "Ngày 3/2, Tổng thư ký NATO Jens Stoltenberg cho biết NATO muốn đối thoại với Nga."
        on = Article("NATO và Nga", "", on_body, "nato.txt", on_body, date=DateInfo(3, 2, 2017, "dateline"))
        ids = [store.add_article(db, a, extract(a))[0] for a in (off, on)]
    finally:
        db.close()
    return path, ids[0], ids[1]


def _add_may(path: Path) -> int:
    """A third off-topic article (Britain and Japan, no Russian actor), read as ingest reads it."""
    db = connection.connect(path)
    try:
        body = "Ngày 4/2, Thủ tướng Anh Theresa May nói Anh sẽ hợp tác với Nhật Bản."
        may = Article("Anh và Nhật", "", body, "may.txt", body, date=DateInfo(4, 2, 2017, "dateline"))
        return store.add_article(db, may, extract(may))[0]
    finally:
        db.close()


def _speakers(path: Path, article_id: int) -> set[str]:
    db = connection.connect(path)
    try:
        rows = db.execute(
            """SELECT e.name FROM statements s JOIN entities e ON e.id = s.speaker_id
               WHERE s.article_id = ?""",
            [article_id],
        ).fetchall()
        return {r[0] for r in rows}
    finally:
        db.close()


DEFAULT_VIEW = Filters(relevance=DEFAULT_RELEVANCE)  # as the dashboard opens: relevant articles only


def _timeline_articles(path: Path, f: Filters = DEFAULT_VIEW) -> set[int]:
    """The articles of the statements the timeline draws."""
    return set(timeline.statement_points(path, f)["article_id"])


@pytest.fixture
def marked(tmp_path):
    path, off, on = _store(tmp_path)
    assert (
        _relevant(path, off) == 0 and _speakers(path, off) == set()
    )  # ingest read it off-topic: no statements
    assert _timeline_articles(path) == {on}
    seen: list[tuple[int, int]] = []
    ctx = Ctx("articles", path, "en", Filters())
    batch, unread = mark_relevance(
        ctx,
        [off, on],
        1,
        who="Lan",
        why="Mỹ–Nhật, bối cảnh NATO",
        on_article=lambda i, n: seen.append((i, n)),
    )
    assert unread == []
    return path, off, on, ctx, batch, seen


def test_an_article_marked_on_topic_is_read_in_full_and_reaches_the_timeline(marked):
    path, off, on, _, _, seen = marked
    assert seen == [(1, 1)]  # only the article that was off-topic is read again, with progress
    assert _relevant(path, off) == 1
    assert {"Shinzo Abe", "Donald Trump"} <= _speakers(path, off)
    assert _timeline_articles(path) == {off, on}
    db = connection.connect(path)
    try:  # the model's own verdict stays on record beside the analyst's flag
        prob = db.execute("SELECT relevance_prob FROM articles WHERE id = ?", [off]).fetchone()[0]
    finally:
        db.close()
    assert prob is not None and prob < 0.5


def test_reprocess_keeps_reading_a_marked_article_in_full(marked):
    path, off, on, *_ = marked
    db = connection.connect(path)
    try:
        reprocess(db, progress=False)
    finally:
        db.close()
    assert _relevant(path, off) == 1
    assert {"Shinzo Abe", "Donald Trump"} <= _speakers(path, off)
    assert _timeline_articles(path) == {off, on}


def test_undoing_the_marking_takes_its_statements_out_of_the_default_view(marked):
    path, off, on, ctx, batch, _ = marked
    undo_batch(ctx, batch, who="Lan", why="nhầm")
    assert _relevant(path, off) == 0
    assert _timeline_articles(path) == {on}
    assert _timeline_articles(path, Filters()) == {off, on}  # kept under "All articles", one click away


def test_marking_off_topic_reads_nothing_again(tmp_path):
    path, _, on = _store(tmp_path)
    before = _speakers(path, on)
    seen: list[tuple[int, int]] = []
    mark_relevance(
        Ctx("articles", path, "en", Filters()),
        [on],
        0,
        who="Lan",
        why="thử",
        on_article=lambda i, n: seen.append((i, n)),
    )
    assert seen == [] and _relevant(path, on) == 0 and _speakers(path, on) == before
    assert _timeline_articles(path) == set()


@pytest.fixture
def served(tmp_path, monkeypatch):
    from tests.dashboard_fixtures import serving

    path, off, on = _store(tmp_path)
    for p in serving(path, monkeypatch):
        yield p, off, on


def test_the_articles_page_marks_on_topic_and_the_reader_shows_the_statements(served):
    path, off, _ = served
    at = open_articles(lang="en", relevance="all", article=str(off))
    assert _statement_table(at) == set()  # read off-topic at ingest: no statements yet
    at.text_input(key="mark_who_one").set_value("Lan")
    at.text_input(key="mark_why_one").set_value("Mỹ–Nhật, bối cảnh NATO")
    _button(at, "Mark on-topic").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"article {off} is marked on-topic" in s.value.replace("\\", "") for s in at.success)
    assert _relevant(path, off) == 1
    at = open_articles(lang="en", article=str(off))  # the default view: relevant articles only
    assert {"Shinzo Abe", "Donald Trump"} <= _statement_table(at)


def _statement_table(at) -> set[str]:
    """The speakers of the reader's "Statements in this article" table."""
    table = next(d.value for d in at.dataframe if "speaker" in d.value.columns)
    return set(table["speaker"])


def test_an_article_whose_reading_fails_stays_marked_and_is_named(tmp_path, monkeypatch):
    import core.nlp.pipeline as pipeline

    path, off, on = _store(tmp_path)
    third = _add_may(path)
    real = pipeline.extract

    def broken(article, full=False):
        if article.origin == "abe.txt":
            raise RuntimeError("tagger crashed")
        return real(article, full=full)

    monkeypatch.setattr(pipeline, "extract", broken)
    _, unread = mark_relevance(Ctx("articles", path, "en", Filters()), [off, third], 1, who="Lan", why="thử")
    assert unread == [off]
    assert _relevant(path, off) == 1 and _speakers(path, off) == set()  # marked, its old reading kept
    assert _relevant(path, third) == 1 and "Theresa May" in _speakers(path, third)


# --- the borderline queue on the review page ------------------------------------------------------------


def _probability(path: Path, article_id: int, p: float) -> None:
    """Give a stored article the learned model's probability `p` (what ingest stores beside its verdict)."""
    db = connection.connect(path)
    try:
        db.execute("UPDATE articles SET relevance_prob = ? WHERE id = ?", [p, article_id])
        db.conn.commit()
    finally:
        db.close()


def test_the_borderline_queue_holds_what_the_model_nearly_flagged_until_an_analyst_decides(tmp_path):
    path, off, on = _store(tmp_path)
    far = _add_may(path)
    _probability(path, off, 0.31)
    _probability(path, far, review.BORDERLINE_FLOOR / 2)
    view = DEFAULT_VIEW
    assert list(review.borderline_articles(path, view)["id"]) == [
        off
    ]  # not the relevant one, not the far one
    assert review.borderline_total(path, view) == 1
    ctx = Ctx("review", path, "en", Filters())
    batch, _ = mark_relevance(ctx, [off], 0, who="Lan", why="Mỹ–Nhật only")
    assert review.borderline_total(path, view) == 0  # decided: off the queue
    undo_batch(ctx, batch, who="Lan", why="nhầm")
    assert review.borderline_total(path, view) == 1  # the undo puts it back


def test_one_click_on_the_review_page_marks_a_borderline_article_on_topic_and_reads_it(served):
    from tests.test_review import open_review

    path, off, _ = served
    _probability(path, off, 0.31)
    at = open_review(lang="en")
    assert any(s.value == "Articles the model nearly flagged" for s in at.subheader)
    assert any("relevance probability 0.31" in c.value for c in at.caption)
    next(b for b in at.button if b.key == f"bl_1_{off}").click().run()
    assert any("give your name" in w.value for w in at.warning)
    assert _relevant(path, off) == 0

    at.text_input(key="rv_who").set_value("Lan")
    next(b for b in at.button if b.key == f"bl_1_{off}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(TITLE in s.value and "on-topic" in s.value.replace("\\", "") for s in at.success)
    assert _relevant(path, off) == 1 and {"Shinzo Abe", "Donald Trump"} <= _speakers(path, off)
    assert any("No article left out by the model" in c.value for c in at.caption)


def test_an_undated_borderline_article_is_listed_without_error(tmp_path, monkeypatch):
    from tests.dashboard_fixtures import serving
    from tests.test_review import open_review

    path, off, _ = _store(tmp_path)
    db = connection.connect(path)
    try:
        body = "Thủ tướng Anh Theresa May nói Anh sẽ hợp tác với Nhật Bản."
        undated = Article("Anh và Nhật, không rõ ngày", "", body, "nodate.txt", body)
        bare = store.add_article(db, undated, extract(undated))[0]
    finally:
        db.close()
    _probability(path, bare, 0.2)
    for _ in serving(path, monkeypatch):
        at = open_review(lang="en")
        assert any("relevance probability 0.20" in c.value for c in at.caption)
        assert any(b.key == f"bl_1_{bare}" for b in at.button)


def test_ingest_reads_a_borderline_article_in_full_and_counts_it_nowhere_by_default(tmp_path):
    """The analyst deciding on an article the model nearly flagged sees who said what in it, while no default
    view (timeline, statement counts) takes its statements until it is marked on-topic."""
    from core.nlp import relevance_model as learned

    path, _, on = _store(tmp_path)
    body = BODY + " Ông Trump cũng nói Mỹ theo dõi hoạt động của Nga ở châu Á."
    article = Article(
        TITLE, "", body, "abe-nga.txt", TITLE + "\n\n" + body, date=DateInfo(10, 2, 2017, "dateline")
    )
    ex = extract(article)
    threshold = learned.load_model().threshold
    assert review.BORDERLINE_FLOOR <= ex.relevance_prob < threshold, "the article is no longer borderline"
    assert not ex.relevant and ex.statements  # left out, yet read: NER and statements
    assert {m.entity.name for m in ex.mentions} >= {"Shinzo Abe", "Donald Trump"}
    db = connection.connect(path)
    try:
        border = store.add_article(db, article, ex)[0]
    finally:
        db.close()
    assert _relevant(path, border) == 0 and {"Shinzo Abe", "Donald Trump"} <= _speakers(path, border)
    assert _timeline_articles(path) == {on}  # the default view: relevant articles only
    assert border in _timeline_articles(path, Filters())  # "All articles", one click away
    assert list(review.borderline_articles(path, DEFAULT_VIEW)["id"]) == [border]

    ctx = Ctx("review", path, "en", Filters())
    mark_relevance(ctx, [border], 1, who="Lan", why="Nga trong bài")
    assert _timeline_articles(path) == {on, border}
