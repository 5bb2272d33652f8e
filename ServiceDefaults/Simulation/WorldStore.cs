using System.Globalization;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// The world's shared state in Redis, under <c>world:</c> (the only keys every service touches):
/// <c>world:clock</c> (hash <c>offsetTicks</c>, <c>version</c>) and its pub/sub channel; <c>world:generation</c>
/// (how many resets) and the channel <c>world:reset</c>; <c>world:replicas</c> (hash <c>service/replica</c> to
/// <c>unixMs:version</c>: each replica's last real-time heartbeat and the clock version it had applied) and
/// <c>world:reset:{generation}</c> (service to <c>done</c> or <c>failed: ...</c>);
/// <c>world:reset:{generation}:runner:&lt;service&gt;</c> (the replica of the service that wipes and seeds its part of
/// that reset).
/// </summary>
public sealed class WorldStore(IConnectionMultiplexer redis)
{
    public const string KeyPrefix = "world:";
    public static readonly RedisKey ClockKey = "world:clock";
    public static readonly RedisChannel ClockChannel = RedisChannel.Literal("world:clock");
    public static readonly RedisChannel ResetChannel = RedisChannel.Literal("world:reset");
    private static readonly RedisKey GenerationKey = "world:generation";
    private static readonly RedisKey ReplicasKey = "world:replicas";
    private const string OffsetField = "offsetTicks";
    private const string VersionField = "version";
    private static readonly TimeSpan ResetRecordLifetime = TimeSpan.FromDays(1);

    private IDatabase Database => redis.GetDatabase();

    public async Task<WorldClockReading> ReadClockAsync()
    {
        var values = await Database.HashGetAsync(ClockKey, [OffsetField, VersionField]);
        return values[1].IsNull
            ? WorldClockReading.Start
            : new WorldClockReading((long)values[1], TimeSpan.FromTicks(values[0].IsNull ? 0 : (long)values[0]));
    }

    /// <summary>Moves the world's clock forward by <paramref name="by"/> (atomically, whoever else moves it) and announces it.</summary>
    public async Task<WorldClockReading> AdvanceClockAsync(TimeSpan by)
    {
        var transaction = Database.CreateTransaction();
        var offset = transaction.HashIncrementAsync(ClockKey, OffsetField, by.Ticks);
        var version = transaction.HashIncrementAsync(ClockKey, VersionField, 1);
        return await CommitAndAnnounceAsync(transaction, offset, version);
    }

    /// <summary>Takes the world's clock back to real time (a reset) and announces it.</summary>
    public async Task<WorldClockReading> ResetClockAsync()
    {
        var transaction = Database.CreateTransaction();
        _ = transaction.HashSetAsync(ClockKey, OffsetField, 0);
        var version = transaction.HashIncrementAsync(ClockKey, VersionField, 1);
        return await CommitAndAnnounceAsync(transaction, Task.FromResult(0L), version);
    }

    private async Task<WorldClockReading> CommitAndAnnounceAsync(ITransaction transaction, Task<long> offset, Task<long> version)
    {
        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException("The world's clock change was not committed.");
        }

        var reading = new WorldClockReading(await version, TimeSpan.FromTicks(await offset));
        await redis.GetSubscriber().PublishAsync(ClockChannel, Format(reading));
        return reading;
    }

    public static string Format(WorldClockReading reading) =>
        string.Create(CultureInfo.InvariantCulture, $"{reading.Version}:{reading.Offset.Ticks}");

    public static WorldClockReading? Parse(RedisValue message)
    {
        var parts = message.ToString().Split(':');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
               && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            ? new WorldClockReading(version, TimeSpan.FromTicks(ticks))
            : null;
    }

    /// <summary>This replica is alive (real time) and has applied clock <paramref name="appliedVersion"/>.</summary>
    public Task BeatAsync(WorldIdentity identity, long appliedVersion, DateTimeOffset realNow) =>
        Database.HashSetAsync(ReplicasKey, ReplicaField(identity),
            string.Create(CultureInfo.InvariantCulture, $"{realNow.ToUnixTimeMilliseconds()}:{appliedVersion}"));

    /// <summary>This replica stops: it no longer takes part, so nobody waits for it to apply a change.</summary>
    public Task LeaveAsync(WorldIdentity identity) => Database.HashDeleteAsync(ReplicasKey, ReplicaField(identity));

    /// <summary>Every replica's last heartbeat, live or not, by service then replica.</summary>
    public async Task<IReadOnlyList<WorldReplicaBeat>> ReplicasAsync()
    {
        var entries = await Database.HashGetAllAsync(ReplicasKey);
        return [.. entries
            .Select(e => ParseBeat(e.Name.ToString(), e.Value.ToString()))
            .OfType<WorldReplicaBeat>()
            .OrderBy(b => b.Service, StringComparer.Ordinal)
            .ThenBy(b => b.Replica, StringComparer.Ordinal)];
    }

    /// <summary>The replicas whose last heartbeat is at most <paramref name="within"/> old (real time).</summary>
    public async Task<IReadOnlyList<WorldReplicaBeat>> LiveReplicasAsync(DateTimeOffset realNow, TimeSpan within) =>
        [.. (await ReplicasAsync()).Where(b => realNow - b.LastBeat <= within)];

    /// <summary>The services with at least one replica whose last heartbeat is at most <paramref name="within"/> old.</summary>
    public async Task<IReadOnlyList<string>> LiveServicesAsync(DateTimeOffset realNow, TimeSpan within) =>
        [.. (await LiveReplicasAsync(realNow, within)).Select(b => b.Service).Distinct(StringComparer.Ordinal)];

    /// <summary>Forgets replicas silent for longer than <paramref name="olderThan"/> (killed ones never leave).</summary>
    public async Task<int> ForgetSilentReplicasAsync(DateTimeOffset realNow, TimeSpan olderThan)
    {
        var silent = (await ReplicasAsync()).Where(b => realNow - b.LastBeat > olderThan)
            .Select(b => (RedisValue)ReplicaField(b.Service, b.Replica))
            .ToArray();
        return silent.Length == 0 ? 0 : (int)await Database.HashDeleteAsync(ReplicasKey, silent);
    }

    private static string ReplicaField(WorldIdentity identity) => ReplicaField(identity.Name, identity.Replica);

    private static string ReplicaField(string service, string replica) => $"{service}/{replica}";

    private static WorldReplicaBeat? ParseBeat(string field, string value)
    {
        var slash = field.IndexOf('/', StringComparison.Ordinal);
        var parts = value.Split(':');
        return slash > 0
               && parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
               && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? new WorldReplicaBeat(field[..slash], field[(slash + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(ms), version)
            : null;
    }

    public async Task<long> GenerationAsync()
    {
        var value = await Database.StringGetAsync(GenerationKey);
        return value.TryParse(out long generation) ? generation : 0;
    }

    /// <summary>Starts reset number N (the returned value) and announces it to every service.</summary>
    public async Task<long> StartResetAsync()
    {
        var generation = await Database.StringIncrementAsync(GenerationKey);
        await redis.GetSubscriber().PublishAsync(ResetChannel, generation);
        return generation;
    }

    public async Task RecordResetAsync(long generation, string service, string outcome)
    {
        var key = ResetKey(generation);
        await Database.HashSetAsync(key, service, outcome);
        await Database.KeyExpireAsync(key, ResetRecordLifetime);
    }

    /// <summary>
    /// Whether <paramref name="replica"/> is the one of <paramref name="service"/>'s replicas that resets the service's part of
    /// the world in reset <paramref name="generation"/>: the first to ask (SET NX). The others only put back their own copies.
    /// </summary>
    public Task<bool> TakeResetAsync(long generation, string service, string replica) =>
        Database.StringSetAsync(ResetRunnerKey(generation, service), replica, ResetRecordLifetime, When.NotExists);

    public async Task<IReadOnlyDictionary<string, string>> ResetOutcomesAsync(long generation)
    {
        var entries = await Database.HashGetAllAsync(ResetKey(generation));
        return entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString(), StringComparer.Ordinal);
    }

    public Task SubscribeAsync(Action<WorldClockReading> onClock, Action<long> onReset)
    {
        var subscriber = redis.GetSubscriber();
        return Task.WhenAll(
            subscriber.SubscribeAsync(ClockChannel, (_, message) =>
            {
                if (Parse(message) is { } reading)
                {
                    onClock(reading);
                }
            }),
            subscriber.SubscribeAsync(ResetChannel, (_, message) =>
            {
                if (message.TryParse(out long generation))
                {
                    onReset(generation);
                }
            }));
    }

    /// <summary>Deletes a service's own keys (those under <paramref name="prefix"/>) except those <paramref name="keep"/> says to keep.</summary>
    public async Task<int> DeleteKeysAsync(string prefix, Func<string, bool>? keep, CancellationToken cancellationToken)
    {
        if (!prefix.EndsWith(':') || prefix == KeyPrefix)
        {
            throw new ArgumentException("A service deletes only under its own prefix.", nameof(prefix));
        }

        var deleted = 0;
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(Database.Database, pattern: prefix + "*").WithCancellation(cancellationToken))
            {
                if (keep?.Invoke(key.ToString()) != true)
                {
                    keys.Add(key);
                }
            }

            // One DEL names keys of one hash slot only (a Redis Cluster refuses others): grouped by slot (a standalone
            // server has one group), sent together rather than one round trip after another.
            var deletes = keys.GroupBy(redis.HashSlot)
                .SelectMany(slot => slot.Chunk(100))
                .Select(chunk => Database.KeyDeleteAsync(chunk));
            deleted += (int)(await Task.WhenAll(deletes)).Sum();
        }

        return deleted;
    }

    private static RedisKey ResetKey(long generation) => $"world:reset:{generation}";

    // The generation in braces: a hash tag (one key per command, but every new key carries one).
    private static RedisKey ResetRunnerKey(long generation, string service) => $"world:reset:{{{generation}}}:runner:{service}";
}
