"""Peak memory of the Ingest page's upload path for one large JSONL upload, extraction on.

    python bench/bench_upload.py [--mb 21] [--no-nlp]

Writes a JSONL of about `--mb` MB (corpus articles when ../shared is present, else the samples repeated with
distinct titles; in a child process), then hands it to `core.app.uploads.ingest_uploads` as st.file_uploader would, in this process (as the
dashboard server does), sampling the RSS of this process and its children every half second.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from core.app import context, uploads  # noqa: E402
from core.models import Article  # noqa: E402
from core.store import connection  # noqa: E402
from core.text.parse import iter_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "baomoi-2017"


class Upload(io.BytesIO):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name = name


def feed(mb: float) -> bytes:
    sources = (
        sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted((ROOT / "data" / "samples").glob("*.txt"))
    )
    out, size, n = [], 0, 0
    while size < mb * 1e6:
        for path in sources:
            for a in iter_file(path):
                if isinstance(a, Article):
                    n += 1
                    title = a.title if CORPUS.is_dir() else f"{a.title} ({n})"
                    line = (
                        json.dumps({"title": title, "lede": a.lede, "text": a.body}, ensure_ascii=False)
                        + "\n"
                    )
                    out.append(line)
                    size += len(line.encode())
            if size >= mb * 1e6:
                break
    return "".join(out).encode()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=21)
    ap.add_argument("--no-nlp", action="store_true")
    ap.add_argument("--write-feed", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_feed:  # in a child, so that parsing the corpus does not count in the measured process
        Path(args.write_feed).write_bytes(feed(args.mb))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        cmd = [sys.executable, __file__, "--mb", str(args.mb), "--write-feed", str(path)]
        subprocess.run(cmd, check=True)
        data = path.read_bytes()
    me, peak, stop = psutil.Process(), [0], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            procs = [me, *me.children(recursive=True)]
            total = 0
            for p in procs:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
            peak[0] = max(peak[0], total)
            time.sleep(0.5)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        connection.connect(db).close()
        ctx = context.Ctx("ingest", db, "en", None)
        base = me.memory_info().rss
        threading.Thread(target=watch, daemon=True).start()
        t = time.perf_counter()
        summary = uploads.ingest_uploads(ctx, [Upload("feed.jsonl", data)], nlp=not args.no_nlp)
        stop.set()
    print(
        f"{len(data) / 1e6:.1f} MB JSONL upload: {summary.line()}; {time.perf_counter() - t:.0f} s; "
        f"peak RSS {peak[0] / 2**20:.0f} MB (before the upload {base / 2**20:.0f} MB)"
    )


if __name__ == "__main__":
    main()
