using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// The uplinks connected to this process, keyed by home id, with the availability each home reports
/// for its devices. In-process on purpose: a socket lives in one process; with several replicas the others
/// find its holder in the <see cref="IUplinkDirectory"/> and reach it through the <see cref="UplinkRelay"/>. It also keeps, per home, when the uplink last
/// connected or dropped and when its last frame arrived (on the simulation clock), for the support view.
/// </summary>
internal sealed class UplinkRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, UplinkConnection> _connections = new(StringComparer.Ordinal);
    // Keyed by home and device: a device id is unique only within its home (every home of a fleet has a plug-1).
    private readonly ConcurrentDictionary<(string HomeId, string DeviceId), (bool Online, DateTimeOffset Since)> _availability = new();
    private readonly ConcurrentDictionary<string, UplinkHistory> _history = new(StringComparer.Ordinal);
    // Devices whose last command got no answer in time, and when: the plug may still apply it.
    private readonly ConcurrentDictionary<(string HomeId, string DeviceId), DateTimeOffset> _unanswered = new();

    /// <summary>How long after an unanswered command the device's own change is still taken for that command's.</summary>
    public static readonly TimeSpan UnansweredCommandWindow = TimeSpan.FromMinutes(1);

    /// <summary>Makes <paramref name="connection"/> its home's uplink; returns the older one it replaces, if any.</summary>
    public UplinkConnection? Register(UplinkConnection connection)
    {
        UplinkConnection? replaced = null;
        _connections.AddOrUpdate(connection.HomeId, connection, (_, existing) =>
        {
            replaced = existing;
            return connection;
        });
        var now = time.GetUtcNow();
        _history.AddOrUpdate(connection.HomeId, _ => new UplinkHistory(now, null, null), (_, history) => history with { ConnectedAt = now });
        if (replaced is not null)
        {
            // The new uplink's hello re-announces the devices; until then nothing is known.
            ForgetDevices(connection.HomeId);
        }

        return replaced;
    }

    /// <summary>Removes the connection if it is still its home's current uplink; true when it was.</summary>
    public bool Unregister(UplinkConnection connection)
    {
        if (!_connections.TryRemove(new KeyValuePair<string, UplinkConnection>(connection.HomeId, connection)))
        {
            return false;
        }

        var now = time.GetUtcNow();
        _history.AddOrUpdate(connection.HomeId, _ => new UplinkHistory(null, now, null), (_, history) => history with { DroppedAt = now });
        ForgetDevices(connection.HomeId);
        return true;
    }

    /// <summary>A frame from the home arrived now.</summary>
    public void RecordFrame(string homeId)
    {
        var now = time.GetUtcNow();
        _history.AddOrUpdate(homeId, _ => new UplinkHistory(null, null, now), (_, history) => history with { LastFrameAt = now });
    }

    /// <summary>
    /// The home's uplink as this process sees it: connected now, since when it last connected (while connected) or
    /// dropped (while not), and the last frame; the times are null when this process has not seen the home since it started.
    /// </summary>
    public HomeUplinkState GetStatus(string homeId)
    {
        var connected = Find(homeId) is not null;
        var history = _history.GetValueOrDefault(homeId);
        return new HomeUplinkState(connected, connected ? history?.ConnectedAt : history?.DroppedAt, history?.LastFrameAt);
    }

    public UplinkConnection? Find(string homeId) =>
        _connections.TryGetValue(homeId, out var connection) && connection.IsOpen ? connection : null;

    public bool IsCurrent(UplinkConnection connection) =>
        _connections.TryGetValue(connection.HomeId, out var current) && ReferenceEquals(current, connection);

    /// <summary>Records what the home reports; the time it changed is kept while the report stays the same.</summary>
    public void SetAvailability(string homeId, string deviceId, bool online)
    {
        var now = time.GetUtcNow();
        _availability.AddOrUpdate((homeId, deviceId), _ => (online, now),
            (_, previous) => previous.Online == online ? previous : (online, now));
    }

    /// <summary>True/false as the home last reported; null when unknown (no uplink, or not reported).</summary>
    public bool? GetAvailability(string homeId, string deviceId) =>
        _availability.TryGetValue((homeId, deviceId), out var entry) ? entry.Online : null;

    /// <summary>Since when the home has reported the device offline (on the simulation clock); null unless it does.</summary>
    public DateTimeOffset? GetOfflineSince(string homeId, string deviceId) =>
        _availability.TryGetValue((homeId, deviceId), out var entry) && !entry.Online ? entry.Since : null;

    /// <summary>A command to the device got no answer in time (the assistant was told it failed).</summary>
    public void RecordUnansweredCommand(string homeId, string deviceId) => _unanswered[(homeId, deviceId)] = time.GetUtcNow();

    /// <summary>
    /// Whether a command to the device went unanswered within <see cref="UnansweredCommandWindow"/>; forgets it: a late
    /// change the plug then reports as the gateway's is that command's, which nobody has reported yet.
    /// </summary>
    public bool TakeUnansweredCommand(string homeId, string deviceId) =>
        _unanswered.TryRemove((homeId, deviceId), out var at) && time.GetUtcNow() - at <= UnansweredCommandWindow;

    /// <summary>The homes whose uplink is open in this process (their claims in the directory are renewed).</summary>
    public IReadOnlyCollection<string> HeldHomes() =>
        [.. _connections.Values.Where(connection => connection.IsOpen).Select(connection => connection.HomeId)];

    /// <summary>Homes with an open uplink (the gauge <c>smarthome.vendor.uplinks_up</c>).</summary>
    public int ConnectedHomes => _connections.Values.Count(connection => connection.IsOpen);

    /// <summary>Devices their home reports online (the gauge <c>smarthome.vendor.devices_online</c>).</summary>
    public int OnlineDevices => _availability.Values.Count(entry => entry.Online);

    /// <summary>
    /// Closes every open uplink (the cloud going down): each receive loop then unregisters its home and marks
    /// its devices unreachable, and the gateways see the drop and dial again with backoff. Returns how many.
    /// </summary>
    public async Task<int> CloseAllAsync(string reason)
    {
        var open = _connections.Values.ToList();
        await Task.WhenAll(open.Select(connection => connection.ShutdownAsync(WebSocketCloseStatus.EndpointUnavailable, reason, TimeSpan.FromSeconds(2))));
        return open.Count;
    }

    private void ForgetDevices(string homeId)
    {
        foreach (var (key, entry) in _availability)
        {
            if (key.HomeId == homeId)
            {
                _availability.TryRemove(new KeyValuePair<(string, string), (bool, DateTimeOffset)>(key, entry));
            }
        }
    }

    private sealed record UplinkHistory(DateTimeOffset? ConnectedAt, DateTimeOffset? DroppedAt, DateTimeOffset? LastFrameAt);
}
