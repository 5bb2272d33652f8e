namespace SmartHome.VendorCloud.OAuth;

/// <summary>Codes, grants and access tokens, all keyed by SHA-256 hashes of the secrets; and the token-endpoint counters.</summary>
internal interface IOAuthStore
{
    /// <summary>Stores a code; <paramref name="retention"/> is how long it is remembered (longer than its lifetime, to recognise reuse).</summary>
    Task SaveCodeAsync(AuthorizationCode code, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Marks the code redeemed atomically; reports whether an earlier redemption happened.</summary>
    Task<CodeRedemption> RedeemCodeAsync(string codeHash, CancellationToken cancellationToken);

    /// <summary>Records which grant a redeemed code issued.</summary>
    Task AttachGrantToCodeAsync(string codeHash, string grantId, CancellationToken cancellationToken);

    /// <summary>Stores the grant, indexes its refresh token and lists it under its account.</summary>
    Task CreateGrantAsync(Grant grant, CancellationToken cancellationToken);

    Task<Grant?> GetGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Finds the grant whose current or a retired refresh token has this hash (revoked grants too).</summary>
    Task<Grant?> FindGrantByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the grant atomically: if the grant changed meanwhile, the change is
    /// computed again on the newer grant (so it may run more than once and must have no side effects). The
    /// refresh-token index follows <see cref="Grant.RefreshTokenHashes"/>. Returns the stored grant, or null
    /// when the grant is unknown or <paramref name="change"/> declined (returned null).
    /// </summary>
    Task<Grant?> UpdateGrantAsync(string grantId, Func<Grant, Grant?> change, CancellationToken cancellationToken);

    /// <summary>Every grant the account ever gave, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<Grant>> ListAccountGrantsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stores an access token; <paramref name="retention"/> exceeds its lifetime so that expiry is recognised as such.</summary>
    Task SaveAccessTokenAsync(AccessTokenRecord token, TimeSpan retention, CancellationToken cancellationToken);

    Task<AccessTokenRecord?> GetAccessTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Adds one to a named counter (kept since the store's data began).</summary>
    Task IncrementCounterAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, long>> GetCountersAsync(CancellationToken cancellationToken);

    /// <summary>The simulation: one more of the account's refresh answers is to be lost on the way back.</summary>
    Task ArmLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The simulation: drops the account's armed answers that no refresh has taken; how many there were.</summary>
    Task<int> DisarmLostRefreshAnswersAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>True, once per arming, when an answer of the account is to be lost (atomic: whatever replica asks).</summary>
    Task<bool> TakeLostRefreshAnswerAsync(string accountId, CancellationToken cancellationToken);
}
