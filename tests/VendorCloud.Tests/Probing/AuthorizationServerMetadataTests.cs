using System.Net;
using System.Text.Json.Nodes;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>RFC 8414: the vendor's authorization server describes itself at /.well-known/oauth-authorization-server.</summary>
public sealed class AuthorizationServerMetadataTests
{
    [Fact]
    public async Task The_metadata_document_names_the_issuer_endpoints_PKCE_grants_and_client_authentication()
    {
        await using var host = await VendorHttpHost.StartAsync();

        var response = await host.Http.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var issuer = host.Http.BaseAddress!.ToString().TrimEnd('/');
        Assert.Equal(issuer, (string?)metadata["issuer"]);
        Assert.Equal($"{issuer}/oauth/authorize", (string?)metadata["authorization_endpoint"]);
        Assert.Equal($"{issuer}/oauth/token", (string?)metadata["token_endpoint"]);
        Assert.Equal($"{issuer}/oauth/revoke", (string?)metadata["revocation_endpoint"]);
        Assert.Equal(["S256"], metadata["code_challenge_methods_supported"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["code"], metadata["response_types_supported"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["authorization_code", "refresh_token"], metadata["grant_types_supported"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(["client_secret_basic", "client_secret_post"],
            metadata["token_endpoint_auth_methods_supported"]!.AsArray().Select(v => (string?)v));
        Assert.Contains("smarthome", metadata["scopes_supported"]!.AsArray().Select(v => (string?)v));
    }
}
