#!/usr/bin/env bash
# Install everything the tests need and run them: a virtual environment from requirements-dev.txt,
# Debian's chromium for the browser tests (never Playwright's own browser download) and Debian's
# postgresql for the store tests (the tests start and stop a throw-away cluster themselves, on a
# free local port, as the postgres user), then ruff and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "note: not installed: ${missing[*]} (sudo apt-get install ${missing[*]}); their tests will be skipped" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m deploymap.assets >/dev/null
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
