using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Fleet;

/// <summary>
/// Every device of every home of the world (or, with sharded simulators, of this process's <see cref="SimulatorShard"/>),
/// each a <see cref="SimulatedDevice"/> of its own, in the world's order; the story's device (the first home's first)
/// is the one the endpoints address when asked for none.
/// </summary>
internal sealed class Devices : IDisposable
{
    private readonly Dictionary<(string HomeId, string DeviceId), SimulatedDevice> _byId = [];

    public Devices(
        World world,
        PlugSettings settings,
        RedisConnection redis,
        ReconnectBackoff backoff,
        ConnectThrottle throttle,
        TimeProvider timeProvider,
        ILoggerFactory loggers,
        SimulatorShard? shard = null)
    {
        Shard = shard ?? SimulatorShard.Whole;
        var homes = Shard.HomesOf(world);
        if (homes.Count == 0)
        {
            throw new InvalidOperationException($"Simulator shard {Shard.Shard} of {Shard.Shards} runs no home of this world: run fewer shards.");
        }

        var all = new List<SimulatedDevice>();
        foreach (var home in homes)
        {
            foreach (var declared in home.Devices)
            {
                var device = new SimulatedDevice(
                    PlugIdentity.Of(world, home, declared, settings), settings, redis, backoff, throttle, timeProvider, loggers);
                all.Add(device);
                _byId[(home.Id, declared.Id)] = device;
            }
        }

        All = all;
        HomeIds = [.. homes.Select(home => home.Id)];
        Story = Shard.Runs(world.StoryHome.Id) ? _byId[(world.StoryHome.Id, world.StoryDevice.Id)] : all[0];
    }

    /// <summary>Which of the world's homes this process runs.</summary>
    public SimulatorShard Shard { get; }

    /// <summary>The homes this process runs, in the world's order.</summary>
    public IReadOnlyList<string> HomeIds { get; }

    public IReadOnlyList<SimulatedDevice> All { get; }

    /// <summary>The story's device: the world's first home, its first device (the shard's first device, if another shard runs that home).</summary>
    public SimulatedDevice Story { get; }

    /// <summary>How many devices are on the broker now (connected, subscribed, announced).</summary>
    public int OnlineCount => All.Count(device => device.Session.IsReady);

    /// <summary>A device by home and id; either left out means the story's home or device.</summary>
    public SimulatedDevice? Find(string? homeId, string? deviceId)
    {
        var home = string.IsNullOrEmpty(homeId) ? Story.Identity.HomeId : homeId;
        var device = string.IsNullOrEmpty(deviceId) ? Story.Identity.DeviceId : deviceId;
        return _byId.GetValueOrDefault((home, device));
    }

    public void Dispose()
    {
        foreach (var device in All)
        {
            device.Dispose();
        }
    }
}
