"""Where ingest time goes, stage by stage, on one process: parse, gate, NER, statements, write.

    python bench/bench_ingest_split.py [--files 3000] [--seed 7]

A seeded random sample of ../shared/corpus/baomoi-2017 (the samples stand in when it is absent) goes through
the ingest's own pipeline components (core.nlp.pipeline.COMPONENTS, the learned relevance check included) and
its writer's batches of BATCH_ARTICLES per transaction, each stage timed separately in one run, so the shares
compare ("statements" counts statement finding, stance and the realness check). Stages are
timed in CPU seconds of this process (time.process_time), which other work on a shared machine does not
inflate; the wall time of the whole run is printed beside them. The gate is
the cheap path every article takes (knowledge-file mentions, disambiguation, relevance); NER and statements
run only on the candidates it lets through. Prints seconds, shares and the implied whole-corpus time for one
and two workers (the writer runs beside the workers); no goal is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.ingest.run import BATCH_ARTICLES as BATCH  # noqa: E402
from core.models import Article, Extraction  # noqa: E402
from core.nlp.pipeline import COMPONENTS, Doc  # noqa: E402
from core.store import connection  # noqa: E402
from core.store import db as store  # noqa: E402
from core.store.fts import Deferred  # noqa: E402
from core.text.dates import complete  # noqa: E402
from core.text.parse import iter_file, scan  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"
CORPUS_FILES = 35_440
# Which stage each pipeline component's time counts in: the gate every article takes, the rest only candidates.
STAGE = {
    "sentences": "gate",
    "mentions": "gate",
    "relevance": "gate",
    "entities": "ner",
    "statements": "statements",
    "stance": "statements",
    "realness": "statements",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if CORPUS.is_dir():
        files = sorted(CORPUS.glob("*.txt"))
        files = random.Random(args.seed).sample(files, min(args.files, len(files)))
    else:
        print("shared corpus absent: using data/samples", file=sys.stderr)
        files = sorted((ROOT / "data" / "samples").glob("*.txt"))
    t = defaultdict(float)
    candidates = 0
    clock = time.process_time
    wall0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        db = connection.connect(Path(tmp) / "b.db")
        done: list[tuple[Article, Extraction]] = []
        for path in files:
            t0 = clock()
            recs = [complete(r, None) if isinstance(r, Article) else r for r in iter_file(path)]
            t["parse"] += clock() - t0
            for rec in recs:
                if not isinstance(rec, Article):
                    continue
                doc = Doc(rec)
                for c in COMPONENTS:  # the ingest's own components (core.nlp.pipeline.run), each timed
                    if c.relevant_only and not doc.relevant:
                        continue
                    t0 = clock()
                    doc = c.run(doc)
                    t[STAGE[c.name]] += clock() - t0
                candidates += doc.relevant
                done.append((rec, doc.extraction()))
        t0 = clock()
        index = Deferred()
        for i in range(0, len(done), BATCH):  # the writer's batches: many articles per transaction
            with connection.transaction(db):
                for rec, ex in done[i : i + BATCH]:
                    store.add_article(db, rec, ex, index=index)
                index.flush(db.conn)  # the batch's text-index rows, as the writer adds them before it commits
        t["write"] += clock() - t0
        db.close()
    total = sum(t.values())
    wall = time.perf_counter() - wall0
    print(f"{len(files)} files, {candidates} relevant ({candidates / max(1, len(files)):.1%})")
    print(f"stages {total:.2f} CPU s; the whole run {time.process_time():.2f} CPU s in {wall:.2f} s wall")
    print(f"{'stage':<11}{'CPU s':>9}{'share':>8}{'ms/file':>9}")
    for stage in ("parse", "gate", "ner", "statements", "write"):
        print(f"{stage:<11}{t[stage]:>9.2f}{t[stage] / total:>8.1%}{1000 * t[stage] / len(files):>9.2f}")
    if CORPUS.is_dir():
        # Serial, before any worker starts: listing the whole folder (a quadratic membership test once took 6 s).
        t0 = clock()
        listed = len(scan([CORPUS]).files)
        print(f"listing the corpus folder (scan, serial): {clock() - t0:.2f} CPU s for {listed} files")
    scale = CORPUS_FILES / len(files)
    work = total - t["write"]
    print(
        f"whole corpus, implied: {total * scale:.0f} CPU s on one process; with 2 workers and the writer beside"
    )
    print(f"them ≈ {max(work / 2, t['write']) * scale:.0f} s (the larger of half the work and the writes)")


if __name__ == "__main__":
    main()
