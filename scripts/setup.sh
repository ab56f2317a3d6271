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
