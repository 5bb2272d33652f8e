#!/usr/bin/env bash
# Measures how fast a command answers on the happy path and how fast it fails when the plug is off
# the Wi-Fi (issue 4: "fails fast, well under a second, never waiting out the 8 s budget").
# Needs the AppHost running with its launch ports: dotnet run --project AppHost
# Usage: scripts/fail-fast.sh [runs]
set -euo pipefail
runs=${1:-10}
assistant=http://localhost:5100 gateway=http://localhost:5300 plug=http://localhost:5400

say() {
  curl -s -o /tmp/fail-fast-answer.json -w '%{time_total}\n' "$assistant/api/utterances" \
    -H 'content-type: application/json' -d "{\"user\":\"owner\",\"text\":\"$1\"}"
}

summary() { sort -n | awk '{a[NR]=$1} END {printf "n=%d min=%.3f s median=%.3f s max=%.3f s\n", NR, a[1], a[int((NR+1)/2)], a[NR]}'; }

say "turn on the bedroom lamp" >/dev/null
echo "happy path (turn on / turn off):"
for i in $(seq "$runs"); do say "turn $([ $((i % 2)) -eq 0 ] && echo on || echo off) the bedroom lamp"; done | summary

curl -s -X POST "$plug/sim/wifi/off" >/dev/null
trap 'curl -s -X POST "$plug/sim/wifi/on" >/dev/null' EXIT
for _ in $(seq 60); do
  curl -s "$gateway/api/status" | grep -q '"online":false' && break
  sleep 0.25
done
echo "plug off the Wi-Fi (offline known to the gateway):"
for _ in $(seq "$runs"); do say "turn on the bedroom lamp"; done | summary
grep -o '"errorType":"[A-Z_]*"' /tmp/fail-fast-answer.json
