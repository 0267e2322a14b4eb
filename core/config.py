"""Paths, constants and cached loaders for the rule files under data/.

Heuristics (junk markers, dateline patterns, anniversaries, aliases, verbs) are data, reviewed like code;
this module only finds and loads them.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLES_DIR = DATA_DIR / "samples"
DEFAULT_DB = DATA_DIR / "news.db"

# One article's text larger than this is not an article (a dump, a log, a mis-saved binary).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store path: an explicit argument, else $NEWS_DB, else data/news.db."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NEWS_DB")
    return Path(env) if env else DEFAULT_DB


@cache
def rules(name: str) -> Any:
    """Load data/<name>.yaml once per process."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
