"""What the real-browser tests share: Debian's Chromium and its flags, a dashboard server on a free port.

Both tests/test_browser.py (a fixture store) and tests/test_walk_real.py (the whole corpus) start
`streamlit run dashboard.py` the same way and drive it with Playwright's Chromium from /usr/bin (never a
downloaded one); the `browser` fixture itself is in tests/conftest.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, *extra: str, wait: float = 60) -> Iterator[str]:
    """`streamlit run dashboard.py` on 127.0.0.1 and a free port against `db`, yielding its URL until the caller
    is done (a fixture's `yield from`); `extra` are more `streamlit run` options."""
    port = _free_port()
    env = {**os.environ, "NEWS_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true", *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + wait
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stderr.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
