using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Hands out a link's access token, refreshing it first when it expires within
/// <see cref="RefreshMargin"/> or when the vendor called it expired. Refreshes are single-flight per
/// link (<see cref="LinkLocks"/>): the vendor rotates refresh tokens and treats a reused one as
/// theft, so callers that arrive together wait for the one refresh and then read its stored tokens.
/// A grant the vendor declares dead (invalid_grant, or an access token it no longer knows) expires
/// the link: tokens deleted, state Expired with the reason, and one notification for the person.
/// A vendor that is down (503, timeout) ends nothing: the tokens are kept, and after a failed refresh the
/// link is not refreshed again for <see cref="RefreshRetryDelay"/>, so that an outage meets one refresh
/// per link and delay, not one per utterance.
/// </summary>
internal sealed partial class AccessTokenProvider(
    IAssistantStore store,
    ITokenClient tokenClient,
    LinkLocks locks,
    TimeProvider timeProvider,
    IOptions<AssistantOptions> names,
    AssistantMetrics metrics,
    ILogger<AccessTokenProvider> logger)
{
    /// <summary>Refresh this long before expiry (Home Assistant refreshes 300 s early).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>After a refresh that failed without an answer on the grant, the link waits this long before the next one.</summary>
    public static readonly TimeSpan RefreshRetryDelay = TimeSpan.FromSeconds(10);

    public const string InvalidGrant = "invalid_grant";

    /// <summary>Per link (user, skill): no refresh before this time. In memory: a restart may refresh once more, harmlessly.</summary>
    private readonly ConcurrentDictionary<(string User, string Skill), DateTimeOffset> _refreshBlockedUntil = new();

    /// <summary>A reset of the world: the links these back-offs were about are gone.</summary>
    public void ForgetRefreshBackoffs() => _refreshBlockedUntil.Clear();

    /// <summary>The link's access token, refreshed first when it is about to expire.</summary>
    public async Task<AccessTokenResult> GetAccessTokenAsync(string user, string skill, CancellationToken cancellationToken)
    {
        // The common case needs no lock: a token good for more than the margin.
        var link = await store.GetLinkAsync(user, skill, cancellationToken);
        return Usable(link, rejectedToken: null) ?? await RefreshUnderLockAsync(user, skill, rejectedToken: null, cancellationToken);
    }

    /// <summary>
    /// The access token of a link the caller has just read (an utterance reads it with the endpoints): no
    /// second read of the store unless a refresh is due, which reads it again under the lock.
    /// </summary>
    public async Task<AccessTokenResult> GetAccessTokenAsync(AccountLink link, CancellationToken cancellationToken) =>
        Usable(link, rejectedToken: null) ?? await RefreshUnderLockAsync(link.User, link.Skill, rejectedToken: null, cancellationToken);

    /// <summary>
    /// The vendor answered EXPIRED_AUTHORIZATION_CREDENTIAL for <paramref name="rejectedToken"/>: a
    /// token other than that one, refreshing unless a concurrent caller already did.
    /// </summary>
    public Task<AccessTokenResult> RefreshRejectedAsync(string user, string skill, string rejectedToken, CancellationToken cancellationToken) =>
        RefreshUnderLockAsync(user, skill, rejectedToken, cancellationToken);

    /// <summary>
    /// The vendor answered INVALID_AUTHORIZATION_CREDENTIAL for <paramref name="rejectedToken"/>
    /// (Alexa's rule: the tokens are dead, the person must link again). Expires the link unless it
    /// has moved on since (a newer token, or already expired: then nobody is notified twice).
    /// </summary>
    public async Task<AccessTokenResult> InvalidateAsync(string user, string skill, string rejectedToken, string reason, CancellationToken cancellationToken)
    {
        using var held = await locks.AcquireAsync(user, skill, cancellationToken);
        var link = await store.GetLinkAsync(user, skill, CancellationToken.None);
        if (link is { State: LinkState.Linked } && link.AccessToken == rejectedToken)
        {
            return await ExpireAsync(link, reason, "invalid_access_token");
        }

        return Usable(link, rejectedToken) ?? new AccessTokenResult(AccessTokenStatus.Unavailable, null, "the link changed while the vendor refused its token");
    }

    private async Task<AccessTokenResult> RefreshUnderLockAsync(string user, string skill, string? rejectedToken, CancellationToken cancellationToken)
    {
        // Only the wait is cancellable: a refresh once sent must store its rotated tokens, or the
        // next refresh would reuse a rotated-out token and the vendor would revoke the grant.
        using var held = await locks.AcquireAsync(user, skill, cancellationToken);
        // Read again under the lock: a refresh that finished while this caller waited already did the work.
        var link = await store.GetLinkAsync(user, skill, CancellationToken.None);
        return Usable(link, rejectedToken) ?? await RefreshAsync(link!, rejectedToken);
    }

    /// <summary>The answer that needs no refresh, or null when a refresh is due.</summary>
    private AccessTokenResult? Usable(AccountLink? link, string? rejectedToken) => link switch
    {
        null or { State: LinkState.Unlinked } => new(AccessTokenStatus.NotLinked, null, "not linked"),
        { State: LinkState.Expired } => new(AccessTokenStatus.Expired, null, link.Reason),
        { AccessToken: { } token, ExpiresAt: { } expiresAt }
            when token != rejectedToken && expiresAt - timeProvider.GetUtcNow() > RefreshMargin => AccessTokenResult.Valid(token),
        _ => null,
    };

    /// <summary>Runs under the link's lock, with <paramref name="link"/> just read.</summary>
    private async Task<AccessTokenResult> RefreshAsync(AccountLink link, string? rejectedToken)
    {
        var (user, skill) = (link.User, link.Skill);
        if (link.RefreshToken is not { Length: > 0 } refreshToken)
        {
            return await ExpireAsync(link, "the vendor gave no refresh token", "no_refresh_token");
        }

        if (_refreshBlockedUntil.TryGetValue((user, skill), out var blockedUntil) && timeProvider.GetUtcNow() < blockedUntil)
        {
            // The vendor failed a refresh moments ago: answer from what is stored instead of asking again.
            return CurrentOrUnavailable(link, rejectedToken, $"the vendor's token endpoint failed; next refresh after {blockedUntil:O}");
        }

        // A Client span: the call to the vendor's token endpoint, child of the utterance that needed it.
        using var activity = AssistantCloudTelemetry.Source.StartActivity("oauth refresh", ActivityKind.Client);
        activity?.SetTag(AssistantCloudTelemetry.UserAttribute, user);
        activity?.SetTag(AssistantCloudTelemetry.SkillAttribute, skill);
        activity?.SetTag(AssistantCloudTelemetry.OAuthGrantTypeAttribute, "refresh_token");

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
            // Stored before the lock is released: waiters read the rotated tokens, never the old ones.
            await store.SaveLinkAsync(refreshed, CancellationToken.None);
            _refreshBlockedUntil.TryRemove((user, skill), out _);
            Outcome(activity, "refreshed");
            LogRefreshed(user, skill, refreshed.ExpiresAt);
            return AccessTokenResult.Valid(refreshed.AccessToken!);
        }

        if (result.Error == InvalidGrant)
        {
            activity?.SetTag(AssistantCloudTelemetry.OAuthErrorAttribute, InvalidGrant);
            // The link is dead: this is the hop that failed the person's command.
            activity.MarkFailedHop(new FailedHop(ChainHops.Link, $"the vendor refused the refresh token ({InvalidGrant}): the link has expired"),
                $"link expired: {InvalidGrant}");
            Outcome(activity, InvalidGrant);
            _refreshBlockedUntil.TryRemove((user, skill), out _);
            return await ExpireAsync(link, $"{InvalidGrant}: {result.ErrorDescription ?? "the vendor refused the refresh token"}", InvalidGrant);
        }

        // The vendor is unreachable or refused for another reason: the grant may still be alive.
        var reason = result.IsTransportFailure ? $"token endpoint unreachable: {result.ErrorDescription}" : $"{result.Error}: {result.ErrorDescription}";
        if (result.Error is { } error)
        {
            activity?.SetTag(AssistantCloudTelemetry.OAuthErrorAttribute, error);
        }

        Outcome(activity, "failed");
        _refreshBlockedUntil[(user, skill)] = timeProvider.GetUtcNow() + RefreshRetryDelay;
        var current = CurrentOrUnavailable(link, rejectedToken, reason);
        if (current.Status == AccessTokenStatus.Valid)
        {
            // The current token still works: the command goes on, so this is no error of it.
            activity?.AddEvent(new ActivityEvent($"refresh failed, the current access token is still valid: {reason}"));
        }
        else
        {
            activity.MarkFailedHop(new FailedHop(ChainHops.Vendor, reason), $"token refresh failed: {reason}");
        }

        return current;
    }

    /// <summary>After a failed (or skipped) refresh: the current token is still worth using unless the vendor has just refused it.</summary>
    private AccessTokenResult CurrentOrUnavailable(AccountLink link, string? rejectedToken, string reason)
    {
        if (link.AccessToken is { } current && current != rejectedToken && link.ExpiresAt > timeProvider.GetUtcNow())
        {
            LogRefreshFailedUsingCurrent(link.User, link.Skill, reason);
            return AccessTokenResult.Valid(current);
        }

        LogRefreshFailed(link.User, link.Skill, reason);
        return new AccessTokenResult(AccessTokenStatus.Unavailable, null, reason);
    }

    /// <summary>Runs under the link's lock. Only a Linked link expires, so the person is told once.</summary>
    private async Task<AccessTokenResult> ExpireAsync(AccountLink link, string reason, string cause)
    {
        if (link.State != LinkState.Linked)
        {
            return Usable(link, null) ?? new AccessTokenResult(AccessTokenStatus.Expired, null, link.Reason);
        }

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
            ExpiredAt = now,
        };
        await store.SaveLinkAsync(expired, CancellationToken.None);
        await store.AddNotificationAsync(link.User, new Notification(
            Guid.NewGuid().ToString(), link.Skill, LinkExpiredNotice.Kind, LinkExpiredNotice.Notification(names.Value), now),
            CancellationToken.None);
        metrics.LinkTransition(LinkState.Expired, cause);
        LogExpired(link.User, link.Skill, reason);
        return new AccessTokenResult(AccessTokenStatus.Expired, null, reason);
    }

    private void Outcome(Activity? activity, string outcome)
    {
        activity?.SetTag(AssistantCloudTelemetry.OAuthOutcomeAttribute, outcome);
        metrics.Refresh(outcome);
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
