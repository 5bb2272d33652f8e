using System.Text.Json;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// OAuth state in Redis. Keys: <c>vendor:oauth:code:{hash}</c>, <c>vendor:oauth:code:{hash}:redeemed</c> (the grant it issued),
/// <c>vendor:oauth:grant:{grantId}</c>, <c>vendor:oauth:refresh:{hash}</c> (grant id),
/// <c>vendor:oauth:access:{hash}</c>, <c>vendor:oauth:account:{accountId}:grants</c> (set of grant ids),
/// <c>vendor:oauth:counters</c> (hash), <c>vendor:sim:lost-refresh-answers:{accountId}</c> (list, one entry per
/// armed lost answer; the braces are the Redis Cluster hash tag). Only hashes of codes and tokens are stored. Access token records, which never
/// change once written, are kept in memory for a short while after a read (<see cref="RecentAccessTokens"/>).
/// </summary>
internal sealed class RedisOAuthStore(IConnectionMultiplexer redis, RecentAccessTokens recentAccessTokens, RedisTransactionLanes? lanes = null)
    : IOAuthStore
{
    private readonly RecentGrantReads recentGrantReads = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Marker value of a redeemed code until the grant it issued is known.</summary>
    private const string RedeemedPending = "-";

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey CodeKey(string codeHash) => $"vendor:oauth:code:{codeHash}";
    private static RedisKey CodeRedeemedKey(string codeHash) => $"vendor:oauth:code:{codeHash}:redeemed";
    private static RedisKey GrantKey(string grantId) => $"vendor:oauth:grant:{grantId}";
    private static RedisKey RefreshKey(string refreshTokenHash) => $"vendor:oauth:refresh:{refreshTokenHash}";
    private static RedisKey AccessKey(string tokenHash) => $"vendor:oauth:access:{tokenHash}";
    private static RedisKey AccountGrantsKey(string accountId) => $"vendor:oauth:account:{accountId}:grants";
    private static readonly RedisKey CountersKey = "vendor:oauth:counters";

    /// <summary>
    /// Every round of a conflict lets one writer through, so N concurrent writers need at most N attempts;
    /// this many in a row means something is wrong.
    /// </summary>
    private const int MaxUpdateAttempts = 100;

    public Task SaveCodeAsync(AuthorizationCode code, TimeSpan retention, CancellationToken cancellationToken) =>
        Db.StringSetAsync(CodeKey(code.CodeHash), JsonSerializer.Serialize(code, Json), retention).WaitAsync(cancellationToken);

    public async Task<CodeRedemption> RedeemCodeAsync(string codeHash, CancellationToken cancellationToken)
    {
        var data = await Db.StringGetAsync(CodeKey(codeHash)).WaitAsync(cancellationToken);
        if (data.IsNull)
        {
            return new CodeRedemption(null, false, null);
        }

        var code = JsonSerializer.Deserialize<AuthorizationCode>(data.ToString(), Json)!;
        var retention = await Db.KeyTimeToLiveAsync(CodeKey(codeHash)).WaitAsync(cancellationToken) ?? TimeSpan.FromMinutes(10);
        // SET NX is the atomic check-and-mark (no Lua: the embedded Garnet server runs without it):
        // of two concurrent redemptions exactly one wins.
        var first = await Db.StringSetAsync(CodeRedeemedKey(codeHash), RedeemedPending, retention, When.NotExists)
            .WaitAsync(cancellationToken);
        if (first)
        {
            return new CodeRedemption(code, false, null);
        }

        var grantId = await Db.StringGetAsync(CodeRedeemedKey(codeHash)).WaitAsync(cancellationToken);
        return new CodeRedemption(code, true, grantId.IsNull || grantId == RedeemedPending ? null : grantId.ToString());
    }

    public async Task AttachGrantToCodeAsync(string codeHash, string grantId, CancellationToken cancellationToken)
    {
        var retention = await Db.KeyTimeToLiveAsync(CodeRedeemedKey(codeHash)).WaitAsync(cancellationToken) ?? TimeSpan.FromMinutes(10);
        await Db.StringSetAsync(CodeRedeemedKey(codeHash), grantId, retention, When.Exists).WaitAsync(cancellationToken);
    }

    public async Task CreateGrantAsync(Grant grant, CancellationToken cancellationToken)
    {
        // The grant, its refresh tokens' pointers and the account's set are each found by another key, so on a Redis
        // Cluster they are in other slots and cannot share a MULTI/EXEC. The grant is the truth (a pointer counts only
        // while the grant lists its hash, FindGrantByRefreshTokenAsync): pointers first, then the grant, then the set.
        foreach (var hash in grant.RefreshTokenHashes)
        {
            await Db.StringSetAsync(RefreshKey(hash), grant.GrantId).WaitAsync(cancellationToken);
        }

        await Db.StringSetAsync(GrantKey(grant.GrantId), JsonSerializer.Serialize(grant, Json)).WaitAsync(cancellationToken);
        await Db.SetAddAsync(AccountGrantsKey(grant.AccountId), grant.GrantId).WaitAsync(cancellationToken);
    }

    public async Task<Grant?> GetGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        var value = await Db.StringGetAsync(GrantKey(grantId)).WaitAsync(cancellationToken);
        if (value.IsNull)
        {
            return null;
        }

        var stored = value.ToString();
        var grant = JsonSerializer.Deserialize<Grant>(stored, Json)!;
        recentGrantReads.Remember(grantId, stored, grant);
        return grant;
    }

    public async Task<Grant?> FindGrantByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken)
    {
        var grantId = await Db.StringGetAsync(RefreshKey(refreshTokenHash)).WaitAsync(cancellationToken);
        var grant = grantId.IsNull ? null : await GetGrantAsync(grantId.ToString(), cancellationToken);
        // A pointer written ahead of its grant's update, or left behind by one, is not the grant's until the grant lists it.
        return grant is not null && grant.RefreshTokenHashes.Contains(refreshTokenHash, StringComparer.Ordinal) ? grant : null;
    }

    public async Task<Grant?> UpdateGrantAsync(string grantId, Func<Grant, Grant?> change, CancellationToken cancellationToken)
    {
        // Optimistic concurrency without Lua (the embedded Garnet server has none): MULTI/EXEC conditioned
        // on the grant being exactly what was read; on a conflict, read again and recompute.
        // The first attempt starts from the grant as this process last read it, if it did just now (a refresh reads the
        // grant to find it by its token, then updates it): the transaction's condition checks that it is still so, and a
        // grant changed meanwhile fails the condition and is read again. One GET less per refresh.
        var lastRead = recentGrantReads.Take(grantId);
        for (var attempt = 1; ; attempt++)
        {
            var unverified = lastRead is not null;
            var stored = unverified ? (RedisValue)lastRead!.Stored : await Db.StringGetAsync(GrantKey(grantId)).WaitAsync(cancellationToken);
            if (stored.IsNull)
            {
                return null;
            }

            var grant = lastRead?.Grant ?? JsonSerializer.Deserialize<Grant>(stored.ToString(), Json)!;
            lastRead = null;
            var updated = change(grant);
            if (updated is null)
            {
                // Declined on what this process read before: decided again on the grant as it is now.
                if (unverified)
                {
                    continue;
                }

                return null;
            }

            // Conditional on the grant alone: the refresh tokens' pointers are in other slots on a Redis Cluster. The
            // grant is the truth (FindGrantByRefreshTokenAsync checks it), so new pointers go first and old ones after.
            var before = grant.RefreshTokenHashes.ToHashSet(StringComparer.Ordinal);
            var after = updated.RefreshTokenHashes.ToHashSet(StringComparer.Ordinal);
            var added = after.Except(before).ToList();
            foreach (var hash in added)
            {
                await Db.StringSetAsync(RefreshKey(hash), grantId).WaitAsync(cancellationToken);
            }

            // On a connection of its own: the condition's round trip holds its connection (RedisTransactionLanes).
            var transaction = RedisTransactionLanes.CreateTransaction(lanes, Db);
            transaction.AddCondition(Condition.StringEqual(GrantKey(grantId), stored));
            _ = transaction.StringSetAsync(GrantKey(grantId), JsonSerializer.Serialize(updated, Json));
            if (await transaction.ExecuteAsync().WaitAsync(cancellationToken))
            {
                foreach (var hash in before.Except(after))
                {
                    await Db.KeyDeleteAsync(RefreshKey(hash)).WaitAsync(cancellationToken);
                }

                return updated;
            }

            // Lost the race: the pointers this attempt wrote name hashes the grant never listed.
            foreach (var hash in added)
            {
                await Db.KeyDeleteAsync(RefreshKey(hash)).WaitAsync(cancellationToken);
            }

            if (attempt == MaxUpdateAttempts)
            {
                throw new InvalidOperationException($"Grant {grantId} kept changing; gave up after {attempt} attempts.");
            }
        }
    }

    public async Task<IReadOnlyList<Grant>> ListAccountGrantsAsync(string accountId, CancellationToken cancellationToken)
    {
        var ids = await Db.SetMembersAsync(AccountGrantsKey(accountId)).WaitAsync(cancellationToken);
        if (ids.Length == 0)
        {
            return [];
        }

        // One GET a grant, sent together: an MGET must name keys of one slot, and each grant is its own.
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.StringGetAsync(GrantKey(id.ToString()))).ToList();
        batch.Execute();
        var values = await Task.WhenAll(reads).WaitAsync(cancellationToken);
        return values.Where(v => !v.IsNull)
            .Select(v => JsonSerializer.Deserialize<Grant>(v.ToString(), Json)!)
            .OrderBy(g => g.CreatedAt)
            .ThenBy(g => g.GrantId, StringComparer.Ordinal)
            .ToList();
    }

    public Task IncrementCounterAsync(string name, CancellationToken cancellationToken) =>
        Db.HashIncrementAsync(CountersKey, name).WaitAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> GetCountersAsync(CancellationToken cancellationToken)
    {
        var entries = await Db.HashGetAllAsync(CountersKey).WaitAsync(cancellationToken);
        return entries.ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal);
    }

    private static RedisKey LostRefreshAnswersKey(string accountId) => $"vendor:sim:lost-refresh-answers:{{{accountId}}}";

    public Task ArmLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken) =>
        Db.ListRightPushAsync(LostRefreshAnswersKey(accountId), "lost").WaitAsync(cancellationToken);

    // One transaction (one key, one slot): what is counted is what is deleted, whatever refresh pops meanwhile.
    public async Task<int> DisarmLostRefreshAnswersAsync(string accountId, CancellationToken cancellationToken)
    {
        var transaction = Db.CreateTransaction();
        var armed = transaction.ListLengthAsync(LostRefreshAnswersKey(accountId));
        _ = transaction.KeyDeleteAsync(LostRefreshAnswersKey(accountId));
        await transaction.ExecuteAsync().WaitAsync(cancellationToken);
        return (int)await armed;
    }

    // LPOP takes each armed entry once, whichever replica asks; one round trip per successful refresh.
    public async Task<bool> TakeLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken) =>
        !(await Db.ListLeftPopAsync(LostRefreshAnswersKey(accountId)).WaitAsync(cancellationToken)).IsNull;

    public async Task SaveAccessTokenAsync(AccessTokenRecord token, TimeSpan retention, CancellationToken cancellationToken)
    {
        await Db.StringSetAsync(AccessKey(token.TokenHash), JsonSerializer.Serialize(token, Json), retention).WaitAsync(cancellationToken);
        // Kept as a read one would be: the token endpoint looks the new token up at once (the simulation's lossy network
        // asks whose it is), and the first directive that presents it soon after.
        recentAccessTokens.Remember(token);
    }

    public async Task<AccessTokenRecord?> GetAccessTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        if (recentAccessTokens.Find(tokenHash) is { } recent)
        {
            return recent;
        }

        var value = await Db.StringGetAsync(AccessKey(tokenHash)).WaitAsync(cancellationToken);
        // Only a record found is kept: a token not (yet) known is asked for again.
        var record = value.IsNull ? null : JsonSerializer.Deserialize<AccessTokenRecord>(value.ToString(), Json);
        if (record is not null)
        {
            recentAccessTokens.Remember(record);
        }

        return record;
    }
}
