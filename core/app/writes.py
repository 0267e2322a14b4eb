"""The dashboard's only writes: relevance markings, article dates and review fixes, each recorded through
core.store.corrections with who and why on a short-lived write connection (the dashboard otherwise only
reads), and the undo of a batch. No Streamlit here: core.app.marking, core.app.dates and the review page
draw the forms and call these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from typing import TYPE_CHECKING

from core.ingest import marked
from core.store import connection, corrections

if TYPE_CHECKING:
    from core.app.context import Ctx


MARK_LIMIT = 10_000  # the most articles one marking or bulk date form acts on (one transaction)
REVIEW_FIXES = ("stance", "speaker", "side", "drop", "undo")


def mark_relevance(
    ctx: Ctx,
    article_ids: Sequence[int],
    relevant: int,
    *,
    who: str,
    why: str,
    on_article: Callable[[int, int], None] | None = None,
) -> tuple[str, list[int]]:
    """The on/off-topic marking's write (one article or every one the filters select). Articles marked
    on-topic that were not relevant are then read in full (core.ingest.marked: NER, statements, stance),
    `on_article(i, n)` reporting each one read, so their statements count at once. Returns the batch id that
    undoes the marking and the ids of articles whose reading failed (marked all the same)."""
    if not who.strip() or not why.strip():
        raise ValueError("a marking needs the analyst's name and a reason")
    with closing(connection.connect(ctx.path)) as db:
        unread = marked.not_relevant(db, article_ids)
        batch = corrections.mark_articles(db, list(article_ids), relevant, who=who.strip(), why=why.strip())
        # mark_articles refused anything but 0 and 1 (or "0"/"1", True/False)
        return batch, marked.read_in_full(db, unread, on_article) if int(relevant) == 1 else []


def undo_batch(ctx: Ctx, batch: str, *, who: str, why: str = "") -> int:
    """Take back one batch (a marking or dates, all its articles); returns how many articles got their
    earlier value back."""
    with closing(connection.connect(ctx.path)) as db:
        return corrections.undo_batch(db, batch, who=who.strip() or "?", why=why)


def set_article_date(
    ctx: Ctx, article_id: int, *, year: int, month: int | None, day: int | None, who: str, why: str = ""
) -> str:
    """The date form's write; returns the batch id that undoes it (`undo_batch`)."""
    with closing(connection.connect(ctx.path)) as db:
        return corrections.set_article_date(
            db, int(article_id), year=year, month=month, day=day, who=who, why=why
        )


def set_dates(
    ctx: Ctx,
    article_ids: Sequence[int],
    *,
    year: int,
    month: int | None = None,
    day: int | None = None,
    who: str,
    why: str,
) -> str:
    """Dates for many articles in one batch (a year alone keeps each article's day and month); returns the
    batch id that undoes them all (`undo_batch`)."""
    if not who.strip() or not why.strip():
        raise ValueError("a date for many articles needs the analyst's name and a reason")
    with closing(connection.connect(ctx.path)) as db:
        return corrections.set_article_dates(
            db, list(article_ids), year=year, month=month, day=day, who=who.strip(), why=why.strip()
        )


def review_fix(ctx: Ctx, fix: str, target: int, value: object = None, *, who: str, why: str = "") -> None:
    """One click of the review queue: `stance` (statement id, stance), `speaker` (statement id, entity id),
    `side` (the speaker's entity id, side), `drop` (statement id: no statement) or `undo` (correction id)."""
    if fix not in REVIEW_FIXES:
        raise ValueError(f"fix must be one of {REVIEW_FIXES}")
    if not who.strip():
        raise ValueError("a fix needs the analyst's name")
    who, why = who.strip(), why.strip()
    with closing(connection.connect(ctx.path)) as db:
        if fix == "stance":
            corrections.set_statement_stance(db, int(target), str(value), who=who, why=why)
        elif fix == "speaker":
            corrections.set_statement_speaker(db, int(target), int(value), who=who, why=why)
        elif fix == "side":
            corrections.set_entity_side(db, int(target), str(value), who=who, why=why)
        elif fix == "drop":
            corrections.drop_statement(db, int(target), who=who, why=why)
        else:
            corrections.undo(db, int(target), who=who, why=why)
