#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run): set-up with the test extras (chromium, Noto fonts), lint, format,
# then the test suite. Exit non-zero on any failure; pytest collecting no tests (exit 5) is a failure too.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -x tests/test_setup.py`.
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1
bash scripts/setup.sh --test || exit 1
.venv/bin/python -m ruff check . || exit 1
.venv/bin/python -m ruff format --check . || exit 1
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here" >&2
  exit 1
fi
exit "$code"
