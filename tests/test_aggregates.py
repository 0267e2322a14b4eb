"""Pre-aggregated entity counts stay equal to a recount from mentions through ingest and corrections."""

from __future__ import annotations

from core.ingest import bootstrap
from core.models import Article, DateInfo, Entity, Extraction, Mention, Sentence, Statement
from core.read.filters import Filters
from core.read.overview import latest_statements
from core.store import aggregates, connection, corrections, entities, migrations
from core.store import db as store

NATO = Entity("NATO", "ORG", "nato")
NGA = Entity("Nga", "LOC", "russia")
NGA_ALIAS = Entity("Liên bang Nga", "LOC", "other")


def article(i: int, date: DateInfo, ents: list[Entity]) -> tuple[Article, Extraction]:
    body = f"Bài {i}: " + " và ".join(e.name for e in ents) + " đối thoại. " + "Nội dung riêng. " * (20 + i)
    sent = Sentence(0, "body", 0, len(body), body)
    mentions = tuple(Mention(e, e.name, 0, "body", 0, len(e.name)) for e in ents)
    said = Statement(ents[0], ents[0].name, "cho biết", "đối thoại", False, "neutral", 0.0, 0, "body", 0, 10)
    return Article(f"Tiêu đề {i}", "", body, f"a{i}.txt", body, date=date), Extraction(
        (sent,), mentions, (said,), True
    )


def snapshot(db) -> tuple[list, ...]:
    ea = db.execute("SELECT article_id, entity_id, n, adate FROM entity_article ORDER BY 1, 2").fetchall()
    ew = db.execute(
        "SELECT entity_id, grain, period, articles, mentions FROM entity_period ORDER BY 1, 2, 3"
    ).fetchall()
    sd = db.execute("SELECT article_id, adate FROM statements ORDER BY 1").fetchall()
    sa = db.execute(
        "SELECT article_id, side, stance, n, adate FROM statement_article ORDER BY 1, 2, 3"
    ).fetchall()
    sp = db.execute(
        "SELECT grain, period, side, stance, n FROM statement_period WHERE n > 0 ORDER BY 1, 2, 3, 4"
    ).fetchall()
    spr = db.execute(
        "SELECT grain, period, side, stance, n FROM statement_period_relevant WHERE n > 0 ORDER BY 1, 2, 3, 4"
    ).fetchall()
    sc = db.execute(
        "SELECT relevant, speaker_id, speaker_text, articles, statements FROM speaker_count"
        " WHERE articles > 0 ORDER BY 1, 2, 3"
    ).fetchall()
    sv = db.execute(
        "SELECT relevant, facet, value, articles FROM statement_value_count WHERE articles > 0 ORDER BY 1, 2, 3"
    ).fetchall()
    return ea, ew, sd, sa, sp, spr, sc, sv


def recount(db) -> tuple[list, ...]:
    with connection.transaction(db):
        aggregates.rebuild_aggregates(db)
    return snapshot(db)


def test_aggregates_follow_ingest_dates_and_merges(db):
    d2018 = DateInfo(4, 4, 2018, "metadata")
    d2019 = DateInfo(2, 8, 2019, "metadata")
    no_year = DateInfo(24, 11, None, "dateline")
    ids = []
    for i, (d, ents) in enumerate(
        [(d2018, [NATO, NGA, NGA]), (d2018, [NATO]), (d2019, [NGA_ALIAS, NATO]), (no_year, [NGA])]
    ):
        a, ex = article(i, d, ents)
        ids.append(store.add_article(db, a, ex)[0])
    live = snapshot(db)
    assert live == recount(db)
    weeks = {(r[0], r[2]): (r[3], r[4]) for r in live[1] if r[1] == "w"}
    totals = {r[0]: (r[3], r[4]) for r in live[1] if r[1] == "*"}
    months = {(r[0], r[2]): r[3] for r in live[1] if r[1] == "m"}
    nato = entities.entity_by_key(db, "NATO", "ORG")
    assert weeks[(nato, "2018-04-02")] == (2, 2)  # 4/4/2018 is a Wednesday: week of Monday 2/4
    assert months[(nato, "2018-04-01")] == 2
    assert totals[nato] == (3, 3)
    assert totals[entities.entity_by_key(db, "Nga", "LOC")] == (
        2,
        3,
    )  # the year-less article counts in totals
    assert sum(a for (e, _), (a, _) in weeks.items() if e == entities.entity_by_key(db, "Nga", "LOC")) == 1

    # an analyst dates the year-less article: it enters the weekly counts
    corrections.set_article_date(db, ids[3], year=2014, month=11, day=24, who="test")
    live = snapshot(db)
    assert live == recount(db)
    assert any(g == "w" and w == "2014-11-24" for _, g, w, _, _ in live[1])
    assert (ids[3], "2014-11-24") in live[2], "its statement moves onto the timeline with it"

    # moving an article to another week moves its counts
    corrections.set_article_date(db, ids[1], year=2019, month=8, day=3, who="test")
    assert snapshot(db) == recount(db)

    # merging an alias into the canonical entity merges its counts
    corrections.merge_entities(
        db,
        entities.entity_by_key(db, "Liên bang Nga", "LOC"),
        entities.entity_by_key(db, "Nga", "LOC"),
        who="test",
    )
    live = snapshot(db)
    assert live == recount(db)
    assert entities.entity_by_key(db, "Liên bang Nga", "LOC") is None

    # re-extraction of an article replaces its counts
    a, ex = article(0, d2018, [NATO])
    store.save_extraction(db, ids[0], ex)
    assert snapshot(db) == recount(db)

    # a re-extraction that finds no statement any more takes the article out of every statement count
    store.save_extraction(db, ids[0], Extraction(ex.sentences, ex.mentions, (), True))
    live = snapshot(db)
    assert live == recount(db)
    assert ids[0] not in {r[0] for r in live[3]}
    # and an article stored without any statement counts its entities only
    a, ex = article(9, d2019, [NGA])
    quiet = store.add_article(db, a, Extraction(ex.sentences, ex.mentions, (), False))[0]
    live = snapshot(db)
    assert live == recount(db)
    assert quiet in {r[0] for r in live[0]} and quiet not in {r[0] for r in live[3]}

    # statement corrections move the statement counts: stance, speaker, and the side of a speaker
    sid = db.execute("SELECT id FROM statements WHERE article_id = ?", [ids[1]]).fetchone()[0]
    corrections.set_statement_stance(db, sid, "conflictual", who="test")
    live = snapshot(db)
    assert live == recount(db)
    assert ("*", "", "nato", "conflictual", 1) in live[4]
    corrections.set_statement_speaker(db, sid, entities.entity_by_key(db, "Nga", "LOC"), who="test")
    assert snapshot(db) == recount(db)
    corrections.set_entity_side(db, entities.entity_by_key(db, "Nga", "LOC"), "other", who="test")
    live = snapshot(db)
    assert live == recount(db)
    assert not any(side == "russia" for _, _, side, _, _ in live[4])


def test_a_store_from_the_previous_version_is_upgraded_with_its_statement_dates(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    db = connection.connect(path)
    for i, d in enumerate([DateInfo(4, 4, 2018, "metadata"), DateInfo(24, 11, None, "dateline")]):
        store.add_article(db, *article(i, d, [NATO, NGA]))
    # Undo m004 and m005 by hand: the schema the previous version wrote.
    for sql in (
        "DROP INDEX IF EXISTS idx_articles_relevant_adate",  # later migrations' indexes on adate
        "DROP INDEX IF EXISTS idx_articles_relevant_source_adate",
        "DROP INDEX IF EXISTS idx_articles_id_source_adate",
        "DROP INDEX IF EXISTS idx_statements_relevant_adate",
        "DROP INDEX idx_articles_adate",
        "DROP INDEX idx_statements_adate",
        "DROP INDEX idx_statements_adate_side_stance",
        "DROP TABLE statement_period",
        "DROP TABLE statement_article",
        "ALTER TABLE articles DROP COLUMN adate",
        "ALTER TABLE statements DROP COLUMN adate",
        "DELETE FROM _migrations WHERE name IN ('m004_dates', 'm005_statement_aggregates')",
        f"PRAGMA user_version = {len(migrations.MIGRATIONS) - 2}",
    ):
        db.execute(sql)
    db.close()
    assert bootstrap.needs_upgrade(path)
    bootstrap.upgrade(path)
    assert not bootstrap.needs_upgrade(path)
    latest = latest_statements(path, Filters())
    assert latest["date"].iloc[0] == "2018-04-04"
    assert latest["date"].isna().iloc[1], "the year-less statement is kept, with no guessed date"
    assert len(latest_statements(path, Filters(date_from="2018-01-01"))) == 1


def test_marking_off_and_on_topic_moves_the_default_views_numbers_exactly(db):
    """The default view (relevant articles only) reads copies of the flag (statements, entity_article) and the
    relevant-only entity_period; after marking, its numbers equal a plain recount over the articles."""
    from core.read import entities as read_entities
    from core.read import facets
    from core.read.overview import side_stance_counts

    path = connection.path_of(db)
    d2018 = DateInfo(4, 4, 2018, "metadata")
    same_name = Entity("Nga", "ORG", "russia")  # a name held by two entities: an article counts once
    ids = [
        store.add_article(db, *article(i, d, ents))[0]
        for i, (d, ents) in enumerate(
            [(d2018, [NATO, NGA, same_name]), (d2018, [NGA, NATO]), (DateInfo(2, 8, 2019, "metadata"), [NGA])]
        )
    ]
    relevant = Filters(relevance="relevant")

    def plain() -> tuple:
        top = db.execute(
            """SELECT e.name, e.type, COUNT(DISTINCT m.article_id), COUNT(*) FROM mentions m
               JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id
               WHERE a.relevant = 1 GROUP BY e.id ORDER BY 3 DESC, 4 DESC, 1"""
        ).fetchall()
        by_name = db.execute(
            """SELECT e.name, COUNT(DISTINCT m.article_id) FROM mentions m JOIN articles a ON a.id = m.article_id
               JOIN entities e ON e.id = m.entity_id WHERE a.relevant = 1 GROUP BY e.name ORDER BY 2 DESC, 1"""
        ).fetchall()
        sides = db.execute(
            """SELECT s.speaker_side, s.stance, COUNT(*) FROM statements s JOIN articles a ON a.id = s.article_id
               WHERE a.relevant = 1 GROUP BY 1, 2 ORDER BY 1, 2"""
        ).fetchall()
        return top, by_name, sides

    def shown() -> tuple:
        top = read_entities.top_entities(path, relevant)
        facet = facets.entity(path, relevant)
        sides = side_stance_counts(path, relevant)
        return (
            [tuple(r) for r in top[["name", "type", "articles", "mentions"]].itertuples(index=False)],
            [tuple(v) for v in facet.values],
            [tuple(r) for r in sides.itertuples(index=False)],
        )

    assert shown() == plain() and plain()[1][0] == ("Nga", 3)
    # Cut at the limit, the value the filter holds still listed first with its count, beyond the cut.
    cut = facets.entity(path, Filters(relevance="relevant", entity="NATO"), limit=1)
    assert cut.values == (("NATO", 2),) and cut.more
    corrections.mark_article(db, ids[0], 0, who="test")
    assert shown() == plain() and plain()[1] == [("Nga", 2), ("NATO", 1)]
    batch = corrections.mark_articles(db, ids[1:], 0, who="test")
    assert shown() == plain() == ([], [], [])
    corrections.undo_batch(db, batch, who="test")
    corrections.mark_article(db, ids[0], 1, who="test")
    assert shown() == plain() and plain()[1][0] == ("Nga", 3)
    copies = db.execute(
        """SELECT (SELECT COUNT(*) FROM statements s JOIN articles a ON a.id = s.article_id
                   WHERE s.relevant IS NOT a.relevant),
                  (SELECT COUNT(*) FROM entity_article ea JOIN articles a ON a.id = ea.article_id
                   WHERE ea.relevant IS NOT a.relevant)"""
    ).fetchone()
    assert tuple(copies) == (0, 0)
    live = db.execute("SELECT * FROM entity_period_relevant ORDER BY 1, 2, 3").fetchall()
    with connection.transaction(db):
        aggregates.rebuild_aggregates(db)
    assert db.execute("SELECT * FROM entity_period_relevant ORDER BY 1, 2, 3").fetchall() == live


def test_kept_speaker_counts_answer_the_facet_and_pick_list_as_the_statements_do(db):
    """The speaker, side and stance facets under no filter but relevance and the speaker pick list read kept
    counts (migrations m015, m016); they must equal the direct count over the statements through ingest, re-extraction, re-ingest, a
    speaker change, renames, merges and relevance marking, names held by several speakers included."""
    from core.read import choices, estimates, facets

    path = connection.path_of(db)
    d2018 = DateInfo(4, 4, 2018, "metadata")
    putin = Entity("Putin", "PER", "russia")
    nga_org = Entity("Nga", "ORG", "russia")  # "Nga" is also NGA (LOC): one name, two speakers

    def said(who: Entity | None, text: str, stance: str = "neutral") -> Statement:
        return Statement(who, text, "cho biết", "đối thoại", False, stance, 0.0, 0, "body", 0, 10)

    def story(i: int, statements: list[Statement], relevant: bool = True) -> tuple[Article, Extraction]:
        a, ex = article(i, d2018, [NATO, NGA, putin])
        return a, Extraction(ex.sentences, ex.mentions, tuple(statements), relevant)

    stories = [
        story(0, [said(putin, "Putin"), said(putin, "ông Putin"), said(NGA, "Nga")]),
        story(1, [said(NGA, "Nga"), said(nga_org, "Nga"), said(None, "Nga")]),  # three speakers named "Nga"
        story(2, [said(None, "một quan chức"), said(None, ""), said(NATO, "NATO")]),
        story(3, [said(putin, "Putin"), said(None, "Nga")], relevant=False),
        story(4, [said(NATO, "NATO", "conflictual")]),
    ]
    ids = [store.add_article(db, *s)[0] for s in stories]
    # A statement with neither an entity nor a text: no speaker, in no count.
    db.execute("INSERT INTO statements(article_id, stance, relevant) VALUES (?, 'neutral', 1)", [ids[4]])
    direct_picks = """SELECT who, SUM(n) FROM (
          SELECT e.name AS who, c.n AS n FROM (SELECT speaker_id, COUNT(*) AS n FROM statements
            WHERE speaker_id IS NOT NULL GROUP BY speaker_id) c JOIN entities e ON e.id = c.speaker_id
          UNION ALL
          SELECT speaker_text, COUNT(*) FROM statements WHERE speaker_id IS NULL
            AND speaker_text IS NOT NULL GROUP BY speaker_text)
        GROUP BY who ORDER BY 2 DESC, 1"""
    views = [
        Filters(relevance="relevant"),
        Filters(),
        Filters(relevance="irrelevant"),
        Filters(relevance="relevant", speaker="Nga"),
        Filters(relevance="relevant", speaker="nobody"),
    ]

    views += [Filters(relevance="relevant", sides=("nato",)), Filters(stances=("neutral", "cooperative"))]
    kept_tables = ("speaker_count", "speaker_article", "statement_value_count", "statement_value_article")
    facet_values = {
        "speaker": "COALESCE(sp.name, s.speaker_text)",
        "side": "s.speaker_side",
        "stance": "s.stance",
    }

    def samples() -> list[estimates.Sample]:
        every = [r[0] for r in db.execute("SELECT id FROM articles")]
        return [estimates.sample_of(every, len(every)), estimates.sample_of(every, 2)]

    def same() -> None:
        for f in views:
            for limit in (2, 50):
                for name, value_sql in facet_values.items():
                    kept = facets.FUNCTIONS[name](path, f, limit=limit)
                    direct = facets._statement_facet(path, f, name, value_sql, limit, None)
                    assert kept == direct, (name, f)
                    for sample in samples():  # a text query's sample: the kept rows of its articles
                        kept = facets.FUNCTIONS[name](path, f, limit=limit, sample=sample)
                        direct = facets._statement_facet(path, f, name, value_sql, limit, sample)
                        assert kept == direct, (name, f, sample)
        assert choices.choices(path)["speakers"] == [r[0] for r in db.execute(direct_picks)]
        kept = {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in kept_tables}  # noqa: S608
        with connection.transaction(db):
            aggregates.rebuild_aggregates(db)
        assert {t: db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in kept_tables} == kept  # noqa: S608

    with connection.transaction(db):
        aggregates.rebuild_aggregates(db)  # the speakerless statement inserted by hand
    same()
    assert dict(facets.speaker(path, Filters(relevance="relevant")).values)["Nga"] == 2  # articles 0 and 1
    assert dict(facets.speaker(path, Filters()).values)["Nga"] == 3

    # re-ingesting the same content changes nothing; re-extraction replaces an article's speakers
    assert store.add_article(db, *stories[0])[0] == ids[0]
    same()
    store.save_extraction(db, ids[1], story(1, [said(putin, "Putin"), said(None, "Nga")])[1])
    same()

    # an analyst's speaker change, a rename (a name read at query time), a merge, a side change
    sid = db.execute("SELECT id FROM statements WHERE article_id = ? ORDER BY id", [ids[2]]).fetchone()[0]
    corrections.set_statement_speaker(db, sid, entities.entity_by_key(db, "Putin", "PER"), who="test")
    same()
    corrections.rename_entity(db, entities.entity_by_key(db, "Putin", "PER"), "Vladimir Putin", who="test")
    same()
    corrections.merge_entities(
        db, entities.entity_by_key(db, "Nga", "ORG"), entities.entity_by_key(db, "Nga", "LOC"), who="test"
    )
    same()
    corrections.set_entity_side(db, entities.entity_by_key(db, "NATO", "ORG"), "other", who="test")
    same()

    # relevance marking, one article and a batch, and its undo
    corrections.mark_article(db, ids[3], 1, who="test")
    same()
    batch = corrections.mark_articles(db, ids[:3], 0, who="test")
    same()
    corrections.undo_batch(db, batch, who="test")
    same()
    # re-extraction after a correction: the correction is replayed, the counts follow
    store.save_extraction(db, ids[2], stories[2][1])
    same()


def test_one_reaggregate_over_many_articles_counts_each_shared_row_once_per_article(db):
    """The archive's date pass moves thousands of articles in one call: articles sharing an entity, a week, a
    speaker, a side and a stance must each take their own count out of the shared rows and put it back."""
    d2017 = DateInfo(6, 3, 2017, "crawled")
    ids = [store.add_article(db, *article(i, d2017, [NATO, NGA]))[0] for i in range(4)]
    assert snapshot(db) == recount(db)
    with connection.transaction(db):
        db.execute(
            "UPDATE articles SET day = 20, month = 6, date_source = 'neighbours' WHERE id IN (?, ?, ?)",
            ids[:3],
        )
        db.execute("UPDATE articles SET relevant = 0 WHERE id = ?", [ids[3]])
        aggregates.reaggregate(db, ids + ids[:1])  # a repeated id counts once
    live = snapshot(db)
    nato = entities.entity_by_key(db, "NATO", "ORG")
    weeks = {(r[0], r[2]): (r[3], r[4]) for r in live[1] if r[1] == "w"}
    assert weeks[(nato, "2017-06-19")] == (3, 3) and weeks[(nato, "2017-03-06")] == (1, 1)
    assert ("w", "2017-06-19", "nato", "neutral", 3) in live[4]
    relevant_speakers = [r for r in live[6] if r[0] == 1]
    assert [r[3:] for r in relevant_speakers] == [(3, 3)], (
        "the article taken off topic leaves the default count"
    )
    assert live == recount(db)
