using System.Text.Json.Serialization;

namespace SmartHome.AssistantCloud.Linking;

/// <summary>The part of the vendor's RFC 8414 metadata the link flow uses.</summary>
public sealed record AuthorizationServerMetadata(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("authorization_endpoint")] Uri? AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] Uri? TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] Uri? RevocationEndpoint,
    [property: JsonPropertyName("code_challenge_methods_supported")] IReadOnlyList<string>? CodeChallengeMethodsSupported);

/// <summary>The vendor's metadata could not be read or does not allow linking as the assistant does (PKCE S256).</summary>
public sealed class AuthorizationServerMetadataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Where the vendor's authorization server is, from its metadata document.</summary>
public interface IAuthorizationServerMetadataSource
{
    /// <summary>The metadata, from the cache or fetched; throws <see cref="AuthorizationServerMetadataException"/>.</summary>
    Task<AuthorizationServerMetadata> GetAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the cached document (an endpoint did not answer): the next use fetches it again.</summary>
    void Invalidate();
}
