namespace SmartHome.AssistantCloud.Linking;

/// <summary>
/// The vendor token endpoint's answer. <see cref="Error"/> is the OAuth error code when the vendor
/// refused (e.g. invalid_grant); <see cref="IsTransportFailure"/> when no OAuth answer came at all.
/// Tokens never appear in <see cref="ToString"/>.
/// </summary>
public sealed record TokenResult(
    string? AccessToken,
    string? RefreshToken,
    int ExpiresInSeconds,
    string? Error,
    string? ErrorDescription,
    bool IsTransportFailure)
{
    public bool IsSuccess => Error is null && !IsTransportFailure && !string.IsNullOrEmpty(AccessToken);

    public static TokenResult Success(string accessToken, string? refreshToken, int expiresInSeconds) =>
        new(accessToken, refreshToken, expiresInSeconds, null, null, false);

    public static TokenResult Refused(string error, string? description) => new(null, null, 0, error, description, false);

    public static TokenResult Unreachable(string description) => new(null, null, 0, null, description, true);

    public override string ToString() =>
        IsSuccess ? $"tokens expiring in {ExpiresInSeconds} s" : IsTransportFailure ? $"unreachable: {ErrorDescription}" : $"{Error}: {ErrorDescription}";
}
