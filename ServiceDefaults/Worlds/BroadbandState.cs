using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A home's broadband, as the home starts: "up" or "down".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BroadbandState>))]
public enum BroadbandState
{
    [JsonStringEnumMemberName("up")]
    Up,

    [JsonStringEnumMemberName("down")]
    Down,
}
