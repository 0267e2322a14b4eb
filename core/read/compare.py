"""The Compare page: the entities two articles share, each sentence of one with its closest in the other
(TF-IDF over folded words), and the sample pairs named in data/samples/pairs.yaml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from core.config import SAMPLES_DIR, load_yaml
from core.read import db
from core.text.textnorm import fold, squash

_WORDS = re.compile(r"\w+")


def entity_sets(mentions_a: pd.DataFrame, mentions_b: pd.DataFrame) -> dict[str, list[str]]:
    a = set(mentions_a["name"]) if len(mentions_a) else set()
    b = set(mentions_b["name"]) if len(mentions_b) else set()
    return {"shared": sorted(a & b), "only_a": sorted(a - b), "only_b": sorted(b - a)}


def _tfidf(docs: Sequence[str]) -> csr_matrix:
    """Rows = docs, L2-normalised TF-IDF over folded words (so 'Nga'/'nga', 'đối'/'doi' match)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, doc in enumerate(docs):
        counts: dict[int, int] = {}
        for w in _WORDS.findall(fold(doc)):
            j = vocab.setdefault(w, len(vocab))
            counts[j] = counts.get(j, 0) + 1
        for j, c in counts.items():
            rows.append(i)
            cols.append(j)
            vals.append(float(c))
    m = csr_matrix((vals, (rows, cols)), shape=(len(docs), max(len(vocab), 1)))
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    m = m.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(m.multiply(1.0 / norms[:, None]))


def align_sentences(a: Sequence[str], b: Sequence[str]) -> pd.DataFrame:
    """Each sentence of A with its most similar sentence of B (cosine of TF-IDF on folded words).

    >>> align_sentences(["Nga cảnh báo NATO."], ["NATO bị Nga cảnh báo.", "Trời mưa."]).iloc[0]["b"]
    'NATO bị Nga cảnh báo.'
    """
    cols = ["a_idx", "a", "b_idx", "b", "similarity"]
    if not len(a) or not len(b):
        return pd.DataFrame(columns=cols)
    m = _tfidf(list(a) + list(b))
    sim = (m[: len(a)] @ m[len(a) :].T).toarray()
    best = sim.argmax(axis=1)
    score = np.round(sim[np.arange(len(a)), best], 3)
    # No shared word at all: say so rather than pairing with an arbitrary sentence.
    return pd.DataFrame(
        {
            "a_idx": range(len(a)),
            "a": list(a),
            "b_idx": pd.array(
                [int(j) if s > 0 else None for j, s in zip(best, score, strict=True)], dtype="Int64"
            ),
            "b": [b[j] if s > 0 else "" for j, s in zip(best, score, strict=True)],
            "similarity": score,
        },
        columns=cols,
    )


def sample_pairs_file() -> Path:
    """The pairs the Compare page offers as one-click choices (a function, so a test can point it elsewhere)."""
    return SAMPLES_DIR / "pairs.yaml"


def load_pairs(path: str | Path, pairs_file: str | Path, lang: str = "en") -> list[dict]:
    """data/samples/pairs.yaml ({title_a, title_b, why}) -> pairs whose two titles are both in the store.
    `why` is one text or one per language ({en: ..., vi: ...}); the pair says it in `lang` (else English)."""
    pairs_file = Path(pairs_file)
    if not pairs_file.is_file():
        return []
    with open(pairs_file, encoding="utf-8") as fh:
        items = load_yaml(fh) or []
    if not isinstance(items, list):
        return []
    out = []
    with db.reading(path) as conn:

        def find(title: str) -> int | None:
            row = conn.execute(
                "SELECT id FROM articles WHERE title = :t ORDER BY id LIMIT 1", {"t": title}
            ).fetchone()
            if (
                row is None
            ):  # tolerate case, diacritic and spacing differences in the YAML, never another title
                row = conn.execute(
                    "SELECT id FROM articles WHERE title_key = :k ORDER BY id LIMIT 1", {"k": squash(title)}
                ).fetchone()
            return row[0] if row else None

        for item in items:
            if not isinstance(item, dict):
                continue
            a, b = find(str(item.get("title_a", ""))), find(str(item.get("title_b", "")))
            if a is not None and b is not None and a != b:
                why = item.get("why", "")
                if isinstance(why, dict):
                    why = why.get(lang) or why.get("en") or next(iter(why.values()), "")
                out.append({"a": a, "b": b, "why": str(why)})
    return out
