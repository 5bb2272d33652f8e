namespace SmartHome.ServiceDefaults;

/// <summary>
/// Exponential backoff with full jitter: attempt n waits a uniform random time in
/// [0, min(cap, base * 2^n)), so that many clients losing the same server (plugs their broker,
/// gateways the vendor cloud) do not return in lockstep. MQTTnet 5 has no managed client: the
/// long-lived sessions reconnect with this through <see cref="ReconnectLoop"/>.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Random random)
{
    public static readonly TimeSpan DefaultBase = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(10);

    // 2^30 x any sensible base is far past any cap; stop there so that the power cannot overflow.
    private const int MaxExponent = 30;

    public ReconnectBackoff() : this(DefaultBase, DefaultCap, Random.Shared)
    {
    }

    /// <summary>The upper bound of the delay before attempt <paramref name="attempt"/> (0-based).</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var milliseconds = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, MaxExponent));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, maxDelay.TotalMilliseconds));
    }

    public TimeSpan NextDelay(int attempt) =>
        TimeSpan.FromMilliseconds(random.NextDouble() * Ceiling(attempt).TotalMilliseconds);
}
