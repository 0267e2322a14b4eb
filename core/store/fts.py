"""The two full-text indexes of the articles: writing an article into them, and a user's words as a query.

Why a module of its own: `articles_fts` holds the text folded by core.text.textnorm.fold (unicode61 does not
fold đ -> d), `articles_fts_exact` the stored text with its marks (an external-content index), both with
rowid = articles.id. Every article enters both here, so the two can never disagree about which articles
exist; parsing a user's words and ranking the tiers live in core.store.search, the one search path.
"""

from __future__ import annotations

import sqlite3

from core.store import search
from core.text.textnorm import fold


def index_article(
    conn: sqlite3.Connection, article_id: int, title: str, lede: str, body: str, folded_body: str
) -> None:
    """Add a new article to both indexes (inside the caller's transaction); `folded_body` is fold(body),
    already computed for the content hash."""
    index_many(conn, [(article_id, title, lede, body, folded_body)])


def index_many(conn: sqlite3.Connection, rows: list[tuple[int, str, str, str, str]]) -> None:
    """index_article for many articles at once: rows of (id, title, lede, body, folded body)."""
    conn.executemany(
        "INSERT INTO articles_fts(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
        [(i, fold(t), fold(le), fb) for i, t, le, _, fb in rows],
    )
    conn.executemany(
        "INSERT INTO articles_fts_exact(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
        [(i, t, le, b) for i, t, le, b, _ in rows],
    )


class Deferred:
    """Index rows held back until the end of a batch of articles written in one transaction.

    Why: FTS5 keeps new rows' terms in memory and writes them out as a new segment whenever a statement of
    the transaction opens a savepoint, which most of an article's other writes do (a multi-row insert, a
    delete over indexed tables). Indexed one by one, every article became a segment of its own, flushed
    mid-batch and merged again at commit: about 30 % of the writer's time on 1,500 corpus articles written
    in the ingest's batches (bench/bench_ingest_split.py's write stage: 18.7 % -> 13.7 % of all stages; the
    whole-archive ingest, where the workers set the pace, was not measurably faster). Held back and added
    together just before the commit, a batch is one segment. Nothing in the write path reads the text indexes,
    so holding rows back changes no other write.
    """

    def __init__(self) -> None:
        self.rows: list[tuple[int, str, str, str, str]] = []

    def add(self, article_id: int, title: str, lede: str, body: str, folded_body: str) -> None:
        self.rows.append((article_id, title, lede, body, folded_body))

    def flush(self, conn: sqlite3.Connection) -> None:
        """Index what is held (inside the caller's transaction, before it commits)."""
        rows, self.rows = self.rows, []
        index_many(conn, rows)

    def clear(self) -> None:
        """The transaction was rolled back: its articles are gone, and so are their rows."""
        self.rows = []


def fts_query(user_query: str) -> str | None:
    """A user's words -> a safe FTS5 MATCH expression over the folded index (the set every page filters by), or
    None when nothing is left. Every term is a quoted FTS5 string, so operators are plain words and can never
    raise; text in double quotes stays a phrase. Parsing and tiers live in core.store.search (the one search path).
    """
    return search.parse(user_query).match_all()


def fts_search(conn: sqlite3.Connection, user_query: str, limit: int = 1000) -> list[int]:
    """Article ids for a user's query, best first: exact phrase, then other marks, then the words apart
    (core.store.search.search, first `limit` results)."""
    return list(search.search(conn, user_query, per_page=limit).ids)
