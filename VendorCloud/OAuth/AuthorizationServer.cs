using Microsoft.Extensions.Options;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>
/// The OAuth 2.0 authorization server's logic (RFC 6749, PKCE RFC 7636, revocation RFC 7009), apart
/// from HTTP. Codes and tokens leave here once, in clear, and are stored only as SHA-256 hashes.
/// </summary>
internal sealed partial class AuthorizationServer(
    IVendorDirectory directory,
    IOAuthStore store,
    TimeProvider time,
    IOptions<OAuthOptions> options,
    ILogger<AuthorizationServer> logger)
{
    /// <summary>A code is remembered after expiry for this long, so that a late reuse still revokes its grant.</summary>
    private static readonly TimeSpan CodeRetention = TimeSpan.FromMinutes(10);

    /// <summary>An access token is remembered after expiry for this long, so that it is answered "expired", not "invalid".</summary>
    private static readonly TimeSpan ExpiredAccessTokenRetention = TimeSpan.FromDays(7);

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

    /// <summary>An interactive sign-in: checks the password and records the time on the account.</summary>
    public async Task<Account?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await directory.FindAccountByEmailAsync(email, cancellationToken);
        if (account is null || !SecretHasher.VerifyPassword(password, account.PasswordHash))
        {
            LogSignInFailed(logger);
            return null;
        }

        var now = time.GetUtcNow();
        await directory.RecordSignInAsync(account.AccountId, now, cancellationToken);
        LogSignedIn(logger, account.AccountId);
        return account with { LastSignInAt = now };
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
                await store.RevokeGrantAsync(redemption.IssuedGrantId, cancellationToken);
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
        var grant = new Grant($"grant-{Guid.NewGuid():N}", issued.AccountId, client.ClientId, now, now,
            SecretHasher.HashToken(refreshToken), null, null);
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

        if (grant.RefreshTokenHash != presentedHash)
        {
            // A rotated-out token. Reuse leeway and grant revocation (RFC 9700 4.14.2) belong to the link policy.
            LogRotatedRefreshTokenPresented(logger, grant.GrantId);
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The refresh token has already been used.");
        }

        var newRefreshToken = SecretHasher.NewToken();
        var rotated = await store.RotateRefreshTokenAsync(grant.GrantId, presentedHash, SecretHasher.HashToken(newRefreshToken),
            time.GetUtcNow(), cancellationToken);
        if (rotated is null)
        {
            return TokenResult.Fail(OAuthErrorCodes.InvalidGrant, "The refresh token has already been used.");
        }

        LogRefreshed(logger, rotated.GrantId);
        return TokenResult.Success(await IssueAccessTokenAsync(rotated, newRefreshToken, cancellationToken));
    }

    /// <summary>RFC 7009: revokes a refresh token (and its grant) or an access token of this client; unknown tokens are ignored.</summary>
    public async Task RevokeAsync(OAuthClient client, string token, CancellationToken cancellationToken)
    {
        var tokenHash = SecretHasher.HashToken(token);
        var grant = await store.FindGrantByRefreshTokenAsync(tokenHash, cancellationToken);
        if (grant is not null && grant.ClientId == client.ClientId)
        {
            await store.RevokeGrantAsync(grant.GrantId, cancellationToken);
            LogGrantRevoked(logger, grant.GrantId);
            return;
        }

        var access = await store.GetAccessTokenAsync(tokenHash, cancellationToken);
        if (access is not null && access.ClientId == client.ClientId)
        {
            await store.DeleteAccessTokenAsync(tokenHash, cancellationToken);
        }
    }

    /// <summary>Checks a bearer token presented with a directive.</summary>
    public async Task<AccessTokenCheck> ValidateAccessTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, null, null);
        }

        var record = await store.GetAccessTokenAsync(SecretHasher.HashToken(token), cancellationToken);
        if (record is null || await store.GetGrantAsync(record.GrantId, cancellationToken) is null)
        {
            return new AccessTokenCheck(AccessTokenStatus.Invalid, null, null);
        }

        return time.GetUtcNow() >= record.ExpiresAt
            ? new AccessTokenCheck(AccessTokenStatus.Expired, record.AccountId, record.GrantId)
            : new AccessTokenCheck(AccessTokenStatus.Valid, record.AccountId, record.GrantId);
    }

    private async Task<TokenResponse> IssueAccessTokenAsync(Grant grant, string refreshToken, CancellationToken cancellationToken)
    {
        var lifetime = options.Value.AccessTokenLifetime;
        var accessToken = SecretHasher.NewToken();
        var record = new AccessTokenRecord(SecretHasher.HashToken(accessToken), grant.GrantId, grant.AccountId, grant.ClientId,
            time.GetUtcNow() + lifetime);
        await store.SaveAccessTokenAsync(record, lifetime + ExpiredAccessTokenRetention, cancellationToken);
        return new TokenResponse(accessToken, "Bearer", (int)lifetime.TotalSeconds, refreshToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth client authentication failed for client {ClientId}")]
    private static partial void LogClientAuthenticationFailed(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Interactive sign-in failed: unknown e-mail or wrong password")]
    private static partial void LogSignInFailed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} signed in interactively")]
    private static partial void LogSignedIn(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorization code of client {ClientId} presented a second time; its grant is revoked")]
    private static partial void LogCodeReused(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} created for account {AccountId} and client {ClientId}")]
    private static partial void LogGrantCreated(ILogger logger, string grantId, string accountId, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A rotated-out refresh token of grant {GrantId} was presented")]
    private static partial void LogRotatedRefreshTokenPresented(ILogger logger, string grantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} refreshed; refresh token rotated")]
    private static partial void LogRefreshed(ILogger logger, string grantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grant {GrantId} revoked by its client")]
    private static partial void LogGrantRevoked(ILogger logger, string grantId);
}
