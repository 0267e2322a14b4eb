#!/usr/bin/env bash
# Set-up, safe to run again: a virtual environment .venv (so it works on a PEP 668 "externally managed" Debian
# python, as root or not) holding the pinned packages of requirements.txt. With --test also Debian's chromium
# and fonts-noto-core, which only PNG export (kaleido) and the browser tests need; viewing the dashboard does not.
#
#   bash scripts/setup.sh [--test] [--force]
#
# A second run is fast: pip runs only when requirements.txt (or the Python, or the pip pin) changed since the
# last successful install, recorded in .venv/.requirements.sha256. --force reinstalls anyway.
# PYTHON=python3.12 picks the interpreter that creates .venv (default: python3 on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
PYTHON="${PYTHON:-python3}"
# pip older than 23.3 does not normalise extra names (PEP 685): justext asks for lxml[html_clean], lxml declares
# html-clean, and old pip warns "lxml ... does not provide the extra 'html_clean'" (Debian 12 ships 23.0).
PIP_PIN="pip==26.3"
STAMP="$VENV/.requirements.sha256"

test_extras=0
force=0
for arg in "$@"; do
  case "$arg" in
    --test) test_extras=1 ;;
    --force) force=1 ;;
    *) echo "usage: bash scripts/setup.sh [--test] [--force]" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*" >&2; }

# Run a command as root: directly when we are root, else through sudo when it exists; 127 when neither.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 127
  fi
}

can_apt() { command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; }

apt_install() {
  say "installing Debian packages: $* (apt-get)"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Python and the virtual environment -------------------------------------------------------------------
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  say "no $PYTHON on PATH. Install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)."
  exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  say "Python 3.11 or newer is needed; $PYTHON is $("$PYTHON" -V 2>&1). Set PYTHON=python3.11 (or newer)."
  exit 1
fi

venv_ok() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import pip' >/dev/null 2>&1; }

if ! venv_ok; then
  # Debian splits ensurepip (which `python3 -m venv` needs) into the python3-venv package.
  if ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
    pyver="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    if can_apt; then
      apt_install python3-venv "python$pyver-venv" || true
    fi
    if ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
      say "cannot create $VENV: $PYTHON ($pyver) has no ensurepip module, which 'python3 -m venv' needs."
      say "On Debian/Ubuntu it is in the package python$pyver-venv. Ask an administrator to run:"
      say "    apt-get update && apt-get install -y python3-venv python$pyver-venv"
      say "(or run this script as root), then run the same command again."
      exit 1
    fi
  fi
  rm -rf "$VENV"  # a half-made one (e.g. from a run without ensurepip) or one whose Python is gone
  say "creating $VENV with $("$PYTHON" -V 2>&1)"
  "$PYTHON" -m venv "$VENV"
fi
VPY="$VENV/bin/python"

# --- pinned packages, skipped when nothing changed ---------------------------------------------------------
want="$(PIP_PIN="$PIP_PIN" "$VPY" -c '
import hashlib, os, sys
h = hashlib.sha256()
h.update(sys.version.encode() + b"\0" + os.environ["PIP_PIN"].encode() + b"\0")
h.update(open("requirements.txt", "rb").read())
print(h.hexdigest())
')"
if [ "$force" -eq 0 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  say "packages up to date ($VENV; requirements.txt unchanged since the last install)"
else
  say "installing the pinned packages into $VENV (the first time takes a few minutes)"
  rm -f "$STAMP"
  "$VPY" -m pip install -q --disable-pip-version-check "$PIP_PIN"
  "$VPY" -m pip install -q --disable-pip-version-check -r requirements.txt
  printf '%s\n' "$want" >"$STAMP"
fi

# --- test extras: chromium and Noto fonts -----------------------------------------------------------------
if [ "$test_extras" -eq 1 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || missing+=(fonts-noto-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    if ! { can_apt && apt_install "${missing[@]}"; }; then
      why="this is not root and there is no sudo"
      command -v apt-get >/dev/null 2>&1 || why="there is no apt-get"
      say "could not install ${missing[*]} ($why)."
      say "PNG export and the browser tests will be skipped. To run them, as root: apt-get install -y ${missing[*]}"
    fi
  fi
fi
say "ready: $VENV ($("$VPY" -V 2>&1))"
