#!/usr/bin/env bash
# Create .venv (once) and install warwatch into it from the lock file, e.g. `scripts/setup.sh dev`.
#   scripts/setup.sh       requirements/core.lock: warwatch with its PostgreSQL driver
#   scripts/setup.sh dev   requirements/dev.lock: the same plus the test tools and Spark
# The lock pins every package with its hashes (the versions the test suite passed with), so a
# fresh machine gets exactly those; pip installs the list as it is (--no-deps) and warwatch
# itself last. Refresh the locks with scripts/lock.sh. Nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
lock=requirements/core.lock
if [ -n "$extras" ]; then
  lock=requirements/dev.lock
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.warwatch-installed-$(basename "$lock" .lock)"
if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$lock"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
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
