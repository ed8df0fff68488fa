#!/usr/bin/env bash
# Starts a throwaway redis-server on loopback for the integration tests (installs it when missing).
# Prints the connection string on stdout.
set -euo pipefail
port="${AGENTGATE_TEST_REDIS_PORT:-6390}"
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
  else
    echo "redis-server is not installed and this is not root: apt-get install redis-server" >&2; exit 1
  fi
fi
if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
  dir=$(mktemp -d /tmp/agentgate-redis.XXXXXX)
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --dir "$dir" --logfile "$dir/redis.log" >&2
  for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
redis-cli -p "$port" ping >/dev/null
echo "127.0.0.1:$port"
