#!/usr/bin/env bash
# Runs every test of the project: starts the real components the integration tier needs
# (redis-server, dockerd, the sandbox image), then the xUnit suites and the policy bundle's Rego tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export AGENTGATE_TEST_REDIS="$(bash scripts/start-redis.sh)" || { echo "could not start redis-server" >&2; exit 1; }
if bash scripts/start-dockerd.sh; then export AGENTGATE_TEST_DOCKER=1; else echo "dockerd unavailable" >&2; [ "${CI:-}" = true ] && exit 1; fi
if [ -x images/sandbox/build.sh ]; then images/sandbox/build.sh || { echo "sandbox image build failed" >&2; [ "${CI:-}" = true ] && exit 1; }; fi

dotnet build AgentGate.sln -c Release -nologo -v q || exit 1
log=$(mktemp)
dotnet test AgentGate.sln -c Release --no-build -nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

prc=0
if [ -d policies/agentgate ]; then
  dotnet src/Gateway/bin/Release/net10.0/agentgate.dll policy test policies | tee -a "$log"
  prc=${PIPESTATUS[0]}
fi

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$rc" = 0 ] && [ "$prc" = 0 ] || exit 1
