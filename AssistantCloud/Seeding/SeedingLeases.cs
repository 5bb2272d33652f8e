using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Seeding;

/// <summary>
/// One replica links a person at start-up, not each of them: the seeding takes <c>assistant:lease:seed:{user}</c>
/// (SET NX PX) before it links someone who never had a link. A replica that finds it taken retries later (the seeding's
/// backoff) and then finds the link made. Two links at once would leave the vendor an orphaned grant and the event
/// gateway's permission granted twice, the second replacing the first.
/// </summary>
internal sealed class SeedingLeases(IConnectionMultiplexer redis)
{
    /// <summary>Longer than a link takes (a sign-in, a code exchange, AcceptGrant, Discovery); a replica that dies mid-way holds it no longer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private static RedisKey Key(string user) => $"assistant:lease:seed:{{{user}}}";

    /// <summary>The lease's token, or null while another replica links the person.</summary>
    public async Task<string?> TryTakeAsync(string user, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        return await redis.GetDatabase().LockTakeAsync(Key(user), token, Lifetime).WaitAsync(cancellationToken) ? token : null;
    }

    public Task<bool> ReleaseAsync(string user, string token) => redis.GetDatabase().ReleaseLockAsync(Key(user), token);
}
