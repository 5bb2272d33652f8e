using SmartHome.AssistantCloud.Linking;

namespace SmartHome.AssistantCloud.Tests.Replicas;

/// <summary>
/// Leases of a world where another replica holds the link's lease until <see cref="Release"/>: the test plays that
/// replica. Counts what the provider asked.
/// </summary>
internal sealed class OtherReplicaLeases : IRefreshLeases
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _takes;

    public int Takes => Volatile.Read(ref _takes);

    /// <summary>When false, the other replica never finishes (it died holding the lease, which has not lapsed yet).</summary>
    public bool Held { get; private set; } = true;

    public void Release()
    {
        Held = false;
        _released.TrySetResult();
    }

    public Task<RefreshLease?> TryTakeAsync(string user, string skill, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _takes);
        return Task.FromResult(Held ? null : new RefreshLease(user, skill, "mine"));
    }

    public Task<bool> ReleaseAsync(RefreshLease lease) => Task.FromResult(true);

    public async Task<bool> WaitUntilFreeAsync(string user, string skill, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The provider's bound, shortened: a test does not wait out 20 s.
        try
        {
            await _released.Task.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public Task<DateTimeOffset?> GetBlockedUntilAsync(string user, string skill, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    public Task BlockAsync(string user, string skill, DateTimeOffset until, TimeSpan span, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task UnblockAsync(string user, string skill, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForgetBackoffsAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
