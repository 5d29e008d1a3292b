#!/usr/bin/env bash
# A private, throw-away Redis for benchmarks and tests: `scripts/redis.sh start` prints the
# REDIS_URL to use; `scripts/redis.sh stop` stops it and removes its directory. Bound to
# 127.0.0.1, no persistence (no RDB snapshots, no append-only file).
set -euo pipefail
PORT="${REDIS_PORT:-56379}"
STATE="${REDIS_STATE_DIR:-/tmp/millenniekommunerna-redis}"
command -v redis-server >/dev/null || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }

running() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

case "${1:-}" in
  start)
    if running; then echo "redis://127.0.0.1:$PORT/0"; exit 0; fi
    rm -rf "$STATE"; mkdir -p "$STATE"
    redis-server --port "$PORT" --bind 127.0.0.1 --protected-mode yes --daemonize yes \
      --pidfile "$STATE/redis.pid" --logfile "$STATE/log" --dir "$STATE" \
      --save '' --appendonly no --maxmemory 256mb --maxmemory-policy allkeys-lru >/dev/null
    for _ in $(seq 50); do running && break; sleep 0.1; done
    running || { echo "Redis did not start; see $STATE/log" >&2; exit 1; }
    echo "redis://127.0.0.1:$PORT/0"
    ;;
  stop)
    if running; then redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; fi
    for _ in $(seq 50); do running || break; sleep 0.1; done
    rm -rf "$STATE"
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
