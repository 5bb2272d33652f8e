namespace SmartHome.ServiceDefaults;

/// <summary>
/// The service's clock: real time plus an offset that only moves forward, so that a test or a
/// person can let a year pass in a second and replay the token-expiry story. Only the wall clock
/// (<see cref="GetUtcNow"/>) moves; timers and timestamps stay real, so keep-alives, timeouts and
/// backoff delays are not disturbed by a jump.
/// </summary>
public sealed class SimulationClock(TimeProvider realTime) : TimeProvider
{
    private long _offsetTicks;

    public SimulationClock() : this(System)
    {
    }

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => realTime.GetUtcNow() + Offset;

    public override long GetTimestamp() => realTime.GetTimestamp();

    public override long TimestampFrequency => realTime.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => realTime.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => realTime.CreateTimer(callback, state, dueTime, period);

    /// <summary>Moves the clock forward by <paramref name="by"/> and returns the new offset.</summary>
    public TimeSpan Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        return TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, by.Ticks));
    }

    /// <summary>Moves the clock forward to at least <paramref name="offset"/> (never back): idempotent.</summary>
    public TimeSpan AdvanceTo(TimeSpan offset)
    {
        while (true)
        {
            var current = Interlocked.Read(ref _offsetTicks);
            if (offset.Ticks <= current || Interlocked.CompareExchange(ref _offsetTicks, offset.Ticks, current) == current)
            {
                return Offset;
            }
        }
    }
}
