"""core.app.export, tables and briefing: real PNG bytes of the requested size from kaleido (one warm server),
Vietnamese glyphs, CSV of exactly the frame given, tables in the interface language, and the one-page briefing."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from core.app import briefing, charts, export, tables
from core.read.briefing import briefing_data
from core.read.filters import Filters
from core.read.overview import side_stance_counts
from core.read.timeline import statement_points
from tests.dashboard_fixtures import build_store, capture_downloads

# PNG export needs a Chromium (`bash scripts/setup.sh --test` installs it as root; CI runs as root).
needs_chromium = pytest.mark.skipif(export.png_unavailable() is not None, reason=export.MISSING_CHROMIUM)


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


@needs_chromium
def test_png_default_size_follows_figure(path):
    fig = charts.statement_points(statement_points(path, Filters()))
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
    data = briefing_data(path, f)
    assert list(data["statements"]["speaker"])[:2] == ["Vladimir Putin", "Vladimir Putin"]
    figs = [charts.side_stance_bars(side_stance_counts(path, f), "vi")]
    png = briefing.briefing_png(
        briefing.briefing_page(
            "Tóm tắt", f.describe("statements", "vi"), figs, data["statements"], data["sources"], "vi"
        )
    )
    assert export.png_size(png) == briefing.BRIEFING_SIZE
    assert len(png) > 30_000  # a page with a chart and tables, not a blank


@needs_chromium
def test_briefing_with_no_data(tmp_path):
    from tests.dashboard_fixtures import build_empty

    path = build_empty(tmp_path / "news.db")
    data = briefing_data(path, Filters())
    png = briefing.briefing_png(
        briefing.briefing_page("Empty", "Statements, all", [], data["statements"], data["sources"])
    )
    assert export.png_size(png) == briefing.BRIEFING_SIZE


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
    from streamlit.testing.v1 import AppTest

    from core.models import Article, DateInfo
    from core.store import connection
    from core.store import db as store

    db = connection.connect(tmp_path / "news.db")
    for i, title in enumerate(EVIL_TITLES):
        body = f"Bài {i}: NATO và Nga."
        store.add_article(
            db, Article(title, "", body, f"evil/{i}.txt", body, "=src", date=DateInfo(1, 2, 2018))
        )
    db.close()
    monkeypatch.setenv("NEWS_DB", str(tmp_path / "news.db"))
    seen = capture_downloads(monkeypatch)
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


# --- provenance, language, briefing layout ---------------------------------------------------------------------


def _prov(lang: str = "vi", sentence: str = "Các phát biểu, trong các bài liên quan") -> export.Provenance:
    sources = pd.DataFrame({"source": ["TTXVN", None, "?", "VnExpress"], "articles": [5, 3, 1, 7]})
    return export.Provenance.of(sentence, sources, "http://127.0.0.1:8501/timeline?lang=vi&side=nato", lang)


def test_provenance_counts_articles_without_outlet_apart_never_as_question_mark():
    prov = _prov("en")
    assert prov.sources == (("VnExpress", 7), ("TTXVN", 5)) and prov.unnamed == 4 and prov.articles == 16
    text = prov.sources_text()
    assert text == "VnExpress 7, TTXVN 5 · articles: 16, outlets: 2 · 4 articles with no outlet recorded"
    assert "?" not in text
    assert _prov("vi").sources_text().endswith("4 bài không ghi nguồn")
    assert prov.generated is not None and prov.generated.tzinfo is not None


def test_csv_opens_with_provenance_block_then_the_table():
    df = pd.DataFrame({"side": ["nato", "russia"], "stance": ["conflictual", None], "n": [3, 1]})
    prov = _prov("vi", sentence="Các phát biểu khớp với '=cmd|calc'")
    data = export.csv_bytes(tables.localise(df, "vi", codes=True), prov)
    rows = _cells(data)
    assert [r[0] for r in rows[:4]] == ["Bộ lọc", "Nguồn", "Đường dẫn tới trang này", "Tạo lúc"]
    assert rows[0][1] == "'Các phát biểu khớp với '=cmd|calc'"[1:] or rows[0][1].startswith("Các phát biểu")
    assert rows[2][1] == "http://127.0.0.1:8501/timeline?lang=vi&side=nato"
    assert rows[4] == [] and len(rows) == export.CSV_META_ROWS + 1 + len(df)
    table = export.read_csv(data)
    assert list(table.columns) == ["phía", "phía (mã)", "lập trường", "lập trường (mã)", "số lượng"]
    assert table.to_dict("records")[0] == {
        "phía": "NATO",
        "phía (mã)": "nato",
        "lập trường": "đối đầu",
        "lập trường (mã)": "conflictual",
        "số lượng": 3,
    }
    assert table["lập trường"].isna().tolist() == [False, True], "a missing value stays an empty cell"


def test_provenance_text_from_the_user_is_neutralised():
    prov = _prov("en", sentence='=HYPERLINK("http://evil.example")')
    rows = _cells(export.csv_bytes(pd.DataFrame({"n": [1]}), prov))
    assert rows[0][1].startswith("'=")


def test_localise_for_screen_names_values_and_dashes_missing_ones():
    df = pd.DataFrame(
        {
            "type": ["PER", "LOC"],
            "relevant": [1, None],
            "speaker": ["Putin", None],
            "day": [24.0, None],
            "evidence": ["dateline: Ngày 24/11; year hint", None],
            "url": ["https://x.example/a", "javascript:alert(1)"],
        }
    )
    shown = tables.localise(df, "vi")
    assert list(shown.columns) == [
        "loại",
        "mức liên quan",
        "người phát biểu",
        "ngày",
        "căn cứ xác định ngày",
        "bài gốc",
    ]
    assert shown["loại"].tolist() == ["người", "địa danh"]
    assert shown["mức liên quan"].tolist() == ["liên quan", "—"]
    assert shown["người phát biểu"].tolist() == ["Putin", "—"]
    assert shown["ngày"].tolist() == ["24", "—"]
    assert shown["căn cứ xác định ngày"].tolist() == ["dòng ngày tháng: Ngày 24/11; năm gợi ý", "—"]
    assert shown["bài gốc"].tolist() == ["https://x.example/a", ""]


def test_clip_sentences_ends_at_a_sentence_with_ellipsis():
    long = "Nga cảnh báo NATO. " + "Ông Lavrov nói rằng việc mở rộng là nguy hiểm cho an ninh châu Âu. " * 10
    clipped = briefing.clip_sentences(long, 120)
    assert clipped.endswith("…") and len(clipped) <= 120
    assert clipped[:-1].rstrip().endswith("."), "cut after a whole sentence"
    one = "x" * 50 + " " + "y" * 200
    assert briefing.clip_sentences(one, 100) == "x" * 50 + "…"
    assert briefing.clip_sentences("Ngắn.", 100) == "Ngắn."


def _candidates(sides: list[str], text: str = "Câu {i}.") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": ["2017-05-08"] * len(sides),
            "speaker": [f"Người {i}" for i in range(len(sides))],
            "side": sides,
            "stance": ["conflictual"] * len(sides),
            "text": [text.format(i=i) for i in range(len(sides))],
            "source": [None] * len(sides),
            "title": ["Tiêu đề"] * len(sides),
        }
    )


def test_pick_statements_alternates_sides_when_both_are_covered():
    ranked = _candidates(["nato"] * 10 + ["russia"] * 3)
    picked = briefing.pick_statements(ranked, 6, balance=("nato", "russia"))
    assert sorted(picked["side"]).count("russia") == 3 and len(picked) == 6
    assert list(briefing.pick_statements(ranked, 6)["side"]) == ["nato"] * 6, "one side asked: best first"


def test_pick_statements_quotes_the_same_words_once():
    ranked = _candidates(["nato", "nato", "russia"], text="NATO đang bao vây Nga")
    ranked.loc[2, "text"] = "Nga đáp trả NATO"
    picked = briefing.pick_statements(ranked, 8)
    assert picked["text"].tolist() == ["NATO đang bao vây Nga", "Nga đáp trả NATO"]


def test_briefing_page_never_cuts_a_statement_and_names_no_question_mark():
    long = "Câu {i}. " + "Ông nói: &quot;NATO\" 'đang' bao vây Nga <b>. " * 40
    statements = _candidates(["nato", "russia"] * 6, text=long)
    statements["source"] = ["?", "VnExpress"] * 6
    prov = _prov("vi")
    page = briefing.briefing_page(
        "Bản tóm tắt",
        prov.sentence,
        [],
        statements,
        pd.DataFrame(),
        "vi",
        size=(1240, 900),  # room for a few rows only
        provenance=prov,
        balance=("nato", "russia"),
    )
    meta = page.layout.meta
    assert 0 < meta["placed"] < meta["candidates"]
    assert meta["statements_bottom"] <= meta["sources_top"], "the last row ends above the outlets"
    texts = [a.text for a in page.layout.annotations]
    joined = " ".join(texts)
    assert 'NATO" ' in joined, "a quotation mark stays a character (Plotly would print &quot; as is)"
    assert "&amp;quot;" in joined, "text that spells an entity is shown as typed"
    assert "&#x27;" not in joined and "&#34;" not in joined
    assert "&lt;b&gt;" in joined and "<b>. " not in joined
    assert "còn" in joined.lower() and "không đủ chỗ" in joined
    assert "? —" not in joined and "<i>? " not in joined
    assert "Tạo lúc:" in joined and "http://127.0.0.1:8501/timeline?lang=vi&amp;side=nato" in joined
    assert "4 bài không ghi nguồn" in joined
    rows = [t for t in texts if t.startswith("<b>2017-05-08</b>")]
    assert len(rows) == meta["placed"]
    quotes = [t for t in texts if t.startswith("“Câu")]
    assert len(quotes) == meta["placed"] and all("…" in t for t in quotes), "clipped at a sentence end"


@needs_chromium
def test_chart_png_with_provenance_is_taller_by_its_band():
    plain = export.png(_fig(), 800, 500)
    tagged = export.png(_fig(), 800, 500, provenance=_prov("vi"))
    w, h = export.png_size(tagged)
    assert w == 800 and 500 + 60 < h < 500 + 200
    assert tagged != plain


def test_page_exports_carry_the_link_that_reproduces_the_view(path, monkeypatch):
    """Behind a proxy the public address is configured (NEWS_BASE_URL); the link keeps page and filters."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("NEWS_DB", str(path))
    monkeypatch.setenv("NEWS_BASE_URL", "https://news.example.org/")
    seen = capture_downloads(monkeypatch)
    st.cache_data.clear()
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/1_timeline.py")
    at.query_params.clear()
    at.query_params.update({"lang": "vi", "side": "russia"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    rows = _cells(seen["statements-timeline.csv"])
    meta = {r[0]: r[1] for r in rows[:4]}
    link = meta["Đường dẫn tới trang này"]
    assert (
        link.startswith("https://news.example.org/timeline?") and "side=russia" in link and "lang=vi" in link
    )
    assert meta["Bộ lọc"].startswith("Các phát biểu của nhân vật phía Nga")
    assert "bài" in meta["Nguồn"] and "?" not in meta["Nguồn"]
    assert re.match(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta["Tạo lúc"])
    st.cache_data.clear()
