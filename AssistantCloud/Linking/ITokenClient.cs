namespace SmartHome.AssistantCloud.Linking;

/// <summary>The vendor's OAuth 2.0 token endpoint, as the assistant (the OAuth client) uses it.</summary>
public interface ITokenClient
{
    Task<TokenResult> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken);

    Task<TokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}
