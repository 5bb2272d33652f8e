using MQTTnet;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>One device's MQTT session, as the parts that publish see it.</summary>
internal interface IMqttPublisher
{
    string ClientId { get; }

    bool IsConnected { get; }

    Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken);
}
