"""A real browser on the real server: every page renders, shows its key text and raises nothing.

Starts `streamlit run dashboard.py` on a free port against a fixture store, opens each page in Debian's
Chromium (never a downloaded one) and saves a full-page screenshot per page to tests/screenshots/.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.browser_support import CHROMIUM, serve
from tests.dashboard_fixtures import SCRIPT_TITLE, build_store

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(__file__).resolve().parent / "screenshots"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is absent"),
]

# page path, query string, texts that must be visible
PAGES = [
    (
        "",
        "lang=en",
        ["Overview", "Statements by side and stance", "Latest statements", "Articles without a full date"],
    ),
    ("timeline", "lang=en&stmt=3", ["Timeline", "Statements per month", "In context", "Open the article"]),
    ("entities", "lang=en", ["Entities", "Top entities", "Co-occurrence", "Name variants"]),
    ("compare", "lang=en&a=1&b=5", ["Compare", "Shared entities", "Sentences of A"]),
    ("articles", "lang=en&article=2", ["Articles", "Matching articles", SCRIPT_TITLE, "Raw input"]),
    ("ingest", "lang=en", ["Ingest", "Failures"]),
    (
        "timeline",
        "lang=vi&side=russia&stance=conflictual",
        ["Dòng thời gian", "Các phát biểu của nhân vật phía Nga"],
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve(build_store(tmp_path_factory.mktemp("browser") / "news.db"))


@pytest.fixture(scope="module")
def samples_server(tmp_path_factory):
    """The real first-run store: data/samples through the whole pipeline."""
    from core.ingest.bootstrap import build_default_store

    db = tmp_path_factory.mktemp("samples") / "news.db"
    build_default_store(db)
    yield from serve(db)


def _url(page) -> str:
    """The address bar now: Streamlit updates it with history.replaceState, which page.url may report late."""
    return page.evaluate("location.href")


def _screenshot(page, name: str) -> None:
    """Full page: the viewport grows to the taller of the main block and the sidebar."""
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map(id => "
        '(document.querySelector(`[data-testid="${id}"]`) || {}).scrollHeight || 0))'
    )
    page.set_viewport_size({"width": 1400, "height": max(1000, min(int(height) + 40, 12000))})
    time.sleep(0.8)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _wait_idle(page) -> None:
    """Streamlit shows a 'running' widget while the script runs; wait until it has been gone a moment."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    quiet_since = None
    deadline = time.time() + 45
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif time.time() - quiet_since > 1.5:
            return
        time.sleep(0.2)


@pytest.mark.parametrize(
    ("path", "query", "texts"), PAGES, ids=[f"{p or 'overview'}-{q}" for p, q, _ in PAGES]
)
def test_page_renders(server, browser, path, query, texts):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/{path}?{query}", wait_until="networkidle")
        _wait_idle(page)
        for text in texts:
            main = page.locator('[data-testid="stMain"]')
            main.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=20_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        # Article HTML is data: the injected tags must be text, never elements.
        assert page.locator("script:has-text('alert(1)')").count() == 0
        assert page.locator("img[onerror]").count() == 0
        name = (path or "overview") + ("-vi" if "lang=vi" in query else "")
        _screenshot(page, name)
    finally:
        page.close()


def test_url_round_trip_through_page_links(server, browser):
    """A filter set on one page travels in the links to the others."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/?lang=en&stance=conflictual", wait_until="networkidle")
        _wait_idle(page)
        page.locator('[data-testid="stSidebar"] a[href*="entities?"]').first.click()
        page.wait_for_url("**/entities?**", timeout=20_000)
        _wait_idle(page)
        assert "stance=conflictual" in _url(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # Clearing the filters clears them from the URL too.
        page.locator('[data-testid="stSidebar"] button', has_text="Clear filters").click()
        deadline = time.time() + 20
        while "stance=" in _url(page) and time.time() < deadline:
            time.sleep(0.2)
        assert "stance=" not in _url(page) and "lang=en" in _url(page)
    finally:
        page.close()


def test_chromium_is_debian_not_downloaded():
    assert shutil.which("chromium") or Path(CHROMIUM).exists()


SAMPLE_PAGES = [
    ("", "lang=vi", "Tổng quan"),
    ("timeline", "lang=vi", "Dòng thời gian"),
    ("entities", "lang=vi", "Thực thể"),
    ("compare", "lang=vi", "Các cặp đáng chú ý"),
    ("articles", "lang=vi&article=1", "Dữ liệu gốc"),
]


@pytest.mark.parametrize(
    ("path", "query", "text"), SAMPLE_PAGES, ids=[p or "overview" for p, _, _ in SAMPLE_PAGES]
)
def test_sample_store_pages(samples_server, browser, path, query, text):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{samples_server}/{path}?{query}", wait_until="networkidle")
        _wait_idle(page)
        main = page.locator('[data-testid="stMain"]')
        main.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=20_000)
        if path == "compare":  # follow the first pre-linked pair
            main.locator('[data-testid="stButton"] button').first.click()
            deadline = time.time() + 20
            while "a=" not in _url(page) and time.time() < deadline:
                time.sleep(0.2)
            assert "a=" in _url(page) and "b=" in _url(page)
            _wait_idle(page)
            main.get_by_text("Thực thể chung", exact=False).filter(visible=True).first.wait_for(
                timeout=20_000
            )
        assert page.locator('[data-testid="stException"]').count() == 0
        _screenshot(page, "samples-" + (path or "overview"))
    finally:
        page.close()


def test_timeline_point_click_selects_statement(server, browser):
    """Clicking a point puts its statement in the URL and shows it in context with a link to its article."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{server}/timeline?lang=en", wait_until="networkidle")
        _wait_idle(page)
        points = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
        points.first.wait_for(timeout=20_000)
        points.first.click(force=True)
        deadline = time.time() + 20
        while "stmt=" not in _url(page) and time.time() < deadline:
            time.sleep(0.2)
        assert "stmt=" in _url(page)
        _wait_idle(page)
        link = page.locator('[data-testid="stMain"] a[href*="articles?"]').filter(visible=True).first
        link.wait_for(timeout=20_000)
        assert "article=" in link.get_attribute("href")
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()


@pytest.fixture(scope="module")
def small_limit_server(tmp_path_factory):
    """A server whose upload limit is 1 MB, so a 2 MB file is refused by the browser before it is sent."""
    yield from serve(build_store(tmp_path_factory.mktemp("limit") / "news.db"), "--server.maxUploadSize", "1")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "Chưa tải lên: tệp vượt quá 1 MB"), ("en", "Not uploaded: over the 1 MB limit")],
)
def test_a_file_over_the_upload_limit_is_explained_in_the_readers_language(
    small_limit_server, browser, tmp_path, lang, expected
):
    """Streamlit refuses the file in the browser with its own English line ("File must be 1.0MB or smaller.");
    the reader sees ours instead, in the chosen language, on the refused file's chip."""
    big = tmp_path / "lớn.txt"
    big.write_bytes(b"Tieu de\nSapo.\n" + b"x" * (2 * 1024 * 1024))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{small_limit_server}/ingest?lang={lang}", wait_until="networkidle")
        _wait_idle(page)
        page.locator(".st-key-ing_files input[type=file]").set_input_files(str(big))
        chip = page.locator(".st-key-ing_files [data-testid='stFileChip'][aria-invalid='true']")
        chip.wait_for(timeout=20_000)
        shown = chip.evaluate("el => el.innerText + getComputedStyle(el, '::after').content")
        assert expected in shown
        assert "File must be" not in chip.evaluate("el => el.innerText")  # Streamlit's own line is hidden
        if lang == "vi":
            _screenshot(page, "ingest-over-limit-vi")
    finally:
        page.close()
