#!/usr/bin/env bash
# What each part costs per command and per home, measured here, for docs/scale.md's projection. Prints
#   FIGURE <name> <value> <unit>
# 1. The default world (one home): each cloud's memory and Redis's, as the baseline.
# 2. A fleet of N homes (default 1000): the same; per home = (fleet - baseline) / (N - 1).
# 3. Commands at a steady rate over the fleet (the load driver, every home's person in turn): CPU per command in
#    each service (summed over its replicas) and in Redis, and Redis commands per command (INFO commandstats).
#
# Usage: scripts/scale-costs.sh [--fleet-homes N] [--replicas R] [--rate X] [--duration 30s] [--no-build]
#                               [--configuration Release|Debug]
#   --replicas R   cloud-replicas (default 2: the scale-out's own costs, the lease and the forwarding, included)
# Redis runs as Debian's redis-server (Redis:Mode=server) so that its INFO is Redis's own. Starts the AppHost itself
# (dotnet run --project AppHost; launch ports 5100-5500 and 15080 must be free) and stops every process it started,
# by PID, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

configuration=Release build=1 fleet_homes=1000 replicas=2 rate=50 duration=30s
while [ $# -gt 0 ]; do
  case "$1" in
    --fleet-homes) fleet_homes=$2; shift ;;
    --replicas) replicas=$2; shift ;;
    --rate) rate=$2; shift ;;
    --duration) duration=$2; shift ;;
    --no-build) build=0 ;;
    --configuration) configuration=$2; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "scale-costs.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
command -v redis-cli >/dev/null || { echo "scale-costs.sh: needs redis-server and redis-cli (apt-get install redis-server)" >&2; exit 1; }
[ "$fleet_homes" -ge 2 ] || { echo "scale-costs.sh: --fleet-homes must be at least 2" >&2; exit 2; }

work=$(mktemp -d /tmp/smarthome-scale.XXXXXX)
apphost_pid=""
figure() { echo "FIGURE $1 $2 $3"; }
log() { echo "== $*" >&2; }

# Every process of a service of this tree (one per replica).
service_pids() {
  local name
  case "$1" in
    assistantcloud) name=AssistantCloud ;; vendorcloud) name=VendorCloud ;;
    devicegateway) name=DeviceGateway ;; simulatedplug) name=SimulatedPlug ;;
  esac
  pgrep -x -f "$root/$name/bin/$configuration/net10.0/$name" || true
}
# This run's redis-server (other AppHosts may run theirs): the one working in this run's data directory (it
# rewrites its command line to "redis-server 127.0.0.1:<port>", which is where its port is read).
redis_dir=""
redis_pid() {
  local pid
  for pid in $(pgrep -f '^redis-server' || true); do
    [ "$(readlink "/proc/$pid/cwd")" = "$redis_dir" ] && { echo "$pid"; return 0; }
  done
}
redis_port() { tr '\0' ' ' < "/proc/$(redis_pid)/cmdline" | grep -oE ':[0-9]+' | head -1 | tr -d :; }
rcli() { redis-cli -p "$(redis_port)" "$@"; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat" 2>/dev/null || echo 0; }
sum_cpu_ms() { local total=0 pid; for pid in "$@"; do total=$((total + $(cpu_ms "$pid"))); done; echo "$total"; }
sum_rss_kb() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0))); done; echo "$total"; }
redis_info() { rcli INFO "$1" | tr -d '\r' | awk -F: -v k="$2" '$1 == k {print $2}'; }
# Every command Redis has run since its start (the sum of INFO commandstats' calls).
redis_calls() { rcli INFO commandstats | tr -d '\r' | grep -oE 'calls=[0-9]+' | cut -d= -f2 | paste -sd+ | bc; }

stop_apphost() {
  [ -n "$apphost_pid" ] || return 0
  local pids="$apphost_pid $(pgrep -P "$apphost_pid" || true)"
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 60); do kill -0 $pids 2>/dev/null || break; sleep 0.5; done
  kill -KILL $pids 2>/dev/null || true
  apphost_pid=""
  for _ in $(seq 60); do
    [ -z "$(service_pids assistantcloud)$(service_pids vendorcloud)$(service_pids devicegateway)$(service_pids simulatedplug)" ] && return 0
    sleep 0.5
  done
}
trap 'stop_apphost; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

healthy() {
  curl -sf --max-time 5 http://localhost:5100/api/utterances -H 'content-type: application/json' \
    -d "{\"user\":\"$1\",\"text\":\"is the bedroom lamp on\"}" | grep -q '"outcome":"Success"'
}

start_apphost() {
  local last_user=$1; shift
  if ss -ltn | grep -qE ':(5100|5200|5300|5400|5500|15080) '; then
    echo "scale-costs.sh: a launch port (5100-5500, 15080) is in use: stop the other AppHost first" >&2
    exit 1
  fi
  redis_dir="$work/redis-$RANDOM"
  ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true dotnet run --project AppHost -c "$configuration" --no-build -- \
    --Redis:Mode=server "--Redis:DataDir=$redis_dir" "--Parameters:cloud-replicas=$replicas" \
    --Parameters:trace-sampling-ratio=0.01 "$@" > "$work/apphost.log" 2>&1 &
  apphost_pid=$!
  for _ in $(seq 1200); do
    healthy owner && healthy "$last_user" && return 0
    kill -0 "$apphost_pid" 2>/dev/null || { tail -20 "$work/apphost.log" >&2; echo "scale-costs.sh: the AppHost exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "scale-costs.sh: not healthy after 600 s" >&2
  exit 1
}

# The resident memory of each cloud (all replicas) and Redis's own count of its data, after a settling pause.
declare -A memory
measure_memory() {
  sleep 5
  memory[$1.assistant]=$(sum_rss_kb $(service_pids assistantcloud))
  memory[$1.vendor]=$(sum_rss_kb $(service_pids vendorcloud))
  memory[$1.redis]=$(( $(redis_info memory used_memory) / 1024 ))
  memory[$1.keys]=$(rcli DBSIZE | tr -d '\r')
}

if [ "$build" = 1 ]; then
  log "building (AppHost and services: $configuration; the load driver: Release)"
  dotnet build AppHost -c "$configuration" -v q -nologo >&2
  dotnet build tools/LoadDriver -c Release -v q -nologo >&2
fi

log "the default world, $replicas replicas of each cloud"
start_apphost owner
measure_memory one
figure replicas "$replicas" count
figure memory_assistantcloud_default_world "$((memory[one.assistant] / 1024))" MB
figure memory_vendorcloud_default_world "$((memory[one.vendor] / 1024))" MB
stop_apphost

log "a fleet of $fleet_homes homes"
t0=$(date +%s)
start_apphost "user-$fleet_homes" "--Parameters:fleet-homes=$fleet_homes"
figure fleet_time_to_healthy "$(( $(date +%s) - t0 ))" s
measure_memory fleet
per_home() { echo "(${memory[fleet.$1]} - ${memory[one.$1]}) / ($fleet_homes - 1)" | bc -l | xargs printf '%.1f'; }
figure memory_per_home_assistantcloud "$(per_home assistant)" KB
figure memory_per_home_vendorcloud "$(per_home vendor)" KB
figure memory_per_home_redis "$(per_home redis)" KB
figure redis_keys_per_home "$(per_home keys)" keys

log "commands at $rate/s for $duration over the fleet"
declare -A cpu_before
for s in assistantcloud vendorcloud; do cpu_before[$s]=$(sum_cpu_ms $(service_pids $s)); done
cpu_before[redis]=$(cpu_ms "$(redis_pid)")
calls_before=$(redis_calls)
dotnet "$root/tools/LoadDriver/bin/Release/net10.0/LoadDriver.dll" --assistant http://localhost:5100 --gateway http://localhost:5300 \
  --out "$work" --name costs --fleet "$fleet_homes" --rate "$rate" --duration "$duration" --warmup 0s --questions 0 >&2
requests=$(jq -r '[.stages[] | [.outcomes[]] | add] | add' "$work/costs.json")
errors=$(jq -r '[.stages[].errors] | add' "$work/costs.json")
calls=$(( $(redis_calls) - calls_before ))
figure commands "$requests" count
figure command_errors "$errors" count
figure command_p50 "$(jq -r '.stages[0].latency.p50Ms' "$work/costs.json")" ms
for s in assistantcloud vendorcloud; do
  used=$(( $(sum_cpu_ms $(service_pids $s)) - cpu_before[$s] ))
  figure "cpu_ms_per_command_$s" "$(echo "$used / $requests" | bc -l | xargs printf '%.2f')" ms
done
figure cpu_ms_per_command_redis "$(echo "($(cpu_ms "$(redis_pid)") - ${cpu_before[redis]}) / $requests" | bc -l | xargs printf '%.2f')" ms
# Everything Redis ran in the window (the commands' own, and the background's: clocks, leases, uplink renewals).
figure redis_commands_per_command "$(echo "$calls / $requests" | bc -l | xargs printf '%.1f')" count
