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

# Limits that bound what one input can cost (README "Limits"). One article -- a text or HTML file, a JSONL line,
# a CSV row, an upload -- larger than this is not an article (a dump, a log, a mis-saved binary): refused.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
# underthesea's NER feature step grows with the square of a sentence's length (1,000 chars 0.3 s, 4,000 chars
# 3.5 s, 25 KB 64 s), so a longer sentence is cut into pieces of at most this many characters (at a comma,
# else a space) before NER. Real sentences mostly stay whole: of 108,266 sentences in 5,000 baomoi-2017 articles,
# about 60 (in 1 % of the articles) are cut.
MAX_SENTENCE_CHARS = 600
# A metadata date (`published`) must fall in FIRST_YEAR..this year; 0001 or 9999 is a typo, not a date.
FIRST_YEAR = 1990
# An article page shows at most this many characters of a body or a raw input (the longest article of the
# baomoi-2017 corpus has 50,044 bytes), so a huge one cannot stall the page or the browser tab.
VIEW_CHARS = 60_000
# Longest `published`, `url` and `source` value accepted in a record (a date or an address, not a text).
MAX_META_CHARS = 2048


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store path: an explicit argument, else $NEWS_DB, else data/news.db."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("NEWS_DB")
    return Path(env) if env else DEFAULT_DB


# libyaml's safe loader where PyYAML was built with it (its wheels are): the rule files load ten times faster,
# which every ingest worker and dashboard session pays at start.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(fh) -> Any:
    """Safe YAML (no object construction), by libyaml when it is there."""
    return yaml.load(fh, Loader=SAFE_LOADER)  # noqa: S506 -- a safe loader


@cache
def rules(name: str) -> Any:
    """Load data/<name>.yaml once per process."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return load_yaml(fh)
