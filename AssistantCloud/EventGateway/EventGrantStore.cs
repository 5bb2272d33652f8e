using System.Text.Json;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The token service's state in Redis, under `assistant:evgw:` keys, credentials only as hashes:
/// `codes:{hash}` (taken once), `access:{hash}`, `refresh:{hash}` (taken on use: rotation), `rotated:{hash}`
/// (a refresh token that was rotated out, for its error message), `grants:{user}:{skill}` (the grant) and
/// `return-path:{user}:{skill}` (hash: the last event and the last refusal, for the diagnosis).
/// </summary>
internal sealed class EventGrantStore(IConnectionMultiplexer redis)
{
    private const string Prefix = "assistant:evgw:";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>How long an expired or rotated credential is still recognised (to say "expired" rather than "unknown").</summary>
    private static readonly TimeSpan RecognisedAfterwards = TimeSpan.FromDays(1);

    private IDatabase Database => redis.GetDatabase();

    public Task<EventGrant?> GetGrantAsync(string user, string skill) => GetAsync<EventGrant>(GrantKey(user, skill));

    public Task SaveGrantAsync(EventGrant grant) => Database.StringSetAsync(GrantKey(grant.User, grant.Skill), Serialize(grant));

    public Task SaveCodeAsync(string code, GrantCode grant) =>
        Database.StringSetAsync(Key("codes:", code), Serialize(grant), EventGatewayOptions.GrantCodeLifetime);

    /// <summary>The code's grant, removed: a code is good for one exchange.</summary>
    public async Task<GrantCode?> TakeCodeAsync(string code) => Deserialize<GrantCode>(await Database.StringGetDeleteAsync(Key("codes:", code)));

    public Task SaveAccessTokenAsync(string token, IssuedToken issued, TimeSpan lifetime) =>
        Database.StringSetAsync(Key("access:", token), Serialize(issued), lifetime + RecognisedAfterwards);

    public Task<IssuedToken?> GetAccessTokenAsync(string token) => GetAsync<IssuedToken>(Key("access:", token));

    public Task SaveRefreshTokenAsync(string token, IssuedToken issued, TimeSpan? lifetime) => lifetime is { } life
        ? Database.StringSetAsync(Key("refresh:", token), Serialize(issued), life + RecognisedAfterwards)
        : Database.StringSetAsync(Key("refresh:", token), Serialize(issued));

    /// <summary>The refresh token's record, removed (it is rotated) and remembered as rotated for a day.</summary>
    public async Task<IssuedToken?> TakeRefreshTokenAsync(string token)
    {
        var taken = Deserialize<IssuedToken>(await Database.StringGetDeleteAsync(Key("refresh:", token)));
        if (taken is not null)
        {
            await Database.StringSetAsync(Key("rotated:", token), taken.GrantId, RecognisedAfterwards);
        }

        return taken;
    }

    public Task<bool> WasRotatedAsync(string token) => Database.KeyExistsAsync(Key("rotated:", token));

    public Task RecordEventAsync(string user, string skill, EventReport report) =>
        Database.HashSetAsync(ReturnPathKey(user, skill), "lastEvent", Serialize(report));

    public Task RecordRefusalAsync(string user, string skill, TokenRefusal refusal) =>
        Database.HashSetAsync(ReturnPathKey(user, skill), "lastRefusal", Serialize(refusal));

    public async Task<ReturnPathFacts> GetFactsAsync(string user, string skill)
    {
        var grant = GetGrantAsync(user, skill);
        var values = Database.HashGetAsync(ReturnPathKey(user, skill), ["lastEvent", "lastRefusal"]);
        await Task.WhenAll(grant, values);
        var (events, refusals) = ((await values)[0], (await values)[1]);
        return new ReturnPathFacts(await grant, Deserialize<EventReport>(events), Deserialize<TokenRefusal>(refusals));
    }

    private async Task<T?> GetAsync<T>(RedisKey key) where T : class => Deserialize<T>(await Database.StringGetAsync(key));

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T? Deserialize<T>(RedisValue value) where T : class =>
        value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<T>(value.ToString(), Json);

    /// <summary>A credential's key: its hash, never itself.</summary>
    private static RedisKey Key(string kind, string secret) => Prefix + kind + TokenHash.Of(secret);

    private static RedisKey GrantKey(string user, string skill) => $"{Prefix}grants:{user}:{skill}";

    private static RedisKey ReturnPathKey(string user, string skill) => $"{Prefix}return-path:{user}:{skill}";
}
