using MQTTnet;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// One device's MQTT client (MQTTnet 5 has no managed client: <see cref="PlugConnection"/>
/// reconnects it). Ready means connected, subscribed and announced.
/// </summary>
internal sealed class MqttSession(PlugIdentity identity) : IMqttPublisher, IDisposable
{
    private volatile bool _isReady;

    public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

    public string ClientId => identity.MqttName;

    public bool IsConnected => Client.IsConnected;

    public bool IsReady
    {
        get => _isReady && Client.IsConnected;
        set => _isReady = value;
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        Client.PublishAsync(message, cancellationToken);

    public void Dispose() => Client.Dispose();
}
