#!/usr/bin/env bash
# Quick start, command 2: set everything up and run the whole test suite.
# The browser tests drive Debian's Chromium with Playwright; as root on Debian this script
# installs the package when it is missing (Playwright's own browser download is not used).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
scripts/setup.sh dev
exec .venv/bin/python -m pytest "$@"
