namespace SmartHome.AssistantCloud.Diagnosis;

/// <summary>The lamp's state as the vendor and the gateway report it to the diagnosis, in Home Assistant JSON (`{"state":"ON","brightness":40}`).</summary>
public sealed record ReportedLightState(string? State, int? Brightness);
