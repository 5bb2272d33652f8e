using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A home's router + hub as it starts: its 2.4 GHz Wi-Fi band and its broadband.</summary>
public sealed record WorldGateway(
    [property: JsonPropertyName("wifi24GHz")] BandState Wifi24GHz = BandState.On,
    BroadbandState Broadband = BroadbandState.Up)
{
    public static WorldGateway Default { get; } = new();
}
