using SmartHome.ServiceDefaults.Worlds;

namespace SmartHome.IntegrationTests;

/// <summary>The kit's copy of the shard function (it references no service) agrees with the services' own, for every count.</summary>
public sealed class SimulatorShardNamesTests
{
    [Fact]
    public void The_kits_shard_of_a_home_and_its_resource_names_are_the_services()
    {
        string[] ids = [.. Enumerable.Range(1, 200).Select(n => $"home-{n}"), "flat", "house-b", "cabin-007", "home-0", "x12345678901", ""];
        for (var shards = 1; shards <= 8; shards++)
        {
            foreach (var id in ids)
            {
                Assert.True(SimulatorShards.ShardOf(id, shards) == SimulatorShardNames.ShardOf(id, shards), $"'{id}' of {shards}");
            }

            for (var shard = 0; shard < shards; shard++)
            {
                Assert.Equal(SimulatorShards.ResourceName("devicegateway", shard), SimulatorShardNames.ResourceName(SimulatorShardNames.Gateway, shard));
            }
        }
    }
}
