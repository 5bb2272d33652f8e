using System.Collections.Frozen;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Homes;

/// <summary>
/// Every home of the world this gateway process runs (docs/worlds.md), by id, and every device that may join
/// the broker, by MQTT name (<see cref="WorldMqttNames.MqttName"/>): the whole world, or with sharded simulators
/// (docs/scale.md) the homes of this process's <see cref="SimulatorShard"/>. The first home is the story's (the
/// shard's first): the fault and status endpoints address it when no home is named.
/// </summary>
internal sealed class GatewayHomes
{
    private readonly FrozenDictionary<string, HomeHub> _homes;
    private readonly FrozenDictionary<string, LanDevice> _devices;

    public GatewayHomes(World world, GatewayOptions options, TimeProvider timeProvider, ILoggerFactory loggers, SimulatorShard? shard = null)
    {
        Shard = shard ?? SimulatorShard.Whole;
        var declaredHomes = Shard.HomesOf(world);
        if (declaredHomes.Count == 0)
        {
            throw new InvalidOperationException($"Simulator shard {Shard.Shard} of {Shard.Shards} runs no home of this world: run fewer shards.");
        }

        var homes = declaredHomes
            .Select(home => new HomeHub(options.ForHome(home.Id, WorldSecrets.GatewaySecret(world, home.Id, options.GatewaySecret)), timeProvider, loggers))
            .ToList();
        All = homes;
        Story = homes[0];
        _homes = homes.ToFrozenDictionary(h => h.Id, StringComparer.Ordinal);

        var devices = declaredHomes
            .SelectMany(home => home.Devices.Select(device => new LanDevice(home.Id, device.Id, world.MqttName(home.Id, device.Id))))
            .ToDictionary(d => d.MqttName, StringComparer.Ordinal);
        // A credential configured for a device the world does not declare (Mqtt:Devices:{id}) is one of the story home's.
        foreach (var name in options.Devices.Keys.Where(name => !devices.ContainsKey(name)))
        {
            devices[name] = new LanDevice(Story.Id, name, name);
        }

        _devices = devices.ToFrozenDictionary(StringComparer.Ordinal);
        Devices = [.. _devices.Values];
        foreach (var declared in declaredHomes)
        {
            var hub = _homes[declared.Id];
            if (declared.GatewayOrDefault.Broadband == BroadbandState.Down)
            {
                hub.Broadband.SetDown();
            }

            if (declared.GatewayOrDefault.Wifi24GHz == BandState.Off)
            {
                hub.Band.SetOff();
            }
        }
    }

    /// <summary>Which of the world's homes this process runs.</summary>
    public SimulatorShard Shard { get; }

    /// <summary>Every home, in the world's order.</summary>
    public IReadOnlyList<HomeHub> All { get; }

    /// <summary>The story's home: the world's first.</summary>
    public HomeHub Story { get; }

    /// <summary>Every device that may join the broker.</summary>
    public IReadOnlyList<LanDevice> Devices { get; }

    public HomeHub? Find(string? homeId) => homeId is not null ? _homes.GetValueOrDefault(homeId) : null;

    /// <summary>The named home, or the story's when none is named.</summary>
    public HomeHub? FindOrStory(string? homeId) => string.IsNullOrEmpty(homeId) ? Story : Find(homeId);

    /// <summary>The device whose MQTT name this is (a client id or username), if any.</summary>
    public LanDevice? FindDevice(string? mqttName) => mqttName is not null ? _devices.GetValueOrDefault(mqttName) : null;
}
