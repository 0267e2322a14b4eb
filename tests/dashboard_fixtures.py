"""A small hand-made store for the dashboard tests: five articles, their entities, mentions and statements.

Offsets are computed from the text itself (`_span`), so the fixture cannot disagree with the columns it
points into. Two titles carry HTML that must render as text.
"""

from __future__ import annotations

from pathlib import Path

from core.models import Article, DateInfo, Entity, Extraction, Mention, Sentence, Statement
from core.store import connection
from core.store import db as store

NATO = Entity("NATO", "ORG", "nato", "nato")
STOLTENBERG = Entity("Jens Stoltenberg", "PER", "nato", "stoltenberg")
RUSSIA = Entity("Nga", "LOC", "russia", "russia")
LAVROV = Entity("Sergei Lavrov", "PER", "russia", "lavrov")
PUTIN = Entity("Vladimir Putin", "PER", "russia", "putin")
UKRAINE = Entity("Ukraine", "LOC", "other", "ukraine")

SCRIPT_TITLE = "Nga cảnh báo NATO <script>alert(1)</script>"
IMG_TITLE = "Stoltenberg nói về Nga <img src=x onerror=alert(1)>"


def _span(text: str, sub: str, after: int = 0) -> tuple[int, int]:
    i = text.index(sub, after)
    return i, i + len(sub)


def _build(title: str, body: str, mentions: list[tuple[Entity, str]], statements: list[dict]) -> Extraction:
    """Sentences split on '. '; mention surfaces and statement texts are found in the body (first match)."""
    sentences = [Sentence(0, "title", 0, len(title), title)]
    pos = 0
    for part in body.split(". "):
        start = body.index(part, pos)
        sentences.append(Sentence(len(sentences), "body", start, start + len(part), part))
        pos = start + len(part)

    def sent_of(start: int) -> int:
        for s in sentences[1:]:
            if s.start <= start < s.end:
                return s.idx
        raise ValueError(start)

    ms = []
    for ent, surface in mentions:
        start = 0
        while surface in body[start:]:
            a, b = _span(body, surface, start)
            ms.append(Mention(ent, surface, sent_of(a), "body", a, b))
            start = b
    sts = []
    for st in statements:
        a, b = _span(body, st["text"])
        sts.append(
            Statement(
                speaker=st.get("speaker"),
                speaker_text=st.get("speaker_text") or (st["speaker"].name if st.get("speaker") else "?"),
                verb=st["verb"],
                text=st["text"],
                quote=st.get("quote", True),
                stance=st["stance"],
                score=st.get(
                    "score", {"cooperative": 4.0, "neutral": 0.0, "conflictual": -6.0}[st["stance"]]
                ),
                sentence=sent_of(a),
                field="body",
                start=a,
                end=b,
                target=st.get("target"),
                target_text=st["target"].name if st.get("target") else None,
            )
        )
    return Extraction(tuple(sentences), tuple(ms), tuple(sts), relevant=True)


def articles() -> list[tuple[Article, Extraction | None]]:
    out: list[tuple[Article, Extraction | None]] = []

    body = (
        "Ông Jens Stoltenberg tuyên bố NATO muốn đối thoại với Nga. "
        "Ngoại trưởng Sergei Lavrov cho rằng NATO đe dọa an ninh của Nga. "
        "Hai bên sẽ gặp nhau tại Brussels"
    )
    title = "NATO muốn đối thoại với Nga"
    ex = _build(
        title,
        body,
        [(STOLTENBERG, "Jens Stoltenberg"), (NATO, "NATO"), (RUSSIA, "Nga"), (LAVROV, "Sergei Lavrov")],
        [
            {
                "speaker": STOLTENBERG,
                "verb": "tuyên bố",
                "text": "NATO muốn đối thoại với Nga",
                "stance": "cooperative",
                "target": RUSSIA,
            },
            {
                "speaker": LAVROV,
                "verb": "cho rằng",
                "text": "NATO đe dọa an ninh của Nga",
                "stance": "conflictual",
                "target": NATO,
            },
        ],
    )
    out.append(
        (
            Article(
                title=title,
                lede="",
                body=body,
                origin="fixtures/a1.txt",
                raw=title + "\n\n" + body,
                source="TTXVN",
                date=DateInfo(10, 3, 2018, "dateline", "Ngày 10/3/2018"),
                captions=("Ông Jens Stoltenberg. (Nguồn: EPA/TTXVN)",),
            ),
            ex,
        )
    )

    body = (
        "Tổng thống Vladimir Putin nói rằng NATO đang bao vây Nga. "
        "Vụ Skripal làm quan hệ giữa Nga và phương Tây căng thẳng. "
        "Ông Putin cảnh báo NATO không được mở rộng sang Ukraine"
    )
    ex = _build(
        SCRIPT_TITLE,
        body,
        [(PUTIN, "Vladimir Putin"), (PUTIN, "Putin"), (NATO, "NATO"), (RUSSIA, "Nga"), (UKRAINE, "Ukraine")],
        [
            {
                "speaker": PUTIN,
                "verb": "nói rằng",
                "text": "NATO đang bao vây Nga",
                "stance": "conflictual",
                "target": NATO,
                "score": -8.0,
            },
            {
                "speaker": PUTIN,
                "verb": "cảnh báo",
                "text": "NATO không được mở rộng sang Ukraine",
                "stance": "conflictual",
                "target": NATO,
                "score": -7.0,
            },
        ],
    )
    out.append(
        (
            Article(
                title=SCRIPT_TITLE,
                lede="",
                body=body,
                origin="fixtures/a2.jsonl#1",
                raw='{"title": "' + SCRIPT_TITLE + '"}',
                source="VnExpress",
                date=DateInfo(5, 7, 2019, "metadata", "2019-07-05T08:00:00"),
                format="jsonl",
            ),
            ex,
        )
    )

    body = (
        "Ngày 24/11, ông Jens Stoltenberg cho biết NATO không tìm kiếm đối đầu với Nga. "
        "Ông Stoltenberg nhấn mạnh NATO sẵn sàng bảo vệ các đồng minh"
    )
    ex = _build(
        IMG_TITLE,
        body,
        [(STOLTENBERG, "Jens Stoltenberg"), (STOLTENBERG, "Stoltenberg"), (NATO, "NATO"), (RUSSIA, "Nga")],
        [
            {
                "speaker": STOLTENBERG,
                "verb": "cho biết",
                "text": "NATO không tìm kiếm đối đầu với Nga",
                "stance": "neutral",
            },
        ],
    )
    out.append(
        (
            Article(
                title=IMG_TITLE,
                lede="",
                body=body,
                origin="fixtures/a3.txt",
                raw=IMG_TITLE + "\n\n" + body,
                source="TTXVN",
                date=DateInfo(24, 11, None, "dateline", "Ngày 24/11"),
            ),
            ex,
        )
    )

    body = "Bài viết về thời tiết ở Hà Nội, không liên quan đến NATO hay Nga."
    out.append(
        (
            Article(
                title="Thời tiết Hà Nội",
                lede="",
                body=body,
                origin="fixtures/a4.txt",
                raw=body,
                source="Tuổi Trẻ",
            ),
            Extraction((Sentence(0, "title", 0, 16, "Thời tiết Hà Nội"),), (), (), relevant=False),
        )
    )

    body = (
        "Ông Sergei Lavrov tuyên bố Nga sẵn sàng hợp tác với NATO về chống khủng bố. "
        "Ông Jens Stoltenberg hoan nghênh NATO và Nga nối lại đối thoại"
    )
    title = "Lavrov: Nga sẵn sàng hợp tác với NATO"
    ex = _build(
        title,
        body,
        [(LAVROV, "Sergei Lavrov"), (RUSSIA, "Nga"), (NATO, "NATO"), (STOLTENBERG, "Jens Stoltenberg")],
        [
            {
                "speaker": LAVROV,
                "verb": "tuyên bố",
                "text": "Nga sẵn sàng hợp tác với NATO về chống khủng bố",
                "stance": "cooperative",
                "target": NATO,
            },
            {
                "speaker": STOLTENBERG,
                "verb": "hoan nghênh",
                "text": "NATO và Nga nối lại đối thoại",
                "stance": "cooperative",
                "target": RUSSIA,
                "quote": False,
            },
        ],
    )
    out.append(
        (
            Article(
                title=title,
                lede="",
                body=body,
                origin="fixtures/a5.csv#3",
                raw="id,title\n3," + title,
                source="VnExpress",
                date=DateInfo(20, 11, 2018, "metadata", "2018-11-20"),
                format="csv",
            ),
            ex,
        )
    )
    return out


def build_store(path: Path, *, with_extraction: bool = True) -> Path:
    """Write the fixture articles (with or without their extraction) into a fresh store at `path`."""
    db = connection.connect(path)
    try:
        for art, ex in articles():
            store.add_article(db, art, ex if with_extraction else None)
    finally:
        db.close()
    return path


def build_empty(path: Path) -> Path:
    connection.connect(path).close()
    return path


def capture_downloads(monkeypatch) -> dict[str, object]:
    """The files the app hands to download buttons, by file name (Streamlit's media manager, spied on)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    seen: dict[str, object] = {}
    real_add = MediaFileManager.add

    def add(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            seen[file_name] = data
        return real_add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    monkeypatch.setattr(MediaFileManager, "add", add)
    return seen


def serving(path: Path, monkeypatch):
    """`path` as the dashboard's NEWS_DB for one test, Streamlit's caches cleared before and after (a fixture's
    `yield from`)."""
    import streamlit as st

    monkeypatch.setenv("NEWS_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()
