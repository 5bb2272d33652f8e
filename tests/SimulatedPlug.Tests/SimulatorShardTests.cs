using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.ServiceDefaults;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.SimulatedPlug.Fleet;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>A plug process of a simulator shard runs its shard's homes' devices only (docs/scale.md).</summary>
public sealed class SimulatorShardTests
{
    [Fact]
    public void Shard_1_of_2_runs_the_even_homes_devices_and_addresses_its_first_when_none_is_named()
    {
        using var devices = Create(FleetGenerator.Generate(5), new SimulatorShard(1, 2));

        Assert.Equal(["home-2", "home-4"], devices.HomeIds);
        Assert.Equal(["home-2", "home-4"], devices.All.Select(d => d.Identity.HomeId));
        Assert.Equal("home-2", devices.Story.Identity.HomeId);
        Assert.Null(devices.Find("home-1", "plug-1"));
        Assert.NotNull(devices.Find("home-4", "plug-1"));
    }

    [Fact]
    public void Shard_0_keeps_the_story_device()
    {
        using var devices = Create(FleetGenerator.Generate(4), new SimulatorShard(0, 2));
        Assert.Equal(["home-1", "home-3"], devices.HomeIds);
        Assert.Equal(("home-1", "plug-1"), (devices.Story.Identity.HomeId, devices.Story.Identity.DeviceId));
    }

    private static Devices Create(World world, SimulatorShard shard)
    {
        var settings = new PlugSettings { BrokerUrl = "tcp://localhost:1", DevicePasswordSeed = TestFleet.Seed };
        return new Devices(world, settings, new RedisConnection(new ServiceCollection().BuildServiceProvider()),
            new ReconnectBackoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(500), new Random(7)),
            new ConnectThrottle(settings), TimeProvider.System, NullLoggerFactory.Instance, shard);
    }
}
