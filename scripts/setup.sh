#!/usr/bin/env bash
# Create .venv (once) and install warwatch into it with the given extras, e.g. `scripts/setup.sh dev`.
# Everything comes from PyPI; nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.warwatch-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
  touch "$stamp"
fi
# The map's JavaScript and borders (Leaflet, topojson-client, world-atlas) from the npm registry,
# pinned by package-lock.json; skipped with a note when npm is missing (the map page then says so).
if command -v npm >/dev/null 2>&1; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
else
  echo "npm not found: the /map page needs 'npm ci' (apt-get install npm)" >&2
fi
