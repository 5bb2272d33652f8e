using MQTTnet;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>The one MQTT session of the process, as the parts that publish see it.</summary>
internal interface IMqttPublisher
{
    string ClientId { get; }

    bool IsConnected { get; }

    Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
