namespace SmartHome.VendorCloud.OAuth;

/// <summary>An issued authorization code, stored under the SHA-256 of the code.</summary>
internal sealed record AuthorizationCode(
    string CodeHash,
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    string AccountId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);

/// <summary>
/// What redeeming a code found: the code (null when unknown) and, when it had been redeemed before,
/// the grant that first redemption issued (so that it can be revoked, RFC 6749 4.1.2).
/// </summary>
internal sealed record CodeRedemption(AuthorizationCode? Code, bool AlreadyRedeemed, string? IssuedGrantId);

/// <summary>
/// One account link: the authorization an account gave a client. Refresh tokens rotate on every use;
/// the last few rotated-out ones are kept with their rotation time, so that a reuse is recognised: a
/// retry within the leeway succeeds, a later one revokes the grant (RFC 9700 4.14.2). A revoked grant
/// is kept (with why) for the simulation's view and for a clear <c>invalid_grant</c> description.
/// </summary>
internal sealed record Grant(
    string GrantId,
    string AccountId,
    string ClientId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    string RefreshTokenHash,
    IReadOnlyList<RetiredRefreshToken>? RetiredRefreshTokens = null,
    int RefreshCount = 0,
    int AccessTokenGeneration = 0,
    DateTimeOffset? RevokedAt = null,
    string? RevokedReason = null,
    DateTimeOffset? LastRefreshedAt = null)
{
    /// <summary>How many rotated-out refresh tokens are remembered for reuse detection (more while they are within the leeway).</summary>
    public const int RetiredRefreshTokenLimit = 8;

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Every refresh-token hash that leads to this grant (current and retired): the store indexes exactly these.</summary>
    public IEnumerable<string> RefreshTokenHashes =>
        [RefreshTokenHash, .. (RetiredRefreshTokens ?? []).Select(t => t.Hash)];

    public RetiredRefreshToken? FindRetired(string refreshTokenHash) =>
        RetiredRefreshTokens?.FirstOrDefault(t => t.Hash == refreshTokenHash);

    /// <summary>
    /// Replaces the current refresh token; the old one is retired now. A use of the link, and a refresh (the idle timeout starts again). Tokens retired
    /// within <paramref name="leeway"/> are all kept (a burst of retries must not push the one being retried
    /// out of memory); of the older ones, the latest few.
    /// </summary>
    public Grant Rotate(string newRefreshTokenHash, DateTimeOffset now, TimeSpan leeway)
    {
        RetiredRefreshToken[] retired = [new RetiredRefreshToken(RefreshTokenHash, now), .. RetiredRefreshTokens ?? []];
        var recent = retired.Where(t => now - t.RetiredAt <= leeway).ToList();
        return this with
        {
            RefreshTokenHash = newRefreshTokenHash,
            RetiredRefreshTokens = [.. recent, .. retired.Except(recent).Take(Math.Max(RetiredRefreshTokenLimit - recent.Count, 0))],
            RefreshCount = RefreshCount + 1,
            LastUsedAt = now,
            LastRefreshedAt = now,
        };
    }

    public Grant Revoke(string reason, DateTimeOffset now) => this with { RevokedAt = now, RevokedReason = reason };
}

/// <summary>A rotated-out refresh token (its hash) and when it was rotated out.</summary>
internal sealed record RetiredRefreshToken(string Hash, DateTimeOffset RetiredAt);

/// <summary>
/// An issued access token, stored under its SHA-256; valid while unexpired, its grant alive, and its
/// generation current (the simulation's "access tokens expired" fault bumps the grant's generation).
/// </summary>
internal sealed record AccessTokenRecord(string TokenHash, string GrantId, string AccountId, string ClientId, DateTimeOffset ExpiresAt,
    int Generation = 0);
