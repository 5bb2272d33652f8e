using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// The link flow reads the vendor's endpoints from its RFC 8414 metadata: cached, fetched again after a failure,
/// refused without PKCE S256; the token client posts to the token endpoint the metadata names.
/// </summary>
public sealed class VendorMetadataClientTests
{
    private const string Document = """
        {"issuer":"http://localhost:17150","authorization_endpoint":"http://localhost:17150/oauth/authorize",
         "token_endpoint":"http://localhost:17150/oauth/token","revocation_endpoint":"http://localhost:17150/oauth/revoke",
         "code_challenge_methods_supported":["S256"],"grant_types_supported":["authorization_code","refresh_token"]}
        """;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private VendorMetadataClient Create(RecordingHandler handler, SkillOptions? skill = null) =>
        new(new SingleClientFactory(handler), _time, Options.Create(skill ?? new SkillOptions()), NullLogger<VendorMetadataClient>.Instance);

    [Theory]
    [InlineData("https://skill.example", "https://skill.example/.well-known/oauth-authorization-server")]
    [InlineData("https://skill.example/", "https://skill.example/.well-known/oauth-authorization-server")]
    [InlineData("https://as.example:8443/tenant/a", "https://as.example:8443/.well-known/oauth-authorization-server/tenant/a")]
    public async Task The_document_of_a_configured_issuer_is_read_at_its_RFC_8414_address(string issuer, string expected)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(Document));

        await Create(handler, new SkillOptions { Issuer = new Uri(issuer) }).GetAsync(CancellationToken.None);

        Assert.Equal(expected, Assert.Single(handler.Requests).Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task An_explicit_metadata_address_wins_over_the_issuers()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(Document));
        var skill = new SkillOptions { Issuer = new Uri("https://skill.example"), MetadataUri = new Uri("https://skill.example/oauth/meta.json") };

        await Create(handler, skill).GetAsync(CancellationToken.None);

        Assert.Equal("https://skill.example/oauth/meta.json", Assert.Single(handler.Requests).Request.RequestUri!.ToString());
    }

    [Fact]
    public async Task The_document_is_read_through_service_discovery_and_cached()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(Document));
        var client = Create(handler);

        var first = await client.GetAsync(CancellationToken.None);
        var second = await client.GetAsync(CancellationToken.None);

        Assert.Equal("http://vendorcloud/.well-known/oauth-authorization-server", Assert.Single(handler.Requests).Request.RequestUri!.ToString());
        Assert.Equal(new Uri("http://localhost:17150/oauth/authorize"), first.AuthorizationEndpoint);
        Assert.Equal(new Uri("http://localhost:17150/oauth/token"), second.TokenEndpoint);
        Assert.Equal(new Uri("http://localhost:17150/oauth/revoke"), second.RevocationEndpoint);

        _time.Advance(VendorMetadataClient.CacheLifetime);
        await client.GetAsync(CancellationToken.None);
        Assert.Equal(2, handler.Requests.Count); // refreshed once the cache is old
    }

    [Fact]
    public async Task A_failure_is_not_cached_the_next_use_fetches_again()
    {
        var answers = new Queue<HttpResponseMessage>([new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), RecordingHandler.Json(Document)]);
        var client = Create(new RecordingHandler((_, _) => answers.Dequeue()));

        await Assert.ThrowsAsync<AuthorizationServerMetadataException>(() => client.GetAsync(CancellationToken.None));
        Assert.Equal(new Uri("http://localhost:17150/oauth/token"), (await client.GetAsync(CancellationToken.None)).TokenEndpoint);
    }

    [Theory]
    [InlineData("""{"authorization_endpoint":"http://v/oauth/authorize","token_endpoint":"http://v/oauth/token","code_challenge_methods_supported":["plain"]}""")]
    [InlineData("""{"authorization_endpoint":"http://v/oauth/authorize","code_challenge_methods_supported":["S256"]}""")]
    [InlineData("""{"authorization_endpoint":"/oauth/authorize","token_endpoint":"/oauth/token","code_challenge_methods_supported":["S256"]}""")]
    [InlineData("not json")]
    public async Task A_document_without_S256_or_absolute_endpoints_is_refused(string document)
    {
        var client = Create(new RecordingHandler((_, _) => RecordingHandler.Json(document)));

        await Assert.ThrowsAsync<AuthorizationServerMetadataException>(() => client.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_token_client_uses_the_token_endpoint_the_metadata_names_and_reads_it_again_when_it_does_not_answer()
    {
        var handler = new RecordingHandler((_, _) => throw new HttpRequestException("Connection refused"));
        var metadata = new FakeMetadataSource { Metadata = FakeMetadataSource.At("http://auth.vendor.example") };
        var client = new OAuthTokenClient(new SingleClientFactory(handler), metadata,
            Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "s3cret" }), NullLogger<OAuthTokenClient>.Instance);

        var result = await client.RefreshAsync("refresh-1", CancellationToken.None);

        Assert.True(result.IsTransportFailure);
        Assert.Equal("http://auth.vendor.example/oauth/token", Assert.Single(handler.Requests).Request.RequestUri!.ToString());
        Assert.Equal(1, metadata.Invalidations);

        metadata.Metadata = null; // the vendor cannot be reached at all: a transport failure, not an exception
        Assert.True((await client.RefreshAsync("refresh-1", CancellationToken.None)).IsTransportFailure);
    }
}
