namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>The vendor's partner support view of one device (`GET /api/support/devices/{deviceId}`).</summary>
public sealed record VendorSupportView(
    string DeviceId,
    string? HomeId,
    string? Name,
    VendorGrantView? Grant,
    VendorUplinkView? Uplink,
    VendorDeviceView? Device,
    VendorAssistantGrantView? AssistantGrant = null);

/// <summary>The account's newest grant to the assistant: `active`, `revoked`, `expired` or `none`.</summary>
public sealed record VendorGrantView(string State, string? Reason, DateTimeOffset? CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// The maker's side of the return path (optional: older makers do not send it): its permission to report to the
/// assistant, `active`, `lost` or `none`, why it was lost, and how its last report went.
/// </summary>
public sealed record VendorAssistantGrantView(
    string State,
    string? Reason,
    DateTimeOffset? Since,
    DateTimeOffset? LastReportAt,
    string? LastReportStatus,
    string? LastReportError,
    int ReportsDropped);

/// <summary>The home's uplink as the vendor sees it.</summary>
public sealed record VendorUplinkView(bool Connected, DateTimeOffset? Since, DateTimeOffset? LastFrameAt);

/// <summary>The device as the home last reported it; <see cref="Online"/> null when unknown (no uplink).</summary>
public sealed record VendorDeviceView(bool? Online, ReportedLightState? State, DateTimeOffset? ReportedAt);

/// <summary>What asking the vendor gave: its view, or the <see cref="Problem"/> ("timeout", "refused", "503", ...).</summary>
public sealed record VendorFacts(ProbeOutcome Outcome, string? Problem, VendorSupportView? View)
{
    public static VendorFacts Answered(VendorSupportView view) => new(ProbeOutcome.Answered, null, view);

    public static VendorFacts NotFound() => new(ProbeOutcome.NotFound, null, null);

    public static VendorFacts Failed(string problem) => new(ProbeOutcome.Failed, problem, null);

    public static VendorFacts NotAsked(string why) => new(ProbeOutcome.NotAsked, why, null);
}
