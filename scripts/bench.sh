#!/usr/bin/env bash
# The benchmarks of issue 11, measured side by side in one run. Prints one line per figure,
#   FIGURE <name> <value> <unit>
# and writes docs/benchmarks.md with the figures, the machine and the charts (docs/benchmarks/).
#
# Usage: scripts/bench.sh [--quick] [--no-build] [--no-docs] [--only idle] [--fleet-homes N] [--sampling R]
#                         [--configuration Release|Debug] [--assistant URL --gateway URL --plug URL]
#   --quick          shorter stages (the whole run in under 5 minutes from a built tree)
#   --only idle      only the floor, the idle commands and their trace gaps (writes no docs)
#   --fleet-homes N  the fleet's size for the fleet figures (default 1000); they run only when the
#                    gateway runs every home of the world (its Mqtt:DevicePasswordSeed setting), else
#                    they print "n/a fleet not available"
#   --sampling R     the share of traces kept during the fleet's load (default 0.01); the fleet's
#                    1,000/s is measured at R and (not with --quick) again with every trace kept (1)
#   --assistant/--gateway/--plug  measure services already running there (nothing is started; no
#                    memory, no time to healthy, no fleet figures)
# The services run as built in Release (the AppHost then starts the Release builds): a Debug build turns the
# JIT's optimizations off, which is not what a benchmark should measure. --configuration Debug measures
# what `dotnet run --project AppHost` runs.
# Starts the AppHost itself (dotnet run --project AppHost, launch ports 5100-5400 and 15080, which
# must be free) and stops every process it started, by PID, however it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

configuration=Release quick=0 build=1 docs=1 only="" fleet_homes=1000 sampling=0.01 assistant="" gateway="" plug=""
# The AppHost's default MQTT keep-alive, passed explicitly: offline detection is measured against it.
keep_alive=2
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --no-docs) docs=0 ;;
    --only) only=$2; shift
      [ "$only" = idle ] || { echo "bench.sh: --only takes idle" >&2; exit 2; }
      docs=0 ;;
    --fleet-homes) fleet_homes=$2; shift ;;
    --assistant) assistant=$2; shift ;;
    --gateway) gateway=$2; shift ;;
    --plug) plug=$2; shift ;;
    --configuration) configuration=$2; shift ;;
    --sampling) sampling=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$quick" = 1 ]; then
  idle_duration=15s start_duration=10s sweep_rates=20,50,100 sweep_duration=8s warmup=2s fault_duration=15s fault_after=4s fault_for=6s fleet_duration=10s
  fleet_sweep_rates=200
else
  idle_duration=30s start_duration=20s sweep_rates=20,50,100,200 sweep_duration=30s warmup=5s fault_duration=40s fault_after=10s fault_for=20s fleet_duration=60s
  fleet_sweep_rates=100,200,400
fi

work=$(mktemp -d /tmp/smarthome-bench.XXXXXX)
figures="$work/figures.txt"
: > "$figures"
apphost_pid=""
started_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

figure() { echo "FIGURE $1 $2 $3" | tee -a "$figures"; }
na() { figure "$1" "n/a" "$2"; }
log() { echo "== $*" >&2; }

stop_apphost() {
  [ -n "$apphost_pid" ] || return 0
  # dotnet run's process and the AppHost it runs: the AppHost stops the services it started.
  local pids="$apphost_pid $(pgrep -P "$apphost_pid" || true)"
  kill -TERM $pids 2>/dev/null || true
  for _ in $(seq 40); do
    kill -0 $pids 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL $pids 2>/dev/null || true
  apphost_pid=""
  # The services stop with the AppHost; wait until this tree's are gone (then make sure) before going on.
  local name left
  for _ in $(seq 60); do
    left=""
    for name in assistantcloud vendorcloud devicegateway simulatedplug; do
      left="$left $(service_pid $name || true)"
    done
    [ -z "${left// /}" ] && return 0
    sleep 0.5
  done
  kill -KILL $left 2>/dev/null || true
}
trap 'stop_apphost; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# A service process of this worktree (its own binary: another worktree's AppHost is not ours).
service_pid() {
  local name
  case "$1" in
    devicegateway) name=DeviceGateway ;; simulatedplug) name=SimulatedPlug ;;
    assistantcloud) name=AssistantCloud ;; vendorcloud) name=VendorCloud ;; redis) name=EmbeddedRedis ;;
  esac
  pgrep -x -f "$root/$name/bin/$configuration/net10.0/$name" | head -1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/${1:-0}/status" 2>/dev/null || echo 0; }
# CPU time (user + system) a process has used, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/${1:-0}/stat" 2>/dev/null || echo 0; }
cpu_services="assistantcloud vendorcloud devicegateway simulatedplug redis"
declare -A cpu_before
cpu_mark() { local s; for s in $cpu_services; do cpu_before[$s]=$(cpu_ms "$(service_pid $s)"); done; }
# Where the CPU went: ms of CPU per request in each process since cpu_mark (the Redis figure only in embedded mode).
cpu_figures() {
  local requests=$1 prefix=$2 s used
  for s in $cpu_services; do
    used=$(($(cpu_ms "$(service_pid $s)") - ${cpu_before[$s]:-0}))
    figure "${prefix}_cpu_ms_per_request_$s" "$(echo "$used / $requests" | bc -l | xargs printf '%.2f')" ms
  done
}

healthy() {
  for url in "$assistant" "$gateway" http://localhost:5200 http://localhost:5400; do
    curl -sf -o /dev/null --max-time 2 "$url/health" || return 1
  done
  # Seeded and linked: the person's lamp answers (and the fleet's last home's person, when there is one).
  for user in "$@"; do
    curl -sf --max-time 5 "$assistant/api/utterances" -H 'content-type: application/json' \
      -d "{\"user\":\"$user\",\"text\":\"is the bedroom lamp on\"}" | grep -q '"outcome":"Success"' || return 1
  done
}

# Starts the AppHost with the given parameters; healthy_after = the seconds until every service is healthy.
# (Not in a $(...) subshell: the PID must stay known to the trap that stops it.)
healthy_after=""
start_apphost() {
  local users=(owner) arg
  for arg in "$@"; do
    case "$arg" in --Parameters:fleet-homes=*) users+=("user-${arg#*=}") ;; esac
  done
  if ss -ltn | grep -qE ':(5100|5200|5300|5400|15080) '; then
    echo "bench.sh: a launch port (5100-5400, 15080) is in use: stop the other AppHost or pass --assistant/--gateway" >&2
    exit 1
  fi
  local t0=$(date +%s.%N)
  ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
    dotnet run --project AppHost -c "$configuration" --no-build -- "--Parameters:mqtt-keep-alive-seconds=$keep_alive" "$@" > "$work/apphost.log" 2>&1 &
  apphost_pid=$!
  for _ in $(seq 600); do
    if healthy "${users[@]}"; then
      healthy_after=$(echo "$(date +%s.%N) - $t0" | bc -l | xargs printf '%.1f')
      return 0
    fi
    kill -0 "$apphost_pid" 2>/dev/null || { tail -20 "$work/apphost.log" >&2; echo "bench.sh: the AppHost exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench.sh: not healthy after 300 s" >&2
  exit 1
}

drive() { dotnet "$root/tools/LoadDriver/bin/Release/net10.0/LoadDriver.dll" --assistant "$assistant" --gateway "$gateway" --out "$work" "$@" >&2; }
json() { jq -r "$2" "$work/$1.json"; }

if [ "$build" = 1 ]; then
  log "building (AppHost and services: $configuration; the driver: Release)"
  dotnet build AppHost -c "$configuration" -v q -nologo >&2
  dotnet build tools/LoadDriver -c Release -v q -nologo >&2
fi

external=0
if [ -n "$assistant" ]; then
  external=1
  gateway=${gateway:-http://localhost:5300} plug=${plug:-http://localhost:5400}
else
  assistant=http://localhost:5100 gateway=http://localhost:5300 plug=http://localhost:5400
  log "starting the default world"
  start_apphost
  figure time_to_healthy_default_world "$healthy_after" s
  # The simulators' memory with the default world's one home and one plug, before any load.
  gw_one=$(rss_kb "$(service_pid devicegateway)") plug_one=$(rss_kb "$(service_pid simulatedplug)")
  figure memory_devicegateway_1_home "$((gw_one / 1024))" MB
  figure memory_simulatedplug_1_plug "$((plug_one / 1024))" MB
fi

# 1. The floor and one command end to end on an idle world (tracing on: every span is exported). A world just
# started runs its first calls on the tiered JIT's unoptimised code while it compiles the optimised code beside
# them (about 3x slower here): the idle world is measured once the services have served their first commands,
# and those first commands are a figure of their own.
log "the first commands after the start"
drive --name start --rate 10 --duration "$start_duration" --warmup 0s --questions 0
figure command_after_start_p50 "$(json start '.stages[0].latency.p50Ms')" ms
figure command_after_start_p99 "$(json start '.stages[0].latency.p99Ms')" ms
rm -f "$work"/start*
log "floor and idle commands"
idle_started=$(date +%s)
drive --name idle --floor --rate 5 --duration "$idle_duration" --warmup "$warmup" --questions 0
floor_us=$(json idle .floor.p50Us)
p50=$(json idle '.stages[0].latency.p50Ms')
figure floor_loopback_tcp_rtt_p50 "$floor_us" us
figure floor_loopback_tcp_rtt_p99 "$(json idle .floor.p99Us)" us
figure command_idle_p50 "$p50" ms
figure command_idle_p99 "$(json idle '.stages[0].latency.p99Ms')" ms
figure command_idle_errors "$(json idle '.stages[0].errors')" count
figure command_idle_p50_over_8_floor_rtt "$(echo "$p50 / (8 * $floor_us / 1000)" | bc -l | xargs printf '%.1f')" x

# Where the time goes in one command: the gaps between hops in the idle run's traces (the dashboard's
# telemetry API; Redis spans arrive up to 10 s late).
if [ "$external" = 0 ] && command -v python3 >/dev/null; then
  sleep 11
  python3 scripts/trace-gaps.py http://localhost:15080 --since "$idle_started" 2> "$work/gaps.md" | tee -a "$figures"
fi

if [ "$only" = idle ]; then
  cat "$work/gaps.md" >&2 2>/dev/null || true
  exit 0
fi

# 2. Latency against the offered rate, the default world's one lamp (commands and questions).
log "rate sweep $sweep_rates"
drive --name sweep --rates "$sweep_rates" --duration "$sweep_duration" --warmup "$warmup"
for i in $(seq 0 $(($(json sweep '.stages | length') - 1))); do
  rate=$(json sweep ".stages[$i].offeredRate")
  figure "sweep_${rate}_per_s_p50" "$(json sweep ".stages[$i].latency.p50Ms")" ms
  figure "sweep_${rate}_per_s_p99" "$(json sweep ".stages[$i].latency.p99Ms")" ms
  figure "sweep_${rate}_per_s_errors" "$(json sweep ".stages[$i].errors")" count
done

# 3. A fault during a run: broadband down in the home(s), what the people felt in and out of the window.
log "broadband fault"
drive --name fault --rate 20 --duration "$fault_duration" --warmup "$warmup" \
  --fault broadband --fault-share 0.1 --fault-after "$fault_after" --fault-for "$fault_for"
sum() { json fault "[.stages[0].fault.outcomesByExposure.$1 // {} | to_entries[] | select(.key != \"Success\") | .value] | add // 0"; }
figure fault_errors_in_window_faulted_homes "$(sum WindowFaultedHome)" count
figure fault_errors_in_window_other_homes "$(sum WindowOtherHome)" count
figure fault_errors_before_window "$(sum BeforeWindow)" count
figure fault_errors_after_window "$(sum AfterWindow)" count
figure fault_recovery_after_window "$(json fault '.stages[0].fault.recoverySeconds')" s
figure fault_error_types "$(json fault '[.stages[0].outcomes | to_entries[] | select(.key != "Success") | "\(.key)=\(.value)"] | join(",") | if . == "" then "none" else . end')" types

# 4. Offline detection: Wi-Fi off until the gateway sees the plug offline, against 1.5 x keep-alive; then
# commands to the known-offline plug, and its return.
log "offline detection (keep-alive $keep_alive s)"
python3 scripts/offline-detection.py --assistant "$assistant" --gateway "$gateway" --plug "$plug" \
  --keep-alive "$keep_alive" | tee -a "$figures"

stop_apphost

# 5. The fleet: N homes, 1,000 commands/s for 60 s, memory per home and plug, time to healthy.
# The clouds take a fleet already; the figures need the simulators to run every home too.
if [ "$external" = 0 ] && grep -rq 'DevicePasswordSeed' DeviceGateway --include='*.cs'; then
  log "starting a fleet of $fleet_homes homes"
  # A Redis of its own, empty: the time to healthy includes seeding every account, home and link.
  fleet_data="--Redis:DataDir=$work/redis-fleet"
  start_apphost "--Parameters:fleet-homes=$fleet_homes" "--Parameters:trace-sampling-ratio=$sampling" "$fleet_data"
  figure "time_to_healthy_fleet_${fleet_homes}" "$healthy_after" s
  gw_n=$(rss_kb "$(service_pid devicegateway)") plug_n=$(rss_kb "$(service_pid simulatedplug)")
  figure memory_devicegateway_per_home "$(((gw_n - gw_one) / (fleet_homes - 1)))" KB
  figure memory_simulatedplug_per_plug "$(((plug_n - plug_one) / (fleet_homes - 1)))" KB
  # What the fleet sustains (sampled tracing), and where the CPU goes per request.
  log "the fleet's capacity: $fleet_sweep_rates per second, traces sampled at $sampling"
  cpu_mark
  drive --name fleet-sweep --fleet "$fleet_homes" --rates "$fleet_sweep_rates" --duration "$sweep_duration" --warmup "$warmup" --timeout 5s
  # The requests measured and those of each stage's warm-up, which used CPU too.
  cpu_figures "$(json fleet-sweep "[.stages[] | ([.outcomes[]] | add) + .offeredRate * ${warmup%s}] | add")" fleet_sweep
  for i in $(seq 0 $(($(json fleet-sweep '.stages | length') - 1))); do
    rate=$(json fleet-sweep ".stages[$i].offeredRate")
    figure "fleet_${rate}_per_s_achieved" "$(json fleet-sweep ".stages[$i].achievedRate")" per_s
    figure "fleet_${rate}_per_s_p50" "$(json fleet-sweep ".stages[$i].latency.p50Ms")" ms
    figure "fleet_${rate}_per_s_p99" "$(json fleet-sweep ".stages[$i].latency.p99Ms")" ms
    figure "fleet_${rate}_per_s_errors" "$(json fleet-sweep ".stages[$i].errors")" count
  done
  fleet_load() {
    drive --name "$1" --fleet "$fleet_homes" --rate 1000 --duration "$fleet_duration" --warmup "$warmup" --timeout 5s
    figure "$2_achieved" "$(json "$1" '.stages[0].achievedRate')" per_s
    figure "$2_p50" "$(json "$1" '.stages[0].latency.p50Ms')" ms
    figure "$2_p99" "$(json "$1" '.stages[0].latency.p99Ms')" ms
    figure "$2_errors" "$(json "$1" '.stages[0].errors')" count
  }
  log "the fleet at 1,000 commands/s, traces sampled at $sampling"
  fleet_load fleet fleet_1000_per_s
  stop_apphost
  if [ "$quick" = 1 ]; then
    # A second fleet start does not fit in --quick's few minutes.
    for name in "time_to_healthy_fleet_${fleet_homes}_seeded_again" fleet_1000_per_s_all_traced_achieved \
      fleet_1000_per_s_all_traced_p50 fleet_1000_per_s_all_traced_p99 fleet_1000_per_s_all_traced_errors; do
      na "$name" "full run only"
    done
  else
    log "the fleet at 1,000 commands/s, every trace kept"
    start_apphost "--Parameters:fleet-homes=$fleet_homes" "--Parameters:trace-sampling-ratio=1" "$fleet_data"
    # Started again on the same data: seeding finds everything there (the idempotent path).
    figure "time_to_healthy_fleet_${fleet_homes}_seeded_again" "$healthy_after" s
    fleet_load fleet-traced fleet_1000_per_s_all_traced
    stop_apphost
  fi
else
  [ "$external" = 1 ] && why="services given by URL" || why="fleet not available"
  for name in "time_to_healthy_fleet_${fleet_homes}" "time_to_healthy_fleet_${fleet_homes}_seeded_again" memory_devicegateway_per_home memory_simulatedplug_per_plug \
    fleet_sweep_cpu_ms_per_request_assistantcloud \
    fleet_1000_per_s_achieved fleet_1000_per_s_p50 fleet_1000_per_s_p99 fleet_1000_per_s_errors \
    fleet_1000_per_s_all_traced_achieved fleet_1000_per_s_all_traced_p50 fleet_1000_per_s_all_traced_p99 \
    fleet_1000_per_s_all_traced_errors; do
    na "$name" "$why"
  done
fi

[ "$docs" = 1 ] || exit 0
charts=docs/benchmarks
mkdir -p "$charts"
cp "$work"/*.png "$charts/"
cp "$work"/idle.json "$work"/sweep.json "$work"/fault.json "$charts/" 2>/dev/null || true
cp "$work"/fleet.json "$work"/fleet-traced.json "$work"/fleet-sweep.json "$charts/" 2>/dev/null || true
value() { awk -v n="$1" -v u="$2" '$2 == n {print ($3 == "n/a" ? "n/a (" substr($0, index($0, "n/a") + 4) ")" : (u == "" ? $3 : $3 " " u)); exit}' "$figures"; }
{
  echo "# Benchmarks"
  echo
  echo "Written by \`scripts/bench.sh$([ "$quick" = 1 ] && echo " --quick")\` on $started_at; run it again to refresh."
  echo "Latency is measured by the load driver (\`tools/LoadDriver\`) from each request's *intended* start"
  echo "(open loop), through the assistant's \`POST /api/utterances\`, with tracing on: every trace exported,"
  echo "except in the fleet's first load run, where a share of $sampling of the traces is kept (\`trace-sampling-ratio\`)."
  echo "The idle figure is measured once the services have served their first commands after the start (a figure of its own)."
  echo
  echo "## Machine"
  echo
  echo "- CPUs: $(nproc); memory: $(free -m | awk '/^Mem:/ {print $2}') MB"
  echo "- OS: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- the services built in $configuration (the JIT optimizes a Release build; a Debug build, as \`dotnet run\` makes by default, runs unoptimized)"
  echo "- .NET: $(dotnet --info | grep -m1 -E '^ *Version:' | xargs) ($(dotnet --info | grep -m1 -E '^ *RID:' | xargs))"
  echo "- load average at the start (1, 5, 15 min): $load_at_start; the machine may be shared, so compare"
  echo "  figures of one run with each other (the floor is measured in the same run for that reason)"
  echo
  echo "## Figures against the targets (issue 11)"
  echo
  echo "| figure | value | target |"
  echo "|---|---|---|"
  echo "| loopback TCP round trip p50 (the floor) | $(value floor_loopback_tcp_rtt_p50 µs) | |"
  echo "| one command end to end, idle world, p50 | $(value command_idle_p50 ms) | at most 10 x (8 x floor) |"
  echo "| the same p50 / (8 x floor RTT) | $(value command_idle_p50_over_8_floor_rtt x) | <= 10 x |"
  echo "| one command end to end, idle world, p99 | $(value command_idle_p99 ms) | < 20 ms |"
  echo "| the first commands after the start (10/s, before the idle figure), p50 / p99 | $(value command_after_start_p50 ms) / $(value command_after_start_p99 ms) | |"
  echo "| commands and questions at 20/s (warm), p50 / p99 | $(value sweep_20_per_s_p50 ms) / $(value sweep_20_per_s_p99 ms) | |"
  echo "| broadband down: errors in the faulted homes during the window / in the others | $(value fault_errors_in_window_faulted_homes "") / $(value fault_errors_in_window_other_homes "") | the others: 0 |"
  echo "| broadband back: requests still failed for | $(value fault_recovery_after_window s) | |"
  echo "| time to healthy, default world | $(value time_to_healthy_default_world s) | |"
  echo "| offline detection after Wi-Fi off / 1.5 x keep-alive ($keep_alive s) | $(value offline_detection s) / $(value offline_detection_over_1_5_keep_alive x) | |"
  echo "| a command to a known-offline plug, p50 (ENDPOINT_UNREACHABLE) | $(value offline_command_p50 ms) | |"
  echo "| fleet: achieved rate at 1,000 commands/s offered (traces sampled at $sampling) | $(value fleet_1000_per_s_achieved /s) | >= 1,000 /s for $fleet_duration |"
  echo "| fleet: p50 / p99 at 1,000 commands/s (sampled) | $(value fleet_1000_per_s_p50 ms) / $(value fleet_1000_per_s_p99 ms) | p99 < 50 ms |"
  echo "| fleet: errors at 1,000 commands/s (sampled) | $(value fleet_1000_per_s_errors "") | 0 |"
  echo "| fleet: achieved / p50 / p99 / errors, every trace kept | $(value fleet_1000_per_s_all_traced_achieved /s) / $(value fleet_1000_per_s_all_traced_p50 ms) / $(value fleet_1000_per_s_all_traced_p99 ms) / $(value fleet_1000_per_s_all_traced_errors "") | |"
  for rate in ${fleet_sweep_rates//,/ }; do
    echo "| fleet at $rate/s (sampled): achieved / p50 / p99 / errors | $(value fleet_${rate}_per_s_achieved /s) / $(value fleet_${rate}_per_s_p50 ms) / $(value fleet_${rate}_per_s_p99 ms) / $(value fleet_${rate}_per_s_errors "") | |"
  done
  echo "| CPU per request in the fleet's capacity runs: assistant / vendor / gateway / plug / Redis | $(value fleet_sweep_cpu_ms_per_request_assistantcloud ms) / $(value fleet_sweep_cpu_ms_per_request_vendorcloud ms) / $(value fleet_sweep_cpu_ms_per_request_devicegateway ms) / $(value fleet_sweep_cpu_ms_per_request_simulatedplug ms) / $(value fleet_sweep_cpu_ms_per_request_redis ms) | |"
  echo "| devicegateway memory per home | $(value memory_devicegateway_per_home KB) | <= 100 KB |"
  echo "| simulatedplug memory per plug | $(value memory_simulatedplug_per_plug KB) | <= 100 KB |"
  echo "| time to healthy, fleet of $fleet_homes, empty Redis (seeding every account, home and link) / seeded again | $(value time_to_healthy_fleet_$fleet_homes s) / $(value time_to_healthy_fleet_${fleet_homes}_seeded_again s) | < 60 s |"
  echo
  if [ -s "$work/gaps.md" ]; then
    echo "## Where the time goes in one command"
    echo
    echo "The gaps between the hops in the traces of the idle run's commands (\`scripts/trace-gaps.py\`, from the"
    echo "dashboard's telemetry API), in ms. The medians do not add up to the total's: on a busy machine the wait"
    echo "for a CPU lands on a different hop in each trace, and the p90 column shows how far it goes."
    echo
    echo "| gap | p50 | p90 |"
    echo "|---|---|---|"
    cat "$work/gaps.md"
    echo
  fi
  echo "## Every figure of the run"
  echo
  echo '```'
  cat "$figures"
  echo '```'
  echo
  echo "## Charts"
  echo
  echo "Latency percentiles per second, one command at a time on the idle world:"
  echo
  echo "![idle](benchmarks/idle-timeline.png)"
  echo
  echo "Latency against the offered rate ($sweep_rates per second, the default world's one lamp):"
  echo
  echo "![latency vs rate](benchmarks/sweep-vs-rate.png)"
  echo
  echo "![sweep over time](benchmarks/sweep-timeline.png)"
  echo
  echo "Broadband down in a share of the homes (the dashed lines) during a run at 20 per second:"
  echo
  echo "![fault](benchmarks/fault-timeline.png)"
  if [ -f "$charts/fleet-timeline.png" ]; then
    echo
    echo "The fleet at 1,000 commands per second offered (traces sampled at $sampling; then every trace kept):"
    echo
    echo "![fleet](benchmarks/fleet-timeline.png)"
    [ -f "$charts/fleet-traced-timeline.png" ] && { echo; echo "![fleet, every trace kept](benchmarks/fleet-traced-timeline.png)"; }
  fi
} > docs/benchmarks.md
log "wrote docs/benchmarks.md and $charts/"
