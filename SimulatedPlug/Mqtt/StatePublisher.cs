namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Publishes the plug's retained state. One publish at a time, each reading the state when its
/// turn comes, so that the last retained state is always the current one.
/// </summary>
internal sealed class StatePublisher(PlugDevice device, MessageSender sender, PlugTopics topics) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var state = device.Current.ToLightState();
            return await sender.SendAsync(topics.State, PlugJson.Serialize(state), retain: true, correlationData: null, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
