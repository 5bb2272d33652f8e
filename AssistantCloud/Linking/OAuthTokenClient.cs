using System.Diagnostics;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// <see cref="ITokenClient"/> through Duende.IdentityModel against the vendor's token and revocation endpoints,
/// as its RFC 8414 metadata names them. A singleton: it takes a pooled HttpClient from the factory per call.
/// </summary>
internal sealed partial class OAuthTokenClient(
    IHttpClientFactory httpClientFactory,
    IAuthorizationServerMetadataSource metadata,
    IOptions<LinkingOptions> options,
    ILogger<OAuthTokenClient> logger) : ITokenClient
{
    public const string HttpClientName = "vendor-oauth";

    public Task<TokenResult> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken) =>
        RequestTokenAsync("authorization_code", (http, address, linking) => http.RequestAuthorizationCodeTokenAsync(
            new AuthorizationCodeTokenRequest
            {
                Address = address,
                ClientId = linking.ClientId,
                ClientSecret = linking.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
                Code = code,
                CodeVerifier = codeVerifier,
                RedirectUri = linking.RedirectUri,
            }, cancellationToken), cancellationToken);

    public Task<TokenResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync("refresh_token", (http, address, linking) => http.RequestRefreshTokenAsync(
            new RefreshTokenRequest
            {
                Address = address,
                ClientId = linking.ClientId,
                ClientSecret = linking.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
                RefreshToken = refreshToken,
            }, cancellationToken), cancellationToken);

    /// <summary>One grant at the token endpoint the vendor's metadata names, with the client's credentials.</summary>
    private async Task<TokenResult> RequestTokenAsync(string grantType,
        Func<HttpClient, string, LinkingOptions, Task<TokenResponse>> request, CancellationToken cancellationToken)
    {
        if (await TokenEndpointAsync(cancellationToken) is not { } tokenAddress)
        {
            return TokenResult.Unreachable("the vendor's authorization server metadata could not be read");
        }

        using var http = httpClientFactory.CreateClient(HttpClientName);
        TokenResponse response;
        try
        {
            response = await request(http, tokenAddress, options.Value);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own timeout: IdentityModel turns a failed send into an error answer but lets cancellations
            // through, and a slow vendor is as unreachable as a gone one (it may still have rotated: the retry is in the leeway).
            return Unreachable(grantType, $"no answer within {http.Timeout.TotalSeconds:0} s");
        }

        return ToResult(grantType, response);
    }

    public async Task<RevocationResult> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        Uri? revokeAddress;
        try
        {
            revokeAddress = (await metadata.GetAsync(cancellationToken)).RevocationEndpoint;
        }
        catch (AuthorizationServerMetadataException ex)
        {
            return RevocationResult.Failed($"the vendor did not answer: {ex.Message}");
        }

        if (revokeAddress is null)
        {
            return RevocationResult.Failed("the vendor publishes no revocation endpoint");
        }

        var linking = options.Value;
        using var http = httpClientFactory.CreateClient(HttpClientName);
        TokenRevocationResponse response;
        try
        {
            response = await http.RevokeTokenAsync(new TokenRevocationRequest
            {
                Address = revokeAddress.ToString(),
                ClientId = linking.ClientId,
                ClientSecret = linking.ClientSecret,
                ClientCredentialStyle = ClientCredentialStyle.AuthorizationHeader,
                Token = token,
                TokenTypeHint = tokenTypeHint,
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RevocationFailed($"the vendor did not answer within {http.Timeout.TotalSeconds:0} s");
        }

        if (!response.IsError)
        {
            return RevocationResult.Revoked;
        }

        var problem = response.ErrorType == ResponseErrorType.Protocol && !string.IsNullOrEmpty(response.Error)
            ? $"the vendor refused: {response.Error}"
            : $"the vendor did not answer: {response.Exception?.Message ?? response.HttpErrorReason ?? response.Error}";
        return RevocationFailed(problem);
    }

    private RevocationResult RevocationFailed(string problem)
    {
        LogRevocationFailed(problem);
        return RevocationResult.Failed(problem);
    }

    private TokenResult ToResult(string grant, TokenResponse response)
    {
        if (!response.IsError && !string.IsNullOrEmpty(response.AccessToken))
        {
            return TokenResult.Success(response.AccessToken, response.RefreshToken, response.ExpiresIn);
        }

        // A protocol error is the vendor's OAuth answer; anything else means no answer arrived.
        if (response.ErrorType == ResponseErrorType.Protocol && !string.IsNullOrEmpty(response.Error))
        {
            LogRefused(grant, response.Error, response.ErrorDescription);
            Activity.Current?.SetTag("oauth.error", response.Error);
            return TokenResult.Refused(response.Error, response.ErrorDescription);
        }

        return Unreachable(grant, response.Exception?.Message ?? response.HttpErrorReason ?? response.Error ?? "no access token in the answer");
    }

    private TokenResult Unreachable(string grant, string reason)
    {
        LogUnreachable(grant, reason);
        // The endpoint may have moved: read the metadata again next time.
        metadata.Invalidate();
        return TokenResult.Unreachable(reason);
    }

    /// <summary>The token endpoint from the vendor's metadata, or null when the metadata cannot be had.</summary>
    private async Task<string?> TokenEndpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await metadata.GetAsync(cancellationToken)).TokenEndpoint!.ToString();
        }
        catch (AuthorizationServerMetadataException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor token endpoint refused the {Grant} grant: {Error} ({ErrorDescription})")]
    private partial void LogRefused(string grant, string error, string? errorDescription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoking a grant at the vendor failed: {Problem}")]
    private partial void LogRevocationFailed(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vendor token endpoint did not answer the {Grant} grant: {Reason}")]
    private partial void LogUnreachable(string grant, string reason);
}
