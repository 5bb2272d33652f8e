using System.Diagnostics;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Where a command failed (a <see cref="ChainHops"/> name) and the cause as a sentence, as the span that saw
/// the failure carries it (docs/protocols.md, "Failed commands in traces").
/// </summary>
public sealed record FailedHop(string Hop, string Cause)
{
    public const string HopAttribute = "smarthome.failed_hop";
    public const string CauseAttribute = "smarthome.cause";
}

public static class FailedHopActivityExtensions
{
    /// <summary>Sets <c>smarthome.failed_hop</c> and <c>smarthome.cause</c>; the span's status is the caller's to set.</summary>
    public static Activity? SetFailedHop(this Activity? activity, FailedHop? failed) =>
        failed is null
            ? activity
            : activity?.SetTag(FailedHop.HopAttribute, failed.Hop).SetTag(FailedHop.CauseAttribute, failed.Cause);
}
