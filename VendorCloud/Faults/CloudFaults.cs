namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor cloud's outage and latency switches as this replica last read them: every request reads this copy, never
/// Redis. The switches themselves are the world's (<see cref="SharedCloudFaults"/>), the same whichever replica answers.
/// </summary>
internal sealed class CloudFaults
{
    public const int MaxLatencyMilliseconds = 30_000;

    private volatile bool _outage;
    private int _latencyMilliseconds;

    public bool Outage => _outage;

    public int LatencyMilliseconds => Volatile.Read(ref _latencyMilliseconds);

    /// <summary>Switches the outage; true when the state changed.</summary>
    public bool SetOutage(bool on)
    {
        var changed = _outage != on;
        _outage = on;
        return changed;
    }

    /// <summary>Sets the added latency (0 turns it off); false when outside 0..<see cref="MaxLatencyMilliseconds"/>.</summary>
    public bool TrySetLatency(int milliseconds)
    {
        if (milliseconds is < 0 or > MaxLatencyMilliseconds)
        {
            return false;
        }

        Volatile.Write(ref _latencyMilliseconds, milliseconds);
        return true;
    }

    public FaultsView View() => new(Outage, LatencyMilliseconds);
}

/// <summary>The answer of <c>GET /sim/faults</c>.</summary>
internal sealed record FaultsView(bool Outage, int LatencyMilliseconds);
