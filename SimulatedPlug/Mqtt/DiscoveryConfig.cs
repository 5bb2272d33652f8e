using System.Text.Json.Serialization;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery for a JSON-schema light with brightness on a 0..100 scale, so a
/// real Home Assistant on the broker would find and drive the plug.
/// </summary>
internal sealed record DiscoveryConfig(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("unique_id")] string UniqueId,
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("command_topic")] string CommandTopic,
    [property: JsonPropertyName("state_topic")] string StateTopic,
    [property: JsonPropertyName("availability_topic")] string AvailabilityTopic,
    [property: JsonPropertyName("payload_available")] string PayloadAvailable,
    [property: JsonPropertyName("payload_not_available")] string PayloadNotAvailable,
    [property: JsonPropertyName("supported_color_modes")] IReadOnlyList<string> SupportedColorModes,
    [property: JsonPropertyName("brightness_scale")] int BrightnessScale,
    [property: JsonPropertyName("qos")] int Qos,
    [property: JsonPropertyName("device")] DiscoveryDevice Device)
{
    public static DiscoveryConfig For(PlugTopics topics, string deviceName) => new(
        // A null entity name makes Home Assistant name the light after its device.
        Name: null,
        UniqueId: topics.DeviceId,
        Schema: "json",
        CommandTopic: topics.Command,
        StateTopic: topics.State,
        AvailabilityTopic: topics.Availability,
        PayloadAvailable: PlugTopics.Online,
        PayloadNotAvailable: PlugTopics.Offline,
        SupportedColorModes: ["brightness"],
        BrightnessScale: 100,
        Qos: 1,
        Device: new DiscoveryDevice([topics.DeviceId], deviceName, "SmartHome", "Simulated dimmable plug (DW3HL-like)"));
}

internal sealed record DiscoveryDevice(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("manufacturer")] string Manufacturer,
    [property: JsonPropertyName("model")] string Model);
