"""The Timeline's points chart past its cap: a sample spread over the whole filtered range (every month kept,
not the last weeks), the same on every render, and points of one day spread within their row instead of
drawn on top of each other; the caption says how many of how many are drawn, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.app import charts
from core.models import Article, DateInfo, Entity, Extraction, Sentence, Statement
from core.read import timeline
from core.read.filters import Filters
from core.store import connection
from core.store import db as store

ROOT = Path(__file__).resolve().parent.parent
SPEAKERS = [
    Entity("Jens Stoltenberg", "PER", "nato", "stoltenberg"),
    Entity("Sergei Lavrov", "PER", "russia", "lavrov"),
    Entity("Antonio Guterres", "PER", "other", "guterres"),
]
STANCES = [("conflictual", -5.0), ("neutral", 0.0), ("cooperative", 4.0)]
# Statements per month of 2017, most of them in May-July as on the whole-corpus store; March has one.
PER_MONTH = {1: 60, 2: 40, 3: 1, 4: 30, 5: 900, 6: 1300, 7: 800, 8: 20, 9: 5, 10: 15, 11: 10, 12: 19}
TOTAL = sum(PER_MONTH.values())  # 3,200: past the page's 3,000 points


def _article(i: int, day: int, month: int, n: int, crawled: bool = False) -> tuple[Article, Extraction]:
    """An article of `n` statements dated day/month/2017 (by its crawl time when `crawled`)."""
    texts = [f"Phát biểu số {i}-{k} về quan hệ NATO và Nga" for k in range(n)]
    sentences, statements, pos = [], [], 0
    for k, text in enumerate(texts):
        sentences.append(Sentence(k, "body", pos, pos + len(text), text))
        speaker = SPEAKERS[(i + k) % len(SPEAKERS)]
        stance, score = STANCES[(i * 7 + k) % len(STANCES)]
        statements.append(
            Statement(
                speaker, speaker.name, "cho biết", text, False, stance, score, k, "body", pos, pos + len(text)
            )
        )
        pos += len(text) + 1
    body = " ".join(texts)
    source = "crawled" if crawled else "metadata"
    date = DateInfo(day, month, 2017, source, "thử nghiệm")
    article = Article(f"Bài {i}", "", body, f"test#{i}", body, source="Mẫu", date=date)
    return article, Extraction(tuple(sentences), (), tuple(statements), True)


def _build(path: Path, per_month: dict[int, int]) -> Path:
    """Articles of up to 10 statements each over 2017, `per_month[m]` statements in month m, days spread."""
    db = connection.connect(path)
    i = 0
    try:
        for month, n in per_month.items():
            while n > 0:
                k = min(n, 10)
                store.add_article(db, *_article(i, 1 + (i * 5) % 28, month, k))
                n -= k
                i += 1
    finally:
        db.close()
    return path


@pytest.fixture(scope="module")
def spread(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("points") / "news.db", PER_MONTH)


def _months(df: pd.DataFrame) -> set[int]:
    return {int(d[5:7]) for d in df["date"]}


# --- the sample ---------------------------------------------------------------------------------------------


def test_a_capped_sample_spans_every_month_with_its_share(spread):
    points = timeline.statement_points(spread, Filters(), limit=300)
    assert len(points) == 300, "the cap, exactly"
    assert points.attrs["total"] == TOTAL
    assert _months(points) == set(PER_MONTH), "January to December, not the last weeks only"
    per = points["date"].str[5:7].astype(int).value_counts()
    assert per[6] == per.max() and per[6] > 100, "the busiest month keeps the largest share"
    assert per[3] == 1 and per[9] == 3, "a quiet month keeps a few (all it has, if fewer)"
    assert all(per[m] >= 3 for m, n in PER_MONTH.items() if n >= 3), "at least a few per month"
    assert points["id"].is_unique and list(points["date"]) == sorted(points["date"]), "oldest first"


def test_the_sample_is_the_same_on_every_call(spread):
    first = timeline.statement_points(spread, Filters(), limit=300)
    again = timeline.statement_points(spread, Filters(), limit=300)
    assert list(first["id"]) == list(again["id"])
    # A bigger cap keeps what the smaller one drew (each month's lowest hashes): no point jumps away.
    more = timeline.statement_points(spread, Filters(), limit=600)
    assert len(set(first["id"]) - set(more["id"])) < 15


def test_weeks_are_strata_too(spread):
    points = timeline.statement_points(spread, Filters(), limit=300, period="week")
    counts = timeline.statement_counts(spread, Filters(), "week").groupby("period")["n"].sum()
    weeks = {
        str((pd.Timestamp(d) - pd.Timedelta(days=pd.Timestamp(d).weekday())).date()) for d in points["date"]
    }
    assert len(points) == 300 and weeks == set(counts.index), "every week with a statement has a point"


def test_small_sets_are_drawn_whole(spread):
    everything = timeline.statement_points(spread, Filters(), limit=TOTAL)
    assert len(everything) == TOTAL == everything.attrs["total"]
    march = Filters(date_from="2017-03-01", date_to="2017-04-30")
    part = timeline.statement_points(spread, march, limit=300)
    assert len(part) == 31 == part.attrs["total"] and _months(part) == {3, 4}


def test_the_sample_keeps_to_the_filters(spread):
    russia = Filters(sides=("russia",))
    points = timeline.statement_points(spread, russia, limit=100)
    assert len(points) == 100 and set(points["side"]) == {"russia"}
    counts = timeline.statement_counts(spread, russia, "month")
    assert points.attrs["total"] == int(counts["n"].sum()), "the total is what the counts chart adds up to"
    assert _months(points) == {int(p[5:7]) for p in counts["period"]}, "every month Russia spoke in"


def test_a_short_draw_falls_back_to_the_whole_period(spread, monkeypatch):
    """The hash threshold only narrows the read: with none at all, every period is read whole and the same
    statements are kept (the lowest hashes of each period)."""
    expected = list(timeline.statement_points(spread, Filters(), limit=300)["id"])
    monkeypatch.setattr(timeline, "_OVERDRAW", 0.0)
    monkeypatch.setattr(timeline, "_SPARE", 0)
    assert list(timeline.statement_points(spread, Filters(), limit=300)["id"]) == expected


@pytest.mark.parametrize(
    "counts, limit",
    [([60, 40, 1, 30, 900, 1300, 800, 20, 5, 15, 10, 19], 300), ([7] * 500, 1000), ([1000, 0, 3, 2], 10)],
)
def test_quotas_add_up_to_the_cap_and_never_exceed_a_period(counts, limit):
    quotas = timeline.spread_quotas(counts, limit)
    n = np.array(counts)
    assert quotas.sum() == min(limit, n.sum())
    assert (quotas <= n).all() and (quotas[n == 0] == 0).all()
    floor = min(timeline.SAMPLE_FLOOR, limit // int((n > 0).sum()))
    assert (quotas >= np.minimum(n, floor)).all()


def test_the_hash_is_the_sql_one_and_fixed():
    ids = np.array([1, 2, 3, 1_000_000])
    assert list(timeline.unit_hash(ids)) == list(timeline.unit_hash(ids.tolist()))
    assert ((timeline.unit_hash(ids) >= 0) & (timeline.unit_hash(ids) < 1)).all()
    assert timeline.unit_hash([1])[0] == (2654435769 % 2**32) / 2**32


# --- offsets within a row -------------------------------------------------------------------------------------


def _same_day(n: int, side: str = "russia", crawled: int = 0) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(101, 101 + n),
            "date": ["2017-05-08"] * n,
            "speaker": ["Sergei Lavrov"] * n,
            "side": [side] * n,
            "verb": ["nói"] * n,
            "stance": ["conflictual", "neutral", "cooperative", "unsure"] * (n // 4) + ["neutral"] * (n % 4),
            "text": ["NATO đang bao vây Nga"] * n,
            "date_source": ["crawled"] * crawled + ["metadata"] * (n - crawled),
        }
    )


def _ys(fig) -> dict[int, float]:
    return {
        int(c[0]): y
        for t in fig.data
        if t.customdata is not None
        for c, y in zip(t.customdata, t.y, strict=True)
    }


def test_points_of_one_day_spread_within_their_band():
    df = _same_day(10)
    fig = charts.statement_points(df, "side", "en")
    ys = _ys(fig)
    assert sorted(ys) == list(df["id"]), "every statement once, its id in customdata"
    assert len({round(y, 3) for y in ys.values()}) == 10, "ten statements of one day are ten points"
    row = list(fig.layout.yaxis.ticktext).index("Russia")
    assert all(abs(y - fig.layout.yaxis.tickvals[row]) <= charts.JITTER for y in ys.values())
    assert fig.layout.yaxis.range == (-0.5, len(fig.layout.yaxis.ticktext) - 0.5)
    assert "%{y}" not in fig.data[0].hovertemplate and "customdata[3]" in fig.data[0].hovertemplate


def test_offsets_are_fixed_by_the_id():
    df = _same_day(12)
    one = _ys(charts.statement_points(df, "speaker", "en"))
    other = _ys(charts.statement_points(df.iloc[::-1].iloc[3:], "speaker", "vi"))
    assert all(other[i] == one[i] for i in other), (
        "the same statement at the same height, whatever else is drawn"
    )
    offsets = charts.row_offsets(np.arange(1, 5000))
    assert offsets.min() >= -charts.JITTER and offsets.max() < charts.JITTER
    assert abs(offsets.mean()) < 0.01, "spread evenly around the row's centre"


@pytest.mark.parametrize("lang, key", [("en", "date = collection time"), ("vi", "ngày = lúc thu thập")])
def test_upper_bound_points_stay_hollow_with_one_key_in_the_legend(lang, key):
    fig = charts.statement_points(_same_day(12, crawled=8), "side", lang)
    hollow = [t for t in fig.data if t.customdata is not None and t.marker.symbol == "circle-open"]
    assert sum(len(t.x) for t in hollow) == 8, "every crawl-dated point hollow"
    assert {t.showlegend for t in hollow} == {False} and all(t.legendgroup for t in hollow)
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert len(legend) == 5, "four stances and one key, not a hollow entry per stance"
    keys = [t for t in fig.data if t.customdata is None]
    assert len(keys) == 1 and keys[0].marker.symbol == "circle-open" and key in keys[0].name


def test_no_key_without_upper_bounds():
    fig = charts.statement_points(_same_day(4), "side", "en")
    assert all(t.customdata is not None for t in fig.data)


# --- the page -------------------------------------------------------------------------------------------------


def _page(lang: str) -> AppTest:
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/1_timeline.py")
    at.query_params.clear()
    at.query_params.update({"lang": lang, "y": "side"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    "lang, caption",
    [
        ("en", "3,000 of 3,200 statements drawn, spread over the whole range (each month"),
        ("vi", "Vẽ 3,000 trên 3,200 phát biểu, trải đều trên cả khoảng thời gian (mỗi tháng"),
    ],
)
def test_the_page_says_how_many_points_are_drawn(spread, monkeypatch, lang, caption):
    monkeypatch.setenv("NEWS_DB", str(spread))
    at = _page(lang)
    captions = [c.value for c in at.caption]
    assert any(c.startswith(caption) for c in captions), captions
    assert not any("most recent" in c or "gần nhất" in c for c in captions)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    dates = {d for t in spec["data"] if t.get("customdata") for d in t["x"]}
    assert {int(d[5:7]) for d in dates} == set(PER_MONTH), "the chart spans January to December"
