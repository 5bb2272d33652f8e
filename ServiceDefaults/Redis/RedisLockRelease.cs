using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Gives a lock (a lease taken with <c>LockTake</c>) back, tried again while it is still ours. StackExchange.Redis makes
/// the compare-and-delete a WATCH transaction, and the embedded Garnet keeps WATCH versions in a fixed-size array indexed
/// by the key's hash (its <c>WatchVersionMap</c>: keys on the same slot share a version), so a write to another key can
/// abort it though the lock is ours. A lock left behind holds up its next taker until it lapses.
/// </summary>
public static class RedisLockRelease
{
    /// <summary>How many times a release that the store aborted is tried (each abort needs another key's write in between).</summary>
    public const int Attempts = 5;

    /// <summary>True when the lock is given back or no longer ours (lapsed, or another's); false when still ours after <see cref="Attempts"/>.</summary>
    public static Task<bool> ReleaseLockAsync(this IDatabase database, RedisKey key, RedisValue token) =>
        CompareAndDeleteAsync(
            () => database.LockReleaseAsync(key, token),
            async () => await database.StringGetAsync(key) == token);

    /// <summary>The retry itself: <paramref name="compareAndDelete"/> again while it fails and <paramref name="stillOurs"/>.</summary>
    public static async Task<bool> CompareAndDeleteAsync(Func<Task<bool>> compareAndDelete, Func<Task<bool>> stillOurs)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await compareAndDelete() || !await stillOurs())
            {
                return true;
            }
        }

        return false;
    }
}
