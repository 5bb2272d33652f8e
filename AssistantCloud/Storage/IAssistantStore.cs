namespace SmartHome.AssistantCloud.Storage;

/// <summary>Users, their links, endpoints and notifications, keyed by user and skill.</summary>
public interface IAssistantStore
{
    Task EnsureUserAsync(string user, CancellationToken cancellationToken);

    Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken);

    Task<AccountLink?> GetLinkAsync(string user, string skill, CancellationToken cancellationToken);

    Task SaveLinkAsync(AccountLink link, CancellationToken cancellationToken);

    /// <summary>
    /// The fenced save of a refresh: saves <paramref name="link"/> only if the stored link is still
    /// <paramref name="expected"/> and, when given, <paramref name="lease"/> is still held. False when either has moved
    /// on (another replica refreshed, re-linked or disabled meanwhile): newer tokens are never overwritten.
    /// This default is for one process, where the link's lock already keeps writers apart.
    /// </summary>
    async Task<bool> SaveLinkIfUnchangedAsync(AccountLink expected, AccountLink link, Linking.RefreshLease? lease, CancellationToken cancellationToken)
    {
        if (await GetLinkAsync(link.User, link.Skill, cancellationToken) != expected)
        {
            return false;
        }

        await SaveLinkAsync(link, cancellationToken);
        return true;
    }

    /// <summary>Keeps a started authorization for <paramref name="lifetime"/>.</summary>
    Task SavePendingLinkAsync(PendingLink pending, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Returns and removes the pending authorization: a state is good for one callback only.</summary>
    Task<PendingLink?> TakePendingLinkAsync(string state, CancellationToken cancellationToken);

    Task<IReadOnlyList<DiscoveredEndpoint>> GetEndpointsAsync(string user, string skill, CancellationToken cancellationToken);

    /// <summary>Replaces the whole endpoint list of the user for the skill, atomically.</summary>
    Task ReplaceEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken);

    /// <summary>Adds or replaces these endpoints (an AddOrUpdateReport), keeping the others.</summary>
    async Task UpsertEndpointsAsync(string user, string skill, IReadOnlyList<DiscoveredEndpoint> endpoints, CancellationToken cancellationToken)
    {
        var ids = endpoints.Select(e => e.EndpointId).ToHashSet();
        var kept = (await GetEndpointsAsync(user, skill, cancellationToken)).Where(e => !ids.Contains(e.EndpointId));
        await ReplaceEndpointsAsync(user, skill, [.. kept, .. endpoints], cancellationToken);
    }

    /// <summary>Removes these endpoints (a DeleteReport).</summary>
    async Task RemoveEndpointsAsync(string user, string skill, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        var kept = (await GetEndpointsAsync(user, skill, cancellationToken)).Where(e => !endpointIds.Contains(e.EndpointId)).ToList();
        await ReplaceEndpointsAsync(user, skill, kept, cancellationToken);
    }

    Task AddNotificationAsync(string user, Notification notification, CancellationToken cancellationToken);

    Task<IReadOnlyList<Notification>> GetNotificationsAsync(string user, CancellationToken cancellationToken);

    /// <summary>Marks the user's unresolved notices of <paramref name="kind"/> for <paramref name="skill"/> resolved; returns how many.</summary>
    Task<int> ResolveNotificationsAsync(string user, string skill, string kind, DateTimeOffset resolvedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps <paramref name="command"/> as the latest failure for <paramref name="endpointId"/> (when known)
    /// and as the latest failure of the user for any device.
    /// </summary>
    Task RecordFailedCommandAsync(string user, string? endpointId, FailedCommand command, CancellationToken cancellationToken);

    /// <summary>The latest failure for <paramref name="endpointId"/>, else the user's latest for any device, else null.</summary>
    Task<FailedCommand?> GetFailedCommandAsync(string user, string? endpointId, CancellationToken cancellationToken);

    /// <summary>How many users' links to <paramref name="skill"/> are in each state, from the link index.</summary>
    Task<IReadOnlyDictionary<LinkState, long>> CountLinksAsync(string skill, CancellationToken cancellationToken);

    /// <summary>The users whose link to <paramref name="skill"/> is in <paramref name="state"/>, from the link index.</summary>
    Task<IReadOnlyList<string>> GetUsersWithLinkAsync(string skill, LinkState state, CancellationToken cancellationToken);

    /// <summary>Puts every stored link into the link index (links saved before the index existed); returns how many.</summary>
    Task<int> IndexAllLinksAsync(CancellationToken cancellationToken);
}
