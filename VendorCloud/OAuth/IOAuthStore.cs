namespace SmartHome.VendorCloud.OAuth;

/// <summary>Codes, grants and access tokens, all keyed by SHA-256 hashes of the secrets.</summary>
internal interface IOAuthStore
{
    /// <summary>Stores a code; <paramref name="retention"/> is how long it is remembered (longer than its lifetime, to recognise reuse).</summary>
    Task SaveCodeAsync(AuthorizationCode code, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Marks the code redeemed atomically; reports whether an earlier redemption happened.</summary>
    Task<CodeRedemption> RedeemCodeAsync(string codeHash, CancellationToken cancellationToken);

    /// <summary>Records which grant a redeemed code issued.</summary>
    Task AttachGrantToCodeAsync(string codeHash, string grantId, CancellationToken cancellationToken);

    Task CreateGrantAsync(Grant grant, CancellationToken cancellationToken);

    Task<Grant?> GetGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Finds the grant whose current or previous refresh token has this hash.</summary>
    Task<Grant?> FindGrantByRefreshTokenAsync(string refreshTokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the grant's current refresh token if it is still <paramref name="expectedRefreshTokenHash"/>
    /// (two concurrent refreshes with the same token: only one wins). Returns the updated grant, or null.
    /// </summary>
    Task<Grant?> RotateRefreshTokenAsync(string grantId, string expectedRefreshTokenHash, string newRefreshTokenHash,
        DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the grant and its refresh-token index; its access tokens stop validating with it.</summary>
    Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken);

    /// <summary>Stores an access token; <paramref name="retention"/> exceeds its lifetime so that expiry is recognised as such.</summary>
    Task SaveAccessTokenAsync(AccessTokenRecord token, TimeSpan retention, CancellationToken cancellationToken);

    Task<AccessTokenRecord?> GetAccessTokenAsync(string tokenHash, CancellationToken cancellationToken);

    Task DeleteAccessTokenAsync(string tokenHash, CancellationToken cancellationToken);
}
