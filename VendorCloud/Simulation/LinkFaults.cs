using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Simulation;

/// <summary>The simulation's link faults on an account: "access token expired" and "grant revoked".</summary>
internal sealed partial class LinkFaults(
    IVendorDirectory directory,
    IOAuthStore store,
    GrantRevoker revoker,
    ILogger<LinkFaults> logger)
{
    /// <summary>The "access token expired" fault: every access token issued so far to the account's live grants is expired now.</summary>
    public async Task<int?> ExpireAccessTokensAsync(string email, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var affected = 0;
        foreach (var grant in await store.ListAccountGrantsAsync(account.AccountId, cancellationToken))
        {
            var updated = await store.UpdateGrantAsync(grant.GrantId,
                current => current.IsRevoked ? null : current with { AccessTokenGeneration = current.AccessTokenGeneration + 1 },
                cancellationToken);
            affected += updated is null ? 0 : 1;
        }

        LogAccessTokensExpired(logger, account.AccountId, affected);
        return affected;
    }

    /// <summary>The "grant revoked" fault: every live grant of the account is revoked.</summary>
    public async Task<int?> RevokeGrantsAsync(string email, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        return account is null ? null : await revoker.RevokeAccountGrantsAsync(account.AccountId, RevocationReasons.Simulated, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access tokens of account {AccountId} expired by the simulation ({AffectedGrants} grants)")]
    private static partial void LogAccessTokensExpired(ILogger logger, string accountId, int affectedGrants);
}
