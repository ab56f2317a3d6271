#!/usr/bin/env bash
# A PostgreSQL server for development, on 127.0.0.1 only, with its data in .pgdata/ (not for
# production: trust authentication on loopback; docs/teams.md sets up a real one).
#   scripts/postgres.sh start [PORT]   initialise (once) and start; prints the URLs to use
#   scripts/postgres.sh stop
#   scripts/postgres.sh status
# With the server up, `WARWATCH_TEST_PG_URL=... scripts/test.sh` runs the PostgreSQL tests on it
# (they create and drop their own databases) and `warwatch ingest ... --db URL` writes to it.
# Needs Debian's postgresql package (or pg_ctl and initdb on the PATH); as root it runs the
# server as the postgres user.
set -euo pipefail
cd "$(dirname "$0")/.."
action="${1:-status}"
port="${2:-55432}"
data="$PWD/.pgdata"
bin=""
if command -v pg_ctl >/dev/null 2>&1; then
  bin="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
else
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
[ -x "$bin/pg_ctl" ] || { echo "no PostgreSQL found: apt-get install postgresql" >&2; exit 1; }
as=()
if [ "$(id -u)" = 0 ]; then
  as=(runuser -u postgres --)
fi
case "$action" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ ${#as[@]} -eq 0 ] || chown postgres "$data"
      "${as[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null
    psql_url="postgresql://postgres@127.0.0.1:$port"
    "$bin/psql" "$psql_url/postgres" -qtAc "SELECT 1 FROM pg_database WHERE datname = 'warwatch'" | grep -q 1 \
      || "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres warwatch
    echo "PostgreSQL on 127.0.0.1:$port (data in $data)"
    echo "  export WARWATCH_DB=postgresql+psycopg://postgres@127.0.0.1:$port/warwatch"
    echo "  export WARWATCH_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    "${as[@]}" "$bin/pg_ctl" -D "$data" -m fast -w stop ;;
  status)
    "${as[@]}" "$bin/pg_ctl" -D "$data" status ;;
  *)
    echo "usage: scripts/postgres.sh start [PORT] | stop | status" >&2; exit 2 ;;
esac
