#!/usr/bin/env bash
# Install everything the tests need and run them: a virtual environment from requirements-dev.txt,
# Debian's chromium for the browser tests (never Playwright's own browser download), then ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: Debian's chromium is not installed (sudo apt-get install chromium); browser tests will be skipped" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m deploymap.assets >/dev/null
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
