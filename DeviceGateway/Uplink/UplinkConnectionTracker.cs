namespace SmartHome.DeviceGateway.Uplink;

/// <summary>Whether the uplink to the vendor cloud is connected, and since when (either way).</summary>
internal sealed class UplinkConnectionTracker(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private (bool Connected, DateTimeOffset Since) _current = (false, timeProvider.GetUtcNow());

    public (bool Connected, DateTimeOffset Since) Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void SetConnected(bool connected)
    {
        lock (_gate)
        {
            if (_current.Connected != connected)
            {
                _current = (connected, timeProvider.GetUtcNow());
            }
        }
    }
}
