using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace SmartHome.ServiceDefaults.Worlds;

/// <summary>
/// Which simulator shard runs a home (AppHost parameter <c>simulator-replicas</c>, docs/scale.md): shard k of N is
/// one <c>devicegateway</c> process and one <c>simulatedplug</c> process running exactly the homes whose
/// <see cref="ShardOf"/> is k. The one function every process uses (the gateways, the plugs, the assistant's diagnosis,
/// the AppHost's commands and the test kit), so that they all agree without asking each other.
/// </summary>
public static class SimulatorShards
{
    /// <summary>The configuration keys each simulator process gets: its shard (0-based) and how many there are.</summary>
    public const string ShardKey = "Simulator:Shard";

    public const string ShardsKey = "Simulator:Shards";

    /// <summary>
    /// The shard of <paramref name="homeId"/> among <paramref name="shards"/>. From the home's id alone, never its
    /// position in the world, so a world file edited while it runs moves no home to another process. An id that ends in
    /// a number (a fleet's <c>home-n</c>) goes round-robin by that number, <c>(n - 1) mod shards</c>: a fleet splits
    /// evenly and the story's <c>home-1</c> is in shard 0 (the one with the fixed LAN port under <c>dotnet run</c>).
    /// Any other id by its FNV-1a hash (UTF-8), the same in every process and on every machine (unlike
    /// <see cref="string.GetHashCode()"/>, which is seeded per process).
    /// </summary>
    public static int ShardOf(string homeId, int shards)
    {
        ArgumentNullException.ThrowIfNull(homeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        if (shards == 1)
        {
            return 0;
        }

        var digits = homeId.Length;
        while (digits > 0 && char.IsAsciiDigit(homeId[digits - 1]))
        {
            digits--;
        }

        if (digits < homeId.Length && digits >= homeId.Length - 9
            && int.TryParse(homeId.AsSpan(digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            return (number - 1) % shards;
        }

        return (int)(Fnv1a(homeId) % (uint)shards);
    }

    /// <summary>The homes of <paramref name="world"/> that shard <paramref name="shard"/> of <paramref name="shards"/> runs, in the world's order.</summary>
    public static IReadOnlyList<WorldHome> HomesOf(World world, int shard, int shards) =>
        [.. world.Homes.Where(home => ShardOf(home.Id, shards) == shard)];

    /// <summary>
    /// The resource name of a simulator's shard, a StatefulSet's ordinal in the name: shard 0 keeps the plain name
    /// (<c>devicegateway</c>), shard k is <c>devicegateway-{k+1}</c>.
    /// </summary>
    public static string ResourceName(string service, int shard) =>
        shard == 0 ? service : $"{service}-{(shard + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>This process's shard and the count, from <see cref="ShardKey"/> and <see cref="ShardsKey"/> (unset: 0 of 1, the whole world).</summary>
    public static SimulatorShard From(IConfiguration configuration)
    {
        var shards = int.TryParse(configuration[ShardsKey], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1;
        var shard = int.TryParse(configuration[ShardKey], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;
        return shard < shards
            ? new SimulatorShard(shard, shards)
            : throw new InvalidOperationException($"{ShardKey} must be from 0 to {shards - 1} ({ShardsKey}={shards}), not {shard}.");
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
