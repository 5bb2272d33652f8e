using MQTTnet;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>The gateway's one MQTT session, as the command dispatcher sees it.</summary>
internal interface IMqttPublisher
{
    string ClientId { get; }

    /// <exception cref="InvalidOperationException">The session is down.</exception>
    Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
