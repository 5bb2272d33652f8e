namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>
/// A Home Assistant JSON light state (brightness scale 100): <c>{"state":"ON","brightness":40}</c>.
/// Also the shape of a command, where either field may be absent.
/// </summary>
public sealed record LightState(string? State = null, int? Brightness = null);
