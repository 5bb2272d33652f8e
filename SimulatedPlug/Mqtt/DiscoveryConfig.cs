using System.Text.Json.Serialization;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.SimulatedPlug.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery for a JSON-schema light: with brightness on a 0..100 scale for a dimmable
/// device, on/off only for an on/off plug, so a real Home Assistant on the broker would find and drive it.
/// An on/off plug announces itself as a switch instead (<see cref="Announcement"/>).
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
    [property: JsonPropertyName("brightness_scale"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? BrightnessScale,
    [property: JsonPropertyName("qos")] int Qos,
    [property: JsonPropertyName("device")] DiscoveryDevice Device)
{
    public static DiscoveryConfig For(PlugTopics topics, string deviceName, DeviceKind kind = DeviceKind.DimmablePlug) => new(
        // A null entity name makes Home Assistant name the light after its device.
        Name: null,
        UniqueId: topics.MqttName ?? topics.DeviceId,
        Schema: "json",
        CommandTopic: topics.Command,
        StateTopic: topics.State,
        AvailabilityTopic: topics.Availability,
        PayloadAvailable: PlugTopics.Online,
        PayloadNotAvailable: PlugTopics.Offline,
        SupportedColorModes: kind.IsDimmable() ? ["brightness"] : ["onoff"],
        BrightnessScale: kind.IsDimmable() ? 100 : null,
        Qos: 1,
        Device: new DiscoveryDevice([topics.MqttName ?? topics.DeviceId], deviceName, "SmartHome", Model(kind)));

    /// <summary>The retained discovery message a device publishes: a light, or for an on/off plug a switch.</summary>
    public static (string Topic, byte[] Payload) Announcement(PlugTopics topics, string deviceName, DeviceKind kind) =>
        kind == DeviceKind.OnOffPlug
            ? (topics.DiscoveryFor(kind), PlugJson.Serialize(SwitchDiscoveryConfig.For(topics, deviceName)))
            : (topics.DiscoveryFor(kind), PlugJson.Serialize(For(topics, deviceName, kind)));

    private static string Model(DeviceKind kind) => kind switch
    {
        DeviceKind.OnOffPlug => "Simulated on/off plug",
        DeviceKind.DimmableLamp => "Simulated dimmable lamp",
        _ => "Simulated dimmable plug (DW3HL-like)",
    };
}

internal sealed record DiscoveryDevice(
    [property: JsonPropertyName("identifiers")] IReadOnlyList<string> Identifiers,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("manufacturer")] string Manufacturer,
    [property: JsonPropertyName("model")] string Model);
