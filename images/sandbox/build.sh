#!/usr/bin/env bash
# Builds agentgate/sandbox:<VERSION> (Debian bookworm minbase + exec guard) and agentgate/sandbox-tiny:<VERSION>
# (static busybox FROM scratch) locally, without any image registry. Skips images that already exist.
# Usage: images/sandbox/build.sh [--force]   (quiet on success; logs go to $AGENTGATE_BUILD_LOG)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(tr -d '[:space:]' < "$here/VERSION")"
mirror="${AGENTGATE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log="${AGENTGATE_BUILD_LOG:-/tmp/agentgate-sandbox-build.log}"
force=0; [ "${1:-}" = "--force" ] && force=1
base="agentgate/sandbox-base:bookworm-$version"
image="agentgate/sandbox:$version"
tiny="agentgate/sandbox-tiny:$version"
export DOCKER_BUILDKIT=0
: > "$log"

exists() { [ "$force" = 0 ] && docker image inspect "$1" >/dev/null 2>&1; }
fail() { echo "build.sh: $1 (log: $log)" >&2; tail -n 20 "$log" >&2; exit 1; }
work="$(mktemp -d /tmp/agentgate-image.XXXXXX)"
trap 'rm -rf "$work"' EXIT

if ! exists "$base"; then
  command -v debootstrap >/dev/null || { apt-get install -y -qq debootstrap >>"$log" 2>&1 || fail "debootstrap is missing"; }
  debootstrap --variant=minbase --include=bash,coreutils,git,curl,ca-certificates,python3,nodejs \
    bookworm "$work/rootfs" "$mirror" >>"$log" 2>&1 || fail "debootstrap failed"
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -c . | docker import - "$base" >>"$log" 2>&1 || fail "docker import failed"
  rm -rf "$work/rootfs"
fi

# The agent image is rebuilt whenever its Dockerfile or rootfs/ changed (content hash in a label), so a cached
# image never lacks a newer guard or hook; the slow debootstrap base stays cached.
context_hash="$(cd "$here" && find Dockerfile rootfs -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
built_hash="$(docker image inspect -f '{{ index .Config.Labels "io.agentgate.context-hash" }}' "$image" 2>/dev/null || true)"
if [ "$force" = 1 ] || [ "$built_hash" != "$context_hash" ]; then
  docker build -q --build-arg "BASE=$base" --label "io.agentgate.context-hash=$context_hash" -t "$image" \
    -f "$here/Dockerfile" "$here" >>"$log" 2>&1 || fail "docker build of $image failed"
fi

if ! exists "$tiny"; then
  mkdir -p "$work/tiny/ctx/bin"
  if [ ! -x /bin/busybox ] || ! file -L /bin/busybox 2>/dev/null | grep -q static; then
    (cd "$work/tiny" && apt-get download busybox-static >>"$log" 2>&1) || fail "apt-get download busybox-static failed"
    dpkg-deb -x "$work"/tiny/busybox-static_*.deb "$work/tiny/x" >>"$log" 2>&1 || fail "dpkg-deb failed"
    cp "$work/tiny/x/bin/busybox" "$work/tiny/ctx/bin/busybox"
  else
    cp /bin/busybox "$work/tiny/ctx/bin/busybox"
  fi
  cp "$here/tiny/Dockerfile" "$work/tiny/ctx/Dockerfile"
  docker build -q -t "$tiny" "$work/tiny/ctx" >>"$log" 2>&1 || fail "docker build of $tiny failed"
fi
