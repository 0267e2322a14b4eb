"""The read side's names in one place, for callers written before it was split (no query lives here).

The queries are in the module of their page — core.read.overview, timeline, entities, articles, compare,
briefing, choices, review, attention — the filters in core.read.filters, connections in core.read.db. New code
imports those (pages call `context.q(ctx, overview.overview, f)`: a typo fails at import and "go to
definition" works); this module only re-exports them, so tests and modules not yet moved keep working.
"""

from __future__ import annotations

from core.labels import SIDES, STANCES, label
from core.read.aggregates import PERIOD_SQL, PERIODS
from core.read.aggregates import period_sql as _period
from core.read.articles import (
    ARTICLE_COLUMNS,
    ArticlePage,
    article,
    article_ids,
    article_titles,
    articles_table,
    count_articles,
    relevance_decision,
    search_articles,
    search_counts,
    spans_for,
)
from core.read.briefing import briefing_data, source_counts
from core.read.choices import PICK_LIMIT, choices
from core.read.compare import align_sentences, entity_sets, load_pairs
from core.read.db import df as _df
from core.read.db import in_list as _in
from core.read.db import one as _one
from core.read.db import store_stamp
from core.read.entities import (
    TYPES,
    cooccurrence,
    entity_articles,
    entity_timeline,
    name_variants,
    statements_about,
    statements_by,
    top_entities,
)
from core.read.filters import (
    ADATE,
    DEFAULT_RELEVANCE,
    FILTER_KEYS,
    FROM,
    RELEVANCE,
    SPEAKER,
    STATEMENT_COLUMNS,
    SUBJECTS,
    Filters,
)
from core.read.overview import failures, latest_statements, overview, relevance_known, side_stance_counts
from core.read.timeline import statement_context, statement_counts, statement_points, yearless_statements

__all__ = [
    "ADATE",
    "ARTICLE_COLUMNS",
    "DEFAULT_RELEVANCE",
    "FILTER_KEYS",
    "FROM",
    "PERIODS",
    "PERIOD_SQL",
    "PICK_LIMIT",
    "RELEVANCE",
    "SIDES",
    "SPEAKER",
    "STANCES",
    "STATEMENT_COLUMNS",
    "SUBJECTS",
    "TYPES",
    "ArticlePage",
    "Filters",
    "_df",
    "_in",
    "_one",
    "_period",
    "align_sentences",
    "article",
    "article_ids",
    "article_titles",
    "articles_table",
    "briefing_data",
    "choices",
    "cooccurrence",
    "count_articles",
    "entity_articles",
    "entity_sets",
    "entity_timeline",
    "failures",
    "label",
    "latest_statements",
    "load_pairs",
    "name_variants",
    "overview",
    "relevance_decision",
    "relevance_known",
    "search_articles",
    "search_counts",
    "side_stance_counts",
    "source_counts",
    "spans_for",
    "statement_context",
    "statement_counts",
    "statement_points",
    "statements_about",
    "statements_by",
    "store_stamp",
    "top_entities",
    "yearless_statements",
]
