using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// The OAuth 2.0 authorization server's token core (RFC 6749, PKCE RFC 7636, revocation RFC 7009), apart
/// from HTTP: client authentication, codes, tokens, refresh rotation. Grants end through <see cref="GrantRevoker"/>. Codes and tokens leave here once, in clear, and are stored only as SHA-256 hashes.
/// </summary>
internal sealed partial class AuthorizationServer(
    IVendorDirectory directory,
    IOAuthStore store,
    GrantRevoker revoker,
    OAuthCounters counters,
    TimeProvider time,
    IOptions<OAuthOptions> options,
    ILogger<AuthorizationServer> logger)
{
    /// <summary>A code is remembered after expiry for this long, so that a late reuse still revokes its grant.</summary>
    private static readonly TimeSpan CodeRetention = TimeSpan.FromMinutes(10);

    /// <summary>An access token is remembered after expiry for this long, so that it is answered "expired", not "invalid".</summary>
    private static readonly TimeSpan ExpiredAccessTokenRetention = TimeSpan.FromDays(7);

    /// <summary>A directive renews its grant's last use at most this often: one write per minute of use is enough.</summary>
    private static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);

    public async Task<OAuthClient?> FindClientAsync(string? clientId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) ? null : await directory.GetClientAsync(clientId, cancellationToken);

    /// <summary>Client authentication (RFC 6749 2.3.1); null when the client or its secret is wrong.</summary>
    public async Task<OAuthClient?> AuthenticateClientAsync(string? clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        var client = await FindClientAsync(clientId, cancellationToken);
        if (client is null || string.IsNullOrEmpty(clientSecret) || !SecretHasher.VerifyToken(clientSecret, client.SecretHash))
        {
            LogClientAuthenticationFailed(logger, clientId ?? "");
            return null;
        }

        return client;
    }

    public async Task<string> IssueCodeAsync(OAuthClient client, string redirectUri, string codeChallenge, string accountId,
        CancellationToken cancellationToken)
    {
        var code = SecretHasher.NewToken();
        var now = time.GetUtcNow();
        var record = new AuthorizationCode(SecretHasher.HashToken(code), client.ClientId, redirectUri, codeChallenge, accountId,
            now, now + OAuthOptions.CodeLifetime);
        await store.SaveCodeAsync(record, CodeRetention, cancellationToken);
        return code;
    }

    public async Task<TokenResult> RedeemCodeAsync(OAuthClient client, string code, string redirectUri, string codeVerifier,
        CancellationToken cancellationToken)
    {
        var codeHash = SecretHasher.HashToken(code);
        var redemption = await store.RedeemCodeAsync(codeHash, cancellationToken);
        if (redemption.Code is null)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The authorization code is unknown.");
        }

        if (redemption.AlreadyRedeemed)
        {
            // RFC 6749 4.1.2: a code used twice revokes the tokens it issued; someone else may hold them.
            if (redemption.IssuedGrantId is not null)
            {
                await revoker.RevokeGrantAsync(redemption.IssuedGrantId, RevocationReasons.CodeReuse, cancellationToken);
            }

            LogCodeReused(logger, redemption.Code.ClientId);
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The authorization code has already been used.");
        }

        var issued = redemption.Code;
        if (time.GetUtcNow() >= issued.ExpiresAt)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The authorization code has expired.");
        }

        if (issued.ClientId != client.ClientId)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The authorization code was issued to another client.");
        }

        if (!string.Equals(issued.RedirectUri, redirectUri, StringComparison.Ordinal))
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The redirect_uri does not match the authorization request.");
        }

        if (!Pkce.VerifyS256(codeVerifier, issued.CodeChallenge))
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The code_verifier does not match the code_challenge.");
        }

        if (await directory.GetAccountAsync(issued.AccountId, cancellationToken) is null)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The account no longer exists.");
        }

        var now = time.GetUtcNow();
        var refreshToken = SecretHasher.NewToken();
        var grant = new Grant($"grant-{Guid.NewGuid():N}", issued.AccountId, client.ClientId, now, now, SecretHasher.HashToken(refreshToken));
        await store.CreateGrantAsync(grant, cancellationToken);
        await store.AttachGrantToCodeAsync(codeHash, grant.GrantId, cancellationToken);
        LogGrantCreated(logger, grant.GrantId, grant.AccountId, grant.ClientId);

        return TokenResult.Success(await IssueAccessTokenAsync(grant, refreshToken, cancellationToken));
    }

    public async Task<TokenResult> RefreshAsync(OAuthClient client, string refreshToken, CancellationToken cancellationToken)
    {
        var presentedHash = SecretHasher.HashToken(refreshToken);
        var grant = await store.FindGrantByRefreshTokenAsync(presentedHash, cancellationToken);
        if (grant is null || grant.ClientId != client.ClientId)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The refresh token is invalid, expired or revoked.");
        }

        if (grant.IsRevoked)
        {
            return Revoked(grant);
        }

        if (await revoker.CheckLinkPolicyAsync(grant, cancellationToken) is { } expiry)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, expiry.Description, expiry.Reason);
        }

        var now = time.GetUtcNow();
        var leeway = options.Value.RefreshReuseLeeway;
        var newRefreshToken = SecretHasher.NewToken();
        var newHash = SecretHasher.HashToken(newRefreshToken);
        var outcome = RefreshOutcome.Unknown;
        // Decided on the grant as it is at the moment of the atomic write, so that two concurrent refreshes
        // with one token see each other: the second finds the token just retired, within the leeway.
        var updated = await store.UpdateGrantAsync(grant.GrantId, current =>
        {
            if (current.IsRevoked)
            {
                outcome = RefreshOutcome.Revoked;
                return null;
            }

            if (current.RefreshTokenHash == presentedHash)
            {
                outcome = RefreshOutcome.Rotated;
                return current.Rotate(newHash, now, leeway);
            }

            var retired = current.FindRetired(presentedHash);
            if (retired is null)
            {
                outcome = RefreshOutcome.Unknown;
                return null;
            }

            // RFC 9700 4.14.2: within the leeway a retry (a response lost on the way) gets a fresh pair and the
            // newest pair wins; after it, the reuse means the token leaked, and the whole grant goes.
            outcome = now - retired.RetiredAt <= leeway ? RefreshOutcome.RetriedWithinLeeway : RefreshOutcome.Reused;
            return outcome == RefreshOutcome.Reused
                ? current.Revoke(RevocationReasons.RefreshTokenReuse, now)
                : current.Rotate(newHash, now, leeway);
        }, cancellationToken);

        switch (outcome)
        {
            case RefreshOutcome.Rotated or RefreshOutcome.RetriedWithinLeeway when updated is not null:
                if (outcome == RefreshOutcome.RetriedWithinLeeway)
                {
                    LogRetriedWithinLeeway(logger, updated.GrantId);
                }

                LogRefreshed(logger, updated.GrantId, updated.RefreshCount);
                return TokenResult.Success(await IssueAccessTokenAsync(updated, newRefreshToken, cancellationToken));
            case RefreshOutcome.Reused when updated is not null:
                await counters.GrantRevokedAsync(RevocationReasons.RefreshTokenReuse, cancellationToken);
                LogRefreshTokenReused(logger, updated.GrantId);
                return Revoked(updated);
            case RefreshOutcome.Revoked:
                return Revoked(await store.GetGrantAsync(grant.GrantId, cancellationToken) ?? grant);
            default:
                return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The refresh token is invalid, expired or revoked.");
        }
    }

    /// <summary>
    /// RFC 7009: a refresh token (current or rotated-out) or an access token of this client revokes its whole
    /// grant; unknown tokens and other clients' tokens are ignored (the answer is 200 either way).
    /// </summary>
    public async Task RevokeAsync(OAuthClient client, string token, CancellationToken cancellationToken)
    {
        var tokenHash = SecretHasher.HashToken(token);
        var grantId = (await store.FindGrantByRefreshTokenAsync(tokenHash, cancellationToken)) is { } grant && grant.ClientId == client.ClientId
            ? grant.GrantId
            : (await store.GetAccessTokenAsync(tokenHash, cancellationToken)) is { } access && access.ClientId == client.ClientId
                ? access.GrantId
                : null;
        if (grantId is not null)
        {
            await revoker.RevokeGrantAsync(grantId, RevocationReasons.ClientRevoked, cancellationToken);
        }
    }

    /// <summary>
    /// Checks a bearer token presented with a directive: unknown, revoked or of a dead link is Invalid; past its
    /// lifetime (or expired by the simulation) on a live link is Expired. A valid one is a use of the link.
    /// </summary>
    public async Task<AccessTokenCheck> ValidateAccessTokenAsync(string? token, CancellationToken cancellationToken) =>
        await ValidateAccessTokenAsync(await FindAccessTokenAsync(token, cancellationToken), cancellationToken);

    /// <summary>
    /// The record of a bearer token, null when the token is unknown. It names the token's account, so a caller can
    /// read what it needs of that account beside <see cref="ValidateAccessTokenAsync(AccessTokenRecord?, CancellationToken)"/>,
    /// and use it only once the check has said Valid.
    /// </summary>
    public async Task<AccessTokenRecord?> FindAccessTokenAsync(string? token, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(token) ? null : await store.GetAccessTokenAsync(SecretHasher.HashToken(token), cancellationToken);

    /// <summary>The check of <see cref="ValidateAccessTokenAsync(string?, CancellationToken)"/>, on a record already found.</summary>
    public async Task<AccessTokenCheck> ValidateAccessTokenAsync(AccessTokenRecord? record, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, null, null);
        }

        // The grant and its account (for the link policy) are read together: one round trip to Redis, not two.
        var grantRead = store.GetGrantAsync(record.GrantId, cancellationToken);
        var accountRead = directory.GetAccountAsync(record.AccountId, cancellationToken);
        await Task.WhenAll(grantRead, accountRead);
        var grant = await grantRead;
        if (grant is null)
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, null, null);
        }

        if (grant.IsRevoked)
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, record.AccountId, record.GrantId, grant.RevokedReason);
        }

        var account = grant.AccountId == record.AccountId ? await accountRead : await directory.GetAccountAsync(grant.AccountId, cancellationToken);
        if (await revoker.CheckLinkPolicyAsync(grant, account, cancellationToken) is { } expiry)
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, record.AccountId, record.GrantId, expiry.Reason);
        }

        var now = time.GetUtcNow();
        if (now >= record.ExpiresAt || record.Generation < grant.AccessTokenGeneration)
        {
            return new AccessTokenCheck(AccessTokenStatus.Expired, record.AccountId, record.GrantId);
        }

        if (now - grant.LastUsedAt >= UseRecordingInterval)
        {
            // A use of the link: under Sliding this is what keeps it alive.
            await store.UpdateGrantAsync(grant.GrantId,
                current => current.IsRevoked || current.LastUsedAt >= now ? null : current with { LastUsedAt = now }, cancellationToken);
        }

        return new AccessTokenCheck(AccessTokenStatus.Valid, record.AccountId, record.GrantId);
    }

    private TokenResult Revoked(Grant grant) =>
        TokenResult.Fail(OAuthErrorCodes.InvalidGrant, RevocationReasons.Describe(grant.RevokedReason, options.Value.PolicyDays),
            grant.RevokedReason);

    private async Task<TokenResponse> IssueAccessTokenAsync(Grant grant, string refreshToken, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.AccessTokenLifetime;
        var accessToken = SecretHasher.NewToken();
        var record = new AccessTokenRecord(SecretHasher.HashToken(accessToken), grant.GrantId, grant.AccountId, grant.ClientId,
            time.GetUtcNow() + lifetime, grant.AccessTokenGeneration);
        await store.SaveAccessTokenAsync(record, lifetime + ExpiredAccessTokenRetention, cancellationToken);
        return new TokenResponse(accessToken, "Bearer", (int)lifetime.TotalSeconds, refreshToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth client authentication failed for client {ClientId}")]
    private static partial void LogClientAuthenticationFailed(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization code of client {ClientId} presented a second time; its grant is revoked")]
    private static partial void LogCodeReused(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} created for account {AccountId} and client {ClientId}")]
    private static partial void LogGrantCreated(ILogger logger, string grantId, string accountId, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A rotated-out refresh token of grant {GrantId} was presented after the reuse leeway; the grant is revoked")]
    private static partial void LogRefreshTokenReused(ILogger logger, string grantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "A rotated-out refresh token of grant {GrantId} was presented within the reuse leeway; a fresh pair is issued")]
    private static partial void LogRetriedWithinLeeway(ILogger logger, string grantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} refreshed ({RefreshCount} refreshes); refresh token rotated")]
    private static partial void LogRefreshed(ILogger logger, string grantId, int refreshCount);

    /// <summary>What a refresh found when it wrote, decided atomically with the write.</summary>
    private enum RefreshOutcome
    {
        Unknown,
        Rotated,
        RetriedWithinLeeway,
        Reused,
        Revoked,
    }
}
