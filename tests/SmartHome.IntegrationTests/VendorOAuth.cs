using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel.Client;

namespace SmartHome.IntegrationTests;

/// <summary>
/// A test's own OAuth 2.0 client session at VendorCloud, as the assistant's client (same id,
/// secret and redirect_uri): real codes and tokens the test can replay, refresh and break.
/// </summary>
public sealed class VendorOAuth(SmartHomeAppFixture fixture)
{
    public const string ClientId = "assistant";

    public Uri Vendor { get; } = fixture.App.GetEndpoint("vendorcloud", "http");

    public string RedirectUri { get; } = new Uri(fixture.App.GetEndpoint("assistantcloud", "http"), "/api/link/callback").ToString();

    public string TokenAddress => new Uri(Vendor, "/oauth/token").ToString();

    /// <summary>A fresh PKCE pair and state, and the authorize URL that carries them.</summary>
    public (Uri AuthorizeUrl, string Verifier, string State) NewAuthorization(string? challengeOverride = null)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = challengeOverride ?? Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("n");
        var url = new RequestUrl(new Uri(Vendor, "/oauth/authorize").ToString()).CreateAuthorizeUrl(
            clientId: ClientId, responseType: "code", redirectUri: RedirectUri, state: state,
            codeChallenge: challenge, codeChallengeMethod: "S256", scope: "smarthome");
        return (new Uri(url), verifier, state);
    }

    /// <summary>Signs in and returns the code (and the verifier that goes with it).</summary>
    public async Task<(string Code, string Verifier)> GetCodeAsync(string email, string password, CancellationToken cancellationToken)
    {
        var (url, verifier, state) = NewAuthorization();
        var location = await PersonsBrowser.SignInAsync(url, email, password, cancellationToken);
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(state, query["state"]);
        var code = query["code"] ?? throw new InvalidOperationException($"No code in the redirect: {location}");
        TestSecrets.Remember(code);
        TestSecrets.Remember(state);
        TestSecrets.Remember(verifier);
        return (code, verifier);
    }

    public async Task<TokenResponse> ExchangeAsync(string code, string verifier, CancellationToken cancellationToken,
        string? clientSecret = null, string? redirectUri = null)
    {
        using var http = new HttpClient();
        var tokens = await http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = TokenAddress,
            ClientId = ClientId,
            ClientSecret = clientSecret ?? SmartHomeAppFixture.AssistantClientSecret,
            Code = code,
            RedirectUri = redirectUri ?? RedirectUri,
            CodeVerifier = verifier,
        }, cancellationToken);
        Remember(tokens);
        return tokens;
    }

    public async Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var tokens = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = TokenAddress,
            ClientId = ClientId,
            ClientSecret = SmartHomeAppFixture.AssistantClientSecret,
            RefreshToken = refreshToken,
        }, cancellationToken);
        Remember(tokens);
        return tokens;
    }

    /// <summary>Links an account end to end: sign-in, code, token exchange. Asserts success.</summary>
    public async Task<TokenResponse> LinkAsync(string email, string password, CancellationToken cancellationToken)
    {
        var (code, verifier) = await GetCodeAsync(email, password, cancellationToken);
        var tokens = await ExchangeAsync(code, verifier, cancellationToken);
        Assert.False(tokens.IsError, $"token exchange failed: {tokens.Error} {tokens.ErrorDescription}");
        return tokens;
    }

    private static void Remember(TokenResponse tokens)
    {
        TestSecrets.Remember(tokens.AccessToken);
        TestSecrets.Remember(tokens.RefreshToken);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
