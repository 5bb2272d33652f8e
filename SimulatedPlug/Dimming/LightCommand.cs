using System.Text.Json.Serialization;

namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>
/// A Home Assistant MQTT JSON light command (<c>{"state":"ON","brightness":40}</c>, brightness
/// scale 100). Either key may be absent; <see cref="Dimmer.Apply"/> decides whether it is valid.
/// </summary>
public sealed record LightCommand(
    [property: JsonPropertyName("state"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? State,
    [property: JsonPropertyName("brightness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Brightness);
