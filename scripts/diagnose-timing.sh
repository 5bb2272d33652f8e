#!/usr/bin/env bash
# Measures how long GET /api/diagnose takes with every hop working and while hops are broken
# (issue 4: "it works while the very hops it checks are broken, and answers within a second").
# Needs the AppHost running with its launch ports: dotnet run --project AppHost
# Usage: scripts/diagnose-timing.sh [runs]
set -euo pipefail
runs=${1:-10}
assistant=http://localhost:5100 vendor=http://localhost:5200 gateway=http://localhost:5300 plug=http://localhost:5400

diagnose() {
  curl -s -o /tmp/diagnose-answer.json -w '%{time_total}\n' "$assistant/api/diagnose?user=owner&device=bedroom%20lamp"
}

summary() { sort -n | awk '{a[NR]=$1} END {printf "  n=%d min=%.3f s median=%.3f s max=%.3f s", NR, a[1], a[int((NR+1)/2)], a[NR]}'; }

verdict() { grep -o '"firstFailingHop":[^,]*' /tmp/diagnose-answer.json; }

measure() {
  echo "$1:"
  diagnose >/dev/null # one to settle
  for _ in $(seq "$runs"); do diagnose; done | summary
  echo "  $(verdict)"
}

restore() {
  curl -s -X POST "$vendor/sim/outage/off" >/dev/null
  curl -s -X POST "$vendor/sim/latency" -H 'content-type: application/json' -d '{"milliseconds":0}' >/dev/null
  curl -s -X POST "$gateway/sim/broadband/up" >/dev/null
  curl -s -X POST "$gateway/sim/wifi-band/on" >/dev/null
  curl -s -X POST "$plug/sim/wifi/on" >/dev/null
}
trap restore EXIT

measure "every hop working"

curl -s -X POST "$vendor/sim/latency" -H 'content-type: application/json' -d '{"milliseconds":3000}' >/dev/null
measure "vendor cloud 3 s slow"
curl -s -X POST "$vendor/sim/latency" -H 'content-type: application/json' -d '{"milliseconds":0}' >/dev/null

curl -s -X POST "$vendor/sim/outage/on" >/dev/null
measure "vendor cloud outage"
curl -s -X POST "$vendor/sim/outage/off" >/dev/null

curl -s -X POST "$gateway/sim/broadband/down" >/dev/null
sleep 1
measure "broadband down"
curl -s -X POST "$gateway/sim/broadband/up" >/dev/null

curl -s -X POST "$gateway/sim/wifi-band/off" >/dev/null
sleep 4 # the plug's last will: 1.5 x keep-alive
measure "2.4 GHz band off"
curl -s -X POST "$gateway/sim/wifi-band/on" >/dev/null
