namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>A Home Assistant JSON light state as the vendor and the gateway report it (`{"state":"ON","brightness":40}`).</summary>
public sealed record LightState(string? State, int? Brightness);
