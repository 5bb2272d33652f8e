using SmartHome.VendorCloud.Accounts;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>Grants as the simulation and the support API see them: their state, never a token.</summary>
internal sealed class GrantViews(IVendorDirectory directory, IOAuthStore store, GrantRevoker revoker, TimeProvider time)
{
    /// <summary>The simulation's view of an account's grants; null for an unknown account. Never a token.</summary>
    public async Task<IReadOnlyList<GrantView>?> ListGrantsAsync(string email, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var grants = await store.ListAccountGrantsAsync(account.AccountId, cancellationToken);
        return grants.Select(grant => View(grant, account, now)).ToList();
    }

    /// <summary>
    /// Each account's newest grant to any client, in the order asked, read side by side (one study sample of a thousand
    /// households is ten requests, not a thousand). The state is computed as in <see cref="ListGrantsAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<NewestGrant>> NewestGrantsAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await Task.WhenAll(emails.Select(async email =>
        {
            if (await directory.FindAccountByEmailAsync(email, cancellationToken) is not { } account)
            {
                return new NewestGrant(email, Known: false, Grant: null);
            }

            // The store lists oldest first.
            var newest = (await store.ListAccountGrantsAsync(account.AccountId, cancellationToken)).LastOrDefault();
            return new NewestGrant(email, Known: true, newest is null ? null : View(newest, account, now));
        }));
    }

    /// <summary>
    /// The account's newest grant to the client, as <see cref="ListGrantsAsync"/> shows it (the state is computed,
    /// nothing is revoked by looking); null when the account never granted the client anything.
    /// </summary>
    public async Task<GrantView?> FindNewestGrantAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        // The store lists oldest first: the last one of the client is its newest.
        var newest = (await store.ListAccountGrantsAsync(accountId, cancellationToken)).LastOrDefault(grant => grant.ClientId == clientId);
        return newest is null ? null : View(newest, await directory.GetAccountAsync(accountId, cancellationToken), time.GetUtcNow());
    }

    private GrantView View(Grant grant, Account? account, DateTimeOffset now)
    {
        var state = grant.IsRevoked
            ? RevocationReasons.IsExpiry(grant.RevokedReason) ? GrantView.Expired : GrantView.Revoked
            : revoker.EvaluatePolicy(grant, account, now) is null ? GrantView.Active : GrantView.Expired;
        return new GrantView(grant.GrantId, grant.ClientId, state, grant.CreatedAt, grant.LastUsedAt, account?.LastSignInAt,
            grant.RefreshCount, grant.RevokedReason);
    }
}
