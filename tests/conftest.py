"""Shared test fixtures: paths to the embedded samples and the optional shared corpus, fresh stores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "data" / "samples"
SEED_000 = SAMPLES / "000_7b4ea69412d6c94b.txt"
SEED_002 = SAMPLES / "002_0d6bd8a7f6ecae34.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"


@pytest.fixture
def db(tmp_path):
    """A fresh, migrated store on disk (WAL needs a file)."""
    from core.store import connection

    database = connection.connect(tmp_path / "news.db")
    yield database
    database.close()


@pytest.fixture
def rules_relevance(monkeypatch):
    """The relevance rules decide instead of the learned model. For unit cases of extraction written as one or
    two sentences under a title naming both sides ("Tin NATO và Nga") to put them on the relevant path: the rules
    count that title as a lead relation; the model, trained on whole articles, is not asked about such stubs."""
    from core.nlp import relevance_model

    monkeypatch.setenv("NEWS_RELEVANCE", "rules")
    relevance_model.method.cache_clear()
    yield
    relevance_model.method.cache_clear()


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("shared corpus (../shared/corpus/baomoi-2017) is absent")
    return CORPUS


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium driven by Playwright, one per test module (tests/browser_support.py)."""
    from tests.browser_support import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def news_db(tmp_path, monkeypatch):
    """The dashboard's fixture store (tests/dashboard_fixtures.py) as NEWS_DB, with Streamlit's caches cleared
    before and after so no test reads another's results. Modules that need other rows define their own."""
    from tests.dashboard_fixtures import build_store, serving

    yield from serving(build_store(tmp_path / "news.db"), monkeypatch)
