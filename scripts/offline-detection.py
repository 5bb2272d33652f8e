#!/usr/bin/env python3
"""Offline detection and a command to a known-offline plug, against the running default world.

Switches the story plug's Wi-Fi off (its socket goes silent, no MQTT DISCONNECT), polls the gateway's
status until the plug is offline there (the broker published its last will), and compares that time with
1.5 x the MQTT keep-alive (MQTT 5: the broker may drop a silent client after 1.5 x keep-alive). Then, once
the vendor knows too (a command answers ENDPOINT_UNREACHABLE), times commands to the known-offline plug,
switches the Wi-Fi back on and times the plug's return. Prints
  FIGURE <name> <value> <unit>
Usage: scripts/offline-detection.py --assistant URL --gateway URL --plug URL --keep-alive SECONDS [--commands N]
Leaves the Wi-Fi on whatever happens.
"""
import argparse
import json
import statistics
import sys
import time
import urllib.request

POLL = 0.01  # seconds between status polls: the detection time is known to this much


def request(url, body=None, timeout=10):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST" if body is not None or url.find("/sim/") >= 0 else "GET",
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as response:
        text = response.read()
        return json.loads(text) if text else None


def online(gateway):
    status = request(f"{gateway}/api/status")
    return any(d["deviceId"] == "plug-1" and d["online"] for d in status["devices"])


def say(assistant, text):
    started = time.monotonic()
    answer = request(f"{assistant}/api/utterances", {"user": "owner", "text": text})
    return (time.monotonic() - started) * 1000, answer


def wait(condition, what, limit):
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > limit:
            raise SystemExit(f"offline-detection.py: {what} not within {limit} s")
        time.sleep(POLL)
    return time.monotonic() - started


def figure(name, value, unit):
    print(f"FIGURE {name} {value} {unit}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--assistant", required=True)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--plug", required=True)
    parser.add_argument("--keep-alive", type=float, required=True)
    parser.add_argument("--commands", type=int, default=20)
    args = parser.parse_args()

    wait(lambda: online(args.gateway), "the plug online before the test", 30)
    bound = 1.5 * args.keep_alive
    try:
        request(f"{args.plug}/sim/wifi/off", {})
        detected = wait(lambda: not online(args.gateway), "the plug offline at the gateway", 10 * bound + 10)
        figure("offline_detection", f"{detected:.2f}", "s")
        figure("offline_detection_over_1_5_keep_alive", f"{detected / bound:.2f}", "x")

        # The vendor learns it from the gateway's uplink; from then on it answers without asking the home.
        def vendor_knows():
            return say(args.assistant, "turn on the bedroom lamp")[1].get("errorType") == "ENDPOINT_UNREACHABLE"
        wait(vendor_knows, "ENDPOINT_UNREACHABLE from the vendor", 30)
        latencies, errors = [], {}
        for _ in range(args.commands):
            ms, answer = say(args.assistant, "turn on the bedroom lamp")
            latencies.append(ms)
            kind = answer.get("errorType") or answer.get("outcome")
            errors[kind] = errors.get(kind, 0) + 1
        figure("offline_command_p50", f"{statistics.median(latencies):.3f}", "ms")
        figure("offline_command_max", f"{max(latencies):.3f}", "ms")
        figure("offline_command_answers", ",".join(f"{k}={v}" for k, v in sorted(errors.items())), "types")
    finally:
        request(f"{args.plug}/sim/wifi/on", {})
    back = wait(lambda: online(args.gateway), "the plug back online", 60)
    figure("offline_back_online_after_wifi_on", f"{back:.2f}", "s")


if __name__ == "__main__":
    sys.exit(main())
