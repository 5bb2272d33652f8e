using System.Collections.Concurrent;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Leases for one process: <see cref="LinkLocks"/> already lets one caller per link through, so the lease is always
/// free; the back-offs are kept in memory. For tests and hosts without Redis.
/// </summary>
internal sealed class LocalRefreshLeases : IRefreshLeases
{
    private readonly ConcurrentDictionary<(string User, string Skill), DateTimeOffset> _blockedUntil = new();

    public Task<RefreshLease?> TryTakeAsync(string user, string skill, CancellationToken cancellationToken) =>
        Task.FromResult<RefreshLease?>(new RefreshLease(user, skill, Guid.NewGuid().ToString("N")));

    public Task<bool> ReleaseAsync(RefreshLease lease) => Task.FromResult(true);

    public Task<bool> WaitUntilFreeAsync(string user, string skill, TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task<DateTimeOffset?> GetBlockedUntilAsync(string user, string skill, CancellationToken cancellationToken) =>
        Task.FromResult(_blockedUntil.TryGetValue((user, skill), out var until) ? until : (DateTimeOffset?)null);

    public Task BlockAsync(string user, string skill, DateTimeOffset until, TimeSpan span, CancellationToken cancellationToken)
    {
        _blockedUntil[(user, skill)] = until;
        return Task.CompletedTask;
    }

    public Task UnblockAsync(string user, string skill, CancellationToken cancellationToken)
    {
        _blockedUntil.TryRemove((user, skill), out _);
        return Task.CompletedTask;
    }

    public Task ForgetBackoffsAsync(CancellationToken cancellationToken)
    {
        _blockedUntil.Clear();
        return Task.CompletedTask;
    }
}
