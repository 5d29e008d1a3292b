#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for tests: `scripts/postgres.sh start` prints the
# DATABASE_URL to use; `scripts/postgres.sh stop` removes the cluster; `scripts/postgres.sh
# restart [SECONDS]` restarts its server (fast shutdown: open connections are cut), keeping the
# data, and stays down SECONDS in between if given.
set -euo pipefail
PORT="${PG_PORT:-55432}"
STATE="${PG_STATE_DIR:-/tmp/millenniekommunerna-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

OPTIONS="-p $PORT -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

case "${1:-}" in
  start)
    if [ -f "$STATE/data/postmaster.pid" ] && as_postgres "$BIN/pg_ctl -D $STATE/data status" >/dev/null 2>&1; then
      echo "postgres://postgres@127.0.0.1:$PORT/postgres"; exit 0
    fi
    rm -rf "$STATE"; mkdir -p "$STATE"
    [ "$(id -u)" = 0 ] && chown postgres "$STATE"
    as_postgres "$BIN/initdb -D $STATE/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$STATE.initdb.log" 2>&1
    as_postgres "$BIN/pg_ctl -D $STATE/data -o \"$OPTIONS\" -l $STATE/log -w start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/postgres"
    ;;
  restart)
    [ -f "$STATE/data/postmaster.pid" ] || { echo "No cluster running in $STATE" >&2; exit 1; }
    DOWN="${2:-0}"
    if [ "$DOWN" = 0 ]; then
      as_postgres "$BIN/pg_ctl -D $STATE/data -m fast -l $STATE/log -w restart" >/dev/null
    else  # `restart SECONDS`: stay down that long (the fault test's outage)
      as_postgres "$BIN/pg_ctl -D $STATE/data -m fast -w stop" >/dev/null
      sleep "$DOWN"
      as_postgres "$BIN/pg_ctl -D $STATE/data -o \"$OPTIONS\" -l $STATE/log -w start" >/dev/null
    fi
    ;;
  stop)
    if [ -d "$STATE/data" ]; then as_postgres "$BIN/pg_ctl -D $STATE/data -m fast -w stop" >/dev/null 2>&1 || true; fi
    rm -rf "$STATE" "$STATE.initdb.log"
    ;;
  *) echo "usage: $0 start|restart [SECONDS]|stop" >&2; exit 2 ;;
esac
