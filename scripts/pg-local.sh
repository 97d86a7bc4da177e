#!/usr/bin/env bash
# A project-local PostgreSQL + PostGIS cluster under var/, listening only on a Unix socket in
# var/run (port number 5433 names the socket), so it never clashes with a system server.
#   usage: scripts/pg-local.sh start|stop|status|psql
# Safe to run again: an initialised cluster is reused, a running one is left alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pg_major="${PG_MAJOR:-15}"
bin="/usr/lib/postgresql/${pg_major}/bin"
port=5433
db=gulag_register  # the name register/settings.py expects

# The cluster lives in var/pg and its socket in var/run. Two cases need a detour: the server user
# ("postgres" when we are root) cannot reach the project folder, or the socket path would exceed the
# 107-byte Unix limit. Then both live in /tmp/gulag-register-<hash> and var/pg, var/run link there.
place_cluster() {
  local too_long=0 blocked=0
  [ ${#root} -gt 70 ] && too_long=1
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$root" 2>/dev/null; then blocked=1; fi
  mkdir -p "$root/var"
  if [ $too_long = 1 ] || [ $blocked = 1 ]; then
    local base
    base="/tmp/gulag-register-$(printf '%s' "$root" | md5sum | cut -c1-10)"
    mkdir -p "$base/pg" "$base/run"
    [ -L "$root/var/pg" ] || { rm -rf "$root/var/pg"; ln -s "$base/pg" "$root/var/pg"; }
    [ -L "$root/var/run" ] || { rm -rf "$root/var/run"; ln -s "$base/run" "$root/var/run"; }
  fi
  mkdir -p "$root/var/pg" "$root/var/run"
  data="$(readlink -f "$root/var/pg")/data"
  run="$(readlink -f "$root/var/run")"
  log="$(readlink -f "$root/var/pg")/server.log"
}
place_cluster

# initdb and postgres refuse to run as root: as root, run them as the system "postgres" user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

init() {
  [ -f "$data/PG_VERSION" ] && return 0
  mkdir -p "$data" "$run"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$(dirname "$data")" "$run"; fi
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
