"""A text query matched once per render (core.store.matches, kept by core.read.db.memo) gives the answers the
direct queries give: the tier counts, every page of the ranked results, the ids "mark all" acts on, the
outlet counts and the facets' sample, for quoted, unmarked, one-word and unmatched queries under other
filters, all read in one render so that one filter's match can never answer for another's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.read import articles, briefing, db, estimates
from core.read.filters import Filters
from core.store import connection, matches, search
from core.store import db as store
from tests.dashboard_fixtures import build_store
from tests.test_search import ARTICLES, art

TEXTS = ("đối đầu", "doi dau", '"đối đầu"', '"doi dau"', '"đối đầu" hai', "đầu", "Nga NATO", "xyzzy")
OTHERS = (
    Filters(),
    Filters(relevance="relevant"),
    Filters(sources=("TTXVN",)),
    Filters(date_from="2018-01-01", date_to="2018-12-31"),
    Filters(sides=("nato",), relevance="relevant"),
)
CASES = [replace(g, q=text) for g in OTHERS for text in TEXTS]


@pytest.fixture
def path(tmp_path):
    """The dashboard fixture store (relevance, outlets, dates, statements) plus the search tests' articles
    (every tier of "đối đầu"), some with outlets."""
    p = build_store(tmp_path / "m.db")
    w = connection.connect(p)
    for i, a in enumerate(ARTICLES):
        store.add_article(w, replace(a, source=("TTXVN", "VnExpress", None)[i % 3]))
    w.close()
    return p


def _direct(conn, f: Filters) -> dict:
    """Each answer by its own query, as before the shared match."""
    query = search.parse(f.q)
    where, params = replace(f, q=None).to_sql("articles")
    where = "" if where == "WHERE 1" else where
    full_where, full_params = f.to_sql("articles")
    res = search.search(conn, query, where, params, 1, 2)
    pages = [search.search(conn, query, where, params, p, 2) for p in range(1, res.pages + 1)]
    every = search.search(conn, query, where, params, 1, 10_000)
    outlets = conn.execute(
        f"""SELECT NULLIF(TRIM(a.source), '') AS source, COUNT(*) FROM articles a {full_where}
            GROUP BY 1 ORDER BY 2 DESC, 1""",
        full_params,
    )
    ids = sorted(r[0] for r in conn.execute(f"SELECT a.id FROM articles a {full_where}", full_params))
    return {
        "counts": search.counts(conn, query, where, params),
        "pages": [(list(p.ids), [search.TIERS[t] for t in p.tiers], p.total) for p in pages],
        "marked": (every.ids, every.total),
        "outlets": [tuple(r) for r in outlets],
        "sample": tuple(ids),
    }


def _shared(path, f: Filters) -> dict:
    """The same answers as the dashboard reads them (inside a render: the match kept for all of them)."""
    first = articles.search_articles(path, f, per_page=2)
    pages = [first] + [articles.search_articles(path, f, p, 2) for p in range(2, first.pages + 1)]
    outlets = briefing.source_counts(path, f)
    return {
        "counts": articles.search_counts(path, f)[0],
        "pages": [(list(p.table["id"]), list(p.table["tier"]), p.total) for p in pages],
        "marked": articles.article_ids(path, f),
        "outlets": [(s if isinstance(s, str) else None, int(n)) for s, n in outlets.itertuples(index=False)],
        "sample": estimates.sample_for(path, f).ids,
    }


def test_a_render_reads_each_match_once_and_answers_as_the_direct_queries(path, monkeypatch):
    read = []
    real = matches.ids
    monkeypatch.setattr(matches, "ids", lambda conn, q, *a: read.append(q) or real(conn, q, *a))
    with connection.read_only(path) as conn:
        expected = [_direct(conn, f) for f in CASES]
    assert any(e["counts"][1] and e["counts"][2] for e in expected)  # every tier is exercised
    assert any(sum(e["counts"]) == 0 for e in expected)  # and no match
    db.begin_render(path)
    try:
        got = [_shared(path, f) for f in CASES]
    finally:
        db.end_render()
    for f, want, have in zip(CASES, expected, got, strict=True):
        assert have == want, f
    assert len(read) == len(CASES)  # one match per query and other filters, for all of its readers


def test_the_kept_match_ends_with_the_stores_state(path):
    """A write during a render (the stamp changes) or between two renders is read, never the kept ids."""
    f = Filters(q="đối đầu")
    db.begin_render(path)
    try:
        before = articles.search_counts(path, f)[0]
        w = connection.connect(path)
        store.add_article(w, art("Hai đội đối đầu", "Trận đối đầu tối nay.", "g.txt"))
        w.close()
        assert articles.search_counts(path, f)[0] == (before[0] + 1, before[1], before[2])
    finally:
        db.end_render()
    w = connection.connect(path)
    store.add_article(w, art("Lại đối đầu", "Cuộc đối đầu mới.", "h.txt"))
    w.close()
    assert articles.search_counts(path, f)[0] == (before[0] + 2, before[1], before[2])


def test_the_kept_match_lives_one_read_transaction(path, monkeypatch):
    """Kept for one snapshot, not for one stamp: a write the stamp misses is still read by the next one."""
    f = Filters(q="đối đầu")
    monkeypatch.setattr(db, "store_stamp", lambda p: (0.0, 0.0, 0))
    before = articles.search_counts(path, f)[0]
    w = connection.connect(path)
    store.add_article(w, art("Hai đội đối đầu", "Trận đối đầu tối nay.", "g.txt"))
    w.close()
    assert articles.search_counts(path, f)[0] == (before[0] + 1, before[1], before[2])
