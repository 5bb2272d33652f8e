#!/usr/bin/env bash
# The link-policy study (issue 16, docs/policy-study.md): a fleet world through simulated years under each of the
# vendor's link policies, day by day, through the real services. Prints
#   POLICY <name> lockouts=<n> active_lockouts=<n> median_days=<d> relinks=<n> failed_commands=<n> stale_grants=<n> refreshes=<n> ...
# one line per policy, and writes policy-study.json and the chart (policy-study-linked.svg) into --out.
#
# Usage: scripts/policy-study.sh --households N --years Y --seed S [--policies SignInAge,Sliding,AbsoluteLifetime,IdleTimeout,IdleTimeoutNoLeeway]
#                                [--lost-answers 0.02] [--full-commands 0.02] [--sample-days 7] [--parallelism 32 (at most 64)] [--side-by-side 1]
#                                [--out DIR] [--format svg|png]
#                                [--days D] [--verbose] [--telemetry] [--through-proxy] [--no-build] [--configuration Release|Debug]
#   --policies      comma-separated link-policy values, each run in an AppHost of its own (default: all five)
#   --lost-answers  the share of refresh answers the lossy network loses after the vendor rotated (default 0.02)
#   --full-commands the seeded share of use days sent as full commands through the home (default 0.02; every day of a home
#                   without broadband is one too); the other use days go as far as the token (docs/policy-study.md)
#   --side-by-side  how many policies' worlds run at once (default 1: measured slower on 2 cores)
#   --out           where the JSON and the chart go (default policy-study-out)
#   --days          a trial shorter than a year; --verbose prints every failed command
#   --telemetry     keep the services' OpenTelemetry and thread-pool spinning as in the default world (to measure the cost)
#   --through-proxy call the clouds through Aspire's proxy as the default world does (by default the study's worlds call
#                   them on their own ports: AppHost:DirectCloudEndpoints)
# Each policy's AppHost starts through Aspire.Hosting.Testing (random ports: nothing fixed is taken, and it may run
# beside `dotnet run --project AppHost`); every process it starts is stopped when its policy is done.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release build=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --configuration) configuration=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  dotnet build tools/PolicyStudy -c "$configuration" -v quiet -nologo >&2
fi
exec dotnet "tools/PolicyStudy/bin/$configuration/net10.0/PolicyStudy.dll" "${args[@]}"
