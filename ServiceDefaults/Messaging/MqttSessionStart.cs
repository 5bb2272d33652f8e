using MQTTnet;

namespace SmartHome.ServiceDefaults;

/// <summary>What <see cref="MqttSessionSetup"/> gave: up, or refused by the broker (and why, in MQTT's own codes).</summary>
public sealed record MqttSessionStart(MqttClientConnectResult Connack, string? Refusal)
{
    public bool IsUp => Refusal is null;

    public static MqttSessionStart Up(MqttClientConnectResult connack) => new(connack, null);

    public static MqttSessionStart Refused(MqttClientConnectResult connack, string refusal) => new(connack, refusal);
}
