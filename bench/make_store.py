"""Build a realistic store of N articles for scale benchmarks, from real sentences.

Sentences come from ../shared/corpus/baomoi-2017 when present, else from data/samples. Mentions are real
occurrences of knowledge-file aliases in those sentences plus a long tail of capitalised names found in them
(≈15 per article); about one statement per article; dates spread over 2014–2024, one article in ten without a
year. Everything is written through core.store.db, so aggregates and FTS are exactly what ingest would keep.

    python bench/make_store.py --articles 100000 --out bench/out/store_100000.db
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.models import Article, DateInfo, Entity, Extraction, Mention, Sentence, Statement  # noqa: E402
from core.nlp import kb  # noqa: E402
from core.store import connection  # noqa: E402
from core.store import db as store  # noqa: E402
from core.text.parse import iter_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"
TAIL = re.compile(r"(?<=[\s,(])(?:[A-ZĐ][\w\-]+(?:\s+[A-ZĐ][\w\-]+){1,2})")
STANCES = [("conflictual", -5.0), ("neutral", 0.0), ("cooperative", 4.0)]


def sentence_pool(limit_files: int) -> list[str]:
    files = sorted(CORPUS.glob("*.txt"))[:limit_files] if CORPUS.is_dir() else []
    if not files:
        files = sorted((ROOT / "data" / "samples").rglob("*.txt"))
    pool: list[str] = []
    for f in files:
        for rec in iter_file(f):
            if isinstance(rec, Article):
                pool.extend(s.strip() + "." for s in re.split(r"(?<=\.)\s+", rec.body) if 40 <= len(s) <= 400)
    return pool


def annotate(sentence: str, index: kb.KB, tail_types: dict[str, str]) -> list[tuple[Entity, int, int]]:
    found = []
    for m in index.alias_re.finditer(sentence):
        actor = index.actor(index.by_alias[m.group(0)])
        found.append((actor.entity, m.start(), m.end()))
    for m in TAIL.finditer(sentence):
        name = m.group(0)
        if index.lookup(name) is None:
            etype = tail_types.setdefault(name, random.choice(["PER", "ORG", "LOC"]))
            found.append((Entity(name, etype, "other"), m.start(), m.end()))
    return found


def make(n: int, out: Path, seed: int = 1) -> None:
    random.seed(seed)
    index = kb.load()
    pool = sentence_pool(6000)
    tail_types: dict[str, str] = {}
    notes = [annotate(s, index, tail_types) for s in pool]
    rich = [i for i, ns in enumerate(notes) if ns]
    out.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    db = connection.connect(out)
    t0 = time.perf_counter()
    batch = 2000
    for start in range(0, n, batch):
        with connection.transaction(db):
            for i in range(start, min(n, start + batch)):
                article, ex = _article(i, pool, notes, rich)
                store.add_article(db, article, ex)
        print(f"{min(n, start + batch)}/{n} articles, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    db.execute("PRAGMA optimize")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.close()


def _article(i: int, pool: list[str], notes: list, rich: list[int]) -> tuple[Article, Extraction]:
    picks = [random.choice(rich) for _ in range(random.randint(4, 9))]
    picks += [random.randrange(len(pool)) for _ in range(random.randint(2, 6))]
    body_parts, sentences, mentions = [], [], []
    pos = 0
    for k, idx in enumerate(picks):
        text = pool[idx]
        sentences.append(Sentence(k, "body", pos, pos + len(text), text))
        mentions.extend(
            Mention(e, text[s:t], k, "body", pos + s, pos + t, 0.9, "kb") for e, s, t in notes[idx]
        )
        body_parts.append(text)
        pos += len(text) + 1
    body = " ".join(body_parts) + f" (Bài mô phỏng số {i}.)"
    statements = []
    speakers = [m for m in mentions if m.entity.type in ("PER", "ORG")]
    if speakers and random.random() < 0.9:
        sp = random.choice(speakers)
        sent = sentences[sp.sentence]
        stance, score = random.choice(STANCES)
        statements.append(
            Statement(
                sp.entity,
                sp.surface,
                "cho biết",
                sent.text,
                False,
                stance,
                score,
                sp.sentence,
                "body",
                sent.start,
                sent.end,
            )  # fmt: skip
        )
    year = random.randint(2014, 2024)
    date = (
        DateInfo(random.randint(1, 28), random.randint(1, 12), None, "dateline", "dateline: mô phỏng")
        if random.random() < 0.1
        else DateInfo(random.randint(1, 28), random.randint(1, 12), year, "metadata", "mô phỏng")
    )
    title = sentences[0].text[:90]
    article = Article(title, "", body, f"bench#{i}", body, source=random.choice(["Mẫu A", "Mẫu B", "Mẫu C"]),
                      date=date)  # fmt: skip
    relevant = any(m.entity.side == "nato" for m in mentions) and any(
        m.entity.side == "russia" for m in mentions
    )
    return article, Extraction(tuple(sentences), tuple(mentions), tuple(statements), relevant)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    make(args.articles, args.out, args.seed)


if __name__ == "__main__":
    main()
