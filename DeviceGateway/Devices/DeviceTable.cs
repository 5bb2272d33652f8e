using System.Diagnostics;

namespace SmartHome.DeviceGateway.Devices;

/// <summary>
/// The gateway's view of the home's devices (device id to availability, last state and since when), fed by MQTT.
/// Times come from the TimeProvider, the simulation clock, so that they agree with the other services.
/// </summary>
internal sealed class DeviceTable(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeviceSnapshot> _devices = new(StringComparer.Ordinal);

    /// <summary>
    /// Raised, in order, after each real change. Handlers run on the MQTT receive path: they must only enqueue.
    /// </summary>
    public event Action<DeviceChange>? Changed;

    public DeviceSnapshot? Find(string deviceId)
    {
        lock (_gate)
        {
            return _devices.GetValueOrDefault(deviceId);
        }
    }

    public IReadOnlyList<DeviceSnapshot> Snapshot()
    {
        lock (_gate)
        {
            return [.. _devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a snapshot while no change can happen, so that a listener can
    /// start from the snapshot and miss no later change. Lock order: this table, then the listener's locks.
    /// </summary>
    public void WithSnapshot(Action<IReadOnlyList<DeviceSnapshot>> action)
    {
        lock (_gate)
        {
            action(Snapshot());
        }
    }

    /// <returns>Whether the availability changed (a first sighting counts as a change).</returns>
    public bool SetAvailability(string deviceId, bool online, ActivityContext cause = default) =>
        Update(deviceId, (current, now) => current switch
        {
            null => new DeviceSnapshot(deviceId, online, null, now),
            _ when current.Online == online => current,
            _ => current with { Online = online, Since = now },
        }, cause);

    /// <returns>Whether the state changed (a first sighting counts as a change; the device stays offline until it says otherwise).</returns>
    public bool SetState(string deviceId, LightState state, ActivityContext cause = default, string? changeCause = null) =>
        Update(deviceId, (current, now) => (current ?? new DeviceSnapshot(deviceId, false, null, now)) with { State = state }, cause, changeCause);

    private bool Update(string deviceId, Func<DeviceSnapshot?, DateTimeOffset, DeviceSnapshot> change, ActivityContext cause,
        string? changeCause = null)
    {
        lock (_gate)
        {
            var current = _devices.GetValueOrDefault(deviceId);
            var next = change(current, timeProvider.GetUtcNow());
            if (current == next)
            {
                return false;
            }

            _devices[deviceId] = next;
            // Raised under the lock so that listeners see changes in the order they happened.
            Changed?.Invoke(new DeviceChange(next, cause, changeCause));
            return true;
        }
    }
}
