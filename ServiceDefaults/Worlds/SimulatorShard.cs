namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>Which shard of the world's homes this simulator process runs: <see cref="Shard"/> (0-based) of <see cref="Shards"/>.</summary>
public sealed record SimulatorShard(int Shard, int Shards)
{
    /// <summary>One process runs every home (<c>simulator-replicas=1</c>, the default).</summary>
    public static SimulatorShard Whole { get; } = new(0, 1);

    public bool Runs(string homeId) => SimulatorShards.ShardOf(homeId, Shards) == Shard;

    /// <summary>The homes this shard runs, in the world's order.</summary>
    public IReadOnlyList<WorldHome> HomesOf(World world) => Shards == 1 ? world.Homes : SimulatorShards.HomesOf(world, Shard, Shards);
}
