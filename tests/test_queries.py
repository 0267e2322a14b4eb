"""The read side: Filters as a parametrised table (input params -> SQL fragments, params, sentence), then
each query against the fixture store."""

from __future__ import annotations

import pandas as pd
import pytest

from core.read import aggregates
from core.read.articles import article, article_ids, articles_table, count_articles, spans_for
from core.read.choices import choices
from core.read.compare import align_sentences, load_pairs
from core.read.db import store_stamp
from core.read.entities import (
    cooccurrence,
    entity_articles,
    entity_timeline,
    name_variants,
    statements_by,
    top_entities,
)
from core.read.filters import FROM, SPECS, STATEMENT_COLUMNS, SUBJECTS, Filters
from core.read.overview import failures, latest_statements, overview, side_stance_counts
from core.read.timeline import statement_context, statement_counts, statement_points, yearless_statements
from core.store import aggregates as aggregates_of_store
from tests.dashboard_fixtures import build_empty, build_store


@pytest.mark.parametrize(
    ("params", "subject", "sql", "sql_params", "en", "vi"),
    [
        (
            {},
            "statements",
            "WHERE s.relevant = 1",
            {},
            "Statements, in relevant articles",
            "Các phát biểu, trong các bài liên quan",
        ),
        (
            {"relevance": "all"},
            "statements",
            "WHERE 1",
            {},
            "Statements, in all articles, relevant or not",
            "Các phát biểu, trong mọi bài, liên quan hay không",
        ),
        (
            {"side": "nato"},
            "statements",
            "WHERE s.speaker_side IN (:side0) AND s.relevant = 1",
            {"side0": "nato"},
            "Statements by NATO-side speakers, in relevant articles",
            "Các phát biểu của nhân vật phía NATO, trong các bài liên quan",
        ),
        (
            {"side": "nato,russia", "stance": "conflictual"},
            "statements",
            "WHERE s.speaker_side IN (:side0, :side1) AND s.stance IN (:stance0) AND s.relevant = 1",
            {"side0": "nato", "side1": "russia", "stance0": "conflictual"},
            "Statements by NATO or Russia-side speakers, conflictual, in relevant articles",
            "Các phát biểu của nhân vật phía NATO hoặc Nga, đối đầu, trong các bài liên quan",
        ),
        (
            {"from": "2018-01-01", "to": "2019-12-31"},
            "articles",
            "WHERE a.adate >= :date_from AND a.adate <= :date_to AND a.relevant = 1",
            {"date_from": "2018-01-01", "date_to": "2019-12-31"},
            "Articles, 2018–2019, in relevant articles",
            "Các bài báo, 2018–2019, trong các bài liên quan",
        ),
        (
            {"from": "2018-03-01"},
            "articles",
            "WHERE a.adate >= :date_from AND a.relevant = 1",
            {"date_from": "2018-03-01"},
            "Articles, from 2018-03-01, in relevant articles",
            "Các bài báo, từ 2018-03-01, trong các bài liên quan",
        ),
        (
            {"to": "2019-12-31"},
            "statements",
            "WHERE s.adate <= :date_to AND s.relevant = 1",
            {"date_to": "2019-12-31"},
            "Statements, until 2019-12-31, in relevant articles",
            "Các phát biểu, đến 2019-12-31, trong các bài liên quan",
        ),
        (
            {"source": "TTXVN", "relevance": "relevant"},
            "articles",
            "WHERE a.source IN (:source0) AND a.relevant = 1",
            {"source0": "TTXVN"},
            "Articles, from TTXVN, in relevant articles",
            "Các bài báo, từ nguồn TTXVN, trong các bài liên quan",
        ),
        (
            {"q": "Đối thoại"},
            "articles",
            "WHERE a.relevant = 1 AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)",
            {"fts": '"doi" "thoai"'},
            "Articles, in relevant articles, matching 'Đối thoại'",
            "Các bài báo, trong các bài liên quan, khớp với 'Đối thoại'",
        ),
        (
            {"speaker": "Jens Stoltenberg", "stance": "cooperative"},
            "articles",
            "WHERE a.id IN (SELECT s2.article_id FROM statements s2 LEFT JOIN entities sp2 ON sp2.id = s2.speaker_id "
            "WHERE COALESCE(sp2.name, s2.speaker_text) = :speaker AND s2.stance IN (:stance0)) AND a.relevant = 1",
            {"speaker": "Jens Stoltenberg", "stance0": "cooperative"},
            "Articles quoting Jens Stoltenberg, with cooperative statements, in relevant articles",
            "Các bài báo trích lời Jens Stoltenberg, có phát biểu hợp tác, trong các bài liên quan",
        ),
        (
            {"side": "russia"},
            "mentions",
            "WHERE e.side IN (:side0) AND a.relevant = 1",
            {"side0": "russia"},
            "Entity mentions of Russia-side entities, in relevant articles",
            "Các lần nhắc đến thực thể của thực thể phía Nga, trong các bài liên quan",
        ),
        (
            {"q": "AND OR NEAR( * -"},
            "statements",
            "WHERE s.relevant = 1 AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :fts)",
            {"fts": '"and" "or" "near"'},
            "Statements, in relevant articles, matching 'AND OR NEAR( * -'",
            "Các phát biểu, trong các bài liên quan, khớp với 'AND OR NEAR( * -'",
        ),
        # Junk in the URL is dropped, never passed to SQL.
        (
            {"side": "martians", "stance": "x", "from": "2018-02-30", "relevance": "1; DROP"},
            "statements",
            "WHERE s.relevant = 1",
            {},
            "Statements, in relevant articles",
            "Các phát biểu, trong các bài liên quan",
        ),
    ],
)
def test_filters_table(params, subject, sql, sql_params, en, vi):
    f = Filters.from_params(params)
    assert f.to_sql(subject) == (sql, sql_params)
    assert f.describe(subject, "en") == en
    assert f.describe(subject, "vi") == vi


def test_example_sentence_from_the_issue():
    f = Filters(
        sides=("nato",),
        entity="Nga",
        stances=("conflictual",),
        date_from="2018-01-01",
        date_to="2019-12-31",
        q="Skripal",
    )
    assert (
        f.describe()
        == "Statements by NATO-side speakers about Nga, conflictual, 2018–2019, in all articles, relevant or "
        "not, matching 'Skripal'"
    )


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(sides=("nato", "russia"), q="x y", date_from="2018-01-01"),
        Filters(
            speaker="A, B",
            entity="Nga",
            sources=("TTXVN", "VnExpress"),
            stances=("neutral",),
            relevance="irrelevant",
        ),
    ],
)
def test_params_round_trip(f):
    assert Filters.from_params(f.to_params()) == replace_commas(f)


def replace_commas(f: Filters) -> Filters:
    return f  # speaker/entity are single values, so commas inside them survive


def test_filters_are_hashable_and_frozen():
    f = Filters(sides=("nato",))
    assert hash(f) == hash(Filters(sides=("nato",)))
    with pytest.raises(AttributeError):
        f.q = "x"  # type: ignore[misc]


@pytest.fixture
def path(tmp_path):
    return build_store(tmp_path / "news.db")


# --- every filter field, from its spec (a new filter is covered by adding its spec) ------------------------


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.url)
def test_every_filter_round_trips_through_the_url(spec):
    f = Filters.from_params({spec.url: spec.example})
    assert getattr(f, spec.field), f"{spec.url}={spec.example!r} was dropped"
    assert f.to_params()[spec.url] == spec.example
    assert Filters.from_params(f.to_params()) == f


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.url)
def test_every_filter_narrows_each_subject_and_is_said(path, spec):
    """Its SQL runs on every subject and keeps fewer statements and articles than no filter; the sentence
    says something more than the default's."""
    import sqlite3

    plain = Filters.from_params({"relevance": "all"})
    f = Filters.from_params({"relevance": "all", spec.url: spec.example})
    if spec.url == "relevance":
        plain, f = Filters(), Filters(relevance=spec.example)
    conn = sqlite3.connect(path)
    for subject in SUBJECTS:
        counts = []
        for g in (plain, f):
            where, params = g.to_sql(subject)
            counts.append(conn.execute(f"SELECT COUNT(*) {FROM[subject]} {where}", params).fetchone()[0])
        assert counts[1] < counts[0] if subject != "mentions" else counts[1] <= counts[0], (subject, counts)
        assert f.describe(subject, "en") != plain.describe(subject, "en")
        assert f.describe(subject, "vi") != plain.describe(subject, "vi")


def test_overview_counts(path):
    got = overview(path, Filters())
    assert (got["articles"], got["sources"], got["statements"]) == (5, 3, 7)
    assert (got["first"], got["last"]) == ("2018-03-10", "2019-07-05")


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (Filters(), 7),
        (Filters(sides=("russia",)), 4),
        (Filters(stances=("conflictual",)), 3),
        (Filters(speaker="Vladimir Putin"), 2),
        (Filters(entity="Ukraine"), 1),
        (Filters(sources=("TTXVN",)), 3),
        (Filters(date_from="2019-01-01"), 2),
        (Filters(date_to="2018-12-31"), 4),
        (Filters(q="skripal"), 2),
        (Filters(q="đối thoại"), 4),
        (Filters(relevance="irrelevant"), 0),
    ],
)
def test_statement_filters_change_results(path, f, expected):
    assert len(latest_statements(path, f, limit=100)) == expected


def test_yearless_statements_are_apart(path):
    points = statement_points(path, Filters())
    yearless = yearless_statements(path, Filters())
    assert 5 not in set(points["id"])
    assert list(yearless["id"]) == [5] and yearless["day_month"].iloc[0] == "24/11"
    # A date filter cannot place them, and does not hide them either.
    assert list(yearless_statements(path, Filters(date_from="2018-01-01"))["id"]) == [5]


@pytest.mark.parametrize("period", ["week", "month"])
def test_statement_counts_aggregate_in_sql(path, period):
    df = statement_counts(path, Filters(), period=period)
    assert df["n"].sum() == 6  # the seventh has no year
    assert set(df["side"]) == {"nato", "russia"}


def test_period_is_allow_listed(path):
    with pytest.raises(ValueError, match="period must be one of"):
        statement_counts(path, Filters(), period="day; DROP TABLE articles")


def test_statement_context(path):
    ctx = statement_context(path, 3)
    assert ctx["speaker"] == "Vladimir Putin"
    idx = [s["idx"] for s in ctx["sentences"]]
    assert ctx["sentence"] in idx and len(idx) == 3
    assert statement_context(path, 999) is None


def test_entities(path):
    top = top_entities(path, Filters(), limit=3)
    assert list(top["name"]) == ["NATO", "Nga", "Jens Stoltenberg"]
    assert list(top_entities(path, Filters(), types=("PER",))["type"].unique()) == ["PER"]
    assert set(top_entities(path, Filters(sides=("russia",)))["side"]) == {"russia"}
    m = cooccurrence(path, Filters(), ["NATO", "Vladimir Putin", "Ukraine"])
    assert m.loc["Vladimir Putin", "Ukraine"] == 1 and m.loc["NATO", "NATO"] == 4
    variants = name_variants(path, Filters(), "Vladimir Putin")
    assert set(variants["surface"]) == {"Vladimir Putin", "Putin"}
    assert len(statements_by(path, Filters(), "Jens Stoltenberg")) == 3
    assert set(entity_articles(path, Filters(), "Ukraine")["id"]) == {2}
    lines = entity_timeline(path, Filters(), ["NATO"], period="month")
    assert lines["mentions"].sum() == 6


def test_article_and_spans(path):
    doc = article(path, 1)
    assert doc["captions"] == ["Ông Jens Stoltenberg. (Nguồn: EPA/TTXVN)"]
    spans = spans_for(doc, "body")
    for s in spans:
        assert 0 <= s["start"] < s["end"] <= len(doc["body"])
    assert {s["kind"] for s in spans} == {"entity", "statement"}
    assert article(path, 999) is None


def test_articles_table_ranks_search(path):
    table = articles_table(path, Filters(q="Putin"))
    assert list(table["id"]) == [2]


def test_align_sentences():
    got = align_sentences(
        ["Nga cảnh báo NATO.", "Trời hôm nay đẹp."], ["Thời tiết xấu", "NATO bị Nga cảnh báo."]
    )
    assert got["b_idx"].iloc[0] == 1 and pd.isna(got["b_idx"].iloc[1])
    assert got["b"].iloc[1] == ""
    assert got["similarity"].iloc[0] > 0.5 and got["similarity"].iloc[1] == 0
    assert align_sentences([], ["x"]).empty


def test_align_is_diacritic_insensitive():
    got = align_sentences(["Đối thoại với Nga"], ["doi thoai voi nga", "khác"])
    assert got["b_idx"].iloc[0] == 0 and got["similarity"].iloc[0] == pytest.approx(1.0)


def test_load_pairs(path, tmp_path):
    pairs = tmp_path / "pairs.yaml"
    pairs.write_text(
        "- {title_a: 'NATO muốn đối thoại với Nga', title_b: 'Lavrov: Nga sẵn sàng hợp tác với NATO', why: same week}\n"
        "- {title_a: 'nato muon doi thoai voi nga', title_b: 'missing', why: x}\n"
        "- {title_a: 'nato  muon doi thoai voi NGA', title_b: 'LAVROV: NGA SẴN SÀNG HỢP TÁC VỚI NATO', why: folded}\n"
        "- {title_a: 'NATO muốn đối thoại', title_b: 'Lavrov: Nga sẵn sàng hợp tác với NATO', why: partial}\n",
        encoding="utf-8",
    )
    assert load_pairs(path, pairs) == [
        {"a": 1, "b": 5, "why": "same week"},
        {"a": 1, "b": 5, "why": "folded"},  # case, diacritics and spacing may differ in the YAML
    ]  # a title that is only part of another names no article
    assert load_pairs(path, tmp_path / "absent.yaml") == []


def test_empty_store(tmp_path):
    path = build_empty(tmp_path / "news.db")
    assert overview(path, Filters())["articles"] == 0
    assert choices(path)["first"] is None
    assert cooccurrence(path, Filters(), ["NATO"]).loc["NATO", "NATO"] == 0
    assert failures(path).empty


def test_store_stamp_changes_on_write(tmp_path):
    from core.store import connection
    from core.store import db as store

    path = build_empty(tmp_path / "news.db")
    before = store_stamp(path)
    db = connection.connect(path)
    store.add_article(db, __import__("tests.dashboard_fixtures", fromlist=["articles"]).articles()[0][0])
    db.close()
    assert store_stamp(path) != before


def test_entity_timeline_fills_silent_periods(path):
    df = entity_timeline(path, Filters(), ["NATO", "Ukraine"], period="month")
    assert len(df) == 17 * 2  # 2018-03 .. 2019-07, both names
    nato = df[df["name"] == "NATO"].set_index("period")["mentions"]
    assert nato["2018-03-01"] == 2 and nato["2018-04-01"] == 0 and nato.sum() == 6
    weeks = entity_timeline(path, Filters(), ["NATO"], period="week")
    assert pd.to_datetime(weeks["period"]).dt.day_of_week.eq(0).all()


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(sides=("russia",)),
        Filters(date_from="2018-01-01", date_to="2019-12-31"),
        Filters(date_from="2018-03-01", date_to="2018-04-30", sides=("nato", "other")),
        Filters(date_from="2019-01-01"),  # open-ended ranges (a shared link may carry only one end)
        Filters(date_to="9999-12-31"),
    ],
)
def test_aggregates_answer_exactly_what_mentions_answer(path, f, monkeypatch):
    """The pre-aggregated path (entity_period) and the mentions path agree wherever both apply."""
    assert aggregates.entity_window(f, "*") is not None
    fast_top = top_entities(path, f, limit=50)
    names = list(fast_top["name"][:6])
    fast_line = entity_timeline(path, f, names, "month")
    monkeypatch.setattr(aggregates, "entity_window", lambda *_: None)
    pd.testing.assert_frame_equal(fast_top, top_entities(path, f, limit=50), check_dtype=False)
    pd.testing.assert_frame_equal(fast_line, entity_timeline(path, f, names, "month"), check_dtype=False)


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(sides=("nato",), stances=("conflictual", "cooperative")),
        Filters(date_from="2018-01-01", date_to="2018-12-31"),
        Filters(date_from="2019-01-01"),
        Filters(relevance="relevant"),
        Filters(relevance="relevant", sides=("russia",), date_from="2018-01-01", date_to="2018-12-31"),
    ],
)
@pytest.mark.parametrize("period", ["week", "month"])
def test_statement_aggregates_answer_exactly_what_statements_answer(path, f, period, monkeypatch):
    """The timeline's counts from statement_period (statement_period_relevant for the default view) equal a
    count of the statements themselves."""
    assert aggregates.statement_window(f, "*") is not None
    fast = (side_stance_counts(path, f), statement_counts(path, f, period))
    assert fast[0]["n"].sum() > 0
    monkeypatch.setattr(aggregates, "statement_window", lambda *_: None)
    slow = (side_stance_counts(path, f), statement_counts(path, f, period))
    for a, b in zip(fast, slow, strict=True):
        pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_cooccurrence_matrix(path):
    top = top_entities(path, Filters(), limit=5)
    names = list(top["name"])
    m = cooccurrence(path, Filters(), names)
    assert list(m.index) == names and (m.values == m.values.T).all()
    assert [m.loc[n, n] for n in names] == list(top["articles"])  # the diagonal: each one's articles


def test_unfiltered_overview_shortcut_matches_the_general_query(path, monkeypatch):
    fast = overview(path, Filters())
    monkeypatch.setattr(Filters, "is_empty", property(lambda self: False))
    assert overview(path, Filters()) == fast


@pytest.mark.parametrize(
    "f", [Filters(), Filters(date_from="2018-01-01", date_to="2018-12-31"), Filters(q="NATO")]
)
def test_entity_lists_equal_a_count_of_mentions(path, f):
    """The entity page's article list and name variants (read from aggregates and covering indexes) equal a
    plain count of the mentions, newest first."""
    import sqlite3

    where, params = f.to_sql("articles")
    conn = sqlite3.connect(path)
    for name in top_entities(path, Filters(), limit=10)["name"]:
        expected = conn.execute(
            f"""SELECT a.id, COUNT(*) FROM articles a JOIN mentions m ON m.article_id = a.id
                JOIN entities e ON e.id = m.entity_id {where} AND e.name = :n
                GROUP BY a.id ORDER BY a.adate DESC, a.id DESC""",
            {**params, "n": name},
        ).fetchall()
        got = entity_articles(path, f, name)
        assert list(zip(got["id"], got["mentions"], strict=True)) == expected, name
        variants = name_variants(path, Filters(), name)
        assert (
            variants["mentions"].sum()
            == conn.execute(
                "SELECT COUNT(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = ?",
                [name],
            ).fetchone()[0]
        )


def test_one_name_on_two_entities_lists_each_article_once(tmp_path):
    from core.models import Article, DateInfo, Entity, Extraction, Mention, Sentence
    from core.store import connection
    from core.store import db as store

    place, person = Entity("Washington", "LOC", "nato"), Entity("Washington", "PER", "other")
    db = connection.connect(tmp_path / "w.db")
    for i, ents in enumerate([[place, person], [place], [person, person]]):
        body = f"Bài {i} nói về Washington. " * 3
        sent = Sentence(0, "body", 0, len(body), body)
        mentions = tuple(Mention(e, "Washington", 0, "body", 0, 10) for e in ents)
        art = Article(f"Tiêu đề {i}", "", body, f"w{i}.txt", body, date=DateInfo(1, 1 + i, 2020, "metadata"))
        store.add_article(db, art, Extraction((sent,), mentions, (), True))
    db.close()
    got = entity_articles(tmp_path / "w.db", Filters(), "Washington", limit=2)
    assert list(zip(got["id"], got["mentions"], strict=True)) == [
        (3, 2),
        (2, 1),
    ]  # newest two, counted in full
    got = entity_articles(tmp_path / "w.db", Filters(), "Washington")
    assert list(zip(got["id"], got["mentions"], strict=True)) == [(3, 2), (2, 1), (1, 2)]


@pytest.mark.parametrize(
    "f",
    [
        Filters(relevance="relevant"),
        Filters(relevance="irrelevant"),
        Filters(),
        Filters(relevance="relevant", sides=("nato",)),
        Filters(relevance="relevant", date_from="2018-01-01"),
    ],
)
def test_a_names_statements_and_variants_equal_the_direct_queries(path, f):
    """statements_by (from the name to its statements) and name_variants under the relevance filter alone
    (mentions in the articles entity_article flags) list what the direct queries over every statement and
    every mention with its article list, for every name, those of two entities included."""
    import sqlite3

    from core.store import connection, corrections, entities

    db = connection.connect(path)
    # An off-topic article, and a second entity of one name (a person and a place named "Nga").
    corrections.mark_article(db, 2, 0, who="test")
    nga = db.execute("SELECT id FROM entities WHERE name = 'Nga'").fetchone()[0]
    twin = entities.ensure_entity(db, "Nga", "PER", "russia", None)
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ? AND article_id = 1", [twin, nga])
    db.execute("UPDATE statements SET speaker_id = ? WHERE id = (SELECT MIN(id) FROM statements)", [twin])
    with connection.transaction(db):
        aggregates_of_store.rebuild_aggregates(db)
    db.close()
    conn = sqlite3.connect(path)
    s_where, s_params = f.to_sql("statements")
    m_where, m_params = f.to_sql("mentions")
    names = [r[0] for r in conn.execute("SELECT DISTINCT name FROM entities ORDER BY name")]
    assert "Nga" in names
    for name in names:
        direct = pd.read_sql_query(
            f"""SELECT {STATEMENT_COLUMNS} {FROM["statements"]} {s_where} AND sp.name = :focus
                ORDER BY s.adate DESC, s.id DESC LIMIT 200""",
            conn,
            params={**s_params, "focus": name},
        )
        pd.testing.assert_frame_equal(statements_by(path, f, name), direct, check_dtype=False)
        direct = conn.execute(
            f"""SELECT m.surface, COUNT(*), COUNT(DISTINCT m.article_id) {FROM["mentions"]} {m_where}
                AND e.name = :focus GROUP BY m.surface ORDER BY 2 DESC, 1""",
            {**m_params, "focus": name},
        ).fetchall()
        got = name_variants(path, f, name)
        assert [tuple(r) for r in got.itertuples(index=False)] == direct, name
    conn.close()


# --- connections (core.read.db) ----------------------------------------------------------------------------


def test_one_read_connection_per_thread(path, monkeypatch):
    """A thread reuses its read-only connection (the article page's four reads and the overview's three used
    to open one each); another thread gets its own, so none crosses Streamlit's threads."""
    import threading

    from core.read import db

    opened = []
    real = db.read_only
    monkeypatch.setattr(db, "read_only", lambda p: opened.append(threading.get_ident()) or real(p))
    assert article(path, 1)["title"]
    assert overview(path, Filters(sides=("nato",)))["articles"] == 3
    assert count_articles(path, Filters()) == 5
    assert opened == [threading.get_ident()]
    worker = threading.Thread(target=lambda: article(path, 2))
    worker.start()
    worker.join()
    assert len(opened) == 2 and opened[1] != opened[0]
    # The read-only semantics are kept.
    with db.reading(path) as conn, pytest.raises(Exception, match="readonly|read-only|query_only"):
        conn.execute("DELETE FROM articles")


def test_a_render_reads_one_snapshot_and_sees_a_change_of_the_store(path, tmp_path):
    from core.read import db
    from core.store import connection

    db.begin_render(path)
    try:
        with db.reading(path) as first:
            assert first.in_transaction
        with db.reading(path) as second:
            assert second is first and second.in_transaction  # the same snapshot, held between reads
        relevant = Filters(relevance="relevant")
        ids, n = article_ids(path, relevant)
        assert n > 0
        # A write (the dashboard's own correction, or an ingest) is shown at once: a new snapshot.
        w = connection.connect(path)
        w.execute("UPDATE articles SET relevant = 0 WHERE id = ?", [ids[0]])
        w.conn.commit()
        w.close()
        assert count_articles(path, relevant) == n - 1
        # A rebuilt store replacing the file is read, not the old file the connection had open.
        build_empty(tmp_path / "empty.db")
        import os

        os.replace(tmp_path / "empty.db", path)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(str(path) + suffix):
                os.remove(str(path) + suffix)
        assert count_articles(path, Filters()) == 0
    finally:
        db.end_render()
    with db.reading(path) as conn:
        pass
    assert not conn.in_transaction  # outside a render, each block ends its read transaction
