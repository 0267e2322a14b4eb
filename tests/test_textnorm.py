"""Tone placement and folding: real mis-toned words in, the stored and searchable forms out."""

from __future__ import annotations

import unicodedata

import pytest

from core.text.textnorm import fold, normalize, squash


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("hoá", "hóa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Hoà bình", "Hòa bình"),
        ("baỏ", "bảo"),
        ("lựơng", "lượng"),
        ("nghành", "nghành"),  # a spelling fix would change letters, not tone placement: left alone
        ("Ngày 24/11 ,  xin chào", "Ngày 24/11 ,  xin chào"),  # spacing and punctuation untouched
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_makes_nfc():
    nfd = unicodedata.normalize("NFD", "Tiếng Việt")
    assert normalize(nfd) == "Tiếng Việt"


def test_normalize_never_changes_letters_on_real_text():
    text = (
        "Tổng Thư ký NATO Jens Stoltenberg tuyên bố hoá giải căng thẳng, khoẻ mạnh, Thuỵ Điển, Liên bang Nga."
    )
    assert fold(normalize(text)) == fold(text)


def test_fold():
    assert fold("Đối đầu với Liên bang Nga") == "doi dau voi lien bang nga"
    assert fold("ĐẠI TÂY DƯƠNG") == "dai tay duong"
    s = "Tiếng Việt có dấu: ăâêôơưđ"
    assert len(fold(s)) == len(s)  # offsets survive folding


def test_squash():
    assert squash("  Hòa\n\nbình  ") == "hoa binh"
