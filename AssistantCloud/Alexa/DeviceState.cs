using System.Text.Json.Serialization;

namespace SmartHome.AssistantCloud.Alexa;

/// <summary>The endpoint's state the vendor confirmed in the response's context properties.</summary>
public sealed record DeviceState(string? PowerState, int? Brightness, string? Connectivity)
{
    [JsonIgnore]
    public bool IsUnreachable => string.Equals(Connectivity, "UNREACHABLE", StringComparison.OrdinalIgnoreCase);
}
