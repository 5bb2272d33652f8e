namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>The event-gateway tokens an account's AcceptGrant gave the vendor. Secrets: never logged, stored only encrypted.</summary>
internal sealed record AssistantTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AssistantTokens {{ ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>
/// The maker's permission to report an account's devices to the assistant, as the support view shows it
/// (docs/protocols.md): <see cref="State"/> active, lost or none; why and since when it was lost; the last report.
/// </summary>
internal sealed record AssistantGrantStatus(
    string State,
    string? Reason,
    DateTimeOffset? Since,
    DateTimeOffset? LastReportAt,
    string? LastReportStatus,
    string? LastReportError,
    long ReportsDropped)
{
    public const string Active = "active";
    public const string Lost = "lost";
    public const string None = "none";

    public static readonly AssistantGrantStatus Never = new(None, null, null, null, null, null, 0);
}

/// <summary>Why an account's assistant grant was lost.</summary>
internal static class GrantLossReasons
{
    public const string InvalidGrant = "invalid_grant";
    public const string SkillDisabled = "skill_disabled";
    public const string AcceptGrantFailed = "accept_grant_failed";
}

/// <summary>How the last report to the event gateway ended.</summary>
internal static class ReportStatuses
{
    public const string Accepted = "accepted";
    public const string Refused = "refused";
    public const string Failed = "failed";
}
