#!/usr/bin/env bash
# Everything a fresh machine needs: Debian's chromium and Noto fonts (PNG export through kaleido, browser
# tests), then the pinned Python packages. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "NotoSans-Regular"; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -r requirements.txt
