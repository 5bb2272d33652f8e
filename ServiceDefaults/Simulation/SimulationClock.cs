namespace SmartHome.ServiceDefaults;

/// <summary>
/// The service's clock: real time plus the world's offset, so that a test or a person can let a year
/// pass in a second and replay the token-expiry story. The offset is the world's, not the service's:
/// it lives in Redis (<see cref="WorldStore"/>) and this clock follows it (<see cref="WorldMember"/>).
/// Only the wall clock (<see cref="GetUtcNow"/>) moves; timers and timestamps stay real, so keep-alives,
/// timeouts and backoff delays are not disturbed by a jump.
/// </summary>
public sealed class SimulationClock(TimeProvider realTime) : TimeProvider
{
    private WorldClockReading _applied = WorldClockReading.Start;

    public SimulationClock() : this(System)
    {
    }

    /// <summary>The world's clock as this service last applied it.</summary>
    public WorldClockReading Applied => Volatile.Read(ref _applied);

    public TimeSpan Offset => Applied.Offset;

    /// <summary>Real time, for what must not jump with the world (heartbeats between services).</summary>
    public TimeProvider RealTime => realTime;

    public override DateTimeOffset GetUtcNow() => realTime.GetUtcNow() + Offset;

    public override long GetTimestamp() => realTime.GetTimestamp();

    public override long TimestampFrequency => realTime.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => realTime.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => realTime.CreateTimer(callback, state, dueTime, period);

    /// <summary>
    /// Takes the world's clock when <paramref name="reading"/> is newer (a higher version) than the one
    /// applied; true when it did. Advances only add to the offset; a reset of the world takes it back to 0.
    /// </summary>
    public bool TryApply(WorldClockReading reading)
    {
        while (true)
        {
            var current = Volatile.Read(ref _applied);
            if (reading.Version <= current.Version)
            {
                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _applied, reading, current), current))
            {
                return true;
            }
        }
    }
}
