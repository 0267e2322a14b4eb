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
    conn.execute(
        "INSERT INTO articles_fts(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
        [article_id, fold(title), fold(lede), folded_body],
    )
    conn.execute(
        "INSERT INTO articles_fts_exact(rowid, title, lede, body) VALUES (?, ?, ?, ?)",
        [article_id, title, lede, body],
    )


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
