using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A Wi-Fi band of a home's gateway, as the home starts: "on" or "off".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BandState>))]
public enum BandState
{
    [JsonStringEnumMemberName("on")]
    On,

    [JsonStringEnumMemberName("off")]
    Off,
}
