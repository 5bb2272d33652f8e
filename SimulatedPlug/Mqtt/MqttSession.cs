using MQTTnet;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// The plug's single MQTT client (MQTTnet 5 has no managed client: <see cref="PlugConnection"/>
/// reconnects it). Ready means connected, subscribed and announced.
/// </summary>
internal sealed class MqttSession(PlugSettings settings) : IMqttPublisher, IDisposable
{
    private volatile bool _isReady;

    public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();

    public string ClientId => settings.DeviceId;

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
