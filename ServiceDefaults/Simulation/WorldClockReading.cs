namespace SmartHome.ServiceDefaults;

/// <summary>The world's clock: how far ahead of real time it is, and the version of that value (every change adds one).</summary>
public sealed record WorldClockReading(long Version, TimeSpan Offset)
{
    /// <summary>A world whose clock was never moved.</summary>
    public static readonly WorldClockReading Start = new(0, TimeSpan.Zero);
}
