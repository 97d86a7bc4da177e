#!/usr/bin/env bash
# A project-local PostgreSQL + PostGIS cluster under var/, listening only on a Unix socket in
# var/run (port number 5433 names the socket), so it never clashes with a system server.
#   usage: scripts/pg-local.sh start|stop|status|psql
# Safe to run again: an initialised cluster is reused, a running one is left alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pg_major="${PG_MAJOR:-15}"
bin="/usr/lib/postgresql/${pg_major}/bin"
data="$root/var/pg/data"
run="$root/var/run"
log="$root/var/pg/server.log"
port=5433
db="${PGDATABASE_NAME:-gulag_register}"

# initdb and postgres refuse to run as root: as root, run them as the system "postgres" user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

init() {
  [ -f "$data/PG_VERSION" ] && return 0
  mkdir -p "$data" "$run"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$root/var/pg" "$run"; fi
  echo "Initialising the local PostgreSQL cluster in var/pg/data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
}

start() {
  init
  mkdir -p "$run"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$run"; fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-k $run -p $port -c listen_addresses='' -c fsync=${PG_FSYNC:-on}" start >/dev/null
  fi
  local psql=("$bin/psql" -h "$run" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt)
  for dbname in template1 "$db"; do
    if [ "$dbname" != template1 ] && [ -z "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$dbname'")" ]; then
      "${psql[@]}" -d postgres -c "CREATE DATABASE $dbname"
    fi
    "${psql[@]}" -d "$dbname" -c "CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;" 2>&1 | grep -v NOTICE || true
  done
}

case "${1:-start}" in
  start) start ;;
  stop) as_owner "$bin/pg_ctl" -D "$data" -m fast stop ;;
  status) as_owner "$bin/pg_ctl" -D "$data" status ;;
  psql) shift; exec "$bin/psql" -h "$run" -p "$port" -U postgres -d "$db" "$@" ;;
  *) echo "usage: $0 start|stop|status|psql" >&2; exit 2 ;;
esac
