"""An analyst's walk through the dashboard on the whole baomoi-2017 archive, in a real browser.

What the samples cannot show: the default view of 35k articles (relevant ones, and the filter sentence says
so), a search for "đối đầu" with the exact phrase ranked first and counted per tier, facets with counts that
filter on a click, attention to "NATO" vs "Nga" per month of 2017, the timeline of both sides' 2017
statements, a briefing PNG of the real store, every page in Vietnamese with no English left, and (on a copy of
the store) the review page's queue of articles the model nearly flagged, one of them marked on-topic and read.

The store is built once per test session, before the first test of this file, with the README's command:
`python -m core.ingest --db <tmp>/real.db --workers <cores> --meta ../shared/corpus/baomoi-2017.crawled.csv
../shared/corpus/baomoi-2017` (≈ 4–10 min on 2 cores). The file is skipped when ../shared/corpus is absent.
To walk a store you already built instead, name it in NEWS_REAL_DB, e.g.
`NEWS_REAL_DB=real.db python -m pytest -q tests/test_walk_real.py`: the dashboard only reads it (a store that
needs a schema upgrade is copied and the copy upgraded, so the named file is never written).

Each step saves a screenshot (or the downloaded PNG) under tests/screenshots/real/, to be looked at.
"""

from __future__ import annotations

import base64
import csv
import os
import re
import sqlite3
import struct
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from core.labels import label
from core.read.filters import Filters
from core.store import search
from tests.browser_support import CHROMIUM, serve
from tests.test_browser import _url, _wait_idle
from tests.test_language import CODES, ENGLISH_COLUMNS, ENGLISH_PHRASES

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT / ".." / "shared" / "corpus"
CORPUS = SHARED_CORPUS / "baomoi-2017"
SIDECAR = SHARED_CORPUS / "baomoi-2017.crawled.csv"
SHOTS = Path(__file__).resolve().parent / "screenshots" / "real"
REAL_DB_ENV = "NEWS_REAL_DB"
PHRASE = "đối đầu"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium (/usr/bin/chromium) is absent"),
]


# --- the store, the server, the browser ------------------------------------------------------------------


def _copy_and_upgrade(src: Path, dst: Path) -> Path:
    """A consistent copy of a store (SQLite's backup, WAL included), upgraded to this version's schema."""
    from core.ingest import bootstrap

    with sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    bootstrap.upgrade(dst)
    return dst


@pytest.fixture(scope="session")
def real_store(tmp_path_factory) -> Path:
    """The whole-corpus store: NEWS_REAL_DB when set, else built once per session from ../shared."""
    from core.store import connection

    named = os.environ.get(REAL_DB_ENV, "").strip()
    if named:
        path = Path(named)
        if not path.is_file():
            pytest.fail(f"{REAL_DB_ENV}={named!r} is not a file (a store built by python -m core.ingest)")
        if connection.pending_migrations(path):
            return _copy_and_upgrade(path, tmp_path_factory.mktemp("real") / "real.db")
        return path
    if not CORPUS.is_dir() or not SIDECAR.is_file():
        pytest.skip("shared corpus (../shared/corpus/baomoi-2017 and its .crawled.csv) is absent")
    path = tmp_path_factory.mktemp("real") / "real.db"
    cmd = [sys.executable, "-m", "core.ingest", "--db", str(path), "--workers", str(os.cpu_count() or 1)]
    # Paths relative to the checkout (the run's cwd), as README writes them: the store records the paths it was
    # given, and its failure table (on the Ingest page's screenshot) must not show where this machine keeps it.
    cmd += ["--meta", os.path.relpath(SIDECAR, ROOT), os.path.relpath(CORPUS, ROOT)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3 * 3600)
    # Exit 1 names inputs that failed alone (the corpus has a file with only a title); 2 is a usage error.
    assert run.returncode in (0, 1), run.stderr[-3000:]
    with sqlite3.connect(path) as conn:
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert n > 35_000, f"only {n} articles stored: {run.stderr[-2000:]}"
    return path


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


@pytest.fixture(scope="module")
def server(real_store) -> Iterator[str]:
    """The dashboard against the real store (no file watcher: a tree edited during the run must not put a
    "File change" banner in the screenshots)."""
    yield from serve(real_store, "--server.fileWatcherType", "none", wait=90)


@pytest.fixture
def page(browser):
    pg = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield pg
    pg.close()


# --- helpers -------------------------------------------------------------------------------------------


def _open(page, server: str, path: str, **params: str) -> None:
    query = "&".join(f"{k}={quote(v)}" for k, v in params.items())
    page.goto(f"{server}/{path}?{query}", wait_until="networkidle", timeout=90_000)
    _wait_idle(page)
    _no_error(page)


def _no_error(page) -> None:
    errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    assert errors.count() == 0, errors.first.inner_text()


def _shot(page, name: str, target=None) -> Path:
    """A viewport-sized screenshot (1400x1000: small, and what an analyst sees) with `target` centred."""
    if target is not None:
        target.evaluate("e => e.scrollIntoView({block: 'center'})")
        time.sleep(0.5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}.png"
    page.screenshot(path=str(out))
    return out


def _sidebar_shot(page, name: str, width: int | None = None) -> Path:
    """The whole sidebar (filters and facets) in one picture, `width` pixels of the page wide (default: the
    sidebar alone): the window is made as tall as the sidebar's content for the shot."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stSidebarContent\"]').scrollHeight")
    height = max(1000, min(int(height) + 40, 4000))
    page.set_viewport_size({"width": 1400, "height": height})
    time.sleep(0.8)
    box = _sidebar(page).bounding_box()
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}.png"
    page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": width or box["width"], "height": height})
    page.set_viewport_size({"width": 1400, "height": 1000})
    return out


def _main(page):
    return page.locator('[data-testid="stMain"]')


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _t(key: str, lang: str = "en", **kw: str) -> str:
    return label(key, lang, **kw)


def _number(text: str) -> int:
    return int(text.replace(",", "").replace(".", ""))


def _download(page, key: str, timeout: int = 120_000) -> bytes:
    """Click the download button Streamlit keyed `key` (class st-key-<key>) and return the file's bytes."""
    button = page.locator(f".st-key-{key} button")
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=timeout) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def _csv_table(data: bytes) -> list[dict[str, str]]:
    """An export's table: UTF-8 with BOM, four provenance rows and an empty line first (README, Exports)."""
    lines = data.decode("utf-8-sig").splitlines()
    return list(csv.DictReader(lines[5:]))


def _col(name: str, lang: str = "en", code: bool = False) -> str:
    head = _t(f"columns.{name}", lang)
    return _t("columns.code", lang, name=head) if code else head


def _grid_rows(frame) -> list[list[str]]:
    """The rows a Streamlit dataframe has drawn (its accessible grid: what is on screen, in order)."""
    frame.scroll_into_view_if_needed()
    frame.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=10_000)
    n = frame.locator('[role="columnheader"]').count()
    cells = [c.inner_text() for c in frame.locator('[role="gridcell"]').all()]
    return [cells[i : i + n] for i in range(0, len(cells) - n + 1, n)]


def _grid_headers(frame) -> list[str]:
    frame.scroll_into_view_if_needed()
    frame.locator('[role="columnheader"]').first.wait_for(state="attached", timeout=10_000)
    return [h.inner_text().strip() for h in frame.locator('[role="columnheader"]').all()]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _contains_phrase(path: Path, article_ids: list[int], phrase: str) -> dict[int, bool]:
    with _ro(path) as conn:
        rows = conn.execute(
            f"SELECT id, title, lede, body FROM articles WHERE id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ).fetchall()
    return {r[0]: _fold(phrase) in _fold(" ".join(x or "" for x in r[1:])) for r in rows}


def _relevant_with_phrase(path: Path, phrase: str) -> int:
    with _ro(path) as conn:
        rows = conn.execute("SELECT title, lede, body FROM articles WHERE relevant = 1")
        return sum(_fold(phrase) in _fold(" ".join(x or "" for x in r)) for r in rows)


# --- the walk ------------------------------------------------------------------------------------------


def test_overview_starts_from_the_relevant_articles(server, page, real_store):
    _open(page, server, "", lang="en")
    main = _main(page)
    sentence = Filters.from_params({}).describe("statements", "en")
    assert _t("sentence.relevant") in sentence
    main.get_by_text(sentence, exact=True).first.wait_for(timeout=30_000)
    with _ro(real_store) as conn:
        relevant, total = conn.execute("SELECT SUM(relevant = 1), COUNT(*) FROM articles").fetchone()
    metric = main.locator('[data-testid="stMetric"]', has_text=_t("overview.articles")).first
    shown = _number(metric.locator('[data-testid="stMetricValue"]').inner_text())
    assert shown == relevant < total, (shown, relevant, total)
    _shot(page, "overview")


def test_search_ranks_the_exact_phrase_first_and_counts_each_tier(server, page, real_store):
    _open(page, server, "articles", lang="en", q=PHRASE)
    main = _main(page)
    main.get_by_text(f"'{PHRASE}'", exact=False).first.wait_for(timeout=30_000)
    text = main.inner_text()
    total = _number(re.search(r"([\d,]+) articles match", text).group(1))
    tiers = {
        tier: _number(m.group(1))
        for tier in search.TIERS
        if (m := re.search(re.escape(_t(f"values.tier.{tier}")) + r": ([\d,]+)", text))
    }
    assert set(tiers) == set(search.TIERS), text[:500]
    assert sum(tiers.values()) == total
    # The exact tier is every relevant article holding the phrase with these very tone marks, no more.
    assert tiers["exact"] == _relevant_with_phrase(real_store, PHRASE) > 0
    frame = main.locator('[data-testid="stDataFrame"]').first
    headers = _grid_headers(frame)
    rows = _grid_rows(frame)
    assert len(rows) >= 10, rows
    tier_col, id_col = headers.index(_col("tier")), headers.index(_col("id"))
    first = rows[: min(tiers["exact"], 10)]
    assert {r[tier_col] for r in first} == {_t("values.tier.exact")}, first
    found = _contains_phrase(real_store, [int(r[id_col]) for r in first], PHRASE)
    assert all(found.values()) and len(found) == len(first), found
    _shot(page, "search-doi-dau")


def test_facets_show_counts_and_a_click_filters(server, page):
    _open(page, server, "articles", lang="en")
    side = _sidebar(page)
    side.get_by_text(_t("facets.header"), exact=True).first.wait_for(timeout=30_000)
    russia = _t("values.side.russia")
    pills = side.locator('[data-testid="stButtonGroup"] button')
    # the facet groups render one after another: read the labels once the sides' group is drawn and the page idle
    pills.filter(has_text=f"{russia} · ").first.wait_for(timeout=30_000)
    _wait_idle(page)
    labels = [b.inner_text().strip() for b in pills.all()]
    assert len(labels) >= 10, labels
    counts = {}
    for text in labels:
        value, sep, n = text.rpartition(" · ")
        assert sep and re.fullmatch(r"\d[\d,]*", n), text
        counts[value] = _number(n)
    assert counts[russia] > 0 and counts[_t("values.side.nato")] > 0
    _sidebar_shot(page, "facets")
    side.locator('[data-testid="stButtonGroup"] button', has_text=f"{russia} · ").first.click()
    deadline = time.time() + 30
    while "side=russia" not in _url(page) and time.time() < deadline:
        time.sleep(0.2)
    assert "side=russia" in _url(page)
    _wait_idle(page)
    _no_error(page)
    sentence = Filters.from_params({"side": "russia"}).describe("articles", "en")
    _main(page).get_by_text(sentence, exact=True).first.wait_for(timeout=30_000)
    _sidebar_shot(page, "facets-clicked", width=1400)


def _chart(page, title: str):
    chart = _main(page).locator('[data-testid="stPlotlyChart"]', has_text=title).first
    chart.wait_for(timeout=30_000)
    chart.scroll_into_view_if_needed()
    chart.locator(".main-svg").first.wait_for(timeout=30_000)
    return chart


def _svg_texts(chart, selector: str) -> list[str]:
    return [t.text_content().strip() for t in chart.locator(selector).all()]


def test_attention_to_nato_and_nga_per_month_of_2017(server, page):
    params = {"lang": "en", "terms": "NATO,Nga", "period": "month", "from": "2017-01-01", "to": "2017-12-31"}
    _open(page, server, "timeline", **params)
    chart = _chart(page, _t("attention.chart_title"))
    legend = set(_svg_texts(chart, ".legendtext"))
    assert {"NATO", "Nga"} <= legend, legend
    ticks = [t for t in _svg_texts(chart, ".xtick text") if t]
    assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2} 2017", t) for t in ticks), ticks
    rows = _csv_table(_download(page, "tl_attention_csv"))
    series = {r[_col("series")] for r in rows}
    assert series == {"NATO", "Nga"}, series
    periods = {r[_col("period")] for r in rows}
    assert periods and all(p.startswith("2017-") for p in periods), periods
    # A month without any article has total 0 and no share (the line breaks there, core.read.attention).
    assert all((r[_col("share")] == "") == (int(r[_col("total")]) == 0) for r in rows), rows
    shares = [float(r[_col("share")]) for r in rows if r[_col("share")]]
    assert all(0 <= s <= 100 for s in shares) and max(shares) > 0, shares
    _shot(page, "attention-nato-nga", chart)


def test_timeline_shows_both_sides_2017_statements(server, page):
    params = {"lang": "en", "y": "side", "from": "2017-01-01", "to": "2017-12-31"}
    _open(page, server, "timeline", **params)
    chart = _chart(page, _t("timeline.title"))
    rows_shown = set(_svg_texts(chart, ".ytick text"))
    nato, russia = _t("values.side.nato"), _t("values.side.russia")
    assert {nato, russia} <= rows_shown, rows_shown
    assert chart.locator(".scatterlayer .point").count() > 100
    rows = _csv_table(_download(page, "tl_points_csv"))
    assert {"nato", "russia"} <= {r[_col("side", code=True)] for r in rows}
    assert all(r[_col("date")].startswith("2017-") for r in rows), {r[_col("date")][:4] for r in rows}
    counts = _chart(page, _t("timeline.counts", period=_t("values.period.month")))
    assert {nato, russia} <= set(_svg_texts(counts, "g[class*='title'] text"))
    _shot(page, "timeline-2017-sides", chart)


def test_timeline_lists_bulk_imported_statements_apart(server, page, real_store):
    """baomoi-2017 took in 7,258 files at once on 2017-05-08: the relevant ones with no dateline are dated only
    "on or before" that day (date_source crawled_bulk). The timeline draws none of their statements and lists
    them apart, with their count and their bound."""
    with _ro(real_store) as conn:
        bulk = {
            r[0]
            for r in conn.execute(
                """SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id
                   WHERE a.relevant = 1 AND a.date_source = 'crawled_bulk'"""
            )
        }
    assert bulk, "the whole-corpus store has bulk-dated relevant articles with statements"
    _open(page, server, "timeline", lang="en", y="side")
    main = _main(page)
    main.get_by_text(_t("timeline.loose"), exact=True).first.wait_for(timeout=60_000)
    main.get_by_text(_t("timeline.loose_note", n=f"{len(bulk):,}"), exact=False).first.wait_for(
        timeout=30_000
    )
    drawn = {int(r[_col("id")]) for r in _csv_table(_download(page, "tl_points_csv"))}
    assert drawn and not drawn & bulk
    listed = _csv_table(_download(page, "tl_loose_csv"))
    assert {int(r[_col("id")]) for r in listed} <= bulk and len(listed) == min(len(bulk), 500)
    assert {r[_col("on_or_before")] for r in listed} <= {"2017-02-06", "2017-05-08"}
    _shot(page, "timeline-bulk-dated", main.get_by_text(_t("timeline.loose"), exact=True).first)


def _colour_share(page, png: bytes, rgb: tuple[int, int, int]) -> float:
    """The share of the image's pixels close to `rgb`, measured by the browser's canvas (no image library)."""
    data = base64.b64encode(png).decode()
    return page.evaluate(
        """async ([data, rgb]) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            const px = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < px.length; i += 4)
                if (Math.abs(px[i] - rgb[0]) + Math.abs(px[i+1] - rgb[1]) + Math.abs(px[i+2] - rgb[2]) < 30) n++;
            return n / (px.length / 4);
        }""",
        [data, list(rgb)],
    )


def test_briefing_png_of_the_real_store(server, page):
    from core.app import charts, export

    if export.png_unavailable():
        pytest.skip(export.png_unavailable())
    _open(page, server, "", lang="en")
    png = _download(page, "overview_briefing")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert abs(height / width - 2**0.5) < 0.02, (width, height)  # A4
    assert 50_000 < len(png) < 5_000_000, len(png)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "briefing.png").write_bytes(png)
    # Both sides quoted (the view covers both): each side's colour marks its statements' rows.
    for side in ("nato", "russia"):
        hexa = charts.SIDE_COLORS[side].lstrip("#")
        rgb = tuple(int(hexa[i : i + 2], 16) for i in (0, 2, 4))
        assert _colour_share(page, png, rgb) > 0.0005, side


# --- the Vietnamese interface --------------------------------------------------------------------------

MONTHS_EN = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def _english_line(line: str) -> bool:
    """A line in English no label covers (an ingest failure's reason, a widget's own text): three words or
    more, two of them lower-case, and not one letter with a Vietnamese mark. Names ('Donald Trump') are
    capitalised and Vietnamese prose carries marks; paths and commands (with / _ -- .py) are left out."""
    if re.search(r"/|_|--|\.\w", line):
        return False
    words = re.findall(r"[^\W\d_]+", line)
    return len(words) >= 3 and all(w.isascii() for w in words) and sum(w.islower() for w in words) >= 2


def _english_labels() -> list[re.Pattern]:
    """Every English label of data/labels.yaml that differs from its Vietnamese one, as a whole-line pattern
    ({placeholders} match anything); too short or too generic to be told from data ('{tier}: {n}') left out."""

    def walk(node):
        if isinstance(node, dict) and "en" in node and "vi" in node:
            yield str(node["en"]), str(node["vi"])
        elif isinstance(node, dict):
            for v in node.values():
                yield from walk(v)

    labels = yaml.safe_load((ROOT / "data" / "labels.yaml").read_text(encoding="utf-8"))
    vi = {v for _, v in walk(labels)}
    out = []
    for en, _ in walk(labels):
        literal = re.sub(r"\{[^}]*\}", "", en)
        if en in vi or len(re.sub(r"[^A-Za-z]", "", literal)) < 4:
            continue
        parts = re.split(r"\{[^}]*\}", en)
        out.append(re.compile(".+?".join(map(re.escape, parts))))
    return out


def _english_left(page) -> list[str]:
    """What a Vietnamese reader would meet in English on this page: our column names, value codes and date
    evidence phrases (as tests/test_language.py checks them through AppTest), English labels, English month
    names on chart axes."""
    found: list[str] = []
    lines = []
    for part in (_main(page), _sidebar(page)):
        lines += [x.strip() for x in part.inner_text().splitlines() if x.strip()]
    icons = {i.inner_text().strip() for i in page.locator('[data-testid="stIconMaterial"]').all()}
    lines = [x for x in lines if x not in icons]  # Material icon ligatures ('dashboard') are not words
    # Tables in a closed expander are left to tests/test_language.py (AppTest reads every table).
    for frame in [f for f in page.locator('[data-testid="stDataFrame"]').all() if f.is_visible()]:
        found += [f"column {h!r}" for h in _grid_headers(frame) if h in ENGLISH_COLUMNS]
        found += [f"value {c!r}" for row in _grid_rows(frame) for c in row if c in CODES]
        lines += [c for row in _grid_rows(frame) for c in row]
    for chart in page.locator('[data-testid="stPlotlyChart"]').all():
        texts = [t.text_content().strip() for t in chart.locator("svg text").all()]
        found += [f"chart {t!r}" for t in texts if t in CODES or MONTHS_EN.search(t)]
        lines += texts
    found += [f"phrase {p!r} in {x!r}" for x in lines for p in ENGLISH_PHRASES if p in x]
    found += [f"sentence {x!r}" for x in lines if _english_line(x)]
    for pattern in _english_labels():
        found += [f"label {x!r}" for x in lines if pattern.fullmatch(x)]
    return sorted(set(found))


VI_PAGES = ("overview", "timeline", "entities", "compare", "articles", "review", "ingest")


@pytest.fixture(scope="module")
def vi_params(real_store) -> dict[str, dict[str, str]]:
    """Each page as a reader would open it: with a chart of terms, an entity, two articles side by side, a
    search and an article whose date evidence is the crawl time."""
    with _ro(real_store) as conn:
        dated = conn.execute(
            "SELECT id FROM articles WHERE relevant = 1 AND date_source = 'dateline+crawl' ORDER BY id LIMIT 1"
        ).fetchone()
        pair = [
            r[0]
            for r in conn.execute(
                "SELECT article_id FROM statements GROUP BY article_id ORDER BY COUNT(*) DESC LIMIT 2"
            )
        ]
    return {
        "timeline": {"terms": "NATO,Nga", "from": "2017-01-01", "to": "2017-12-31"},
        "entities": {"focus": "Vladimir Putin"},
        "compare": {"a": str(pair[0]), "b": str(pair[1])},
        "articles": {"q": PHRASE, "article": str(dated[0])},
    }


@pytest.mark.parametrize("name", VI_PAGES)
def test_vietnamese_interface_has_no_english_left(server, page, vi_params, name):
    _open(page, server, "" if name == "overview" else name, lang="vi", **vi_params.get(name, {}))
    _main(page).get_by_text(_t(f"nav.{name}", "vi"), exact=True).first.wait_for()
    # The reader's date line (with its evidence) is what the article page must say in Vietnamese.
    focus = (
        _main(page).get_by_text(_t("articles.date_line", "vi").split("{")[0]) if name == "articles" else None
    )
    _shot(page, f"vi-{name}", focus.first if focus is not None else None)
    assert not _english_left(page)


def test_the_borderline_queue_marks_a_real_article_on_topic_and_reads_it(real_store, browser, tmp_path):
    """The review page's queue of articles the model nearly flagged, on a copy of the real store (a marking
    writes): ingest read the most probable one in full but counts its statements nowhere by default; one click
    marks it on-topic and its statements join the default view."""
    from core.read import review
    from core.read.filters import DEFAULT_RELEVANCE, Filters

    store = _copy_and_upgrade(real_store, tmp_path / "marked.db")
    view = Filters(relevance=DEFAULT_RELEVANCE)
    total = review.borderline_total(store, view)
    top = review.borderline_articles(store, view, limit=1).iloc[0]
    assert total >= 20 and review.BORDERLINE_FLOOR <= top["probability"] < 0.5
    with _ro(store) as conn:
        before = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(relevant), 0) FROM statements WHERE article_id = ?",
            [int(top["id"])],
        ).fetchone()
    assert before[0] > 0 and before[1] == 0, before  # read in full at ingest, counted by no default view

    pg = browser.new_page(viewport={"width": 1400, "height": 1000})
    served = serve(store, "--server.fileWatcherType", "none", wait=90)
    try:
        url = next(served)
        _open(pg, url, "review", lang="en")
        _main(pg).get_by_text(_t("review.borderline.title"), exact=True).wait_for(timeout=60_000)
        assert _main(pg).get_by_text(f"{total:,} articles the relevance model left out").count() == 1
        pg.get_by_label(_t("review.who")).fill("Lan")
        pg.get_by_label(_t("review.who")).press("Enter")
        button = pg.locator(f".st-key-bl_1_{int(top['id'])} button")
        button.scroll_into_view_if_needed()
        button.click()
        _main(pg).get_by_text("is marked on-topic").wait_for(timeout=120_000)
        _shot(pg, "review-borderline", _main(pg).get_by_text(_t("review.borderline.title"), exact=True))
        _no_error(pg)
    finally:
        pg.close()
        for _ in served:
            pass
    with _ro(store) as conn:
        relevant, n = conn.execute(
            """SELECT relevant, (SELECT COUNT(*) FROM statements WHERE article_id = a.id AND relevant = 1)
               FROM articles a WHERE id = ?""",
            [int(top["id"])],
        ).fetchone()
    assert relevant == 1 and n > 0, (relevant, n)  # its statements now count where relevant ones do
    assert review.borderline_total(store, view) == total - 1
