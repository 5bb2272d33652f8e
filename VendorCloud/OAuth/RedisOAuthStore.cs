using System.Text.Json;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// OAuth state in Redis. Keys: <c>vendor:oauth:code:{hash}</c>, <c>vendor:oauth:code:{hash}:redeemed</c> (the grant it issued),
/// <c>vendor:oauth:grant:{grantId}</c>, <c>vendor:oauth:refresh:{hash}</c> (grant id),
/// <c>vendor:oauth:access:{hash}</c>. Only hashes of codes and tokens are stored.
/// </summary>
internal sealed class RedisOAuthStore(IConnectionMultiplexer redis) : IOAuthStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Marker value of a redeemed code until the grant it issued is known.</summary>
    private const string RedeemedPending = "-";

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey CodeKey(string codeHash) => $"vendor:oauth:code:{codeHash}";
    private static RedisKey CodeRedeemedKey(string codeHash) => $"vendor:oauth:code:{codeHash}:redeemed";
    private static RedisKey GrantKey(string grantId) => $"vendor:oauth:grant:{grantId}";
    private static RedisKey RefreshKey(string refreshTokenHash) => $"vendor:oauth:refresh:{refreshTokenHash}";
    private static RedisKey AccessKey(string tokenHash) => $"vendor:oauth:access:{tokenHash}";

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
        // MSET writes both keys atomically.
        await Db.StringSetAsync(
        [
            new KeyValuePair<RedisKey, RedisValue>(GrantKey(grant.GrantId), JsonSerializer.Serialize(grant, Json)),
            new KeyValuePair<RedisKey, RedisValue>(RefreshKey(grant.RefreshTokenHash), grant.GrantId),
        ]).WaitAsync(cancellationToken);
    }

    public async Task<Grant?> GetGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        var value = await Db.StringGetAsync(GrantKey(grantId)).WaitAsync(cancellationToken);
        return value.IsNull ? null : JsonSerializer.Deserialize<Grant>(value.ToString(), Json);
    }

    public async Task<Grant?> FindGrantByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken)
    {
        var grantId = await Db.StringGetAsync(RefreshKey(refreshTokenHash)).WaitAsync(cancellationToken);
        return grantId.IsNull ? null : await GetGrantAsync(grantId.ToString(), cancellationToken);
    }

    public async Task<Grant?> RotateRefreshTokenAsync(string grantId, string expectedRefreshTokenHash, string newRefreshTokenHash,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await Db.StringGetAsync(GrantKey(grantId)).WaitAsync(cancellationToken);
        if (stored.IsNull)
        {
            return null;
        }

        var grant = JsonSerializer.Deserialize<Grant>(stored.ToString(), Json)!;
        if (grant.RefreshTokenHash != expectedRefreshTokenHash)
        {
            return null;
        }

        var rotated = grant with
        {
            RefreshTokenHash = newRefreshTokenHash,
            PreviousRefreshTokenHash = grant.RefreshTokenHash,
            RotatedAt = now,
            LastUsedAt = now,
        };

        var transaction = Db.CreateTransaction();
        // Optimistic concurrency: the write happens only if nobody rotated in between.
        transaction.AddCondition(Condition.StringEqual(GrantKey(grantId), stored));
        _ = transaction.StringSetAsync(GrantKey(grantId), JsonSerializer.Serialize(rotated, Json));
        _ = transaction.StringSetAsync(RefreshKey(newRefreshTokenHash), grantId);
        if (grant.PreviousRefreshTokenHash is not null)
        {
            // Only the one previous token is remembered for reuse detection.
            _ = transaction.KeyDeleteAsync(RefreshKey(grant.PreviousRefreshTokenHash));
        }

        return await transaction.ExecuteAsync().WaitAsync(cancellationToken) ? rotated : null;
    }

    public async Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        var grant = await GetGrantAsync(grantId, cancellationToken);
        var keys = new List<RedisKey> { GrantKey(grantId) };
        if (grant is not null)
        {
            keys.Add(RefreshKey(grant.RefreshTokenHash));
            if (grant.PreviousRefreshTokenHash is not null)
            {
                keys.Add(RefreshKey(grant.PreviousRefreshTokenHash));
            }
        }

        await Db.KeyDeleteAsync([.. keys]).WaitAsync(cancellationToken);
    }

    public Task SaveAccessTokenAsync(AccessTokenRecord token, TimeSpan retention, CancellationToken cancellationToken) =>
        Db.StringSetAsync(AccessKey(token.TokenHash), JsonSerializer.Serialize(token, Json), retention).WaitAsync(cancellationToken);

    public async Task<AccessTokenRecord?> GetAccessTokenAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var value = await Db.StringGetAsync(AccessKey(tokenHash)).WaitAsync(cancellationToken);
        return value.IsNull ? null : JsonSerializer.Deserialize<AccessTokenRecord>(value.ToString(), Json);
    }

    public Task DeleteAccessTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        Db.KeyDeleteAsync(AccessKey(tokenHash)).WaitAsync(cancellationToken);
}
