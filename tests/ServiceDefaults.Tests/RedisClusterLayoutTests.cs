using SmartHome.AppHost.Redis;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>Redis:Mode=cluster without processes: how the mode is read and how the slots are shared out.</summary>
public sealed class RedisClusterLayoutTests
{
    [Theory]
    [InlineData(null, RedisMode.Embedded)]
    [InlineData("", RedisMode.Embedded)]
    [InlineData("embedded", RedisMode.Embedded)]
    [InlineData("server", RedisMode.Server)]
    [InlineData("Cluster", RedisMode.Cluster)]
    [InlineData(" cluster ", RedisMode.Cluster)]
    [InlineData("container", RedisMode.Container)]
    public void The_mode_is_read_whatever_its_case(string? configured, RedisMode expected) =>
        Assert.Equal(expected, RedisClusterLayout.ParseMode(configured));

    [Theory]
    [InlineData("sentinel")]
    [InlineData("3")]
    public void An_unknown_mode_stops_the_start_naming_the_modes(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RedisClusterLayout.ParseMode(configured));
        Assert.Contains(configured, error.Message, StringComparison.Ordinal);
        Assert.Contains("cluster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_masters_serve_every_slot_once_as_redis_cli_would_share_them()
    {
        var ranges = Enumerable.Range(0, RedisClusterLayout.Masters).Select(i => RedisClusterLayout.SlotRange(i)).ToList();

        Assert.Equal([(0, 5460), (5461, 10922), (10923, 16383)], ranges);
    }

    [Fact]
    public void A_node_that_serves_nothing_yet_misses_its_whole_range() =>
        Assert.Equal([(5461, 10922)], RedisClusterLayout.MissingRanges([], (5461, 10922)));

    [Fact]
    public void A_node_that_claimed_the_slots_it_had_keys_for_gets_only_the_rest()
    {
        // CLUSTER NODES slot fields after a restart without the nodes file: single slots, ranges, a migration marker.
        string[] fields = ["0-99", "200", "[300->-abc]", "5000-6000"];

        Assert.Equal([(100, 199), (201, 4999)], RedisClusterLayout.MissingRanges(fields, (0, 5460)));
    }

    [Fact]
    public void A_node_that_serves_its_range_misses_nothing() =>
        Assert.Empty(RedisClusterLayout.MissingRanges(["10923-16383"], (10923, 16383)));

    [Theory]
    [InlineData("")]
    [InlineData("txt:")]
    public void Cluster_info_is_read_field_by_field_also_as_a_RESP3_verbatim_string(string prefix)
    {
        var info = RedisClusterLayout.ParseInfo(prefix + "cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_known_nodes:3\r\n");

        Assert.Equal("ok", info["cluster_state"]);
        Assert.Equal("16384", info["cluster_slots_assigned"]);
        Assert.Equal("3", info["cluster_known_nodes"]);
    }

    [Fact]
    public void The_first_master_is_the_redis_resource_and_the_others_its_nodes()
    {
        Assert.Equal("redis", RedisClusterLayout.NodeName("redis", 0));
        Assert.Equal("redis-node-2", RedisClusterLayout.NodeName("redis", 1));
        Assert.Equal("redis-node-3", RedisClusterLayout.NodeName("redis", 2));
    }
}
