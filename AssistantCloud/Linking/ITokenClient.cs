namespace SmartHome.AssistantCloud.Linking;

/// <summary>The vendor's OAuth 2.0 token and revocation endpoints, as the assistant (the OAuth client) uses them.</summary>
public interface ITokenClient
{
    Task<TokenResult> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken);

    Task<TokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>RFC 7009 revocation; <paramref name="tokenTypeHint"/> is refresh_token or access_token.</summary>
    Task<RevocationResult> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken);
}
