using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Duende.IdentityModel.Client;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Plays the person's browser through VendorCloud's OAuth 2.0 authorization-code flow with PKCE,
/// as the assistant's client, so that a test holds real vendor tokens of its own.
/// </summary>
public static partial class VendorAccountLink
{
    public static async Task<TokenResponse> LinkAsync(SmartHomeAppFixture fixture, string email, string password, CancellationToken cancellationToken)
    {
        var vendor = fixture.App.GetEndpoint("vendorcloud", "http");
        var redirectUri = new Uri(fixture.App.GetEndpoint("assistantcloud", "http"), "/api/link/callback").ToString();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("n");

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = vendor };
        var authorizeUrl = new RequestUrl(new Uri(vendor, "/oauth/authorize").ToString()).CreateAuthorizeUrl(
            clientId: "assistant", responseType: "code", redirectUri: redirectUri, state: state,
            codeChallenge: challenge, codeChallengeMethod: "S256", scope: "smarthome");

        var page = await browser.GetStringAsync(authorizeUrl, cancellationToken);
        var action = FormAction().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "/oauth/authorize";
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(page))
        {
            var attributes = Attribute().Matches(input.Value)
                .ToDictionary(a => a.Groups["key"].Value.ToLowerInvariant(), a => WebUtility.HtmlDecode(a.Groups["value"].Value));
            if (attributes.GetValueOrDefault("type") == "hidden" && attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value", "");
            }
        }
        fields["email"] = email;
        fields["password"] = password;

        using var signIn = await browser.PostAsync(new Uri(vendor, action), new FormUrlEncodedContent(fields), cancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var location = signIn.Headers.Location ?? throw new InvalidOperationException("No Location after sign-in");
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(state, query["state"]);
        var code = query["code"] ?? throw new InvalidOperationException($"No code in the redirect: {query}");

        using var tokenClient = new HttpClient { BaseAddress = vendor };
        var tokens = await tokenClient.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = new Uri(vendor, "/oauth/token").ToString(),
            ClientId = "assistant",
            ClientSecret = SmartHomeAppFixture.AssistantClientSecret,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = verifier,
        }, cancellationToken);
        Assert.False(tokens.IsError, $"token exchange failed: {tokens.Error} {tokens.ErrorDescription}");
        return tokens;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("(?<key>[a-zA-Z_-]+)\\s*=\\s*[\"'](?<value>[^\"']*)[\"']")]
    private static partial Regex Attribute();
}
