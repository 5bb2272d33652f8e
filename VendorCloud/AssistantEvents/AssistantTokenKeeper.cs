using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>What <see cref="AssistantTokenKeeper"/> has for an account.</summary>
internal enum TokenLeaseStatus
{
    /// <summary>A valid access token.</summary>
    Ready,
    /// <summary>The account never granted the maker anything (no AcceptGrant).</summary>
    NoGrant,
    /// <summary>The grant is lost (invalid_grant, skill disabled): nothing can be reported until the person links again.</summary>
    Lost,
    /// <summary>The token service did not answer: try again later.</summary>
    Unavailable,
}

internal sealed record TokenLease(TokenLeaseStatus Status, string? AccessToken = null, string? Problem = null);

/// <summary>
/// The access token of each account's grant: refreshed before it expires, one refresh per account at a time (every
/// caller waiting on the same refresh), and again on demand when the event gateway refused the token (401). A refresh
/// refused with <c>invalid_grant</c> drops the tokens and marks the grant lost.
/// </summary>
internal sealed partial class AssistantTokenKeeper(
    IAssistantGrantStore store,
    IAssistantTokenClient tokens,
    IOptions<AssistantEventsOptions> options,
    TimeProvider time,
    ILogger<AssistantTokenKeeper> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TokenLease>>> _refreshing = new(StringComparer.Ordinal);

    /// <summary>
    /// A usable access token for the account; <paramref name="rejected"/> is one the event gateway refused, which forces a
    /// refresh unless another caller has already replaced it.
    /// </summary>
    public async Task<TokenLease> GetAccessTokenAsync(string accountId, string? rejected, CancellationToken cancellationToken)
    {
        var current = await store.GetTokensAsync(accountId, cancellationToken);
        if (current is null)
        {
            var status = await store.GetStatusAsync(accountId, cancellationToken);
            return new TokenLease(status.State == AssistantGrantStatus.Lost ? TokenLeaseStatus.Lost : TokenLeaseStatus.NoGrant);
        }

        if (rejected is null ? IsFresh(current) : current.AccessToken != rejected)
        {
            return new TokenLease(TokenLeaseStatus.Ready, current.AccessToken);
        }

        return await RefreshOnceAsync(accountId, current.AccessToken, cancellationToken);
    }

    private bool IsFresh(AssistantTokens tokens) => tokens.ExpiresAt - options.Value.RefreshBeforeExpiry > time.GetUtcNow();

    /// <summary>Joins the account's refresh in flight, or starts one; the refresh itself is not cut short by one caller leaving.</summary>
    private Task<TokenLease> RefreshOnceAsync(string accountId, string stale, CancellationToken cancellationToken)
    {
        var flight = new Lazy<Task<TokenLease>>(() => RefreshAsync(accountId, stale));
        var joined = _refreshing.GetOrAdd(accountId, flight);
        if (ReferenceEquals(joined, flight))
        {
            _ = flight.Value.ContinueWith(_ => _refreshing.TryRemove(new KeyValuePair<string, Lazy<Task<TokenLease>>>(accountId, flight)),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return joined.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Refreshes unless a refresh that ended just before this one began has already replaced <paramref name="stale"/>:
    /// its refresh token was rotated out, and presenting it again would lose the grant.
    /// </summary>
    private async Task<TokenLease> RefreshAsync(string accountId, string stale)
    {
        var current = await store.GetTokensAsync(accountId, CancellationToken.None);
        if (current is null)
        {
            return new TokenLease(TokenLeaseStatus.Lost);
        }

        if (current.AccessToken != stale && IsFresh(current))
        {
            return new TokenLease(TokenLeaseStatus.Ready, current.AccessToken);
        }

        var result = await tokens.RefreshAsync(current.RefreshToken, CancellationToken.None);
        if (result.Tokens is { } renewed)
        {
            await store.SaveTokensAsync(accountId, renewed, time.GetUtcNow(), CancellationToken.None);
            LogRefreshed(logger, accountId);
            return new TokenLease(TokenLeaseStatus.Ready, renewed.AccessToken);
        }

        if (result.IsInvalidGrant)
        {
            await MarkLostAsync(accountId, GrantLossReasons.InvalidGrant, CancellationToken.None);
            return new TokenLease(TokenLeaseStatus.Lost, Problem: "invalid_grant");
        }

        var problem = result.Error ?? result.Problem ?? "no answer";
        LogRefreshFailed(logger, accountId, problem);
        return new TokenLease(TokenLeaseStatus.Unavailable, Problem: problem);
    }

    /// <summary>Drops the account's tokens: the maker may no longer report (the person must link again).</summary>
    public async Task MarkLostAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        await store.DropTokensAsync(accountId, reason, time.GetUtcNow(), cancellationToken);
        LogGrantLost(logger, accountId, reason);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event-gateway token of account {AccountId} refreshed")]
    private static partial void LogRefreshed(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event-gateway token of account {AccountId} could not be refreshed: {Problem}; tried again later")]
    private static partial void LogRefreshFailed(ILogger logger, string accountId, string problem);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The assistant grant of account {AccountId} is lost ({Reason}): its devices' changes are no longer reported until the person links again")]
    private static partial void LogGrantLost(ILogger logger, string accountId, string reason);
}
