using SmartHome.ServiceDefaults.Uplink;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Publishes the plug's retained state. One publish at a time, each reading the state when its
/// turn comes, so that the last retained state is always the current one. A publish that follows a change
/// says why in the MQTT 5 user property <c>cause</c> (<see cref="ChangeCause"/>); the one on (re)connect says nothing.
/// </summary>
internal sealed class StatePublisher(PlugDevice device, MessageSender sender, PlugTopics topics) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task<bool> PublishAsync(CancellationToken cancellationToken) => PublishAsync(cause: null, cancellationToken);

    public async Task<bool> PublishAsync(string? cause, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = device.Current.ToLightState();
            return await sender.SendAsync(topics.State, PlugJson.Serialize(state), retain: true, correlationData: null,
                cause is null ? null : KeyValuePair.Create(ChangeCause.UserProperty, cause), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
