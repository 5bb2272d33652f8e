using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Fleet;

/// <summary>
/// Every device of every home of the world, each a <see cref="SimulatedDevice"/> of its own, in the world's
/// order; the story's device (the first home's first) is the one the endpoints address when asked for none.
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
        ILoggerFactory loggers)
    {
        var all = new List<SimulatedDevice>();
        foreach (var home in world.Homes)
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
        Story = _byId[(world.StoryHome.Id, world.StoryDevice.Id)];
    }

    public IReadOnlyList<SimulatedDevice> All { get; }

    /// <summary>The story's device: the world's first home, its first device.</summary>
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
