#!/usr/bin/env bash
# Makes sure a Docker engine answers (installs Debian's docker.io and starts dockerd as root when missing).
set -euo pipefail
if docker info >/dev/null 2>&1; then exit 0; fi
if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io) >&2
  else
    echo "dockerd is not installed and this is not root: apt-get install docker.io" >&2; exit 1
  fi
fi
if [ "$(id -u)" = 0 ]; then
  nohup dockerd >/tmp/agentgate-dockerd.log 2>&1 &
fi
for _ in $(seq 1 150); do docker info >/dev/null 2>&1 && exit 0; sleep 0.2; done
echo "dockerd did not start; see /tmp/agentgate-dockerd.log" >&2
exit 1
