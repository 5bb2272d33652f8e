using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// The last state the assistant knows of an endpoint, property by property, when it was reported and how
/// (<see cref="KnownStateSources"/>).
/// </summary>
public sealed record KnownState(string? PowerState, int? Brightness, string? Connectivity, DateTimeOffset? ReportedAt, string? Source)
{
    [JsonIgnore]
    public DeviceState AsDeviceState => new(PowerState, Brightness, Connectivity);
}

/// <summary>How the assistant learned a state.</summary>
public static class KnownStateSources
{
    public const string ChangeReport = "ChangeReport";
    public const string StateReport = "StateReport";
    public const string Response = "Response";
}
