#!/usr/bin/env bash
# Seeding a fleet (issue 11): how long from the AppHost's start until the assistant is healthy, i.e.
# every person of N homes has an account at the vendor, is linked through the real OAuth code + PKCE
# flow and discovered; first on a fresh Redis, then again on the same data (the idempotent path).
# Starts and stops the AppHost itself on its launch ports (5100 must be free); build first (dotnet build).
# Usage: scripts/seed-fleet.sh [homes]   (default 1000)
set -euo pipefail
homes=${1:-1000}
cd "$(dirname "$0")/.."
data=$(mktemp -d)
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
# Test-only secrets, the same for both runs (the second run finds the accounts and links of the first).
args=(--Parameters:fleet-homes="$homes" --Redis:DataDir="$data"
      --Parameters:owner-password="$(secret)" --Parameters:assistant-client-secret="$(secret)"
      --Parameters:gateway-secret="$(secret)" --Parameters:plug-mqtt-password="$(secret)")
pid=
stop() { [ -n "$pid" ] && kill -TERM -- "-$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap 'stop; rm -rf "$data"' EXIT

seed() {
  local started ended
  started=$(date +%s.%N)
  setsid dotnet run --project AppHost --no-build --launch-profile http -- "${args[@]}" >"$data/apphost-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 1200); do
    curl -sf -o /dev/null localhost:5100/health && break
    sleep 0.5
  done
  curl -sf -o /dev/null localhost:5100/health || { echo "the assistant was not healthy within 10 minutes (log: $data/apphost-$1.log)"; exit 1; }
  ended=$(date +%s.%N)
  printf '%s: %d homes seeded and healthy %.1f s after the start\n' "$1" "$homes" "$(echo "$ended - $started" | bc)"
  stop
}

seed "fresh Redis"
seed "seeded again"
