namespace SmartHome.ServiceDefaults.Tests;

/// <summary>A lock's compare-and-delete that the store aborts (Garnet's WATCH, for another key's write) is tried again while the lock is ours.</summary>
public sealed class RedisLockReleaseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(new[] { false, false, true }, true, true, 3)] // aborted twice, then released
    [InlineData(new[] { false }, false, true, 1)] // not ours any more (lapsed, or taken): nothing to release
    [InlineData(new[] { false, false, false, false, false, false }, true, false, RedisLockRelease.Attempts)] // bounded
    public async Task A_lock_release_the_store_aborts_is_tried_again_while_the_lock_is_still_ours(bool[] deletes, bool ours,
        bool released, int tries)
    {
        var attempts = 0;

        var result = await RedisLockRelease.CompareAndDeleteAsync(() => Task.FromResult(deletes[attempts++]), () => Task.FromResult(ours))
            .WaitAsync(Wait);

        Assert.Equal(released, result);
        Assert.Equal(tries, attempts);
    }
}
