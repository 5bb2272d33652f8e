namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// The answer of a simulator's <c>GET /api/shard</c>: which shard of how many this process is and the homes it runs,
/// in the world's order (the whole world when the simulators are not sharded).
/// </summary>
public sealed record SimulatorShardStatus(int Shard, int Shards, IReadOnlyList<string> Homes);
