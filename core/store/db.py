"""The store: schema, migrations, writes and the read-only connection helper.

This is the only module that writes SQL. Every write is one transaction per article, so a kill -9 loses at
most the article in flight; the content hash makes a re-run skip what is already stored and finish the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import sqlite_utils

from core.models import Article, Failure
from core.store import search
from core.text.textnorm import fold, squash

MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []


def migration(fn: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    """Register a schema step; steps run in definition order, each once, each in its own transaction.

    A store records each applied step by name, so a second step of the same name would never run on a store
    that has the first: refused at import, like sqlite-utils' migrations.
    """
    if any(name == fn.__name__ for name, _ in MIGRATIONS):
        raise ValueError(f"migration {fn.__name__} is registered twice")
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "lede": str,
            "body": str,
            "source": str,
            "url": str,
            "published": str,  # ISO date when day, month and year are all known
            "day": int,
            "month": int,
            "year": int,
            "date_source": str,  # metadata | dateline | inferred | analyst
            "date_evidence": str,
            "origin": str,
            "raw": str,
            "ingested_at": str,
            "format": str,
            "captions": str,  # JSON list: captions and photo credits, kept apart from the body
            "links": str,  # JSON list: bracketed links to other stories
            "content_hash": str,
            "relevant": int,  # NULL until extraction has run
            "processed_at": str,  # NULL until extraction has run
        },
        pk="id",
        not_null={"title", "body", "origin", "raw", "ingested_at", "content_hash"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["year", "month", "day"])
    db["articles"].create_index(["published"])
    db["articles"].create_index(["source"])
    db["origins"].create(
        {"article_id": int, "origin": str, "seen_at": str},
        pk=("article_id", "origin"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["entities"].create(
        {"id": int, "name": str, "type": str, "side": str, "kb_id": str},
        pk="id",
        not_null={"name", "type", "side"},
    )
    db["entities"].create_index(["name", "type"], unique=True)
    db["sentences"].create(
        {"article_id": int, "idx": int, "field": str, "start": int, "end": int, "text": str},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["mentions"].create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "surface": str,
            "sentence": int,  # sentences.idx of the same article
            "field": str,  # title | lede | body: offsets are into that stored column
            "start": int,
            "end": int,
            "confidence": float,
            "evidence": str,  # kb | ner | rule
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
    )
    db["mentions"].create_index(["article_id"])
    db["mentions"].create_index(["entity_id", "article_id"])
    db["statements"].create(
        {
            "id": int,
            "article_id": int,
            "speaker_id": int,
            "speaker_text": str,
            "speaker_side": str,
            "verb": str,
            "text": str,
            "quote": int,
            "target": int,  # entity id the statement is about, when there is one
            "target_text": str,
            "stance": str,
            "score": float,
            "sentence": int,  # sentences.idx of the same article
            "field": str,
            "start": int,
            "end": int,
            "relay": str,
            "evidence": str,  # JSON: verb class, cues, negation
        },
        pk="id",
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("speaker_id", "entities", "id"),
            ("target", "entities", "id"),
        ],
    )
    db["statements"].create_index(["article_id"])
    db["statements"].create_index(["speaker_id"])
    db["failures"].create(
        {
            "id": int,
            "file": str,
            "line": int,
            "reason": str,
            "time": str,
            "raw": bytes,
            "count": int,
        },  # line 0: the whole file
        pk="id",
    )
    db["failures"].create_index(["file", "line", "reason"], unique=True)
    db["corrections"].create(
        {
            "id": int,
            "what": str,  # see CORRECTION_KINDS
            "target_id": int,
            "old": str,
            "new": str,
            "who": str,
            "at": str,
            "why": str,
        },
        pk="id",
    )
    # Folded shadow of title, lede and body: unicode61 folds most diacritics but not đ -> d, so we fold
    # ourselves (core.text.textnorm.fold) and index that; rowid = articles.id.
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, lede, body, tokenize='unicode61 remove_diacritics 2')"
    )


@migration
def m002_aggregates(db: sqlite_utils.Database) -> None:
    """Pre-aggregated counts the dashboard reads at scale.

    entity_article: mentions per article x entity, with the article's date as the dashboard reads it (`adate`,
    NULL without a year) at aggregation time, so the counts can be taken back out exactly after a change.
    entity_period: articles and mentions per entity x period, for grain '*' (all time, period ''), 'm' (month,
    first day) and 'w' (week, its Monday).
    """
    db.execute(
        """CREATE TABLE entity_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, entity_id)
           ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_entity_article_entity ON entity_article(entity_id, article_id)")
    db.execute(
        """CREATE TABLE entity_period (
             entity_id INTEGER NOT NULL REFERENCES entities(id),
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             articles INTEGER NOT NULL,
             mentions INTEGER NOT NULL,
             PRIMARY KEY (entity_id, grain, period)
           ) WITHOUT ROWID"""
    )
    db.execute("CREATE INDEX idx_entity_period_grain ON entity_period(grain, period, articles)")
    _rebuild_entity_aggregates(db)


# The article's date as the dashboard filters it: year known, month and day defaulting to 1.
_ADATE_OF_ROW = (
    "CASE WHEN year IS NOT NULL THEN printf('%04d-%02d-%02d', year, COALESCE(month, 1), COALESCE(day, 1)) END"
)
_ADATE = "CASE WHEN a.year IS NOT NULL THEN printf('%04d-%02d-%02d', a.year, COALESCE(a.month, 1), COALESCE(a.day, 1)) END"
# entity_article rows (alias ea) -> one row per grain they count in.
_PERIOD_ROWS = """SELECT ea.entity_id AS entity_id, g.grain AS grain,
       CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(ea.adate, 1, 7) || '-01'
            ELSE date(ea.adate, 'weekday 0', '-6 days') END AS period, ea.n AS n
  FROM entity_article ea JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
    ON g.grain = '*' OR ea.adate IS NOT NULL"""


# statement_article rows (alias sa) -> one row per grain they count in.
_STATEMENT_PERIOD_ROWS = """SELECT g.grain AS grain,
       CASE g.grain WHEN '*' THEN '' WHEN 'm' THEN substr(sa.adate, 1, 7) || '-01'
            ELSE date(sa.adate, 'weekday 0', '-6 days') END AS period, sa.side AS side, sa.stance AS stance, sa.n AS n
  FROM statement_article sa JOIN (SELECT '*' AS grain UNION ALL SELECT 'm' UNION ALL SELECT 'w') g
    ON g.grain = '*' OR sa.adate IS NOT NULL"""
_STATEMENT_ARTICLE_ROWS = """SELECT article_id, COALESCE(speaker_side, ''), COALESCE(stance, ''), count(*), max(adate)
  FROM statements"""


def _rebuild_statement_aggregates(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM statement_period")
    db.execute("DELETE FROM statement_article")
    db.execute(
        f"INSERT INTO statement_article(article_id, side, stance, n, adate) {_STATEMENT_ARTICLE_ROWS} GROUP BY 1, 2, 3"
    )
    db.execute(
        f"""INSERT INTO statement_period(grain, period, side, stance, n)
            SELECT grain, period, side, stance, sum(n) FROM ({_STATEMENT_PERIOD_ROWS}) GROUP BY 1, 2, 3, 4"""
    )


def _reaggregate_statements(db: sqlite_utils.Database, article_id: int) -> None:
    db.execute(
        f"""UPDATE statement_period SET n = statement_period.n - d.n
            FROM ({_STATEMENT_PERIOD_ROWS} WHERE sa.article_id = :id) AS d
            WHERE statement_period.grain = d.grain AND statement_period.period = d.period
              AND statement_period.side = d.side AND statement_period.stance = d.stance""",
        {"id": article_id},
    )
    db.execute("DELETE FROM statement_article WHERE article_id = ?", [article_id])
    db.execute(
        f"""INSERT INTO statement_article(article_id, side, stance, n, adate)
            {_STATEMENT_ARTICLE_ROWS} WHERE article_id = ? GROUP BY 1, 2, 3""",
        [article_id],
    )
    db.execute(
        f"""INSERT INTO statement_period(grain, period, side, stance, n)
            SELECT grain, period, side, stance, n FROM ({_STATEMENT_PERIOD_ROWS} WHERE sa.article_id = :id) WHERE true
            ON CONFLICT(grain, period, side, stance) DO UPDATE SET n = statement_period.n + excluded.n""",
        {"id": article_id},
    )


def rebuild_aggregates(db: sqlite_utils.Database) -> None:
    """Recompute everything derived from articles, mentions and statements (bulk repairs, tests): the entity
    aggregates, the date each statement carries and the statement aggregates."""
    _rebuild_entity_aggregates(db)
    db.execute(
        f"UPDATE statements SET adate = (SELECT {_ADATE} FROM articles a WHERE a.id = statements.article_id)"
    )
    _rebuild_statement_aggregates(db)


def _rebuild_entity_aggregates(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM entity_period")
    db.execute("DELETE FROM entity_article")
    db.execute(
        f"""INSERT INTO entity_article(article_id, entity_id, n, adate)
            SELECT m.article_id, m.entity_id, count(*), {_ADATE} FROM mentions m
            JOIN articles a ON a.id = m.article_id GROUP BY m.article_id, m.entity_id"""
    )
    db.execute(
        f"""INSERT INTO entity_period(entity_id, grain, period, articles, mentions)
            SELECT entity_id, grain, period, count(*), sum(n) FROM ({_PERIOD_ROWS}) GROUP BY 1, 2, 3"""
    )


def reaggregate(db: sqlite_utils.Database, article_ids: list[int]) -> None:
    """Take articles' counts out of the aggregates and put their current ones back (after any change), and give
    their statements the article's current date."""
    for article_id in article_ids:
        db.execute(
            f"UPDATE statements SET adate = (SELECT {_ADATE} FROM articles a WHERE a.id = ?) WHERE article_id = ?",
            [article_id, article_id],
        )
        _reaggregate_statements(db, article_id)
        db.execute(
            f"""UPDATE entity_period SET articles = entity_period.articles - 1,
                       mentions = entity_period.mentions - d.n
                FROM ({_PERIOD_ROWS} WHERE ea.article_id = :id) AS d
                WHERE entity_period.entity_id = d.entity_id AND entity_period.grain = d.grain
                  AND entity_period.period = d.period""",
            {"id": article_id},
        )
        db.execute(
            """DELETE FROM entity_period WHERE articles <= 0
               AND entity_id IN (SELECT entity_id FROM entity_article WHERE article_id = ?)""",
            [article_id],
        )
        db.execute("DELETE FROM entity_article WHERE article_id = ?", [article_id])
        db.execute(
            f"""INSERT INTO entity_article(article_id, entity_id, n, adate)
                SELECT m.article_id, m.entity_id, count(*), {_ADATE} FROM mentions m
                JOIN articles a ON a.id = m.article_id WHERE m.article_id = ? GROUP BY m.entity_id""",
            [article_id],
        )
        db.execute(
            f"""INSERT INTO entity_period(entity_id, grain, period, articles, mentions)
                SELECT entity_id, grain, period, 1, n FROM ({_PERIOD_ROWS} WHERE ea.article_id = :id) WHERE true
                ON CONFLICT(entity_id, grain, period) DO UPDATE
                SET articles = entity_period.articles + 1, mentions = entity_period.mentions + excluded.mentions""",
            {"id": article_id},
        )


@migration
def m003_title_index(db: sqlite_utils.Database) -> None:
    """Articles are looked up by exact title (pre-linked comparison pairs, analyst links)."""
    db["articles"].create_index(["title"], if_not_exists=True)


@migration
def m004_dates(db: sqlite_utils.Database) -> None:
    """The date the dashboard sorts and filters by, where it can be indexed.

    articles.adate: a virtual generated column (always equal to its year/month/day), indexed for "newest
    first". statements.adate: the statement's article date copied onto it (kept by `reaggregate`), so the
    timeline counts and lists statements without joining every one of them to its article.
    """
    db.execute(f"ALTER TABLE articles ADD COLUMN adate TEXT GENERATED ALWAYS AS ({_ADATE_OF_ROW}) VIRTUAL")
    db.execute("CREATE INDEX idx_articles_adate ON articles(adate)")
    db.execute("ALTER TABLE statements ADD COLUMN adate TEXT")
    db.execute(
        "UPDATE statements SET adate = (SELECT a.adate FROM articles a WHERE a.id = statements.article_id)"
    )
    db.execute("CREATE INDEX idx_statements_adate ON statements(adate)")
    db.execute("CREATE INDEX idx_statements_adate_side_stance ON statements(adate, speaker_side, stance)")


@migration
def m005_statement_aggregates(db: sqlite_utils.Database) -> None:
    """Statement counts pre-aggregated like the entity ones, for the timeline and the overview at scale.

    statement_article: statements per article x speaker side x stance, with the article's date at aggregation
    time (so its counts can be taken back out exactly). statement_period: the same summed per grain ('*' all
    time with period '', 'm' month, 'w' week) x period x side x stance. A missing side or stance is ''.
    Rows may reach n = 0 after changes; readers skip them.
    """
    db.execute(
        """CREATE TABLE statement_article (
             article_id INTEGER NOT NULL REFERENCES articles(id),
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             adate TEXT,
             PRIMARY KEY (article_id, side, stance)
           ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE statement_period (
             grain TEXT NOT NULL,
             period TEXT NOT NULL,
             side TEXT NOT NULL,
             stance TEXT NOT NULL,
             n INTEGER NOT NULL,
             PRIMARY KEY (grain, period, side, stance)
           ) WITHOUT ROWID"""
    )
    _rebuild_statement_aggregates(db)


@migration
def m006_entity_page_indexes(db: sqlite_utils.Database) -> None:
    """The entity page's lists read an index alone: name variants (entity, surface, article) and the newest
    articles of an entity (entity, date, article; it replaces the entity's plain index)."""
    db.execute("CREATE INDEX idx_mentions_entity_surface ON mentions(entity_id, surface, article_id)")
    db.execute("DROP INDEX idx_entity_article_entity")
    db.execute(
        "CREATE INDEX idx_entity_article_entity_date ON entity_article(entity_id, adate, article_id, n)"
    )


@migration
def m007_title_keys(db: sqlite_utils.Database) -> None:
    """articles.title_key: the title folded and squashed (case, diacritics, spacing), indexed, so a title
    written slightly differently (a pairs file, an analyst's link) finds its article without a text search."""
    db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    rows = db.execute("SELECT id, title FROM articles").fetchall()
    db.conn.executemany(
        "UPDATE articles SET title_key = ? WHERE id = ?", [(squash(t or ""), i) for i, t in rows]
    )
    db.execute("CREATE INDEX idx_articles_title_key ON articles(title_key)")


@migration
def m008_collection_and_relevance(db: sqlite_utils.Database) -> None:
    """What a real archive keeps beside the text, and why an article counts as relevant.

    crawled_at / section: from a sidecar (`--meta`); crawled_at is an upper bound of publication.
    relevance_score / relevance_evidence: the pairing score and the sentences that made the flag (JSON).
    """
    db.execute("ALTER TABLE articles ADD COLUMN crawled_at TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN section TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN relevance_score REAL")
    db.execute("ALTER TABLE articles ADD COLUMN relevance_evidence TEXT")


@migration
def m009_stance_confidence(db: sqlite_utils.Database) -> None:
    """statements.stance_prob: the stance model's probability of the stored stance (NULL: rules only), so the
    review queue can list the least confident statements first through an index."""
    db.execute("ALTER TABLE statements ADD COLUMN stance_prob REAL")
    db.execute("CREATE INDEX idx_statements_stance_prob ON statements(stance_prob)")


@migration
def m010_exact_search(db: sqlite_utils.Database) -> None:
    """articles_fts_exact: the stored title, lede and body indexed with their marks (lower-cased only), so a
    search can put "đối đầu" before "đổi đầu" and "đôi đầu", which the folded index cannot tell apart. An
    external-content index (the text stays in `articles` once); rowid = articles.id (core/store/search.py).

    idx_articles_relevant_adate: every dashboard view starts from the relevant articles; without it each
    count and facet read every article row (~0.1 s per query at 35k articles)."""
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts_exact USING fts5(title, lede, body, content='articles', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute("INSERT INTO articles_fts_exact(articles_fts_exact) VALUES ('rebuild')")
    db.execute("CREATE INDEX idx_articles_relevant_adate ON articles(relevant, adate)")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# Several writers may share a store (two ingests, the dashboard's date form): each waits for the other's
# write lock rather than failing. SQLite's busy handler waits BUSY_TIMEOUT_MS per statement; taking the write
# lock is retried on top of that until LOCK_WAIT_S, after which the caller gets the "database is locked" error.
BUSY_TIMEOUT_MS = 10_000
LOCK_WAIT_S = 60.0


class StoreError(Exception):
    """A path that cannot serve as a store (a folder, not an SQLite file, no permission), said in one line."""


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # the primary code of an extended one


def is_full(exc: BaseException) -> bool:
    """SQLite's "database or disk is full": the disk, or the store's page limit (PRAGMA max_page_count)."""
    return isinstance(exc, sqlite3.Error) and (
        _code(exc) == sqlite3.SQLITE_FULL or "database or disk is full" in str(exc)
    )


def is_busy(exc: BaseException) -> bool:
    """Another connection holds the lock we need (SQLITE_BUSY / SQLITE_LOCKED)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = _code(exc)
    if code is not None:
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "database is locked" in str(exc) or "database is busy" in str(exc)


def _locked(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    """Execute a statement that needs the write lock, retrying while another writer holds it (bounded).

    The busy handler covers most waits, but SQLite answers some at once without it (switching a brand-new
    file to WAL while another process creates it), so the retry here is what makes two processes opening a
    new store together both succeed.
    """
    deadline = time.monotonic() + LOCK_WAIT_S
    pause = 0.01
    while True:
        try:
            return conn.execute(sql)
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")


def _unusable(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """A user-facing reason why `path` cannot be opened as a store, or None for any other error."""
    code = _code(exc)
    if code == sqlite3.SQLITE_NOTADB:
        return StoreError(f"{path} is not an SQLite store ({exc})")
    if code == sqlite3.SQLITE_CORRUPT:
        return StoreError(f"the store {path} is damaged ({exc})")
    if code == sqlite3.SQLITE_READONLY:
        return StoreError(f"the store {path} is read-only ({exc})")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH, sqlite3.SQLITE_IOERR):
        if path.is_dir():
            return StoreError(f"{path} is a folder, not a store file")
        folder = path.parent
        if (path.exists() and not os.access(path, os.R_OK | os.W_OK)) or not os.access(
            folder, os.W_OK | os.X_OK
        ):
            return StoreError(f"cannot open the store {path}: permission denied ({exc})")
        return StoreError(f"cannot open the store {path} ({exc})")
    return None


def connect(path: str | Path) -> sqlite_utils.Database:
    """The write connection: WAL, foreign keys on, schema migrated.

    Raises StoreError (one line naming the path) when `path` is a folder, not an SQLite file, damaged or
    not ours to write; a full disk is raised as SQLite's own error (see `is_full`) for the caller to report.
    """
    path = Path(path)
    if str(path) != ":memory:":
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a store file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
            why = f"{blocker} is a file, not a folder" if blocker else (exc.strerror or str(exc))
            raise StoreError(f"cannot create the folder of the store {path}: {why}") from exc
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise (_unusable(path, exc) or exc) from exc
    try:
        _pragmas(conn)
        _locked(conn, "PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        db = sqlite_utils.Database(conn)
        migrate(db)
    except sqlite3.Error as exc:
        conn.close()
        reason = _unusable(path, exc)
        if reason is None:
            raise
        raise reason from exc
    return db


def _applied_migrations(db: sqlite_utils.Database) -> set[str]:
    if "_migrations" not in db.table_names():
        return set()
    return {r[0] for r in db.execute("SELECT name FROM _migrations").fetchall()}


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations in order; a failing step rolls back and leaves the earlier ones applied.

    Safe when several processes open the same (new or old) store at once: each step runs under the write
    lock (BEGIN IMMEDIATE, waiting for the other writer) and the applied steps are read again once the lock
    is held, so a step another process has just applied is skipped rather than run twice ("table articles
    already exists"). A store that is up to date is only read.
    """
    applied: list[str] = []
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == len(MIGRATIONS) and _applied_migrations(db) >= {name for name, _ in MIGRATIONS}:
        return applied
    for name, fn in MIGRATIONS:
        with transaction(db):
            db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
            if name in _applied_migrations(db):  # read under the lock: another process may have applied it
                continue
            fn(db)
            db["_migrations"].insert({"name": name, "applied_at": now()})
        applied.append(name)
    with transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] != len(MIGRATIONS):
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")  # an int we own, not user input
    return applied


def pending_migrations(path: str | Path) -> int:
    """How many migrations a store on disk lacks, read without writing (PRAGMA user_version, set by migrate)."""
    with closing(read_only(path)) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    return max(0, len(MIGRATIONS) - version)


def schema_version(db: sqlite_utils.Database) -> int:
    return db["_migrations"].count if "_migrations" in db.table_names() else 0


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    conn = db.conn
    if conn.in_transaction:  # nested: the outer transaction commits (bulk loads wrap many articles in one)
        yield db
        return
    _locked(conn, "BEGIN IMMEDIATE")  # wait (bounded) for another writer rather than fail
    try:
        yield db
    except BaseException:
        # SQLite may already have rolled back (e.g. on a full disk); ROLLBACK then would hide the cause.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:  # a COMMIT that failed (disk full) leaves the transaction open
            conn.execute("ROLLBACK")
        raise


def path_of(db: sqlite_utils.Database) -> str | None:
    """The file behind a connection (None for in-memory stores), for readers in other processes."""
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] or None


def read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write: mode=ro and query_only. Readers (the dashboard) use only this."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA query_only = ON")
    _pragmas(conn)
    return conn


_WS = re.compile(r"\s+")


def content_hash(article: Article, folded_body: str | None = None) -> str:
    """The same story is the same body, whatever file or format it came in; short texts add the title."""
    body = _WS.sub(" ", folded_body if folded_body is not None else fold(article.body)).strip()
    key = body if len(body) >= 200 else squash(article.title) + "|" + squash(article.lede) + "|" + body
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def article_row(article: Article, ingested_at: str, digest: str | None = None) -> dict:
    d = article.date
    return {
        "title": article.title,
        "lede": article.lede,
        "body": article.body,
        "source": article.source,
        "url": article.url,
        "published": d.iso,
        "day": d.day,
        "month": d.month,
        "year": d.year,
        "date_source": d.source,
        "date_evidence": d.evidence,
        "origin": article.origin,
        "raw": article.raw,
        "ingested_at": ingested_at,
        "format": article.format,
        "captions": json.dumps(list(article.captions), ensure_ascii=False),
        "links": json.dumps(list(article.links), ensure_ascii=False),
        "content_hash": digest or content_hash(article),
        "title_key": squash(article.title),
        "crawled_at": article.crawled_at,
        "section": article.section,
    }


_ARTICLE_COLUMNS = [
    "title",
    "lede",
    "body",
    "source",
    "url",
    "published",
    "day",
    "month",
    "year",
    "date_source",
    "date_evidence",
    "origin",
    "raw",
    "ingested_at",
    "format",
    "captions",
    "links",
    "content_hash",
    "title_key",
    "crawled_at",
    "section",
]
# Column names come from the fixed tuple above, values are bound parameters.
_INSERT_ARTICLE = f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES ({', '.join(':' + c for c in _ARTICLE_COLUMNS)})"


def article_count(db: sqlite_utils.Database) -> int:
    """How many articles the store holds (an ingest reports the difference when it has to stop early)."""
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


def find_by_hash(db: sqlite_utils.Database, digest: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ?", [digest]).fetchone()
    return row[0] if row else None


def add_article(
    db: sqlite_utils.Database,
    article: Article,
    extraction=None,
    digest: str | None = None,
    complete: bool = False,
) -> tuple[int, bool]:
    """Store one article (and its extraction, when given) in one transaction.

    Returns (article id, created). An article whose content is already stored is not written again; its
    origin is remembered so the duplicate stays traceable, and with `complete` an extraction it lacks (it was
    stored with --no-nlp) is added.
    """
    folded_body = fold(article.body)
    row = article_row(article, now(), digest or content_hash(article, folded_body))
    conn = db.conn
    with transaction(db):
        existing = find_by_hash(db, row["content_hash"])
        if existing is not None:
            conn.execute(
                "INSERT OR IGNORE INTO origins(article_id, origin, seen_at) VALUES (?, ?, ?)",
                [existing, article.origin, row["ingested_at"]],
            )
            if complete and extraction is not None and not is_processed(db, existing):
                _write_extraction(db, existing, extraction)
            return existing, False
        article_id = conn.execute(_INSERT_ARTICLE, row).lastrowid
        conn.execute(
            "INSERT INTO origins(article_id, origin, seen_at) VALUES (?, ?, ?)",
            [article_id, article.origin, row["ingested_at"]],
        )
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
            [article_id, fold(article.title), fold(article.lede), folded_body],
        )
        conn.execute(
            "INSERT INTO articles_fts_exact(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
            [article_id, row["title"], row["lede"], row["body"]],
        )
        if extraction is not None:
            _write_extraction(db, article_id, extraction)
    return article_id, True


def record_failure(db: sqlite_utils.Database, failure: Failure) -> None:
    """Failures are kept (with their raw bytes) so the dashboard can list them; a repeat updates the time."""
    with transaction(db):
        db.execute(
            """INSERT INTO failures(file, line, reason, time, raw, count) VALUES (?, ?, ?, ?, ?, 1)
               ON CONFLICT(file, line, reason) DO UPDATE SET time = excluded.time, count = count + 1""",
            [failure.origin, failure.line or 0, failure.reason, now(), failure.raw],
        )


# --- extraction results ----------------------------------------------------------------------------------


def _entity_id(db: sqlite_utils.Database, name: str, etype: str, side: str, kb_id: str | None) -> int:
    row = db.execute("SELECT id FROM entities WHERE name = ? AND type = ?", [name, etype]).fetchone()
    if row:
        return row[0]
    return db["entities"].insert({"name": name, "type": etype, "side": side, "kb_id": kb_id}).last_pk


def _write_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    """ex: core.nlp.pipeline.Extraction (sentences, mentions, statements, relevant). Replaces what was there."""
    for table in ("mentions", "statements", "sentences"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])  # table names from a fixed list
    db["sentences"].insert_all(
        [
            {
                "article_id": article_id,
                "idx": s.idx,
                "field": s.field,
                "start": s.start,
                "end": s.end,
                "text": s.text,
            }
            for s in ex.sentences
        ]
    )
    ids: dict[tuple[str, str], int] = {}

    def eid(ent) -> int:
        key = (ent.name, ent.type)
        if key not in ids:
            ids[key] = _entity_id(db, ent.name, ent.type, ent.side, ent.kb_id)
        return ids[key]

    db["mentions"].insert_all(
        [
            {
                "article_id": article_id,
                "entity_id": eid(m.entity),
                "surface": m.surface,
                "sentence": m.sentence,
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "confidence": m.confidence,
                "evidence": m.evidence,
            }
            for m in ex.mentions
        ]
    )
    db["statements"].insert_all(
        [
            {
                "article_id": article_id,
                "speaker_id": eid(s.speaker) if s.speaker else None,
                "speaker_text": s.speaker_text,
                "speaker_side": s.speaker.side if s.speaker else "other",
                "verb": s.verb,
                "text": s.text,
                "quote": int(s.quote),
                "target": eid(s.target) if s.target else None,
                "target_text": s.target_text,
                "stance": s.stance,
                "score": s.score,
                "stance_prob": s.stance_prob,
                "sentence": s.sentence,
                "field": s.field,
                "start": s.start,
                "end": s.end,
                "relay": s.relay,
                "evidence": json.dumps(s.evidence, ensure_ascii=False),
            }
            for s in ex.statements
        ]
    )
    db.execute(
        """UPDATE articles SET relevant = ?, processed_at = ?, relevance_score = ?, relevance_evidence = ?
           WHERE id = ?""",
        [
            int(ex.relevant),
            now(),
            ex.relevance_score,
            json.dumps(list(ex.relevance_evidence), ensure_ascii=False),
            article_id,
        ],
    )
    apply_corrections(db, article_id)  # analyst corrections survive every re-extraction
    reaggregate(db, [article_id])


def save_extraction(db: sqlite_utils.Database, article_id: int, ex) -> None:
    with transaction(db):
        _write_extraction(db, article_id, ex)


# --- full-text search --------------------------------------------------------------------------------------


def fts_query(user_query: str) -> str | None:
    """A user's words -> a safe FTS5 MATCH expression over the folded index (the set every page filters by), or
    None when nothing is left. Every term is a quoted FTS5 string, so operators are plain words and can never
    raise; text in double quotes stays a phrase. Parsing and tiers live in core.store.search (the one search path).
    """
    return search.parse(user_query).match_all()


# --- reading back for reprocessing -------------------------------------------------------------------------


def is_processed(db: sqlite_utils.Database, article_id: int) -> bool:
    row = db.execute("SELECT processed_at FROM articles WHERE id = ?", [article_id]).fetchone()
    return bool(row and row[0])


def article_ids(db: sqlite_utils.Database) -> list[int]:
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]


def load_article(db: sqlite_utils.Database, article_id: int) -> Article:
    from core.models import DateInfo

    r = db["articles"].get(article_id)
    return Article(
        title=r["title"],
        lede=r["lede"] or "",
        body=r["body"],
        origin=r["origin"],
        raw=r["raw"],
        source=r["source"],
        url=r["url"],
        date=DateInfo(r["day"], r["month"], r["year"], r["date_source"], r["date_evidence"]),
        captions=tuple(json.loads(r["captions"] or "[]")),
        links=tuple(json.loads(r["links"] or "[]")),
        format=r["format"] or "text",
        crawled_at=r.get("crawled_at"),
        section=r.get("section"),
    )


# --- analyst corrections (Extraction layer) ----------------------------------------------------------------
# Corrections survive re-extraction: entity corrections are keyed by the entity's (name, type), statement
# corrections by (article id, sentence index, speaker text), never by a row id that re-extraction replaces.
# `apply_corrections` runs at the end of every `_write_extraction`, inside the same transaction.

CORRECTION_KINDS = (
    "article_date",
    "article_relevance",  # target_id: the article; new {"relevant": 0|1, "batch"}; old {"relevant"}
    "entity_rename",
    "entity_merge",
    "entity_side",
    "statement_speaker",
    "statement_stance",
    "undo",  # target_id: the correction taken back (kept for the record, never replayed)
)


def record_correction(
    db: sqlite_utils.Database, what: str, target_id: int, old: object, new: object, who: str, why: str
) -> int:
    """Append one correction; `old` and `new` are JSON so keys and values stay machine-readable."""
    if what not in CORRECTION_KINDS:
        raise ValueError(f"unknown correction kind: {what}")
    cur = db.execute(
        "INSERT INTO corrections(what, target_id, old, new, who, at, why) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            what,
            target_id,
            json.dumps(old, ensure_ascii=False),
            json.dumps(new, ensure_ascii=False),
            who,
            now(),
            why,
        ],
    )
    return cur.lastrowid


def list_corrections(db: sqlite_utils.Database) -> list[dict]:
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    rows = db.execute("SELECT id, what, target_id, old, new, who, at, why FROM corrections ORDER BY id")
    return [dict(zip(cols, r, strict=True)) for r in rows]


def correction_row(db: sqlite_utils.Database, correction_id: int) -> dict | None:
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    row = db.execute(
        "SELECT id, what, target_id, old, new, who, at, why FROM corrections WHERE id = ?", [correction_id]
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def undone_ids(db: sqlite_utils.Database) -> set[int]:
    """Ids of the corrections an analyst took back (each has an 'undo' record naming it)."""
    return {r[0] for r in db.execute("SELECT target_id FROM corrections WHERE what = 'undo'")}


def article_date_row(db: sqlite_utils.Database, article_id: int) -> dict | None:
    row = db.execute(
        "SELECT year, month, day, published, date_source, date_evidence FROM articles WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("year", "month", "day", "published", "date_source", "date_evidence"), row, strict=True))


def write_article_date(
    db: sqlite_utils.Database, article_id: int, year: int, month: int | None, day: int | None, evidence: str
) -> None:
    published = f"{year:04d}-{month:02d}-{day:02d}" if (year and month and day) else None
    db.execute(
        """UPDATE articles SET year = ?, month = ?, day = ?, published = ?, date_source = 'analyst',
           date_evidence = ? WHERE id = ?""",
        [year, month, day, published, evidence, article_id],
    )
    reaggregate(db, [article_id])


def person_entities(db: sqlite_utils.Database) -> list[dict]:
    """Every person entity with its mention count (for merging spellings of one name across the store)."""
    rows = db.execute(
        """SELECT e.id, e.name, e.kb_id, e.side, COUNT(m.id) FROM entities e
           LEFT JOIN mentions m ON m.entity_id = e.id WHERE e.type = 'PER' GROUP BY e.id ORDER BY e.id"""
    )
    return [dict(zip(("id", "name", "kb_id", "side", "mentions"), r, strict=True)) for r in rows]


def entity_row(db: sqlite_utils.Database, entity_id: int) -> dict | None:
    row = db.execute("SELECT id, name, type, side, kb_id FROM entities WHERE id = ?", [entity_id]).fetchone()
    return dict(zip(("id", "name", "type", "side", "kb_id"), row, strict=True)) if row else None


def statement_row(db: sqlite_utils.Database, statement_id: int) -> dict | None:
    cols = ("id", "article_id", "speaker_id", "speaker_text", "sentence", "stance", "score")
    row = db.execute(
        "SELECT id, article_id, speaker_id, speaker_text, sentence, stance, score FROM statements WHERE id = ?",
        [statement_id],
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def _move_entity(db: sqlite_utils.Database, source_id: int, into_id: int) -> None:
    """Point every mention and statement of source at into, then drop source."""
    side = db.execute("SELECT side FROM entities WHERE id = ?", [into_id]).fetchone()[0]
    touched = [
        r[0] for r in db.execute("SELECT article_id FROM entity_article WHERE entity_id = ?", [source_id])
    ]
    touched += _articles_spoken_by(db, source_id)
    db.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into_id, source_id])
    db.execute(
        "UPDATE statements SET speaker_id = ?, speaker_side = ? WHERE speaker_id = ?",
        [into_id, side, source_id],
    )
    reaggregate(db, sorted(set(touched)))
    db.execute("UPDATE statements SET target = ? WHERE target = ?", [into_id, source_id])
    db.execute("DELETE FROM entities WHERE id = ?", [source_id])


def entity_by_key(db: sqlite_utils.Database, name: str, etype: str) -> int | None:
    row = db.execute("SELECT id FROM entities WHERE name = ? AND type = ?", [name, etype]).fetchone()
    return row[0] if row else None


def _apply_entity_key(db: sqlite_utils.Database, old_key: dict, into_id: int) -> None:
    """Re-extraction recreates an entity under its old (name, type): fold it back into the corrected one."""
    again = entity_by_key(db, old_key["name"], old_key["type"])
    if again is not None and again != into_id and entity_row(db, into_id) is not None:
        _move_entity(db, again, into_id)


def rename_entity_row(db: sqlite_utils.Database, entity_id: int, new_name: str) -> None:
    row = entity_row(db, entity_id)
    clash = entity_by_key(db, new_name, row["type"])
    if clash is not None and clash != entity_id:  # the new name already exists: renaming is a merge
        _move_entity(db, entity_id, clash)
        return
    db.execute("UPDATE entities SET name = ? WHERE id = ?", [new_name, entity_id])


def merge_entity_rows(db: sqlite_utils.Database, source_id: int, into_id: int) -> None:
    _move_entity(db, source_id, into_id)


def _articles_spoken_by(db: sqlite_utils.Database, entity_id: int) -> list[int]:
    return [
        r[0]
        for r in db.execute("SELECT DISTINCT article_id FROM statements WHERE speaker_id = ?", [entity_id])
    ]


def set_entity_side_row(db: sqlite_utils.Database, entity_id: int, side: str) -> None:
    db.execute("UPDATE entities SET side = ? WHERE id = ?", [side, entity_id])
    db.execute("UPDATE statements SET speaker_side = ? WHERE speaker_id = ?", [side, entity_id])
    reaggregate(db, _articles_spoken_by(db, entity_id))


def _statement_ids(db: sqlite_utils.Database, key: dict) -> list[int]:
    rows = db.execute(
        "SELECT id FROM statements WHERE article_id = ? AND sentence = ? AND speaker_text = ?",
        [key["article_id"], key["sentence"], key["speaker_text"]],
    )
    return [r[0] for r in rows]


def set_statement_speaker_rows(db: sqlite_utils.Database, key: dict, entity_id: int) -> int:
    ent = entity_row(db, entity_id)
    if ent is None:
        return 0
    ids = _statement_ids(db, key)
    for sid in ids:
        db.execute(
            "UPDATE statements SET speaker_id = ?, speaker_side = ? WHERE id = ?",
            [entity_id, ent["side"], sid],
        )
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def unset_statement_speaker_rows(db: sqlite_utils.Database, key: dict) -> int:
    """Back to no resolved speaker (as extraction stores it: side 'other')."""
    ids = _statement_ids(db, key)
    for sid in ids:
        db.execute("UPDATE statements SET speaker_id = NULL, speaker_side = 'other' WHERE id = ?", [sid])
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def set_statement_stance_rows(db: sqlite_utils.Database, key: dict, stance: str, score: float | None) -> int:
    ids = _statement_ids(db, key)
    for sid in ids:
        if score is None:
            db.execute("UPDATE statements SET stance = ? WHERE id = ?", [stance, sid])
        else:
            db.execute("UPDATE statements SET stance = ?, score = ? WHERE id = ?", [stance, score, sid])
    if ids:
        reaggregate(db, [key["article_id"]])
    return len(ids)


def _current_entity(db: sqlite_utils.Database, ref: dict) -> int | None:
    """An entity reference {id, name, type}: the id while it lives, else whatever now holds that key."""
    if entity_row(db, ref["id"]) is not None:
        return ref["id"]
    return entity_by_key(db, ref["name"], ref["type"])


def set_article_relevant(db: sqlite_utils.Database, article_id: int, relevant: int | None) -> int:
    """Set one article's relevance flag (an analyst's verdict or the extraction's, restored by an undo) and
    bring its aggregates up to date; 1 when the article exists."""
    cur = db.execute(
        "UPDATE articles SET relevant = ? WHERE id = ?",
        [None if relevant is None else int(relevant), article_id],
    )
    if cur.rowcount:
        reaggregate(db, [article_id])
    return int(cur.rowcount > 0)


def article_relevant(db: sqlite_utils.Database, article_id: int, missing: int | None = None) -> int | None:
    """An article's relevance flag (None: not judged yet; `missing` when there is no such article)."""
    row = db.execute("SELECT relevant FROM articles WHERE id = ?", [article_id]).fetchone()
    return missing if row is None else row[0]


def relevance_batch(db: sqlite_utils.Database, batch: str) -> list[dict]:
    """The `article_relevance` corrections of one bulk marking that still hold: {id, target_id, old}."""
    rows = db.execute(
        """SELECT id, target_id, old FROM corrections
           WHERE what = 'article_relevance' AND json_extract(new, '$.batch') = ?
             AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo') ORDER BY id""",
        [batch],
    )
    return [{"id": r[0], "target_id": r[1], "old": json.loads(r[2] or "null")} for r in rows]


def held_relevance(db: sqlite_utils.Database, article_ids: list[int]) -> dict[int, int]:
    """Each article's latest `article_relevance` marking still in force (article id -> 0/1), in one pass
    (an undo of thousands of markings must not scan the corrections once per article)."""
    if not article_ids:
        return {}
    rows = db.execute(
        """SELECT target_id, json_extract(new, '$.relevant') FROM (
               SELECT target_id, new, row_number() OVER (PARTITION BY target_id ORDER BY id DESC) AS k
               FROM corrections WHERE what = 'article_relevance'
                 AND target_id IN (SELECT value FROM json_each(?))
                 AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo'))
           WHERE k = 1""",
        [json.dumps([int(i) for i in article_ids])],
    )
    return {r[0]: r[1] for r in rows}


def _replayed_corrections(db: sqlite_utils.Database, article_id: int | None) -> list[dict]:
    """The corrections to replay, oldest first: for one article, its own article-level ones (a bulk marking
    of thousands of articles must not be read back on every article's re-extraction) and all others."""
    if article_id is None:
        return list_corrections(db)
    cols = ("id", "what", "target_id", "old", "new", "who", "at", "why")
    rows = db.execute(
        """SELECT id, what, target_id, old, new, who, at, why FROM corrections
           WHERE what NOT IN ('article_relevance', 'article_date') OR target_id = ? ORDER BY id""",
        [article_id],
    )
    return [dict(zip(cols, r, strict=True)) for r in rows]


def apply_corrections(db: sqlite_utils.Database, article_id: int | None = None) -> int:
    """Replay every correction in order (statement and date ones only for `article_id` when given).

    Idempotent: replaying twice gives the same rows. Runs inside the caller's transaction.
    """
    applied = 0
    undone = undone_ids(db)
    for c in _replayed_corrections(db, article_id):
        if c["what"] == "undo" or c["id"] in undone:
            continue
        old, new = json.loads(c["old"] or "null"), json.loads(c["new"] or "null")
        what = c["what"]
        if what == "article_relevance":
            applied += set_article_relevant(db, c["target_id"], new["relevant"])
        elif what == "article_date":
            mine = article_id is None or c["target_id"] == article_id
            if mine and article_date_row(db, c["target_id"]) is not None:
                write_article_date(db, c["target_id"], new["year"], new["month"], new["day"], new["evidence"])
                applied += 1
        elif what in ("entity_rename", "entity_merge"):
            into = _current_entity(db, new)
            if into is None:
                continue
            if what == "entity_rename":
                row = entity_row(db, into)
                if row["name"] != new["name"]:
                    rename_entity_row(db, into, new["name"])
                    into = _current_entity(db, new)
            _apply_entity_key(db, old, into)
            applied += 1
        elif what == "entity_side":
            ent = _current_entity(db, old)
            if ent is not None:
                set_entity_side_row(db, ent, new["side"])
                applied += 1
        elif what in ("statement_speaker", "statement_stance"):
            if article_id is not None and old["key"]["article_id"] != article_id:
                continue
            if what == "statement_speaker":
                ent = _current_entity(db, new)
                if ent is not None:
                    applied += bool(set_statement_speaker_rows(db, old["key"], ent))
            else:
                applied += bool(set_statement_stance_rows(db, old["key"], new["stance"], new["score"]))
    return applied


def fts_search(conn: sqlite3.Connection, user_query: str, limit: int = 1000) -> list[int]:
    """Article ids for a user's query, best first: exact phrase, then other marks, then the words apart
    (core.store.search.search, first `limit` results)."""
    return list(search.search(conn, user_query, per_page=limit).ids)
