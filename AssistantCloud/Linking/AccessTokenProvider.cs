using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Hands out a link's access token, refreshing it first when it expires within
/// <see cref="RefreshMargin"/>. Refreshes are single-flight per link: the vendor rotates refresh
/// tokens and treats a reused one as theft, so concurrent callers must share one refresh.
/// </summary>
internal sealed partial class AccessTokenProvider(
    IAssistantStore store,
    ITokenClient tokenClient,
    TimeProvider timeProvider,
    IOptions<AssistantOptions> names,
    ILogger<AccessTokenProvider> logger)
{
    /// <summary>Refresh this long before expiry (Home Assistant refreshes 300 s early).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string User, string Skill), Lazy<Task<AccessTokenResult>>> _refreshes = new();

    public async Task<AccessTokenResult> GetAccessTokenAsync(string user, string skill, CancellationToken cancellationToken)
    {
        var link = await store.GetLinkAsync(user, skill, cancellationToken);
        if (Usable(link) is { } answer)
        {
            return answer;
        }

        var key = (user, skill);
        var refresh = _refreshes.GetOrAdd(key, static (k, self) =>
            new Lazy<Task<AccessTokenResult>>(() => self.RefreshAsync(k.User, k.Skill)), this);
        try
        {
            // The refresh is shared: one caller giving up must not cancel it for the others.
            return await refresh.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _refreshes.TryRemove(KeyValuePair.Create(key, refresh));
        }
    }

    /// <summary>The answer that needs no refresh, or null when a refresh is due.</summary>
    private AccessTokenResult? Usable(AccountLink? link) => link switch
    {
        null or { State: LinkState.Unlinked } => new(AccessTokenStatus.NotLinked, null, "not linked"),
        { State: LinkState.Expired } => new(AccessTokenStatus.Expired, null, link.Reason),
        { AccessToken: { } token, ExpiresAt: { } expiresAt } when expiresAt - timeProvider.GetUtcNow() > RefreshMargin
            => AccessTokenResult.Valid(token),
        _ => null,
    };

    private async Task<AccessTokenResult> RefreshAsync(string user, string skill)
    {
        using var activity = AssistantCloudTelemetry.Source.StartActivity("oauth refresh", ActivityKind.Internal);
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        activity?.SetTag(AssistantCloudTelemetry.SkillAttribute, skill);

        // Read again: a refresh that finished just before this one started already did the work.
        var link = await store.GetLinkAsync(user, skill, CancellationToken.None);
        if (Usable(link) is { } answer)
        {
            activity?.SetTag("oauth.refresh.skipped", true);
            return answer;
        }

        if (link!.RefreshToken is not { Length: > 0 } refreshToken)
        {
            return await ExpireAsync(link, "no refresh token", activity);
        }

        var result = await tokenClient.RefreshAsync(refreshToken, CancellationToken.None);
        if (result.IsSuccess)
        {
            var now = timeProvider.GetUtcNow();
            var refreshed = link with
            {
                AccessToken = result.AccessToken,
                // Rotation: keep the new refresh token; a vendor that does not rotate sends none.
                RefreshToken = result.RefreshToken ?? refreshToken,
                ExpiresAt = now.AddSeconds(result.ExpiresInSeconds),
                UpdatedAt = now,
                Reason = null,
            };
            await store.SaveLinkAsync(refreshed, CancellationToken.None);
            LogRefreshed(user, skill, refreshed.ExpiresAt);
            return AccessTokenResult.Valid(refreshed.AccessToken!);
        }

        if (result.Error == "invalid_grant")
        {
            return await ExpireAsync(link, $"invalid_grant: {result.ErrorDescription}", activity);
        }

        // The vendor is unreachable or refused for another reason: the grant may still be alive.
        var reason = result.IsTransportFailure ? $"token endpoint unreachable: {result.ErrorDescription}" : $"{result.Error}: {result.ErrorDescription}";
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        if (link.AccessToken is { } current && link.ExpiresAt > timeProvider.GetUtcNow())
        {
            LogRefreshFailedUsingCurrent(user, skill, reason);
            return AccessTokenResult.Valid(current);
        }

        LogRefreshFailed(user, skill, reason);
        return new AccessTokenResult(AccessTokenStatus.Unavailable, null, reason);
    }

    private async Task<AccessTokenResult> ExpireAsync(AccountLink link, string reason, Activity? activity)
    {
        var now = timeProvider.GetUtcNow();
        // The grant is gone: delete the tokens, keep the endpoints so that a re-link restores the names.
        var expired = link with
        {
            State = LinkState.Expired,
            AccessToken = null,
            RefreshToken = null,
            ExpiresAt = null,
            UpdatedAt = now,
            Reason = reason,
        };
        await store.SaveLinkAsync(expired, CancellationToken.None);
        await store.AddNotificationAsync(link.User, new Notification(
            Guid.NewGuid().ToString(), link.Skill, LinkExpiredNotice.Kind, LinkExpiredNotice.Notification(names.Value), now),
            CancellationToken.None);
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        LogExpired(link.User, link.Skill, reason);
        return new AccessTokenResult(AccessTokenStatus.Expired, null, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the {Skill} link of {User}; the access token expires at {ExpiresAt:O}")]
    private partial void LogRefreshed(string user, string skill, DateTimeOffset? expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Skill} link of {User} has expired: {Reason}")]
    private partial void LogExpired(string user, string skill, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the {Skill} link of {User} failed ({Reason}); the current access token is still valid")]
    private partial void LogRefreshFailedUsingCurrent(string user, string skill, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the {Skill} link of {User} failed: {Reason}")]
    private partial void LogRefreshFailed(string user, string skill, string reason);
}
