namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>The home gateway's own status (`GET /api/status` on the home network).</summary>
public sealed record GatewayStatusView(
    string? HomeId,
    GatewayUplinkView? Uplink,
    string? Broadband,
    string? Band24,
    IReadOnlyList<GatewayDeviceView>? Devices);

/// <summary>The gateway's uplink to the vendor, as the gateway sees it.</summary>
public sealed record GatewayUplinkView(bool Connected, DateTimeOffset? Since);

/// <summary>A device's availability at the gateway; <see cref="Since"/> is when it last changed.</summary>
public sealed record GatewayDeviceView(string DeviceId, bool Online, ReportedLightState? State, DateTimeOffset? Since);

/// <summary>What asking the gateway gave: its status, or the <see cref="Problem"/> ("timeout", "refused", ...).</summary>
public sealed record GatewayFacts(ProbeOutcome Outcome, string? Problem, GatewayStatusView? View)
{
    public const string NotConfigured = "no home network address configured";

    public static GatewayFacts Answered(GatewayStatusView view) => new(ProbeOutcome.Answered, null, view);

    public static GatewayFacts Failed(string problem) => new(ProbeOutcome.Failed, problem, null);

    public static GatewayFacts NotAsked(string why) => new(ProbeOutcome.NotAsked, why, null);
}
