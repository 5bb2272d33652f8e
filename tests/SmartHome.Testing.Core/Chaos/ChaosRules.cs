namespace SmartHome.Testing.Chaos;

/// <summary>
/// What each fault explains: the failures a person may hear while it is on (and for a settle time after) and the hops the
/// owner's diagnosis may name first. Anything else is a violation.
/// </summary>
internal static class ChaosRules
{
    public const string AssistantDown = "HTTP 503";

    /// <summary>The answer's key: <c>Outcome:ErrorType</c>, <c>Outcome</c>, or <see cref="AssistantDown"/>.</summary>
    public static string KeyOf(UtteranceAnswer answer) =>
        answer.StatusCode == 503 ? AssistantDown : answer.ErrorType is null ? answer.Outcome : $"{answer.Outcome}:{answer.ErrorType}";

    public static bool ExplainsFailure(FaultWindow fault, ChaosPerson person, string key, TimeSpan budget) => ExplainsFailure(fault, person, key, Outcome(key), budget);

    private static string Outcome(string key) => key.Split(':')[0];

    private static bool ExplainsFailure(FaultWindow fault, ChaosPerson person, string key, string outcome, TimeSpan budget) => fault.Kind switch
    {
        ChaosFaultKind.WifiOff or ChaosFaultKind.Unplug =>
            fault.Target == $"{person.Home}/{person.Device}" && key == "DeviceError:ENDPOINT_UNREACHABLE",
        ChaosFaultKind.BandOff => fault.Target == person.Home && key == "DeviceError:ENDPOINT_UNREACHABLE",
        ChaosFaultKind.BroadbandDown => fault.Target == person.Home && key is "DeviceError:BRIDGE_UNREACHABLE" or "DeviceError:ENDPOINT_UNREACHABLE",
        ChaosFaultKind.GatewayRestart => key is "DeviceError:BRIDGE_UNREACHABLE" or "DeviceError:ENDPOINT_UNREACHABLE",
        ChaosFaultKind.VendorOutage => outcome == "ServiceUnavailable" || key is "DeviceError:BRIDGE_UNREACHABLE" or "DeviceError:ENDPOINT_UNREACHABLE",
        // Inside the budget a slow vendor is only slow; past it the assistant gives up.
        ChaosFaultKind.VendorLatency => fault.Amount >= budget.TotalMilliseconds * 0.75 && outcome == "ServiceUnavailable",
        ChaosFaultKind.AssistantOutage => key == AssistantDown,
        // Every service's store: any service may be unable to answer while it is back.
        ChaosFaultKind.RedisRestart => outcome is "ServiceUnavailable" or "DeviceError",
        ChaosFaultKind.RevokeLinks or ChaosFaultKind.ClockJump => fault.EndsLink && person.User == "owner" && outcome == "LinkExpired",
        _ => false,
    };

    public static bool ExplainsHop(FaultWindow fault, ChaosPerson owner, string hop) => fault.Kind switch
    {
        ChaosFaultKind.WifiOff or ChaosFaultKind.Unplug => fault.Target == $"{owner.Home}/{owner.Device}" && hop == "plug",
        ChaosFaultKind.BandOff => fault.Target == owner.Home && hop is "band" or "plug",
        ChaosFaultKind.BroadbandDown => fault.Target == owner.Home && hop is "uplink" or "gateway" or "plug",
        ChaosFaultKind.GatewayRestart => hop is "uplink" or "gateway" or "band" or "plug",
        ChaosFaultKind.VendorOutage => hop is "vendor" or "uplink" or "plug",
        ChaosFaultKind.VendorLatency => hop == "vendor",
        ChaosFaultKind.AssistantOutage => hop == "assistant",
        ChaosFaultKind.RedisRestart => hop is "assistant" or "vendor" or "uplink" or "plug",
        ChaosFaultKind.RevokeLinks or ChaosFaultKind.ClockJump => fault.EndsLink && hop == "link",
        _ => false,
    };
}

/// <summary>When a fault was on during a run: from just before it was switched on until it was undone (null: still on).</summary>
internal sealed class FaultWindow(ChaosFaultKind kind, string target, int amount, TimeSpan start)
{
    public ChaosFaultKind Kind { get; } = kind;

    public string Target { get; } = target;

    public int Amount { get; } = amount;

    public TimeSpan Start { get; } = start;

    public TimeSpan? End { get; set; }

    /// <summary>A revocation, or a clock jump that took the owner's sign-in past the link's maximum age.</summary>
    public bool EndsLink { get; set; }

    public bool Overlaps(TimeSpan from, TimeSpan to, TimeSpan now, TimeSpan settle) => Start <= to && (End ?? now) + settle >= from;

    public override string ToString() => $"{Kind} {Target}{(Amount == 0 ? "" : $" {Amount}")} [{Start.TotalSeconds:0.0}s-{(End is { } e ? $"{e.TotalSeconds:0.0}s" : "on")}]";
}
