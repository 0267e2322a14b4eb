"""Articles an analyst marked on-topic get the full reading (NER, statements, stance) that ingest gives only to
the articles the relevance model lets through, so their statements reach the timeline like any other.

An article the model read as off-topic was stored with its knowledge-file mentions alone (core.nlp.pipeline),
unless borderline (read in full already): marking it on-topic without reading it again would put an article with
no statements among the relevant ones.
`read_in_full` re-extracts such articles with `extract(full=True)` and stores the result; the store then
replays the analyst's corrections (the marking itself included), so the flag stays the analyst's and the
model's verdict and evidence stay on record. `python -m core.ingest --reprocess` reads them in full too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlite_utils

from core.store import db as store
from core.store import edits
from core.store.corrections import merge_name_variants
from core.store.sides import spread_sides


def not_relevant(db: sqlite_utils.Database, article_ids: Iterable[int]) -> list[int]:
    """Which of these articles are not flagged relevant now (off-topic, or stored without extraction): their
    reading has no NER and no statements, unless they are borderline or an earlier on-topic marking had them
    read in full (reading those again costs a tenth of a second each and changes nothing)."""
    return [int(i) for i in article_ids if edits.article_relevant(db, int(i), missing=-1) in (0, None)]


def held_on_topic(db: sqlite_utils.Database, article_ids: Iterable[int]) -> set[int]:
    """Which of these articles an analyst's marking holds on-topic (the latest marking still in force)."""
    return {i for i, flag in edits.held_relevance(db, list(article_ids)).items() if flag == 1}


def read_in_full(
    db: sqlite_utils.Database,
    article_ids: Iterable[int],
    on_article: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Extract these stored articles in full and store the readings, one transaction each (an article read
    is kept whatever happens to the next); then merge name variants and spread sides over the store, as an
    ingest does after new statements. `on_article(i, n)` reports progress. Returns the ids whose extraction
    raised: they keep the reading they had (and the marking), the others are read."""
    from core.nlp.pipeline import extract

    ids = list(dict.fromkeys(int(i) for i in article_ids))
    failed = []
    for i, article_id in enumerate(ids):
        try:
            ex = extract(store.load_article(db, article_id), full=True)
        except Exception:  # noqa: BLE001 -- isolation: one article never costs the others their reading
            failed.append(article_id)
        else:
            store.save_extraction(db, article_id, ex)
        if on_article:
            on_article(i + 1, len(ids))
    if len(failed) < len(ids):
        merge_name_variants(db)
        spread_sides(db)
    return failed
