using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>RFC 6749 5.1 successful token response.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>RFC 6749 5.2 error response; <see cref="StatusCode"/> is 401 for invalid_client, else 400.</summary>
internal sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description)
{
    [JsonIgnore]
    public int StatusCode => Error == OAuthErrorCodes.InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest;
}

internal static class OAuthErrorCodes
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string UnsupportedResponseType = "unsupported_response_type";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
}

/// <summary>
/// Either a token response or an OAuth error; <see cref="LinkReason"/> says why a grant is no longer
/// usable (a <see cref="RevocationReasons"/> value) when that is the cause, for the trace.
/// </summary>
internal sealed record TokenResult(TokenResponse? Response, OAuthError? Error, string? LinkReason = null)
{
    public static TokenResult Success(TokenResponse response) => new(response, null);

    public static TokenResult Fail(string error, string description, string? linkReason = null) =>
        new(null, new OAuthError(error, description), linkReason);
}

/// <summary>Outcome of checking an access token presented to the skill endpoint.</summary>
internal enum AccessTokenStatus
{
    Valid,
    Invalid,
    Expired,
}

internal sealed record AccessTokenCheck(AccessTokenStatus Status, string? AccountId, string? GrantId, string? LinkReason = null);
