"""Migrations are named, frozen and reach one schema: a released step never changes, no step calls live code,
and a store upgraded from any earlier step ends with the schema and the derived data of a fresh one."""

from __future__ import annotations

import ast
import builtins
import hashlib
import inspect
import io
import re
import textwrap
import tokenize

import pytest

from core.store import aggregates, connection, migrations
from core.text.textnorm import squash

# sha256 of each released step's code (comments and docstring left out). A step is released once it is
# committed: stores in the field have applied it and will never run it again.
RELEASED = {
    "m001_initial": "3b7ceba0f328116a6aff8a2a400af649f953cf583eef3c49dd1065a1e47db254",
    "m002_aggregates": "46a0acfc4a8553df942ec4e65b7c248e91eff6b02ef7635da4ce008f6cb2cedb",
    "m003_title_index": "57fe90730e831bd1b0dfc9540f8081190561dc71a59d9534a78465cba847e07e",
    "m004_dates": "4e9f52df4d9a8c45492b4e9e5c46dd0d18d7284e9255b6ade40722e49cf0f16e",
    "m005_statement_aggregates": "44a22bdd066e5dc502095cd505f855e49dec8fac9697bf2455e4f73ee259e196",
    "m006_entity_page_indexes": "b8e6b2389057bc5891087efb91f7d95f631ac759e244e904f5c27015f03f0855",
    "m007_title_keys": "0588f46bc47b5e2b7c87137450f9b5ed5e4988f6852b5d31b66e47800d09e18c",
    "m008_collection_and_relevance": "21eed1106fb5a257dce781f3e844a8e694075960cc1e9085fa3243d3e03a3d59",
    "m009_stance_confidence": "3098749f3ff1317fc528c0ebe6b23b04b3c5faf49eefd487a34bb7c61eaf1495",
    "m010_exact_search": "ba252cdf8e878a5f8ef71bc960b78ad26f7e163672ec9fc9441baba1a408b5f6",
    "m011_relevance_copies": "496b46815ec68bef28ac3d402011c61c98bb3d7a7cf6e24a3a27ab5f72d9660b",
    "m012_review_order_index": "385701ece20509a0ba1aa52e9de73df3c9a0998edbff5182ce371ac791a70c7f",
    "m013_undated_index": "492187580a731a784d340f6534be1d405e5847d02b4046b03bc8e286a68b790a",
    "m014_failure_codes": "4bd8349693ea83cffca54f1e7952f9745b3028cc4599389d730c1397c4ac21a3",
    "m015_speaker_aggregates": "a1d9a8f3e4cdda4f10861a7c96a09b0492b93f4f284d1bf1e31513512983e0d5",
    "m016_side_stance_aggregates": "ecd1e7a90fe781bebab1677d552ca5a1067e08a080a3cf18215caa07439b8e9c",
    "m017_statement_period_relevant": "21ac80b018a453c01135babc889187a96d77296ef1c1c972a4810c288bef8e03",
    "m018_article_facet_index": "2bed14164b5ec6c21448b77568ef52227cb83a87546df29ba5ca24b9f8eb5ba8",
    "m019_placed_adate": "e53c60ccf37acd4074649595120f12bf08dc6eac80c7b4cc660af01a37479955",
    "m020_undated_queue_bulk": "b2372e858efbbf76dcb826f27cce3766e5a22876235ac04fdf3043696b47626b",
    "m021_relevance_probability": "a618e42bb8c48d5af1e4769c4039ca20839f53615d93fe313764acb210e3e5e3",
}
# The only live name a step may use, and why: the title key must equal what the read side computes today.
LIVE_ALLOWED = {"squash"}


def fingerprint(source: str) -> str:
    """sha256 of a step's tokens without its docstring and comments (rewording them is free, any change to
    what it runs is not); tokens rather than the AST, whose dump differs between Python versions."""
    source = textwrap.dedent(source)
    func = ast.parse(source).body[0]
    doc = func.body[0] if ast.get_docstring(func) is not None else None
    skip = {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
    kept = [
        tok.string
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type not in skip
        and not (doc and (doc.lineno, doc.col_offset) <= tok.start < (doc.end_lineno, doc.end_col_offset))
    ]
    return hashlib.sha256("\x1f".join(kept).encode("utf-8")).hexdigest()


def test_released_migrations_are_frozen():
    names = [name for name, _ in migrations.MIGRATIONS]
    assert names[: len(RELEASED)] == list(RELEASED), (
        "released migrations were removed or reordered; a store records steps by name, so they must stay as they "
        "were, in order — add new steps at the end"
    )
    for name, fn in migrations.MIGRATIONS:
        got = fingerprint(inspect.getsource(fn))
        assert name in RELEASED, (
            f"migration {name} has no recorded fingerprint: when it is released (committed), add "
            f'"{name}": "{got}" to RELEASED in tests/test_migrations.py'
        )
        assert got == RELEASED[name], (
            f"migration {name} was released and is frozen: stores that applied it never run it again, so an edit "
            "would reach only new stores and the two would drift apart. Revert the edit and add a new step at the "
            "end of core/store/migrations.py that makes the change (its docstring and comments may change freely)."
        )


STEP = '''
@migration
def m999_example(db):
    """Words."""
    db.execute("CREATE INDEX i ON t(a)")  # a comment
'''


@pytest.mark.parametrize(
    "edit,frozen",
    [
        (("Words.", "Other, longer words."), True),
        (("# a comment", "# another comment"), True),
        (("t(a)", "t(a, b)"), False),
        (("CREATE INDEX i", "CREATE UNIQUE INDEX i"), False),
    ],
)
def test_the_fingerprint_sees_code_but_not_words(edit, frozen):
    """The check above cannot pass by accident: an edit of a step's SQL changes its fingerprint, rewording its
    docstring or comments does not."""
    assert (fingerprint(STEP.replace(*edit)) == fingerprint(STEP)) is frozen


@pytest.mark.parametrize("name", [name for name, _ in migrations.MIGRATIONS])
def test_a_migration_calls_no_live_helper(name):
    """A step reads only its argument, builtins and literals: a helper it called could be edited later and
    change what the released step does (m002/m005 once called the live aggregate code). `db[...]` is a
    sqlite-utils table builder, whose DDL changes with the library, so steps write their DDL out."""
    fn = dict(migrations.MIGRATIONS)[name]
    func = ast.parse(textwrap.dedent(inspect.getsource(fn))).body[0]
    local = {a.arg for a in func.args.args} | {
        n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    body = ast.Module(body=func.body, type_ignores=[])  # annotations are not run
    used = {n.id for n in ast.walk(body) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    live = used - local - set(dir(builtins)) - LIVE_ALLOWED - {"migration"}
    assert not live, f"{name} uses live names {sorted(live)}: write their SQL out in the step instead"
    builders = [ast.unparse(n) for n in ast.walk(body) if isinstance(n, ast.Subscript)]
    assert not builders, f"{name} uses sqlite-utils table builders {builders}: write the DDL out instead"


# --- one schema, whatever the path -----------------------------------------------------------------------------


def _normalised(sql: str | None) -> str | None:
    if sql is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"\s*([(),])\s*", r"\1", sql)).strip()


def schema(db) -> list[tuple]:
    rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return sorted((t, n, tbl, _normalised(sql)) for t, n, tbl, sql in rows)


def _seed_first_version(db) -> None:
    """Rows in the columns of the first schema (m001), as a store of that time held them: dated, undated and
    month-only articles, mentions and statements of several sides and stances."""
    for i in range(1, 8):
        year = None if i == 5 else 2015 + i % 3
        db.execute(
            """INSERT INTO articles(id, title, lede, body, origin, raw, ingested_at, content_hash, year, month, day,
               relevant) VALUES (?, ?, '', ?, 'x.txt', 'raw', 't', ?, ?, ?, ?, ?)""",
            [
                i,
                f"Tiêu Đề  số {i}",
                f"Nga và NATO, bài {i}",
                f"h{i}",
                year,
                (i % 12) or None,
                None if i == 3 else i,
                i % 2,
            ],
        )
    for e, (name, side) in enumerate([("NATO", "nato"), ("Nga", "russia"), ("Putin", "russia")], 1):
        db.execute("INSERT INTO entities(id, name, type, side) VALUES (?, ?, 'ORG', ?)", [e, name, side])
    for a in range(1, 8):
        for e in range(1, 4):
            for _ in range((a + e) % 3):
                db.execute("INSERT INTO mentions(article_id, entity_id, surface) VALUES (?, ?, 's')", [a, e])
        stance = ("oppose", "support", None)[a % 3]
        db.execute(
            "INSERT INTO statements(article_id, speaker_id, speaker_side, stance) VALUES (?, 3, 'russia', ?)",
            [a, stance],
        )
        db.execute("INSERT INTO statements(article_id, stance) VALUES (?, 'neutral')", [a])


AGGREGATES = (
    "entity_article",
    "entity_period",
    "entity_period_relevant",
    "statement_article",
    "statement_period",
    "statement_period_relevant",
    "speaker_article",
    "speaker_count",
    "statement_value_article",
    "statement_value_count",
)


def _aggregates(db) -> dict[str, list]:
    return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in AGGREGATES}  # noqa: S608 - fixed names


@pytest.mark.parametrize("applied", range(len(migrations.MIGRATIONS)))
def test_a_store_upgraded_from_any_step_matches_a_fresh_one(tmp_path, monkeypatch, applied):
    fresh = connection.connect(tmp_path / "fresh.db")
    path = tmp_path / "old.db"
    steps = migrations.MIGRATIONS
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", steps[: min(applied, 1)])
        old = connection.connect(path)  # a store the first version created, with its rows
        if applied:
            with connection.transaction(old):
                _seed_first_version(old)
        m.setattr(migrations, "MIGRATIONS", steps[:applied])
        connection.migrate(old)  # ... and upgraded by the code of step `applied`
        old.close()
    assert connection.pending_migrations(path) == len(migrations.MIGRATIONS) - applied
    upgraded = connection.connect(path)
    assert schema(upgraded) == schema(fresh)
    assert connection.pending_migrations(path) == 0
    if applied:
        before = _aggregates(upgraded)
        assert before["entity_period"] and before["statement_period"] and before["speaker_count"]
        assert before["statement_value_count"]
        with connection.transaction(upgraded):
            aggregates.rebuild_aggregates(upgraded)
        assert _aggregates(upgraded) == before, (
            "the frozen first fill differs from what the live code computes"
        )
        keys = upgraded.execute("SELECT title, title_key FROM articles").fetchall()
        assert keys and all(key == squash(title) for title, key in keys)
        hits = upgraded.execute(
            "SELECT count(*) FROM articles_fts_exact WHERE articles_fts_exact MATCH 'nga'"
        )
        assert hits.fetchone()[0] == 7  # the exact index was built from the stored text
    upgraded.close()
    fresh.close()
