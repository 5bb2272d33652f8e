namespace SmartHome.LoadDriver;

/// <summary>
/// Open-loop arrivals at a fixed rate: request i is meant to start at i / rate after the start, whatever
/// happened to the requests before it. Latency is measured from this intended start, so a system that
/// stalls cannot slow the driver down and hide its latency (coordinated omission).
/// </summary>
public sealed record ArrivalSchedule(double RatePerSecond, TimeSpan Duration)
{
    public long Count => RatePerSecond <= 0 ? 0 : (long)Math.Floor(Duration.TotalSeconds * RatePerSecond + 1e-9);

    public TimeSpan IntendedOffset(long index) => TimeSpan.FromTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / RatePerSecond));

    /// <summary>The requests due by <paramref name="elapsed"/>: every index below it has been (or must now be) sent.</summary>
    public long DueBy(TimeSpan elapsed) =>
        Math.Min(Count, (long)Math.Floor(elapsed.Ticks * RatePerSecond / TimeSpan.TicksPerSecond) + 1);
}
