using System.Text.Json.Serialization;

namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>
/// A Home Assistant MQTT JSON light state (<c>{"state":"ON","brightness":40}</c>, brightness scale
/// 100). Brightness is the dimmer level, kept (and reported) while the light is off.
/// </summary>
public sealed record PlugLightState(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("brightness")] int Brightness);
