#!/usr/bin/env bash
# Quick start, command 2: set everything up and run the whole test suite.
# As root on Debian this script installs from Debian's packages what the tests need and lacks:
# Chromium for the browser tests (Playwright's own browser download is not used), PostgreSQL
# (the store tests also run against a throwaway server on a loopback port, started and stopped
# by the tests themselves: tests/backends.py) and a Java runtime for the Spark tests.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
{ command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || missing+=(postgresql)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's ${missing[*]} for the tests..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
scripts/setup.sh dev
exec .venv/bin/python -m pytest "$@"
