"""core.export: real PNG bytes of the requested size from kaleido (one warm server), Vietnamese glyphs,
CSV of exactly the frame given, and the one-page briefing."""

from __future__ import annotations

import io
import time

import pandas as pd
import plotly.graph_objects as go
import pytest

from core import charts, export, queries
from core.queries import Filters
from tests.dashboard_fixtures import build_store


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("export") / "news.db")


def _fig() -> go.Figure:
    fig = go.Figure(go.Bar(x=["Nga", "Hoa Kỳ", "Đức"], y=[1, 2, 3]))
    fig.update_layout(title="Đối đầu và đối thoại")
    return fig


def test_png_signature_and_size():
    data = export.png(_fig(), width=800, height=500)
    assert data[:8] == export.PNG_SIGNATURE
    assert export.png_size(data) == (800, 500)


def test_png_default_size_follows_figure(path):
    fig = charts.statement_points(queries.statement_points(path, Filters()))
    assert export.png_size(export.png(fig)) == (export.CHART_SIZE[0], fig.layout.height)


def test_warm_server_is_faster_than_cold():
    export.stop()
    t0 = time.perf_counter()
    export.png(_fig(), 400, 300)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(3):
        export.png(_fig(), 400, 300)
    warm = (time.perf_counter() - t0) / 3
    print(f"cold {cold:.2f}s, warm {warm:.2f}s, ratio {cold / warm:.1f}x")
    assert warm < cold


def test_vietnamese_renders_glyphs_not_boxes():
    """A title of Vietnamese text and the same count of tofu boxes must not render identically."""

    def title_png(text: str) -> bytes:
        fig = go.Figure()
        fig.update_layout(title=text, xaxis_visible=False, yaxis_visible=False, template=charts.TEMPLATE)
        return export.png(fig, 500, 120)

    assert title_png("Đối thoại ở Nga") != title_png("\u25a1" * 15)
    assert "Noto Sans" in charts.FONT


def test_png_size_rejects_non_png():
    with pytest.raises(ValueError):
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


def test_briefing_with_no_data(tmp_path):
    from tests.dashboard_fixtures import build_empty

    path = build_empty(tmp_path / "news.db")
    data = queries.briefing_data(path, Filters())
    png = export.briefing("Empty", "Statements, all", [], data["statements"], data["sources"])
    assert export.png_size(png) == export.BRIEFING_SIZE
