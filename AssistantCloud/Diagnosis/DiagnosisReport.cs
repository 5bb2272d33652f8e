using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>The answer of <c>GET /api/diagnose</c>: every hop, the first that fails, its cause and fix.</summary>
public sealed record DiagnosisReport(
    string User,
    string Device,
    string? EndpointId,
    DateTimeOffset CheckedAt,
    long ElapsedMilliseconds,
    bool Healthy,
    string? FirstFailingHop,
    string? Cause,
    string? Fix,
    IReadOnlyList<HopReport> Hops,
    FailedCommand? LastFailedCommand);

/// <summary>One hop; <see cref="Cause"/> and <see cref="Fix"/> only on a failed one.</summary>
public sealed record HopReport(
    string Hop,
    string Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cause = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Fix = null)
{
    public static HopReport Ok(string hop, string detail) => new(hop, HopStatus.Ok, detail);

    public static HopReport Unknown(string hop, string detail) => new(hop, HopStatus.Unknown, detail);

    public static HopReport Failed(string hop, string detail, string cause, string fix) => new(hop, HopStatus.Failed, detail, cause, fix);
}
