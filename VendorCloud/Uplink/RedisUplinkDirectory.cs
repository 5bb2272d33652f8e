using System.Globalization;
using SmartHome.VendorCloud.Replicas;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// The home-to-replica directory in Redis: string <c>vendor:uplink:{homeId}:owner</c> = the holding replica's id,
/// with a lifetime of <see cref="ClaimLifetime"/> that the holder renews (<see cref="UplinkRoutingService"/>).
/// No script (the embedded Garnet runs none): a renewal or release reads the holder first, so the only race is a
/// claim landing between the read and the write, which the next renewal of the rightful holder puts back.
/// </summary>
internal sealed class RedisUplinkDirectory(IConnectionMultiplexer redis, VendorReplica replica) : IUplinkDirectory
{
    /// <summary>How long a claim outlives its last renewal: a replica that died silently frees its homes after this.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(15);

    private const string Prefix = "vendor:uplink:";
    private const string Suffix = ":owner";

    /// <summary>The key of a home's holder; the hash tag is the home, the only key a directory operation touches.</summary>
    public static RedisKey Key(string homeId) => $"{Prefix}{{{homeId}}}{Suffix}";

    public Task ClaimAsync(string homeId, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(Key(homeId), replica.Id, ClaimLifetime).WaitAsync(cancellationToken);

    public async Task RenewAsync(IReadOnlyCollection<string> homeIds, CancellationToken cancellationToken)
    {
        if (homeIds.Count == 0)
        {
            return;
        }

        var db = redis.GetDatabase();
        // Pipelined: one round trip of reads, one of writes, however many homes.
        var holders = homeIds.Select(homeId => (HomeId: homeId, Holder: db.StringGetAsync(Key(homeId)))).ToList();
        await Task.WhenAll(holders.Select(h => h.Holder)).WaitAsync(cancellationToken);
        var renewals = holders
            .Where(h => h.Holder.Result.IsNull || h.Holder.Result == replica.Id)
            .Select(h => db.StringSetAsync(Key(h.HomeId), replica.Id, ClaimLifetime));
        await Task.WhenAll(renewals).WaitAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string homeId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        if (await db.StringGetAsync(Key(homeId)).WaitAsync(cancellationToken) == replica.Id)
        {
            await db.KeyDeleteAsync(Key(homeId)).WaitAsync(cancellationToken);
        }
    }

    /// <summary>The key of the moment a home's uplink last dropped (<c>vendor:uplink:{homeId}:dropped</c>, ISO 8601).</summary>
    public static RedisKey DroppedKey(string homeId) => $"{Prefix}{{{homeId}}}:dropped";

    /// <summary>A week: a drop older than that is not what a person asks about.</summary>
    private static readonly TimeSpan DroppedRetention = TimeSpan.FromDays(7);

    public Task RecordDroppedAsync(string homeId, DateTimeOffset droppedAt, CancellationToken cancellationToken) =>
        redis.GetDatabase().StringSetAsync(DroppedKey(homeId), droppedAt.ToString("O", CultureInfo.InvariantCulture), DroppedRetention)
            .WaitAsync(cancellationToken);

    public async Task<DateTimeOffset?> FindDroppedAtAsync(string homeId, CancellationToken cancellationToken)
    {
        var stored = await redis.GetDatabase().StringGetAsync(DroppedKey(homeId)).WaitAsync(cancellationToken);
        return !stored.IsNullOrEmpty && DateTimeOffset.TryParse(stored.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;
    }

    public async Task<string?> FindHolderAsync(string homeId, CancellationToken cancellationToken)
    {
        var holder = await redis.GetDatabase().StringGetAsync(Key(homeId)).WaitAsync(cancellationToken);
        return holder.IsNullOrEmpty ? null : holder.ToString();
    }

    public async Task<IReadOnlyList<HomeHolder>> ListAsync(CancellationToken cancellationToken)
    {
        // Every primary's share (one server, or each master of a cluster). A set: the multiplexer can know one master
        // under two endpoints (the configured address and the one the cluster announces), which listed each home twice.
        var keys = new HashSet<RedisKey>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: $"{Prefix}*{Suffix}").WithCancellation(cancellationToken))
            {
                keys.Add(key);
            }
        }

        var db = redis.GetDatabase();
        var holders = await Task.WhenAll(keys.Select(key => db.StringGetAsync(key))).WaitAsync(cancellationToken);
        return [.. keys.Zip(holders)
            .Where(pair => !pair.Second.IsNullOrEmpty)
            .Select(pair => new HomeHolder(HomeOf(pair.First.ToString()), pair.Second.ToString()))
            .OrderBy(h => h.HomeId, StringComparer.Ordinal)];
    }

    /// <summary>The home in <c>vendor:uplink:{home}:owner</c>.</summary>
    private static string HomeOf(string key) => key[(Prefix.Length + 1)..^(Suffix.Length + 1)];
}
