using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>What the assistant's token service answered: tokens, its OAuth error, or no answer at all.</summary>
internal sealed record AssistantTokenResult(AssistantTokens? Tokens, string? Error, string? Problem)
{
    public static AssistantTokenResult Success(AssistantTokens tokens) => new(tokens, null, null);

    public static AssistantTokenResult Refused(string error) => new(null, error, null);

    public static AssistantTokenResult Unreachable(string problem) => new(null, null, problem);

    public bool IsInvalidGrant => Error == "invalid_grant";
}

/// <summary>The assistant's token service (Login with Amazon's role), as the skill's client.</summary>
internal interface IAssistantTokenClient
{
    Task<AssistantTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken);

    Task<AssistantTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken);
}

/// <summary>
/// <see cref="IAssistantTokenClient"/> through Duende.IdentityModel, authenticated with the skill's client credentials
/// (HTTP Basic). A grant code comes with no redirect URI (AcceptGrant's exchange has none), hence the plain token request.
/// </summary>
internal sealed class AssistantTokenClient(IHttpClientFactory httpClientFactory, IOptions<AssistantEventsOptions> options, TimeProvider time)
    : IAssistantTokenClient
{
    public const string HttpClientName = "assistant-token";

    public Task<AssistantTokenResult> ExchangeCodeAsync(string code, CancellationToken cancellationToken) =>
        RequestAsync(new TokenRequest { GrantType = "authorization_code", Parameters = { { "code", code } } }, cancellationToken);

    public Task<AssistantTokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestAsync(new TokenRequest { GrantType = "refresh_token", Parameters = { { "refresh_token", refreshToken } } }, cancellationToken);

    private async Task<AssistantTokenResult> RequestAsync(TokenRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return AssistantTokenResult.Unreachable("the assistant's token service is not configured (AssistantEvents)");
        }

        request.Address = settings.TokenUrl!.ToString();
        request.ClientId = settings.ClientId!;
        request.ClientSecret = settings.ClientSecret;
        request.ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader;
        using var http = httpClientFactory.CreateClient(HttpClientName);
        var response = await http.RequestTokenAsync(request, cancellationToken);
        if (!response.IsError && !string.IsNullOrEmpty(response.AccessToken) && !string.IsNullOrEmpty(response.RefreshToken))
        {
            return AssistantTokenResult.Success(new AssistantTokens(response.AccessToken, response.RefreshToken,
                time.GetUtcNow().AddSeconds(response.ExpiresIn > 0 ? response.ExpiresIn : 3600)));
        }

        // A protocol error is the token service's OAuth answer; anything else means no usable answer arrived.
        return response.ErrorType == ResponseErrorType.Protocol && !string.IsNullOrEmpty(response.Error)
            ? AssistantTokenResult.Refused(response.Error)
            : AssistantTokenResult.Unreachable(response.Exception?.Message ?? response.HttpErrorReason ?? response.Error ?? "no tokens in the answer");
    }
}
