using System.Runtime.CompilerServices;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// A device's MQTT name on the gateway's broker, both its username and its client id: its device id when no
/// other home of the world has a device with that id (the default world: <c>plug-1</c>, as always), else
/// <c>{homeId}/{deviceId}</c>, so that one broker can hold every home's devices without two of them
/// sharing a session.
/// </summary>
public static class WorldMqttNames
{
    // How many homes declare each device id, counted once per world instance: a fleet asks once per device.
    private static readonly ConditionalWeakTable<World, Dictionary<string, int>> HomesPerDeviceId = [];

    public static string MqttName(this World world, string homeId, string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(homeId);
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        var counts = HomesPerDeviceId.GetValue(world, CountHomesPerDeviceId);
        var homesWithId = counts.GetValueOrDefault(deviceId);
        var declaredHere = world.FindHome(homeId)?.FindDevice(deviceId) is not null;
        // Unique when this home is the only one that has it (or, for an undeclared device, when no home has it).
        var others = homesWithId - (declaredHere ? 1 : 0);
        return others == 0 ? deviceId : $"{homeId}/{deviceId}";
    }

    private static Dictionary<string, int> CountHomesPerDeviceId(World world)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var home in world.Homes)
        {
            foreach (var deviceId in home.Devices.Select(d => d.Id).Distinct(StringComparer.Ordinal))
            {
                counts[deviceId] = counts.GetValueOrDefault(deviceId) + 1;
            }
        }

        return counts;
    }
}
