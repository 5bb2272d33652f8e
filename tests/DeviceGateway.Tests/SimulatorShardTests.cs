using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.DeviceGateway.Homes;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>A gateway process of a simulator shard runs its shard's homes and devices only (docs/scale.md).</summary>
public sealed class SimulatorShardTests
{
    private static GatewayOptions Options() =>
        new() { HomeId = "", GatewaySecret = "secret", WanPort = 1, MqttPort = 1, UplinkUrl = new Uri("http://localhost:1") };

    [Fact]
    public void Shard_1_of_2_runs_the_even_homes_its_first_the_one_addressed_when_none_is_named()
    {
        var homes = new GatewayHomes(TestHomes.Fleet(5), Options(), TimeProvider.System, NullLoggerFactory.Instance, new SimulatorShard(1, 2));

        Assert.Equal(["home-2", "home-4"], homes.All.Select(h => h.Id));
        Assert.Equal("home-2", homes.Story.Id);
        Assert.Equal("home-2", homes.FindOrStory(null)!.Id);
        Assert.Null(homes.Find("home-1"));
        Assert.Equal(["home-2/plug-1", "home-4/plug-1"], homes.Devices.Select(d => d.MqttName).Order());
    }

    [Fact]
    public void Unsharded_it_runs_every_home_as_before()
    {
        var homes = new GatewayHomes(TestHomes.Fleet(3), Options(), TimeProvider.System, NullLoggerFactory.Instance);
        Assert.Equal(SimulatorShard.Whole, homes.Shard);
        Assert.Equal(["home-1", "home-2", "home-3"], homes.All.Select(h => h.Id));
    }

    [Fact]
    public void A_shard_without_a_home_refuses_to_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new GatewayHomes(TestHomes.OneHome, Options(), TimeProvider.System, NullLoggerFactory.Instance, new SimulatorShard(1, 2)));
        Assert.Contains("runs no home", error.Message, StringComparison.Ordinal);
    }
}
