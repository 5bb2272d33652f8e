using System.Diagnostics;
using System.Globalization;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Where a command failed (a <see cref="ChainHops"/> name) and the cause as a sentence, as the span that saw
/// the failure carries it (docs/protocols.md, "Failed commands in traces").
/// </summary>
public sealed record FailedHop(string Hop, string Cause)
{
    public const string HopAttribute = "smarthome.failed_hop";
    public const string CauseAttribute = "smarthome.cause";

    /// <summary>A moment as a headline shows it: "18:42:05 UTC" (the service's simulated clock).</summary>
    public static string At(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}

public static class FailedHopActivityExtensions
{
    /// <summary>Sets <c>smarthome.failed_hop</c> and <c>smarthome.cause</c>; the span's status is the caller's to set.</summary>
    public static Activity? SetFailedHop(this Activity? activity, FailedHop? failed) =>
        failed is null
            ? activity
            : activity?.SetTag(FailedHop.HopAttribute, failed.Hop).SetTag(FailedHop.CauseAttribute, failed.Cause);

    /// <summary>
    /// Marks the span as the hop that broke, readable in the dashboard's waterfall without opening it: red, renamed
    /// to <paramref name="headline"/> (what happened, e.g. "plug offline since 18:42:05 UTC (ENDPOINT_UNREACHABLE)"),
    /// the cause as the status description, and the failed-hop attributes. The waterfall shows a span's name, never
    /// its status description; for that, the span must carry no <c>messaging.system</c> or <c>http.request.method</c>
    /// (the dashboard labels those spans from their attributes instead).
    /// </summary>
    public static Activity? MarkFailedHop(this Activity? activity, FailedHop failed, string headline)
    {
        if (activity is null)
        {
            return null;
        }

        activity.DisplayName = headline;
        return activity.SetStatus(ActivityStatusCode.Error, failed.Cause).SetFailedHop(failed);
    }
}
