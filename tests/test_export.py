"""core.export: real PNG bytes of the requested size from kaleido (one warm server), Vietnamese glyphs,
CSV of exactly the frame given, and the one-page briefing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from core import charts, export, queries
from core.queries import Filters
from tests.dashboard_fixtures import build_store

# PNG export needs a Chromium (`bash scripts/setup.sh --test` installs it as root; CI runs as root).
needs_chromium = pytest.mark.skipif(export.png_unavailable() is not None, reason=export.MISSING_CHROMIUM)


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("export") / "news.db")


def _fig() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Nga", "Hoa Kỳ", "Đức"], y=[1, 2, 3]))
    fig.update_layout(title="Đối đầu và đối thoại")
    return fig


@needs_chromium
def test_png_signature_and_size():
    data = export.png(_fig(), width=800, height=500)
    assert data[:8] == export.PNG_SIGNATURE
    assert export.png_size(data) == (800, 500)


@needs_chromium
def test_png_default_size_follows_figure(path):
    fig = charts.statement_points(queries.statement_points(path, Filters()))
    assert export.png_size(export.png(fig)) == (export.CHART_SIZE[0], fig.layout.height)


@needs_chromium
def test_render_after_stop_starts_a_new_server_with_the_same_image():
    """Stopping twice is harmless, and the next export still works; cold vs warm cost: bench/bench_export.py."""
    warm = export.png(_fig(), 400, 300)
    export.stop()
    export.stop()
    cold = export.png(_fig(), 400, 300)
    assert export.png_size(cold) == (400, 300)
    assert cold == warm


@needs_chromium
def test_vietnamese_renders_glyphs_not_boxes():
    """A title of Vietnamese text and the same count of tofu boxes must not render identically."""

    def title_png(text: str) -> bytes:
        fig = go.Figure()
        fig.update_layout(title=text, xaxis_visible=False, yaxis_visible=False, template=charts.TEMPLATE)
        return export.png(fig, 500, 120)

    assert title_png("Đối thoại ở Nga") != title_png("\u25a1" * 15)
    assert "Noto Sans" in charts.FONT


def test_png_size_rejects_non_png():
    with pytest.raises(ValueError, match="not a PNG"):
        export.png_size(b"GIF89a" + b"\0" * 30)


def test_csv_is_exactly_the_frame():
    df = pd.DataFrame(
        {
            "speaker": ["Vladimir Putin", "Jens Stoltenberg"],
            "text": ["NATO đang bao vây Nga", 'a, "b"'],
            "n": [1, 2],
        }
    )
    data = export.csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig"), df)


@needs_chromium
def test_briefing_is_a4(path):
    f = Filters(sides=("russia",))
    data = queries.briefing_data(path, f)
    assert list(data["statements"]["speaker"])[:2] == ["Vladimir Putin", "Vladimir Putin"]
    figs = [charts.side_stance_bars(queries.side_stance_counts(path, f), "vi")]
    png = export.briefing(
        "Tóm tắt", f.describe("statements", "vi"), figs, data["statements"], data["sources"], "vi"
    )
    assert export.png_size(png) == export.BRIEFING_SIZE
    assert len(png) > 30_000  # a page with a chart and tables, not a blank


@needs_chromium
def test_briefing_with_no_data(tmp_path):
    from tests.dashboard_fixtures import build_empty

    path = build_empty(tmp_path / "news.db")
    data = queries.briefing_data(path, Filters())
    png = export.briefing("Empty", "Statements, all", [], data["statements"], data["sources"])
    assert export.png_size(png) == export.BRIEFING_SIZE


# --- CSV injection (OWASP): article text must never become a spreadsheet formula ----------------------------

EVIL_TITLES = ("=1+2", '=HYPERLINK("http://evil.example","x")', "@SUM(A1)", "+7", "-2+3", "\tcmd", "\rcmd")


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_neutralises_formula_text_but_keeps_negative_numbers():
    df = pd.DataFrame({"title": [*EVIL_TITLES, "NATO", None], "score": [-6.0] * 7 + [2.5, None]})
    data = export.csv_bytes(df)
    rows = _cells(data)
    titles = [r[0] for r in rows[1:]]
    assert titles[:7] == ["'" + t for t in EVIL_TITLES]
    assert titles[7:] == ["NATO", ""]
    # Text cells are quoted as a whole; numbers stay bare, a negative score is still a number.
    text = data.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"",""x"")",-6.0' in text
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["score"].tolist()[:7] == [-6.0] * 7
    assert pd.api.types.is_float_dtype(back["score"])


def test_csv_neutralises_headers_from_data():
    """The co-occurrence matrix is exported with entity names as column headers."""
    df = pd.DataFrame({"entity": ["a"], "=cmd|' /C calc'!A0": [1]})
    header = _cells(export.csv_bytes(df))[0]
    assert header == ["entity", "'=cmd|' /C calc'!A0"]


def test_articles_page_csv_carries_formula_titles_as_text(tmp_path, monkeypatch):
    """The Articles page's CSV download of a store whose titles are formulas: every such cell is text."""
    import streamlit as st
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.testing.v1 import AppTest

    from core import store
    from core.models import Article, DateInfo

    db = store.connect(tmp_path / "news.db")
    for i, title in enumerate(EVIL_TITLES):
        body = f"Bài {i}: NATO và Nga."
        store.add_article(
            db, Article(title, "", body, f"evil/{i}.txt", body, "=src", date=DateInfo(1, 2, 2018))
        )
    db.close()
    monkeypatch.setenv("NEWS_DB", str(tmp_path / "news.db"))
    seen: dict[str, object] = {}
    real_add = MediaFileManager.add

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            seen[file_name] = data
        return real_add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    st.cache_data.clear()
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/4_articles.py").run()
    assert not at.exception, [e.value for e in at.exception]
    rows = _cells(seen["articles.csv"])
    meta, header, body = (
        rows[: export.CSV_META_ROWS],
        rows[export.CSV_META_ROWS],
        rows[export.CSV_META_ROWS + 1 :],
    )
    assert [r[0] if r else "" for r in meta] == ["Filters", "Sources", "Link to this view", "Generated", ""]
    assert len(body) == len(EVIL_TITLES)
    titles = {r[header.index("title")] for r in body}
    assert titles == {"'" + t for t in EVIL_TITLES}
    for row in meta + body:
        for cell in row:
            assert not cell.startswith(export.FORMULA_STARTS), row
    st.cache_data.clear()
