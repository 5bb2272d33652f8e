using System.Text.Json.Serialization;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>A home: its id (the MQTT namespace <c>homes/{id}/...</c>), the vendor account it belongs to, its gateway and devices.</summary>
public sealed record WorldHome(string Id, string Account, IReadOnlyList<WorldDevice> Devices, WorldGateway? Gateway = null)
{
    /// <summary>The gateway as declared, or the default one (band on, broadband up).</summary>
    [JsonIgnore]
    public WorldGateway GatewayOrDefault => Gateway ?? WorldGateway.Default;

    public WorldDevice? FindDevice(string deviceId) => Devices.FirstOrDefault(d => d.Id == deviceId);
}
