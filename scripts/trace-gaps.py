#!/usr/bin/env python3
"""Where the time goes in one command: the gaps between the hops of the chain, read from traces.

Reads the traces of recent utterances from the Aspire dashboard's telemetry API (OTLP JSON) and prints,
for the commands that went down to the plug, one line per hop gap with its median:
  FIGURE gap_<name>_p50 <ms> ms
and on stderr the same as Markdown table rows (what, p50, p90).
Usage: scripts/trace-gaps.py DASHBOARD_URL [--since UNIX_SECONDS] [--limit N]
The dashboard must allow anonymous access (ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true), as when
scripts/bench.sh starts the AppHost. Redis spans arrive up to 10 s late (the instrumentation's flush).
"""
import argparse
import collections
import json
import statistics
import sys
import urllib.request

# (figure name, what it is, start (service, span predicate, 'st'|'en'), end (...))
HOPS = [
    ("assistant_before_directive", "assistant: request to directive (intent, link, endpoints: Redis)", ("root", "st"), ("directive", "st")),
    ("assistant_to_vendor_http", "assistant -> vendor HTTP (client span start to server span start)", ("post", "st"), ("vendor", "st")),
    ("vendor_before_command", "vendor: request to command (token, device: Redis)", ("vendor", "st"), ("command", "st")),
    ("vendor_to_gateway_uplink", "vendor -> gateway over the uplink WebSocket", ("send", "st"), ("gateway", "st")),
    ("gateway_to_plug_mqtt", "gateway MQTT publish -> plug processing", ("gateway_publish", "st"), ("plug", "st")),
    ("plug_processing", "plug: processing to its response publish (its state sent just before)", ("plug", "st"), ("plug_response", "st")),
    ("plug_to_gateway_mqtt", "plug response publish -> gateway processing", ("plug_response", "st"), ("gateway_response", "st")),
    ("gateway_to_vendor_done", "gateway response -> vendor command done (uplink back, shadow write)", ("gateway_response", "en"), ("command", "en")),
    ("vendor_after_command", "vendor: command done to response sent", ("command", "en"), ("vendor", "en")),
    ("vendor_to_assistant_http", "vendor -> assistant HTTP response", ("vendor", "en"), ("post", "en")),
    ("assistant_after_answer", "assistant: answer to response", ("post", "en"), ("root", "en")),
    ("total_server", "total, the assistant's server span", ("root", "st"), ("root", "en")),
]

PICK = {
    "root": ("assistantcloud", lambda s: s["name"].startswith("utterance ") and s["scope"] == "Microsoft.AspNetCore"),
    "directive": ("assistantcloud", lambda s: s["name"].startswith("directive ")),
    "post": ("assistantcloud", lambda s: s["scope"] == "System.Net.Http"),
    "vendor": ("vendorcloud", lambda s: s["scope"] == "Microsoft.AspNetCore"),
    "command": ("vendorcloud", lambda s: s["name"].startswith("command ")),
    "send": ("vendorcloud", lambda s: s["name"].startswith("send command")),
    "gateway": ("devicegateway", lambda s: s["name"].startswith("process command")),
    "gateway_publish": ("devicegateway", lambda s: s["name"].startswith("send ") and s["name"].endswith("/set")),
    "plug": ("simulatedplug", lambda s: s["name"].startswith("process ") and s["name"].endswith("/set")),
    "plug_response": ("simulatedplug", lambda s: s["name"].endswith("gateway/responses")),
    "gateway_response": ("devicegateway", lambda s: s["name"].startswith("process ") and s["name"].endswith("gateway/responses")),
}


def spans_by_trace(data):
    traces = collections.defaultdict(list)
    for resource in data["resourceSpans"]:
        service = next((a["value"].get("stringValue") for a in resource.get("resource", {}).get("attributes", [])
                        if a["key"] == "service.name"), "?")
        for scope in resource["scopeSpans"]:
            for span in scope["spans"]:
                traces[span["traceId"]].append({
                    "service": service, "name": span["name"], "scope": scope["scope"]["name"],
                    "st": int(span["startTimeUnixNano"]) / 1e6, "en": int(span["endTimeUnixNano"]) / 1e6})
    return traces


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dashboard")
    parser.add_argument("--since", type=float, default=0)
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    url = f"{args.dashboard.rstrip('/')}/api/telemetry/traces?resource=assistantcloud&limit={args.limit}"
    with urllib.request.urlopen(url, timeout=30) as answer:
        data = json.load(answer)["data"]

    gaps = collections.defaultdict(list)
    redis = collections.defaultdict(list)
    for spans in spans_by_trace(data).values():
        found = {}
        for key, (service, predicate) in PICK.items():
            matches = [s for s in spans if s["service"] == service and predicate(s)]
            if matches:
                found[key] = min(matches, key=lambda s: s["st"])
        if len(found) < len(PICK) or found["root"]["st"] < args.since * 1000:
            continue
        for name, _, (start, start_edge), (end, end_edge) in HOPS:
            gaps[name].append(found[end][end_edge] - found[start][start_edge])
        for service in ("assistantcloud", "vendorcloud"):
            redis[service].append(sum(1 for s in spans if s["service"] == service and s["scope"].endswith("StackExchangeRedis")))

    if not gaps:
        print("FIGURE gap_traces 0 count")
        return
    print(f"FIGURE gap_traces {len(gaps['total_server'])} count")
    for name, what, _, _ in HOPS:
        values = sorted(gaps[name])
        p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
        print(f"FIGURE gap_{name}_p50 {statistics.median(values):.2f} ms")
        print(f"| {what} | {statistics.median(values):.2f} | {p90:.2f} |", file=sys.stderr)
    for service, counts in redis.items():
        print(f"FIGURE redis_commands_per_command_{service} {statistics.median(counts):g} count")


if __name__ == "__main__":
    main()
