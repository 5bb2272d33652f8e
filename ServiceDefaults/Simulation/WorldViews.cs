namespace SmartHome.ServiceDefaults;

/// <summary>How far to move the clock: any mix of days, hours, minutes and seconds (all optional).</summary>
public sealed record ClockAdvance(double? Days, double? Hours, double? Minutes, double? Seconds)
{
    /// <summary>The total; throws <see cref="OverflowException"/> past what a TimeSpan holds.</summary>
    public TimeSpan Amount => TimeSpan.FromDays(Days ?? 0) + TimeSpan.FromHours(Hours ?? 0)
        + TimeSpan.FromMinutes(Minutes ?? 0) + TimeSpan.FromSeconds(Seconds ?? 0);

    /// <summary>The total, or null when it is not a number a clock can move by (too large, NaN).</summary>
    public TimeSpan? AmountOrNull()
    {
        try
        {
            return Amount;
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>A service's clock as it reports it (<c>GET /sim/clock</c>): the world's, as this service applied it.</summary>
public sealed record ClockState(string Service, DateTimeOffset Now, TimeSpan Offset, double OffsetDays, long Version);

/// <summary>One service of the world: live (a replica with a recent heartbeat), the clock version its slowest live replica applied, and how many replicas are live.</summary>
public sealed record WorldServiceView(string Service, bool Live, long ClockVersion, int LiveReplicas);

/// <summary><c>GET /sim/world</c>.</summary>
public sealed record WorldView(DateTimeOffset Now, TimeSpan Offset, double OffsetDays, long ClockVersion, long Generation,
    IReadOnlyList<WorldServiceView> Services);

/// <summary>
/// <c>POST /sim/world/clock/advance</c>: the world's new clock, and which live services applied it before
/// the answer (all of them, unless one did not within the bound).
/// </summary>
public sealed record WorldClockAdvanced(DateTimeOffset Now, TimeSpan Offset, double OffsetDays, long Version,
    IReadOnlyList<string> Applied, IReadOnlyList<string> NotApplied);

/// <summary>One service's outcome of a reset: <c>done</c>, <c>failed: ...</c> or <c>not answered</c>.</summary>
public sealed record WorldResetOutcome(string Service, string Outcome);

/// <summary><c>POST /sim/world/reset</c>.</summary>
public sealed record WorldResetResult(long Generation, bool Succeeded, DateTimeOffset Now, double OffsetDays,
    IReadOnlyList<WorldResetOutcome> Services);
