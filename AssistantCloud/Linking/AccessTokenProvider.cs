using System.Diagnostics;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Storage;
using SmartHome.ServiceDefaults;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// Hands out a link's access token, refreshing it first when it expires within
/// <see cref="RefreshMargin"/> or when the vendor called it expired. Refreshes are single-flight per
/// link across replicas: the vendor rotates refresh tokens and treats a reused one as theft. Two gates:
/// <see cref="LinkLocks"/> in the process (free), then the world's lease (<see cref="IRefreshLeases"/>, asked only
/// when a refresh is due). Whoever takes the lease reads the link again (another replica may just have refreshed),
/// refreshes, and saves fenced (only while the lease holds and the link is as read); callers that wait, here or on
/// another replica, then read the stored tokens.
/// A grant the vendor declares dead (invalid_grant, or an access token it no longer knows) expires
/// the link: tokens deleted, state Expired with the reason, and one notification for the person.
/// A vendor that is down (503, timeout) ends nothing: the tokens are kept, and after a failed refresh the
/// link is not refreshed again for <see cref="RefreshRetryDelay"/> (the world's back-off, whatever replica asks), so
/// that an outage meets one refresh per link and delay, not one per utterance.
/// </summary>
internal sealed partial class AccessTokenProvider(
    IAssistantStore store,
    ITokenClient tokenClient,
    LinkLocks locks,
    TimeProvider timeProvider,
    IOptions<AssistantOptions> names,
    AssistantMetrics metrics,
    ILogger<AccessTokenProvider> logger,
    IRefreshLeases? leases = null)
{
    /// <summary>Refresh this long before expiry (Home Assistant refreshes 300 s early).</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>After a refresh that failed without an answer on the grant, the link waits this long before the next one.</summary>
    public static readonly TimeSpan RefreshRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>How long a caller waits for another replica's refresh before it answers from what is stored.</summary>
    public static readonly TimeSpan OtherRefreshWait = TimeSpan.FromSeconds(20);

    /// <summary>Rounds of "the lease is taken, wait, read" before giving up: each ends with a refresh finished or failed.</summary>
    private const int LeaseRounds = 3;

    /// <summary>Tries of the save of refreshed tokens after the fenced one failed, while the link is as read.</summary>
    private const int UnfencedSaveAttempts = 5;

    public const string InvalidGrant = "invalid_grant";

    private readonly IRefreshLeases _leases = leases ?? new LocalRefreshLeases();

    /// <summary>A reset of the world: the links these back-offs were about are gone.</summary>
    public Task ForgetRefreshBackoffsAsync(CancellationToken cancellationToken) => _leases.ForgetBackoffsAsync(cancellationToken);

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
        // Only the waits are cancellable: a refresh once sent must store its rotated tokens, or the
        // next refresh would reuse a rotated-out token and the vendor would revoke the grant.
        using var held = await locks.AcquireAsync(user, skill, cancellationToken);
        AccountLink? link = null;
        for (var round = 1; round <= LeaseRounds; round++)
        {
            // Read again under the lock when another caller of this process held it first (its refresh may have done the
            // work, and the lease need not be taken); a caller that had the lock at once goes to the lease, whose read decides.
            if (round > 1 || held.Waited)
            {
                link = await store.GetLinkAsync(user, skill, CancellationToken.None);
                if (Usable(link, rejectedToken) is { } usable)
                {
                    return usable;
                }
            }

            if (await _leases.TryTakeAsync(user, skill, CancellationToken.None) is { } lease)
            {
                try
                {
                    // Another replica may have saved its refresh between the read and the taking. The back-off a refresh
                    // obeys is read beside the link: one round trip to Redis for both.
                    var linkRead = store.GetLinkAsync(user, skill, CancellationToken.None);
                    var blockedRead = _leases.GetBlockedUntilAsync(user, skill, CancellationToken.None);
                    await Task.WhenAll(linkRead, blockedRead);
                    link = await linkRead;
                    return Usable(link, rejectedToken) ?? await RefreshAsync(link!, rejectedToken, lease, await blockedRead);
                }
                finally
                {
                    // Nothing to do when the save gave it back in its own transaction.
                    await ReleaseAsync(lease);
                }
            }

            // Another replica is refreshing this link: wait for it, then read what it stored.
            LogWaitingForOtherReplica(user, skill);
            if (!await _leases.WaitUntilFreeAsync(user, skill, OtherRefreshWait, cancellationToken))
            {
                break;
            }
        }

        link ??= await store.GetLinkAsync(user, skill, CancellationToken.None);
        return Usable(link, rejectedToken) ?? CurrentOrUnavailable(link!, rejectedToken, "another replica's refresh of the link did not finish");
    }

    private async Task ReleaseAsync(RefreshLease lease)
    {
        try
        {
            if (!await _leases.ReleaseAsync(lease))
            {
                LogLeaseNotReleased(lease.User, lease.Skill, $"its compare-and-delete was aborted {RedisLockRelease.Attempts} times");
            }
        }
        catch (Exception exception) when (exception is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The lease lapses by itself; until then other replicas answer from the stored tokens.
            LogLeaseNotReleased(lease.User, lease.Skill, exception.Message);
        }
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

    /// <summary>Runs under the link's lock and lease, with <paramref name="link"/> and the link's back-off (<paramref name="blockedUntil"/>) just read.</summary>
    private async Task<AccessTokenResult> RefreshAsync(AccountLink link, string? rejectedToken, RefreshLease lease, DateTimeOffset? blockedUntil)
    {
        var (user, skill) = (link.User, link.Skill);
        if (link.RefreshToken is not { Length: > 0 } refreshToken)
        {
            return await ExpireAsync(link, "the vendor gave no refresh token", "no_refresh_token", lease);
        }

        if (blockedUntil is not null && timeProvider.GetUtcNow() < blockedUntil)
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
            // Stored before the lock and lease are released: waiters read the rotated tokens, never the old ones.
            if (await SaveRefreshedAsync(link, refreshed, lease) is { } newer)
            {
                Outcome(activity, "superseded");
                return Usable(newer, rejectedToken) ?? new AccessTokenResult(AccessTokenStatus.Unavailable, null, "the link changed while it was refreshed");
            }

            await UnblockAsync(user, skill, blockedUntil);
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
            await UnblockAsync(user, skill, blockedUntil);
            return await ExpireAsync(link, $"{InvalidGrant}: {result.ErrorDescription ?? "the vendor refused the refresh token"}", InvalidGrant, lease);
        }

        // The vendor is unreachable or refused for another reason: the grant may still be alive.
        var reason = result.IsTransportFailure ? $"token endpoint unreachable: {result.ErrorDescription}" : $"{result.Error}: {result.ErrorDescription}";
        if (result.Error is { } error)
        {
            activity?.SetTag(AssistantCloudTelemetry.OAuthErrorAttribute, error);
        }

        Outcome(activity, "failed");
        await _leases.BlockAsync(user, skill, timeProvider.GetUtcNow() + RefreshRetryDelay, RefreshRetryDelay, CancellationToken.None);
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

    /// <summary>
    /// The fenced save of refreshed tokens; null when saved, else the newer link that stays. A lease that lapsed
    /// mid-refresh (nobody else took it, the link is as read) still saves: the rotated tokens must be kept, or the next
    /// refresh would reuse a rotated-out one.
    /// </summary>
    private async Task<AccountLink?> SaveRefreshedAsync(AccountLink read, AccountLink refreshed, RefreshLease lease)
    {
        if (await store.SaveLinkIfUnchangedAsync(read, refreshed, lease, CancellationToken.None))
        {
            return null;
        }

        // While the link is as read, the save is tried again: a store may abort a conditional transaction for a write to
        // another key (Garnet's WATCH), and tokens not kept here would be reused at the next refresh and the grant revoked.
        for (var attempt = 1; attempt <= UnfencedSaveAttempts; attempt++)
        {
            var current = await store.GetLinkAsync(read.User, read.Skill, CancellationToken.None);
            if (current != read)
            {
                break;
            }

            if (await store.SaveLinkIfUnchangedAsync(read, refreshed, lease: null, CancellationToken.None))
            {
                LogSavedAfterLeaseLapsed(read.User, read.Skill);
                return null;
            }
        }

        LogNewerLinkKept(read.User, read.Skill);
        return await store.GetLinkAsync(read.User, read.Skill, CancellationToken.None) ?? AccountLink.Unlinked(read.User, read.Skill, timeProvider.GetUtcNow());
    }

    /// <summary>Ends a back-off the refresh read (no round trip when there was none).</summary>
    private async Task UnblockAsync(string user, string skill, DateTimeOffset? blockedUntil)
    {
        if (blockedUntil is not null)
        {
            await _leases.UnblockAsync(user, skill, CancellationToken.None);
        }
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

    /// <summary>
    /// Runs under the link's lock (and lease, when refreshing). Only a Linked link expires, and only if it is still as
    /// read, so the person is told once and a re-link made meanwhile on another replica stays.
    /// </summary>
    private async Task<AccessTokenResult> ExpireAsync(AccountLink link, string reason, string cause, RefreshLease? lease = null)
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
        if (!await store.SaveLinkIfUnchangedAsync(link, expired, lease, CancellationToken.None))
        {
            LogNewerLinkKept(link.User, link.Skill);
            var current = await store.GetLinkAsync(link.User, link.Skill, CancellationToken.None);
            return Usable(current, link.AccessToken) ?? new AccessTokenResult(AccessTokenStatus.Unavailable, null, "the link changed while it was expired");
        }

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another replica is refreshing the {Skill} link of {User}: waiting for its tokens")]
    private partial void LogWaitingForOtherReplica(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fenced save of the refreshed {Skill} link of {User} did not commit (its lease lapsed, or the store aborted the transaction); the link was unchanged, so the rotated tokens are saved unfenced")]
    private partial void LogSavedAfterLeaseLapsed(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Skill} link of {User} changed during this replica's refresh or expiry (another replica refreshed, re-linked or disabled it): the newer link stays")]
    private partial void LogNewerLinkKept(string user, string skill);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The refresh lease of the {Skill} link of {User} was not released ({Problem}); it lapses by itself")]
    private partial void LogLeaseNotReleased(string user, string skill, string problem);
}
