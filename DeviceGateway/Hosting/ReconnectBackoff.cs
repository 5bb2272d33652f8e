namespace SmartHome.DeviceGateway.Hosting;

/// <summary>
/// Exponential reconnect delays with jitter, so that many gateways (or plugs) do not reconnect in lockstep.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan maximum, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based): half fixed, half random.</summary>
    public TimeSpan Next(int attempt)
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + _random.NextDouble() * ceiling / 2);
    }
}
