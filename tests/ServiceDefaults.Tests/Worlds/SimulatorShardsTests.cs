using Microsoft.Extensions.Configuration;
using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.ServiceDefaults.Tests.Worlds;

public sealed class SimulatorShardsTests
{
    [Fact]
    public void One_shard_runs_every_home()
    {
        Assert.All(new[] { "home-1", "home-42", "flat", "" }, id => Assert.Equal(0, SimulatorShards.ShardOf(id, 1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void A_fleet_goes_round_robin_with_the_story_home_in_shard_0(int shards)
    {
        Assert.Equal(0, SimulatorShards.ShardOf("home-1", shards));
        for (var n = 1; n <= 100; n++)
        {
            Assert.Equal((n - 1) % shards, SimulatorShards.ShardOf($"home-{n}", shards));
        }
    }

    [Theory]
    [InlineData(2, 1000)]
    [InlineData(3, 1000)]
    [InlineData(8, 10_000)]
    public void The_shards_partition_a_fleet_evenly(int shards, int homes)
    {
        var world = FleetGenerator.Generate(homes);
        var parts = Enumerable.Range(0, shards).Select(shard => SimulatorShards.HomesOf(world, shard, shards)).ToList();

        // Every home in exactly one shard.
        var all = parts.SelectMany(part => part.Select(home => home.Id)).ToList();
        Assert.Equal(homes, all.Count);
        Assert.Equal(homes, all.Distinct().Count());
        // Balanced: no two shards differ by more than one home.
        Assert.True(parts.Max(p => p.Count) - parts.Min(p => p.Count) <= 1, string.Join(", ", parts.Select(p => p.Count)));
    }

    [Fact]
    public void Other_ids_spread_by_a_stable_hash_the_same_in_every_process()
    {
        // FNV-1a of the UTF-8 bytes: fixed values, so a change of the function (or a per-process seed) shows here.
        Assert.Equal(SimulatorShards.ShardOf("flat-a", 4), SimulatorShards.ShardOf("flat-a", 4));
        var ids = Enumerable.Range(0, 4000).Select(i => $"house-{(char)('a' + (i % 26))}{i / 26}x").ToList();
        var counts = ids.GroupBy(id => SimulatorShards.ShardOf(id, 4)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3], counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 800, 1200));
        Assert.Equal(0x811c9dc5u % 3, (uint)SimulatorShards.ShardOf("", 3));
    }

    [Fact]
    public void A_shard_is_the_resources_ordinal()
    {
        Assert.Equal("devicegateway", SimulatorShards.ResourceName("devicegateway", 0));
        Assert.Equal("simulatedplug-2", SimulatorShards.ResourceName("simulatedplug", 1));
    }

    [Fact]
    public void The_process_reads_its_shard_from_configuration_and_refuses_one_out_of_range()
    {
        Assert.Equal(SimulatorShard.Whole, SimulatorShards.From(new ConfigurationBuilder().Build()));
        Assert.Equal(new SimulatorShard(1, 2), SimulatorShards.From(Configuration("1", "2")));
        var error = Assert.Throws<InvalidOperationException>(() => SimulatorShards.From(Configuration("2", "2")));
        Assert.Contains("Simulator:Shard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_runs_its_homes_in_the_worlds_order()
    {
        var shard = new SimulatorShard(1, 2);
        Assert.Equal(["home-2", "home-4", "home-6"], shard.HomesOf(FleetGenerator.Generate(6)).Select(h => h.Id));
        Assert.True(shard.Runs("home-2"));
        Assert.False(shard.Runs("home-1"));
    }

    private static IConfiguration Configuration(string shard, string shards) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [SimulatorShards.ShardKey] = shard, [SimulatorShards.ShardsKey] = shards })
        .Build();
}
