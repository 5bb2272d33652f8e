using System.Collections.Concurrent;
namespace SmartHome.DeviceGateway.Lan;

/// <summary>
/// The router's 2.4 GHz band, which the plugs speak. Off, every device's link dies the way a radio
/// loss does: its transport is closed under the broker, with no MQTT DISCONNECT, so the broker treats
/// it as a dead link and publishes the device's will; and no device gets through until it is back on.
/// The bridge is not on the radio and is never cut. A link is whatever closes the device's transport: the
/// embedded broker's channel, or the <see cref="BandRelay"/>'s pair of sockets to an external broker.
/// </summary>
internal sealed partial class WifiBand(TimeProvider timeProvider, ILogger<WifiBand> logger)
{
    // By device and remote end point: a reconnecting device's old connection may end after its new one began.
    private readonly ConcurrentDictionary<(string DeviceId, string EndPoint), IDisposable> _links = new();
    private volatile bool _on = true;

    public bool IsOn => _on;

    public DateTimeOffset Since { get; private set; } = timeProvider.GetUtcNow();

    /// <summary>Devices whose link is up on the band.</summary>
    public int Links => _links.Count;

    /// <summary>Remembers a device's transport so that the band can cut it. False (and cut) when the band is off.</summary>
    public bool Attach(string deviceId, string endPoint, IDisposable link)
    {
        if (!_on)
        {
            Cut(link);
            return false;
        }

        var key = (deviceId, endPoint);
        _links[key] = link;
        if (!_on && _links.TryRemove(new KeyValuePair<(string, string), IDisposable>(key, link)))
        {
            // Went off between the check and here.
            Cut(link);
            return false;
        }

        return true;
    }

    /// <summary>Forgets a device's transport once that connection has ended.</summary>
    public void Detach(string deviceId, string endPoint) => _links.TryRemove((deviceId, endPoint), out _);

    public void SetOn()
    {
        if (!_on)
        {
            _on = true;
            Since = timeProvider.GetUtcNow();
            LogBand(logger, "on", 0);
        }
    }

    public void SetOff()
    {
        if (_on)
        {
            _on = false;
            Since = timeProvider.GetUtcNow();
        }

        var cut = 0;
        foreach (var key in _links.Keys)
        {
            if (_links.TryRemove(key, out var link))
            {
                Cut(link);
                cut++;
            }
        }

        LogBand(logger, "off", cut);
    }

    /// <summary>Closes the socket under the MQTT session: no DISCONNECT packet goes either way.</summary>
    private static void Cut(IDisposable link)
    {
        try
        {
            link.Dispose();
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "2.4 GHz band is {State}; {Cut} device link(s) cut")]
    private static partial void LogBand(ILogger logger, string state, int cut);
}
