#!/usr/bin/env bash
# Quick start, command 1: set everything up and run warwatch on the bundled demo corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/warwatch demo "$@"
