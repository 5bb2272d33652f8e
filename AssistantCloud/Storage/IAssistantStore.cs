namespace SmartHome.AssistantCloud.Storage;

/// <summary>Users, their links, endpoints and notifications, keyed by user and skill.</summary>
public interface IAssistantStore
{
    Task EnsureUserAsync(string user, CancellationToken cancellationToken);

    Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken);

    Task<AccountLink?> GetLinkAsync(string user, string skill, CancellationToken cancellationToken);

    Task SaveLinkAsync(AccountLink link, CancellationToken cancellationToken);

    /// <summary>Keeps a started authorization for <paramref name="lifetime"/>.</summary>
    Task SavePendingLinkAsync(PendingLink pending, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Returns and removes the pending authorization: a state is good for one callback only.</summary>
    Task<PendingLink?> TakePendingLinkAsync(string state, CancellationToken cancellationToken);

    Task<IReadOnlyList<DiscoveredEndpoint>> GetEndpointsAsync(string user, string skill, CancellationToken cancellationToken);

    /// <summary>Replaces the whole endpoint list of the user for the skill, atomically.</summary>
    Task ReplaceEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken);

    Task AddNotificationAsync(string user, Notification notification, CancellationToken cancellationToken);

    Task<IReadOnlyList<Notification>> GetNotificationsAsync(string user, CancellationToken cancellationToken);
}
