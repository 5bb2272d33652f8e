using System.Globalization;

namespace SmartHome.Testing;

/// <summary>
/// Which simulator shard's resources run a home (<see cref="SmartHomeWorldOptions.SimulatorReplicas"/>, docs/scale.md):
/// the same function as ServiceDefaults' <c>SimulatorShards.ShardOf</c> and <c>ResourceName</c>, repeated because the kit
/// references no service (a test holds the two equal): a trailing number n goes round-robin, <c>(n - 1) mod shards</c>,
/// any other id by its FNV-1a hash; shard 0 is <c>devicegateway</c>, shard k <c>devicegateway-{k+1}</c>.
/// </summary>
public static class SimulatorShardNames
{
    public const string Gateway = "devicegateway";
    public const string Plug = "simulatedplug";

    /// <summary>The shard of <paramref name="homeId"/> among <paramref name="shards"/>.</summary>
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

        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(homeId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)shards);
    }

    /// <summary>The resource of <paramref name="service"/> (<see cref="Gateway"/> or <see cref="Plug"/>) for shard <paramref name="shard"/>.</summary>
    public static string ResourceName(string service, int shard) =>
        shard == 0 ? service : $"{service}-{(shard + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Every shard's resource of <paramref name="service"/>, shard 0 first.</summary>
    public static IReadOnlyList<string> ResourceNames(string service, int shards) =>
        [.. Enumerable.Range(0, shards).Select(shard => ResourceName(service, shard))];
}
