using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// Ends grants: one on request (revocation, code or refresh-token reuse), all of an account (password change,
/// the simulation's fault), and those the link policy lets die of age. A revoked grant's tokens stop working.
/// </summary>
internal sealed partial class GrantRevoker(
    IVendorDirectory directory,
    IOAuthStore store,
    OAuthCounters counters,
    TimeProvider time,
    IOptions<OAuthOptions> options,
    ILogger<GrantRevoker> logger) : IAccountLinks
{
    public Task<int> EndAfterPasswordChangeAsync(string accountId, CancellationToken cancellationToken) =>
        RevokeAccountGrantsAsync(accountId, RevocationReasons.PasswordChanged, cancellationToken);

    /// <summary>Revokes every live grant of the account; returns how many were live.</summary>
    public async Task<int> RevokeAccountGrantsAsync(string accountId, string reason, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var grant in await store.ListAccountGrantsAsync(accountId, cancellationToken))
        {
            revoked += await RevokeGrantAsync(grant.GrantId, reason, cancellationToken) ? 1 : 0;
        }

        return revoked;
    }

    /// <summary>Revokes a live grant (its refresh and access tokens stop working); false when it was already revoked or unknown.</summary>
    public async Task<bool> RevokeGrantAsync(string grantId, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = await store.UpdateGrantAsync(grantId, current => current.IsRevoked ? null : current.Revoke(reason, now), cancellationToken);
        if (revoked is null)
        {
            return false;
        }

        await counters.GrantRevokedAsync(reason, cancellationToken);
        LogGrantRevoked(logger, grantId, reason);
        return true;
    }

    /// <summary>Null while the link policy keeps the grant alive; otherwise the grant is revoked and the expiry returned.</summary>
    public async Task<LinkExpiry?> CheckLinkPolicyAsync(Grant grant, CancellationToken cancellationToken) =>
        await CheckLinkPolicyAsync(grant, await directory.GetAccountAsync(grant.AccountId, cancellationToken), cancellationToken);

    /// <summary>The same, with the grant's account already read (by a caller that read it beside the grant).</summary>
    public async Task<LinkExpiry?> CheckLinkPolicyAsync(Grant grant, Account? account, CancellationToken cancellationToken)
    {
        var expiry = EvaluatePolicy(grant, account, time.GetUtcNow());
        if (expiry is not null)
        {
            LogLinkExpired(logger, grant.GrantId, expiry.Reason);
            await RevokeGrantAsync(grant.GrantId, expiry.Reason, cancellationToken);
        }

        return expiry;
    }

    /// <summary>What the link policy says of the grant now, without acting on it.</summary>
    public LinkExpiry? EvaluatePolicy(Grant grant, Account? account, DateTimeOffset now) =>
        LinkPolicy.Evaluate(options.Value, grant, account, now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} revoked: {Reason}")]
    private static partial void LogGrantRevoked(ILogger logger, string grantId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} has expired under the link policy: {Reason}")]
    private static partial void LogLinkExpired(ILogger logger, string grantId, string reason);
}
