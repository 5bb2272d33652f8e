using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.DeviceGateway.Homes;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The gateway's homes for a test: by default one home, home-1, with plug-1 and plug-2.</summary>
internal static class TestHomes
{
    public static World OneHome { get; } = new(
        [new WorldPerson("owner", "owner@example.com")],
        [new WorldAccount("owner@example.com")],
        [new WorldHome("home-1", "owner@example.com", [Lamp("plug-1"), Lamp("plug-2")])]);

    /// <summary>Homes home-1 .. home-N, each with its own plug-1 (so each plug's MQTT name is home-n/plug-1).</summary>
    public static World Fleet(int homes) => FleetGenerator.Generate(homes);

    public static GatewayHomes Create(GatewayOptions options, TimeProvider? time = null, World? world = null) =>
        new(world ?? OneHome, options, time ?? TimeProvider.System, NullLoggerFactory.Instance);

    private static WorldDevice Lamp(string id) => new(id, $"{id} lamp", "bedroom", DeviceKind.DimmablePlug);
}
