using System.Globalization;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Refresh leases shared by the assistant's replicas: <c>SET NX PX</c> of a fencing token unique to each taking
/// under <c>assistant:lease:refresh:{user}:skill</c>, released only by its holder (compare-and-delete). The back-off after a failed refresh is
/// <c>assistant:refresh-backoff:{user}:skill</c> (the world's time it ends, expiring in real time). The hash tag is
/// the user, as in the link's own keys, so that the fenced save of a link stays in one slot of a Redis Cluster.
/// </summary>
internal sealed class RedisRefreshLeases(IConnectionMultiplexer redis) : IRefreshLeases
{
    /// <summary>
    /// Longer than a refresh can take (the token client gives up after 5 s); a replica that dies holding the lease
    /// holds up the link's refresh no longer than this.
    /// </summary>
    public static readonly TimeSpan LeaseLifetime = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(200);

    private IDatabase Database => redis.GetDatabase();

    public static RedisKey LeaseKey(string user, string skill) => $"assistant:lease:refresh:{{{user}}}:{skill}";

    private static RedisKey BackoffKey(string user, string skill) => $"assistant:refresh-backoff:{{{user}}}:{skill}";

    public async Task<RefreshLease?> TryTakeAsync(string user, string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var lease = new RefreshLease(user, skill, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        // SET NX PX.
        return await Database.LockTakeAsync(LeaseKey(user, skill), lease.FencingToken, LeaseLifetime) ? lease : null;
    }

    public async Task<bool> ReleaseAsync(RefreshLease lease)
    {
        if (lease.ReleasedBySave)
        {
            return true;
        }

        // Tried again while still ours: a lease left behind would hold the link's next refresh for up to LeaseLifetime,
        // and the retry of a lost refresh answer would then reach the vendor after its 30 s reuse leeway.
        return await Database.ReleaseLockAsync(LeaseKey(lease.User, lease.Skill), lease.FencingToken);
    }

    public async Task<bool> WaitUntilFreeAsync(string user, string skill, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Polling, in real time (the lease expires in Redis's time, not the world's): a holder's refresh takes
        // tens of milliseconds, so the first polls are close together; pub/sub would cost a connection's worth of
        // machinery for what a handful of EXISTS do.
        var waited = TimeProvider.System.GetTimestamp();
        var pause = FirstPoll;
        while (await Database.KeyExistsAsync(LeaseKey(user, skill)))
        {
            if (TimeProvider.System.GetElapsedTime(waited) >= timeout)
            {
                return false;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks));
        }

        return true;
    }

    public async Task<DateTimeOffset?> GetBlockedUntilAsync(string user, string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stored = await Database.StringGetAsync(BackoffKey(user, skill));
        return !stored.IsNullOrEmpty && DateTimeOffset.TryParse(stored.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)
            ? until
            : null;
    }

    public async Task BlockAsync(string user, string skill, DateTimeOffset until, TimeSpan span, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.StringSetAsync(BackoffKey(user, skill), until.ToString("O", CultureInfo.InvariantCulture), span);
    }

    public async Task UnblockAsync(string user, string skill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.KeyDeleteAsync(BackoffKey(user, skill));
    }

    // The world's reset wipes every assistant: key, these with them.
    public Task ForgetBackoffsAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
