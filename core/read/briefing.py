"""The briefing's data: the candidate statements it quotes (ranked per side) and the matching articles per
outlet (also the provenance line of every export)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from core.config import rules
from core.read import articles, db
from core.read.filters import FROM, SPEAKER, Filters
from core.store import matches, search


def source_counts(path: str | Path, f: Filters) -> pd.DataFrame:
    """Matching articles per outlet, largest first; articles with no outlet recorded are one row with
    source None (exports count them apart instead of naming a '?' outlet). Under a text query over the
    ids the render already matched (core.read.articles.matched_ids: 12,431 of the 100k bench store for
    'đối đầu' in the relevant articles, one index probe each), not by matching them again."""
    if search.parse(f.q):
        frm, where = "FROM " + matches.each_article("ids"), ""
        params: dict[str, Any] = {"ids": json.dumps(articles.matched_ids(path, f))}
    else:
        frm, (where, params) = FROM["articles"], f.to_sql("articles")
    return db.df(
        path,
        f"""SELECT NULLIF(TRIM(a.source), '') AS source, COUNT(*) AS articles {frm} {where}
            GROUP BY 1 ORDER BY 2 DESC, 1""",
        params,
    )


@db.snapshot
def briefing_data(path: str | Path, f: Filters, limit: int = 8) -> dict[str, pd.DataFrame]:
    """What a briefing page lists besides its charts: candidate statements and the outlets.

    Candidates are ranked per side (`limit` x 4 of each, so core.app.briefing.pick_statements can balance sides):
    a speaker resolved to a known entity first, then stance strength with a bonus for a direct quote
    (data/export.yaml `briefing.quote_bonus`), then the newest."""
    bonus = float((rules("export").get("briefing") or {}).get("quote_bonus", 0.0))
    where, params = f.to_sql("statements")
    top = db.df(
        path,
        f"""SELECT date, speaker, side, stance, text, source, title, article_id, score, quote, resolved FROM (
              SELECT s.adate AS date, {SPEAKER} AS speaker, s.speaker_side AS side, s.stance AS stance,
                     s.text AS text, a.source AS source, a.title AS title, s.article_id AS article_id,
                     s.score AS score, s.quote AS quote, s.speaker_id IS NOT NULL AS resolved,
                     ROW_NUMBER() OVER (PARTITION BY s.speaker_side ORDER BY s.speaker_id IS NOT NULL DESC,
                        ABS(COALESCE(s.score, 0)) + :bonus * COALESCE(s.quote, 0) DESC, s.adate DESC, s.id)
                       AS rank_in_side,
                     s.speaker_id IS NOT NULL AS r1,
                     ABS(COALESCE(s.score, 0)) + :bonus * COALESCE(s.quote, 0) AS r2, s.id AS sid
              {FROM["statements"]} {where})
            WHERE rank_in_side <= :per_side ORDER BY r1 DESC, r2 DESC, date DESC, sid""",
        {**params, "per_side": int(limit) * 4, "bonus": bonus},
    )
    return {"statements": top, "sources": source_counts(path, f)}
