using System.Text.Json.Serialization;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery for an on/off plug, which Home Assistant sees as a switch: it commands with the
/// plain payloads <c>ON</c>/<c>OFF</c> (the plug takes them beside its JSON commands) and reads the on/off state out
/// of the plug's JSON state with <c>value_template</c>.
/// </summary>
internal sealed record SwitchDiscoveryConfig(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("unique_id")] string UniqueId,
    [property: JsonPropertyName("command_topic")] string CommandTopic,
    [property: JsonPropertyName("payload_on")] string PayloadOn,
    [property: JsonPropertyName("payload_off")] string PayloadOff,
    [property: JsonPropertyName("state_topic")] string StateTopic,
    [property: JsonPropertyName("value_template")] string ValueTemplate,
    [property: JsonPropertyName("state_on")] string StateOn,
    [property: JsonPropertyName("state_off")] string StateOff,
    [property: JsonPropertyName("availability_topic")] string AvailabilityTopic,
    [property: JsonPropertyName("payload_available")] string PayloadAvailable,
    [property: JsonPropertyName("payload_not_available")] string PayloadNotAvailable,
    [property: JsonPropertyName("qos")] int Qos,
    [property: JsonPropertyName("device")] DiscoveryDevice Device)
{
    public static SwitchDiscoveryConfig For(PlugTopics topics, string deviceName) => new(
        // A null entity name makes Home Assistant name the switch after its device.
        Name: null,
        UniqueId: topics.MqttName ?? topics.DeviceId,
        CommandTopic: topics.Command,
        PayloadOn: "ON",
        PayloadOff: "OFF",
        StateTopic: topics.State,
        ValueTemplate: "{{ value_json.state }}",
        StateOn: "ON",
        StateOff: "OFF",
        AvailabilityTopic: topics.Availability,
        PayloadAvailable: PlugTopics.Online,
        PayloadNotAvailable: PlugTopics.Offline,
        Qos: 1,
        Device: new DiscoveryDevice([topics.MqttName ?? topics.DeviceId], deviceName, "SmartHome", "Simulated on/off plug"));
}
