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
/// the previous one is kept with its rotation time so that reuse can be recognised (and, by a later
/// link policy, allowed within a leeway or answered by revoking the grant).
/// </summary>
internal sealed record Grant(
    string GrantId,
    string AccountId,
    string ClientId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    string RefreshTokenHash,
    string? PreviousRefreshTokenHash,
    DateTimeOffset? RotatedAt);

/// <summary>An issued access token, stored under its SHA-256; valid while unexpired and its grant exists.</summary>
internal sealed record AccessTokenRecord(string TokenHash, string GrantId, string AccountId, string ClientId, DateTimeOffset ExpiresAt);
