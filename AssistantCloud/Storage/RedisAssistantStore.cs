using System.Text.Json;
using System.Text.Json.Serialization;
using SmartHome.AssistantCloud.Linking;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Storage;

/// <summary>
/// <see cref="IAssistantStore"/> on the process's one Redis multiplexer, under `assistant:` keys. A user's keys carry
/// the user as their hash tag (one cluster slot per user), written here with the braces they have in Redis:
/// `assistant:users` (set), `assistant:users:{user}:links:skill` (JSON),
/// `assistant:users:{user}:endpoints:skill` (hash endpointId to JSON),
/// `assistant:users:{user}:notifications` (list, newest first),
/// `assistant:users:{user}:failed-commands` (hash endpointId, and `*` for any device, to JSON),
/// `assistant:link-index:{skill}:state` (set of users: the link index the gauge counts; a skill's sets share a slot) and
/// `assistant:link-states:state` (JSON with a time to live).
/// </summary>
internal sealed class RedisAssistantStore(IConnectionMultiplexer redis, RedisTransactionLanes? lanes = null) : IAssistantStore
{
    private const string Prefix = "assistant:";
    private const int NotificationsKept = 50;

    /// <summary>The failed-commands field of the user's latest failure, whatever the device.</summary>
    public const string AnyDevice = "*";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private IDatabase Database => redis.GetDatabase();

    public async Task EnsureUserAsync(string user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.SetAddAsync(UsersKey, user);
    }

    public async Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await Database.SetContainsAsync(UsersKey, user);
    }

    public async Task<AccountLink?> GetLinkAsync(string user, string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Deserialize<AccountLink>(await Database.StringGetAsync(LinkKey(user, skill)));
    }

    public async Task SaveLinkAsync(AccountLink link, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.StringSetAsync(LinkKey(link.User, link.Skill), JsonSerializer.Serialize(link, Json));
        await IndexStoredLinkAsync(link.User, link.Skill, cancellationToken);
    }

    public async Task<bool> SaveLinkIfUnchangedAsync(AccountLink expected, AccountLink link, RefreshLease? lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = LinkKey(link.User, link.Skill);
        // The link as stored is, nearly always, the expected one as this serializer writes it: the save goes without
        // reading it first. Only when that condition fails is the stored text read and compared as a link.
        var expectedText = JsonSerializer.Serialize(expected, Json);
        if (!await TrySaveLinkAsync(key, expectedText, link, lease))
        {
            var stored = await Database.StringGetAsync(key);
            if (stored.IsNull || stored == expectedText || Deserialize<AccountLink>(stored) != expected
                || !await TrySaveLinkAsync(key, stored!, link, lease))
            {
                return false;
            }
        }

        // A save that keeps the link's state (a refresh: new tokens, still Linked) leaves the index as it was: whoever
        // stored that state indexed it, and its indexing, if still running, reads the link again and finds the same
        // state. Only a change of state moves the user between the index's sets (three round trips and a MULTI saved
        // on every refresh).
        if (expected.State != link.State)
        {
            await IndexStoredLinkAsync(link.User, link.Skill, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// WATCH-based conditions (no Lua on the embedded Garnet server): the link stored as <paramref name="storedText"/>,
    /// the lease still ours. A save under the lease ends the refresh, so the lease is given back in the same transaction
    /// (waiters on other replicas, seeing it gone, read the saved tokens). Both keys carry the user's tag (one cluster
    /// slot); the skill's link index is another slot, so it follows the stored link afterwards, as in SaveLinkAsync.
    /// </summary>
    private async Task<bool> TrySaveLinkAsync(RedisKey key, string storedText, AccountLink link, RefreshLease? lease)
    {
        // On a connection of its own: the conditions' round trip holds its connection (RedisTransactionLanes).
        var transaction = RedisTransactionLanes.CreateTransaction(lanes, Database);
        transaction.AddCondition(Condition.StringEqual(key, storedText));
        if (lease is not null)
        {
            var leaseKey = RedisRefreshLeases.LeaseKey(lease.User, lease.Skill);
            transaction.AddCondition(Condition.StringEqual(leaseKey, lease.FencingToken));
            _ = transaction.KeyDeleteAsync(leaseKey);
        }

        _ = transaction.StringSetAsync(key, JsonSerializer.Serialize(link, Json));
        if (!await transaction.ExecuteAsync())
        {
            return false;
        }

        lease?.MarkReleasedBySave();
        return true;
    }

    public async Task SavePendingLinkAsync(PendingLink pending, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.StringSetAsync(PendingKey(pending.State), JsonSerializer.Serialize(pending, Json), lifetime);
    }

    public async Task<PendingLink?> TakePendingLinkAsync(string state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Deserialize<PendingLink>(await Database.StringGetDeleteAsync(PendingKey(state)));
    }

    public async Task<IReadOnlyList<DiscoveredEndpoint>> GetEndpointsAsync(string user, string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entries = await Database.HashGetAllAsync(EndpointsKey(user, skill));
        return [.. entries
            .Select(e => Deserialize<DiscoveredEndpoint>(e.Value))
            .OfType<DiscoveredEndpoint>()
            .OrderBy(e => e.FriendlyName, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task ReplaceEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = EndpointsKey(user, skill);
        // One MULTI/EXEC: a reader sees the old list or the new one, never a half-written one.
        var transaction = Database.CreateTransaction();
        _ = transaction.KeyDeleteAsync(key);
        if (endpoints.Count > 0)
        {
            _ = transaction.HashSetAsync(key, [.. endpoints
                .DistinctBy(e => e.EndpointId)
                .Select(e => new HashEntry(e.EndpointId, JsonSerializer.Serialize(e, Json)))]);
        }

        if (!await transaction.ExecuteAsync())
        {
            throw new RedisException($"Replacing the endpoints of user {user} was not committed.");
        }
    }

    public async Task UpsertEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.HashSetAsync(EndpointsKey(user, skill), [.. endpoints
            .DistinctBy(e => e.EndpointId)
            .Select(e => new HashEntry(e.EndpointId, JsonSerializer.Serialize(e, Json)))]);
    }

    public async Task RemoveEndpointsAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.HashDeleteAsync(EndpointsKey(user, skill), [.. endpointIds.Select(id => (RedisValue)id)]);
    }

    public async Task AddNotificationAsync(string user, Notification notification, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = NotificationsKey(user);
        var transaction = Database.CreateTransaction();
        _ = transaction.ListLeftPushAsync(key, JsonSerializer.Serialize(notification, Json));
        _ = transaction.ListTrimAsync(key, 0, NotificationsKept - 1);
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<Notification>> GetNotificationsAsync(string user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var values = await Database.ListRangeAsync(NotificationsKey(user));
        return [.. values.Select(Deserialize<Notification>).OfType<Notification>()];
    }

    public async Task<int> ResolveNotificationsAsync(string user, string skill, string kind, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = NotificationsKey(user);
        var stored = await Database.ListRangeAsync(key);
        var resolved = 0;
        for (var index = 0; index < stored.Length; index++)
        {
            if (Deserialize<Notification>(stored[index]) is { ResolvedAt: null } notice && notice.Skill == skill && notice.Kind == kind)
            {
                // Conditional on the entry being unchanged (a notice pushed meanwhile shifts the list): never resolve another one.
                var transaction = RedisTransactionLanes.CreateTransaction(lanes, Database);
                transaction.AddCondition(Condition.ListIndexEqual(key, index, stored[index]));
                _ = transaction.ListSetByIndexAsync(key, index, JsonSerializer.Serialize(notice with { ResolvedAt = resolvedAt }, Json));
                resolved += await transaction.ExecuteAsync() ? 1 : 0;
            }
        }

        return resolved;
    }

    public async Task RecordFailedCommandAsync(string user, string? endpointId, FailedCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.Serialize(command, Json);
        HashEntry[] fields = endpointId is { Length: > 0 } && endpointId != AnyDevice
            ? [new(endpointId, json), new(AnyDevice, json)]
            : [new(AnyDevice, json)];
        await Database.HashSetAsync(FailedCommandsKey(user), fields);
    }

    public async Task<FailedCommand?> GetFailedCommandAsync(string user, string? endpointId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] fields = endpointId is { Length: > 0 } ? [endpointId, AnyDevice] : [AnyDevice];
        var values = await Database.HashGetAsync(FailedCommandsKey(user), fields);
        return values.Select(Deserialize<FailedCommand>).FirstOrDefault(c => c is not null);
    }

    public async Task<IReadOnlyDictionary<LinkState, long>> CountLinksAsync(string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var batch = Database.CreateBatch();
        var counts = Enum.GetValues<LinkState>().Select(state => (state, count: batch.SetLengthAsync(LinkIndexKey(skill, state)))).ToList();
        batch.Execute();
        await Task.WhenAll(counts.Select(c => c.count));
        return counts.ToDictionary(c => c.state, c => c.count.Result);
    }

    public async Task<IReadOnlyList<string>> GetUsersWithLinkAsync(string skill, LinkState state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return [.. (await Database.SetMembersAsync(LinkIndexKey(skill, state))).Select(user => user.ToString())];
    }

    public async Task<int> IndexAllLinksAsync(CancellationToken cancellationToken)
    {
        var indexed = 0;
        foreach (var user in await Database.SetMembersAsync(UsersKey))
        {
            foreach (var skill in Skills.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await IndexStoredLinkAsync(user.ToString(), skill, cancellationToken))
                {
                    indexed++;
                }
            }
        }

        return indexed;
    }

    /// <summary>
    /// Puts the user in the index set of the link's stored state (and in no other of the skill's sets). The link (the
    /// user's slot) and the index (the skill's slot) cannot share one MULTI/EXEC on a Redis Cluster, and one slot for
    /// every link would make it the cluster's hot spot: the index follows the stored link instead, read again after
    /// the index is written. Whoever saves a link last also indexes it last, so the index ends as the stored link says
    /// (between the two writes the gauge may count the previous state).
    /// </summary>
    private async Task<bool> IndexStoredLinkAsync(string user, string skill, CancellationToken cancellationToken)
    {
        var key = LinkKey(user, skill);
        for (var attempt = 1; attempt <= MaxIndexAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stored = await Database.StringGetAsync(key);
            if (Deserialize<AccountLink>(stored) is not { } link)
            {
                return false;
            }

            var transaction = Database.CreateTransaction();
            IndexLink(transaction, user, skill, link.State);
            if (!await transaction.ExecuteAsync())
            {
                throw new RedisException($"Indexing the link of user {user} was not committed.");
            }

            if (await Database.StringGetAsync(key) == stored)
            {
                return true;
            }
        }

        throw new RedisException($"The link of user {user} kept changing; gave up indexing it after {MaxIndexAttempts} attempts.");
    }

    /// <summary>Each round lets the latest save through; this many in a row means something is wrong.</summary>
    private const int MaxIndexAttempts = 100;

    private static void IndexLink(ITransaction transaction, string user, string skill, LinkState state)
    {
        foreach (var other in Enum.GetValues<LinkState>().Where(s => s != state))
        {
            _ = transaction.SetRemoveAsync(LinkIndexKey(skill, other), user);
        }

        _ = transaction.SetAddAsync(LinkIndexKey(skill, state), user);
    }

    private static T? Deserialize<T>(RedisValue value) where T : class =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), Json);

    private static readonly RedisKey UsersKey = Prefix + "users";

    /// <summary>The prefix of a user's keys, the user in braces: Redis Cluster's hash tag, so that they share a slot.</summary>
    public static string UserPrefix(string user) => $"{Prefix}users:{{{user}}}:";

    internal static RedisKey LinkKey(string user, string skill) => $"{UserPrefix(user)}links:{skill}";

    private static RedisKey EndpointsKey(string user, string skill) => $"{UserPrefix(user)}endpoints:{skill}";

    private static RedisKey NotificationsKey(string user) => $"{UserPrefix(user)}notifications";

    private static RedisKey FailedCommandsKey(string user) => $"{UserPrefix(user)}failed-commands";

    // A skill's sets share its tag: moving a user from one to another is one MULTI/EXEC.
    private static RedisKey LinkIndexKey(string skill, LinkState state) => $"{Prefix}link-index:{{{skill}}}:{state}";

    private static RedisKey PendingKey(string state) => $"{Prefix}link-states:{state}";
}
