using System.Collections.Concurrent;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>The store's contract in memory, for unit tests of the logic above it.</summary>
internal sealed class InMemoryAssistantStore : IAssistantStore
{
    private readonly ConcurrentDictionary<string, byte> _users = new();
    private readonly ConcurrentDictionary<(string, string), AccountLink> _links = new();
    private readonly ConcurrentDictionary<string, PendingLink> _pending = new();
    private readonly ConcurrentDictionary<(string, string), IReadOnlyList<DiscoveredEndpoint>> _endpoints = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Notification>> _notifications = new();

    private readonly ConcurrentDictionary<(string, string), FailedCommand> _failed = new();

    private int _linkReads;
    private int _conditionalSaves;

    /// <summary>When set, reads of users, links and endpoints throw it (a store that does not answer).</summary>
    public Exception? FailReads { get; set; }

    /// <summary>Reads of users, links and endpoints take this long first (a slow store).</summary>
    public TimeSpan ReadDelay { get; set; }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        if (ReadDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadDelay, cancellationToken);
        }

        if (FailReads is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>When set, every failed-command write throws it (a store that fails mid-utterance).</summary>
    public Exception? FailRecording { get; set; }

    /// <summary>A recording that does not finish until this task does (a store that is restarting).</summary>
    public Task? HangRecording { get; set; }

    public int LinkReads => Volatile.Read(ref _linkReads);

    public Task EnsureUserAsync(string user, CancellationToken cancellationToken)
    {
        _users.TryAdd(user, 0);
        return Task.CompletedTask;
    }

    public async Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken)
    {
        await ReadAsync(cancellationToken);
        return _users.ContainsKey(user);
    }

    public async Task<AccountLink?> GetLinkAsync(string user, string skill, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _linkReads);
        await ReadAsync(cancellationToken);
        return _links.TryGetValue((user, skill), out var link) ? link : null;
    }

    public Task SaveLinkAsync(AccountLink link, CancellationToken cancellationToken)
    {
        _links[(link.User, link.Skill)] = link;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The next conditional saves fail though the link is as expected: a store that aborts a transaction for a write
    /// to another key (Garnet's WATCH versions are kept per bucket of a hash index).
    /// </summary>
    public int AbortConditionalSaves { get; set; }

    public int ConditionalSaves => Volatile.Read(ref _conditionalSaves);

    public async Task<bool> SaveLinkIfUnchangedAsync(AccountLink expected, AccountLink link, RefreshLease? lease, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _conditionalSaves);
        if (AbortConditionalSaves > 0)
        {
            AbortConditionalSaves--;
            return false;
        }

        if (await GetLinkAsync(link.User, link.Skill, cancellationToken) != expected)
        {
            return false;
        }

        await SaveLinkAsync(link, cancellationToken);
        return true;
    }

    public Task SavePendingLinkAsync(PendingLink pending, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        _pending[pending.State] = pending;
        return Task.CompletedTask;
    }

    public Task<PendingLink?> TakePendingLinkAsync(string state, CancellationToken cancellationToken) =>
        Task.FromResult(_pending.TryRemove(state, out var pending) ? pending : null);

    public async Task<IReadOnlyList<DiscoveredEndpoint>> GetEndpointsAsync(string user, string skill, CancellationToken cancellationToken)
    {
        await ReadAsync(cancellationToken);
        return _endpoints.TryGetValue((user, skill), out var endpoints) ? endpoints : [];
    }

    public Task ReplaceEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken)
    {
        _endpoints[(user, skill)] = [.. endpoints.DistinctBy(e => e.EndpointId)];
        return Task.CompletedTask;
    }

    public Task AddNotificationAsync(string user, Notification notification, CancellationToken cancellationToken)
    {
        _notifications.GetOrAdd(user, _ => new()).Enqueue(notification);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Notification>> GetNotificationsAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Notification>>(_notifications.TryGetValue(user, out var queue) ? [.. queue.Reverse()] : []);

    public Task<int> ResolveNotificationsAsync(string user, string skill, string kind, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        if (!_notifications.TryGetValue(user, out var queue))
        {
            return Task.FromResult(0);
        }

        lock (queue)
        {
            var all = queue.ToList();
            queue.Clear();
            var resolved = 0;
            foreach (var notice in all)
            {
                var matches = notice is { ResolvedAt: null } && notice.Skill == skill && notice.Kind == kind;
                queue.Enqueue(matches ? notice with { ResolvedAt = resolvedAt } : notice);
                resolved += matches ? 1 : 0;
            }

            return Task.FromResult(resolved);
        }
    }

    public Task RecordFailedCommandAsync(string user, string? endpointId, FailedCommand command, CancellationToken cancellationToken)
    {
        if (FailRecording is { } failure)
        {
            throw failure;
        }

        if (HangRecording is { } hang)
        {
            return hang;
        }

        if (endpointId is { Length: > 0 })
        {
            _failed[(user, endpointId)] = command;
        }

        _failed[(user, "*")] = command;
        return Task.CompletedTask;
    }

    public Task<FailedCommand?> GetFailedCommandAsync(string user, string? endpointId, CancellationToken cancellationToken) =>
        Task.FromResult(endpointId is { Length: > 0 } && _failed.TryGetValue((user, endpointId), out var forDevice) ? forDevice
            : _failed.TryGetValue((user, "*"), out var any) ? any : null);

    public Task<IReadOnlyDictionary<LinkState, long>> CountLinksAsync(string skill, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<LinkState, long>>(Enum.GetValues<LinkState>().ToDictionary(
            state => state, state => (long)_links.Values.Count(l => l.Skill == skill && l.State == state)));

    public Task<IReadOnlyList<string>> GetUsersWithLinkAsync(string skill, LinkState state, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. _links.Values.Where(l => l.Skill == skill && l.State == state).Select(l => l.User)]);

    public Task<int> IndexAllLinksAsync(CancellationToken cancellationToken) => Task.FromResult(_links.Count);
}
