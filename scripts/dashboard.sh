#!/usr/bin/env bash
# The dashboard on this machine: set-up (fast when nothing changed), the store built in the terminal with a
# progress bar on the first run (data/samples, or $NEWS_DB), then the server on http://127.0.0.1:8501
# (.streamlit/config.toml binds 127.0.0.1). Extra arguments go to `streamlit run`, e.g. --server.port 8502.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m core.ingest.bootstrap
exec .venv/bin/python -m streamlit run dashboard.py "$@"
