using System.Text.Json.Serialization;

namespace SmartHome.VendorCloud.OAuth;

/// <summary>RFC 8414 authorization server metadata: what a client needs to know to link, machine-readable.</summary>
internal sealed record AuthorizationServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("scopes_supported")] string[] ScopesSupported,
    [property: JsonPropertyName("response_types_supported")] string[] ResponseTypesSupported,
    [property: JsonPropertyName("grant_types_supported")] string[] GrantTypesSupported,
    [property: JsonPropertyName("code_challenge_methods_supported")] string[] CodeChallengeMethodsSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")] string[] TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] string[] RevocationEndpointAuthMethodsSupported);

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414). The issuer is the address the request came
/// to (scheme, host, path base), so the endpoints it names are ones the caller (and a browser beside it) can
/// reach: the assistant asks through service discovery and sends the person's browser to the authorization endpoint.
/// </summary>
internal static class AuthorizationServerMetadataApi
{
    public const string Path = "/.well-known/oauth-authorization-server";

    private static readonly string[] ClientAuthentication = ["client_secret_basic", "client_secret_post"];

    public static IEndpointRouteBuilder MapAuthorizationServerMetadata(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpRequest request) =>
        {
            var issuer = $"{request.Scheme}://{request.Host}{request.PathBase}";
            return TypedResults.Json(new AuthorizationServerMetadata(
                issuer,
                $"{issuer}/oauth/authorize",
                $"{issuer}/oauth/token",
                $"{issuer}/oauth/revoke",
                ["smarthome"],
                ["code"],
                [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken],
                [Security.Pkce.S256],
                ClientAuthentication,
                ClientAuthentication));
        });
        return app;
    }
}
