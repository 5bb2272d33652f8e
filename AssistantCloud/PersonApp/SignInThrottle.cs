using StackExchange.Redis;

namespace SmartHome.AssistantCloud.PersonApp;

/// <summary>
/// Wrong app passwords, per person: at most <see cref="Limit"/> in a minute, then the sign-in page says to wait (the
/// vendor's sign-in form has the same rule). In Redis, so that it is the world's: with several replicas of the assistant a
/// person gets the same five tries whichever replica each try lands on (kept per replica, n replicas gave 5 x n). One key
/// per person, <c>assistant:sign-in-failures:{person}</c>: the count, expiring a minute after the first failure. Real time
/// (Redis's expiry), like the session: the world's clock jumping a year must not lift or extend a wait.
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis)
{
    public const int Limit = 5;

    public const string KeyPrefix = "assistant:sign-in-failures:";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait before trying again, or null when a try is allowed now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string person)
    {
        var database = redis.GetDatabase();
        var key = Key(person);
        var count = database.StringGetAsync(key);
        var left = database.KeyTimeToLiveAsync(key);
        return (int?)await count >= Limit && await left is { } wait && wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string person)
    {
        var database = redis.GetDatabase();
        var key = Key(person);
        var count = await database.StringIncrementAsync(key);
        // The window starts at the first failure; a count left without an expiry (its writer stopped in between) gets one.
        if (count == 1 || await database.KeyTimeToLiveAsync(key) is null)
        {
            await database.KeyExpireAsync(key, Window);
        }
    }

    public Task SucceededAsync(string person) => redis.GetDatabase().KeyDeleteAsync(Key(person));

    public static RedisKey Key(string person) => KeyPrefix + "{" + person + "}";
}
