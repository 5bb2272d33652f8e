#!/usr/bin/env bash
# One button press on the return path, measured: presses the plug's button, prints the time from the press until the
# assistant's state (GET /api/users/{user}/devices) shows it as a ChangeReport, then the press's trace as the dashboard
# holds it (plug -> gateway -> vendor -> event gateway), one line per span with its offset and duration.
# It starts nothing: run it against an AppHost that is running (dotnet run --project AppHost), with the dashboard's
# telemetry API reachable either anonymously (ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true) or with its API key.
# Usage: scripts/measure-button-press.sh [presses]
# Environment (defaults are the launch ports of `dotnet run`):
#   ASSISTANT_URL=http://localhost:5100 PLUG_URL=http://localhost:5400 DASHBOARD_URL=http://localhost:15080
#   DASHBOARD_API_KEY=<key> (sent as x-api-key; empty: anonymous) PERSON=owner DEVICE=plug-1
set -euo pipefail
presses=${1:-1}
assistant=${ASSISTANT_URL:-http://localhost:5100}
plug=${PLUG_URL:-http://localhost:5400}
dashboard=${DASHBOARD_URL:-http://localhost:15080}
person=${PERSON:-owner}
device=${DEVICE:-plug-1}

# One python3 process presses and polls (10 ms apart), so the time measured is the chain's, not the poller's start-up.
python3 - "$assistant" "$plug" "$person" "$device" "$presses" <<'PY'
import json, sys, time, urllib.request
assistant, plug, person, device, presses = sys.argv[1:6]

def known():
    with urllib.request.urlopen(f"{assistant}/api/users/{person}/devices", timeout=5) as answer:
        found = next((d for d in json.load(answer) if d["endpointId"] == device), None) or {}
    return found.get("reportedAt"), found.get("reportedBy")

for press in range(1, int(presses) + 1):
    before, _ = known()
    started = time.monotonic()
    urllib.request.urlopen(urllib.request.Request(f"{plug}/api/button?device={device}", method="POST"), timeout=5).close()
    while True:
        at, by = known()
        if at != before and by == "ChangeReport":
            break
        if time.monotonic() - started > 10:
            sys.exit(f"press {press}: no ChangeReport reached the assistant within 10 s")
        time.sleep(0.01)
    print(f"press {press}: button to the assistant's state: {(time.monotonic() - started) * 1000:.0f} ms (reportedAt {at})", flush=True)
    time.sleep(0.5)
PY

# The exporters batch (about 1 s for spans, longer for Redis'): wait, then read the newest press's trace.
sleep "${TRACE_WAIT_SECONDS:-6}"
header=()
if [[ -n "${DASHBOARD_API_KEY:-}" ]]; then header=(-H "x-api-key: $DASHBOARD_API_KEY"); fi
curl -sf "${header[@]}" "$dashboard/api/telemetry/traces?resource=simulatedplug&limit=20" | python3 -c '
import collections, json, sys
traces = collections.defaultdict(list)
for resource in json.load(sys.stdin)["data"]["resourceSpans"]:
    service = next((a["value"].get("stringValue") for a in resource.get("resource", {}).get("attributes", [])
                    if a["key"] == "service.name"), "?")
    for scope in resource["scopeSpans"]:
        for span in scope["spans"]:
            traces[span["traceId"]].append((int(span["startTimeUnixNano"]) / 1e6, int(span["endTimeUnixNano"]) / 1e6, service, span["name"]))
presses = [(trace, spans) for trace, spans in traces.items()
           if any(s[2] == "assistantcloud" and s[3] == "event gateway accept Alexa.ChangeReport" for s in spans)]
if not presses:
    sys.exit("no trace of a button press that reached the event gateway (is the dashboard API reachable?)")
trace, spans = max(presses, key=lambda press: min(s[0] for s in press[1]))
spans = sorted(spans)
start = spans[0][0]
print(f"trace {trace}: {len(spans)} spans, {len({s[2] for s in spans})} services, {max(s[1] for s in spans) - start:.1f} ms end to end")
for st, en, service, name in spans:
    print(f"  +{st - start:8.1f} ms {en - st:8.1f} ms  {service:15} {name}")
'
