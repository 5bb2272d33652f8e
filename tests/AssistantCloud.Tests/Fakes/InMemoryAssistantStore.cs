using System.Collections.Concurrent;
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

    private int _linkReads;

    public int LinkReads => Volatile.Read(ref _linkReads);

    public Task EnsureUserAsync(string user, CancellationToken cancellationToken)
    {
        _users.TryAdd(user, 0);
        return Task.CompletedTask;
    }

    public Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken) => Task.FromResult(_users.ContainsKey(user));

    public Task<AccountLink?> GetLinkAsync(string user, string skill, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _linkReads);
        return Task.FromResult(_links.TryGetValue((user, skill), out var link) ? link : null);
    }

    public Task SaveLinkAsync(AccountLink link, CancellationToken cancellationToken)
    {
        _links[(link.User, link.Skill)] = link;
        return Task.CompletedTask;
    }

    public Task SavePendingLinkAsync(PendingLink pending, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        _pending[pending.State] = pending;
        return Task.CompletedTask;
    }

    public Task<PendingLink?> TakePendingLinkAsync(string state, CancellationToken cancellationToken) =>
        Task.FromResult(_pending.TryRemove(state, out var pending) ? pending : null);

    public Task<IReadOnlyList<DiscoveredEndpoint>> GetEndpointsAsync(string user, string skill, CancellationToken cancellationToken) =>
        Task.FromResult(_endpoints.TryGetValue((user, skill), out var endpoints) ? endpoints : []);

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
}
