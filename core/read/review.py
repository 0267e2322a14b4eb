"""The review queues: statements whose stance or speaker an analyst should check first, the fixes that still
hold, and the articles without a year (the date queue).

The review page and the date actions call these by reference (`context.q(ctx, review.review_queue, f)`);
the filter SQL comes from core.read.filters, the reads go through core.read.db (this thread's connection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from core.config import rules
from core.read.db import df, in_list, one
from core.read.filters import ADATE, FROM, SPEAKER, STATEMENT_COLUMNS, Filters, uses

# Articles without a full date (the year, the month or the day unknown) or dated only by a bulk import's time: a
# date filter cannot place them.
_UNDATED = (  # = the partial index of m020
    "(a.year IS NULL OR a.month IS NULL OR a.day IS NULL OR a.date_source = 'crawled_bulk')"
)


def undated_articles(path: str | Path, f: Filters, limit: int = 200, offset: int = 0) -> pd.DataFrame:
    """The date queue: articles without a full date or dated by a bulk import alone, year-less first, `limit`
    rows from `offset` (the page shows `undated_total` beside it and pages through). Each row carries what the
    date form pre-fills from: the dateline's day and month, the crawl time (an upper bound of publication) and
    where the stored date came from."""
    where, params = f.without_dates().to_sql("articles")
    return df(
        path,
        f"""SELECT a.id AS id, a.title AS title, a.source AS source, a.year AS year, a.month AS month,
                   a.day AS day, a.date_source AS date_source, a.date_evidence AS evidence, a.crawled_at AS crawled_at
            {FROM["articles"]} {where} AND {_UNDATED}
            ORDER BY a.year IS NOT NULL, a.id LIMIT :limit OFFSET :offset""",
        {**params, "limit": int(limit), "offset": max(0, int(offset))},
    )


def undated_total(path: str | Path, f: Filters) -> int:
    """How many articles the date queue holds under the filters (dates aside)."""
    where, params = f.without_dates().to_sql("articles")
    row = one(path, f"SELECT COUNT(*) AS n {FROM['articles']} {where} AND {_UNDATED}", params)
    return int(row["n"]) if row else 0


def date_prefill(
    day: int | None, month: int | None, crawled_at: str | None
) -> tuple[int | None, int | None, int | None]:
    """What the date form starts from for one article: (year, month, day).

    Day and month are the dateline's. The crawl time is an upper bound of publication, so the year is the
    latest one in which that day and month fall on or before the crawl day (a day of slack for time zones):
    28/12 crawled on 3 January 2017 is 2016. Without a dateline the crawl's year alone; without a crawl time
    no year: the analyst gives it, nothing is guessed.

    >>> date_prefill(28, 12, "2017-01-03T08:00:00+07:00")
    (2016, 12, 28)
    """
    day = None if day is None or pd.isna(day) else int(day)
    month = None if month is None or pd.isna(month) else int(month)
    crawled = None
    if isinstance(crawled_at, str) and crawled_at.strip():
        try:
            crawled = dt.datetime.fromisoformat(crawled_at.strip().replace("Z", "+00:00"))
        except ValueError:
            crawled = None
    if crawled is None:
        return None, month, day
    if month is None:
        return crawled.year, None, None
    last = crawled.date() + dt.timedelta(days=1)
    for year in range(crawled.year, crawled.year - 5, -1):
        try:
            when = dt.date(year, month, day or 1)
        except ValueError:
            continue  # 29 February in a year without one
        if when <= last:
            return year, month, day
    return None, month, day


# --- review queue ------------------------------------------------------------------------------------------

REVIEW_KINDS = ("all", "stance", "speaker", "statement")
# Below this probability of being a statement (core.nlp.realness, kept in the evidence) a row is listed in the
# "statement" queue: extraction kept it, but it may be a narrated act or a headline to take out.
DOUBTFUL = 0.5
# Active (not undone) analyst corrections per statement key, and entities whose side an analyst set: a
# statement leaves the stance queue once its stance was set, the speaker queue once its speaker or the
# speaker's side was. Statement corrections are keyed like core.store.edits keys them: (article, sentence,
# speaker text), so they hold across re-extraction.
_REVIEWED = """WITH undone AS (SELECT target_id AS id FROM corrections WHERE what = 'undo'),
    done AS (
      SELECT json_extract(c.old, '$.key.article_id') AS aid, json_extract(c.old, '$.key.sentence') AS sent,
             json_extract(c.old, '$.key.speaker_text') AS spk,
             MAX(c.what = 'statement_stance') AS stance_done, MAX(c.what = 'statement_speaker') AS speaker_done
      FROM corrections c
      WHERE c.what IN ('statement_stance', 'statement_speaker') AND c.id NOT IN (SELECT id FROM undone)
      GROUP BY 1, 2, 3),
    sided AS (
      SELECT DISTINCT json_extract(c.old, '$.name') AS name, json_extract(c.old, '$.type') AS type
      FROM corrections c WHERE c.what = 'entity_side' AND c.id NOT IN (SELECT id FROM undone))"""
_STANCE_OPEN = "COALESCE(d.stance_done, 0) = 0"
_SPEAKER_OPEN = (
    "((s.speaker_id IS NULL OR s.speaker_side = 'other') AND COALESCE(d.speaker_done, 0) = 0 "
    "AND NOT EXISTS (SELECT 1 FROM sided x WHERE x.name = sp.name AND x.type = sp.type))"
)
_REAL_PROB = "json_extract(s.evidence, '$.real_prob')"
_STATEMENT_OPEN = (
    f"({_REAL_PROB} < {DOUBTFUL} AND COALESCE(d.stance_done, 0) = 0 AND COALESCE(d.speaker_done, 0) = 0)"
)
_WANTED = {
    "all": f"({_STANCE_OPEN} OR {_SPEAKER_OPEN})",
    "stance": _STANCE_OPEN,
    "speaker": _SPEAKER_OPEN,
    "statement": _STATEMENT_OPEN,
}


def review_queue(
    path: str | Path, f: Filters, kind: str = "all", limit: int = 20, offset: int = 0
) -> pd.DataFrame:
    """The statements an analyst should look at first: the least confident stance first (the model's
    probability, lowest first; rules-only statements after them, weakest score first), and speakers that
    are unresolved or on no side. `kind` narrows to the stance or the speaker queue, or lists the rows the
    statement check kept with the least confidence (`statement`, lowest probability of being a statement first).

    Each row carries its sentence (and the statement's offsets in it) so the page can show the words the
    label was read from, and `stance_open` / `speaker_issue` saying why it is listed.
    """
    if kind not in REVIEW_KINDS:
        raise ValueError(f"kind must be one of {REVIEW_KINDS}")
    where, params = f.to_sql("statements")
    order = f"{_REAL_PROB}, " if kind == "statement" else ""
    return df(
        path,
        f"""{_REVIEWED}
            SELECT {STATEMENT_COLUMNS}, s.speaker_id AS speaker_id, s.speaker_text AS speaker_text,
                   s.stance_prob AS stance_prob, {_STANCE_OPEN} AS stance_open, {_REAL_PROB} AS real_prob,
                   CASE WHEN NOT {_SPEAKER_OPEN} THEN NULL
                        WHEN s.speaker_id IS NULL THEN 'unresolved' ELSE 'side_other' END AS speaker_issue,
                   se.text AS sentence_text, s.start - se.start AS span_start, s."end" - se.start AS span_end
            {FROM["statements"]}
            LEFT JOIN sentences se ON se.article_id = s.article_id AND se.idx = s.sentence
            LEFT JOIN done d ON d.aid = s.article_id AND d.sent = s.sentence AND d.spk = s.speaker_text
            {where} AND {_WANTED[kind]}
            ORDER BY {order}s.stance_prob IS NULL, s.stance_prob, ABS(COALESCE(s.score, 0)), s.id
            LIMIT :limit OFFSET :offset""",
        {**params, "limit": int(limit), "offset": max(0, int(offset))},
    )


def _counted_from(where: str) -> str:
    """FROM for counting the queue: the article join only when a filter reads the article (the relevance flag
    is the statement's own copy), the speaker always (the speaker queue reads its name)."""
    joins = " JOIN articles a ON a.id = s.article_id" if uses(where, "a") else ""
    return f"FROM statements s{joins} LEFT JOIN entities sp ON sp.id = s.speaker_id"


def review_total(path: str | Path, f: Filters, kind: str = "all") -> int:
    """How many statements the review queue (`kind`) holds under the filters."""
    if kind not in REVIEW_KINDS:
        raise ValueError(f"kind must be one of {REVIEW_KINDS}")
    where, params = f.to_sql("statements")
    row = one(
        path,
        f"""{_REVIEWED}
            SELECT COUNT(*) AS n {_counted_from(where)}
            LEFT JOIN done d ON d.aid = s.article_id AND d.sent = s.sentence AND d.spk = s.speaker_text
            {where} AND {_WANTED[kind]}""",
        params,
    )
    return int(row["n"]) if row else 0


def review_speakers(path: str | Path, article_ids: Sequence[int]) -> pd.DataFrame:
    """The people and organisations (then places) each article names: the choices for fixing a speaker."""
    params: dict[str, Any] = {}
    ids = in_list("aid", [int(i) for i in article_ids], params) if article_ids else "(NULL)"
    return df(
        path,
        f"""SELECT DISTINCT m.article_id AS article_id, e.id AS id, e.name AS name, e.type AS type,
                   e.side AS side
            FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN {ids}
            ORDER BY m.article_id, CASE e.type WHEN 'PER' THEN 0 WHEN 'ORG' THEN 1 ELSE 2 END, e.name""",
        params,
    )


def review_log(path: str | Path, limit: int = 20) -> pd.DataFrame:
    """The latest stance, speaker, side and "not a statement" fixes that still hold (newest first), each with the
    statement or entity as it reads now (a dropped statement as it read), so the analyst sees what a fix changed
    and can take it back."""
    return df(
        path,
        f"""SELECT c.id AS id, c.what AS what, c.who AS who, c.why AS why, c.at AS at,
                   s.id AS statement_id, COALESCE(s.article_id, json_extract(c.old, '$.key.article_id')) AS article_id,
                   COALESCE(s.text, json_extract(c.old, '$.rows[0].text')) AS text, s.stance AS stance,
                   {SPEAKER} AS speaker, s.speaker_side AS side,
                   e.name AS entity, e.side AS entity_side
            FROM corrections c
            LEFT JOIN statements s ON c.what IN ('statement_stance', 'statement_speaker') AND s.id = (
                SELECT MIN(s2.id) FROM statements s2
                WHERE s2.article_id = json_extract(c.old, '$.key.article_id')
                  AND s2.sentence = json_extract(c.old, '$.key.sentence')
                  AND s2.speaker_text = json_extract(c.old, '$.key.speaker_text'))
            LEFT JOIN entities sp ON sp.id = s.speaker_id
            LEFT JOIN entities e ON c.what = 'entity_side' AND e.name = json_extract(c.old, '$.name')
                 AND e.type = json_extract(c.old, '$.type')
            WHERE c.what IN ('statement_stance', 'statement_speaker', 'statement_drop', 'entity_side')
              AND c.id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo')
            ORDER BY c.id DESC LIMIT :limit""",
        {"limit": int(limit)},
    )


# The borderline queue's floor, the one from which ingest reads an article the model left out in full
# (data/relevance.yaml `read_floor`): a census of every article of the whole development archive the learned
# model left out with a probability of at least 0.10 found 36 of 97 relevant (tests/gold/relevance/README.md),
# and one of 0.03-0.10 only 10 of 95: below the floor an analyst's time finds little. (The model has since
# learned from both censuses, so on that archive the band now holds few relevant articles; on new text it is
# the band where the misses sit.)
BORDERLINE_FLOOR = float(rules("relevance")["read_floor"])
# Left out by the model, and no analyst's marking in force (a marked article has been decided).
_BORDERLINE = f"""a.relevant = 0 AND a.relevance_prob >= {BORDERLINE_FLOOR}
    AND a.id NOT IN (SELECT target_id FROM corrections WHERE what = 'article_relevance'
                     AND id NOT IN (SELECT target_id FROM corrections WHERE what = 'undo'))"""


def _borderline_where(f: Filters) -> tuple[str, dict[str, Any]]:
    """The filters without their relevance (the queue is the articles the flag left out), plus the band."""
    where, params = replace(f, relevance=None).to_sql("articles")
    return f"{where} AND {_BORDERLINE}", params


def borderline_articles(path: str | Path, f: Filters, limit: int = 10, offset: int = 0) -> pd.DataFrame:
    """The relevance queue: articles the learned model left out but nearly flagged (probability at least
    BORDERLINE_FLOOR), most probable first, that no analyst has marked. Ingest read them in full (their
    statements and entities are there to judge by); marking one on-topic reads it again and flags it."""
    where, params = _borderline_where(f)
    return df(
        path,
        f"""SELECT a.id AS id, {ADATE} AS date, a.source AS source, a.title AS title,
                   a.relevance_prob AS probability
            {FROM["articles"]} {where}
            ORDER BY a.relevance_prob DESC, a.id LIMIT :limit OFFSET :offset""",
        {**params, "limit": int(limit), "offset": max(0, int(offset))},
    )


def borderline_total(path: str | Path, f: Filters) -> int:
    """How many articles the relevance queue holds under the filters."""
    where, params = _borderline_where(f)
    row = one(path, f"SELECT COUNT(*) AS n {FROM['articles']} {where}", params)
    return int(row["n"]) if row else 0
