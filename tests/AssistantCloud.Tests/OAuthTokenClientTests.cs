using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

public class OAuthTokenClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private sealed class SingleClientFactory(HttpMessageHandler handler, TimeSpan? timeout = null) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(100) };
    }

    private static (OAuthTokenClient Client, RecordingHandler Handler) Create(Func<HttpRequestMessage, string, HttpResponseMessage> respond)
    {
        var handler = new RecordingHandler(respond);
        var options = Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "client-s3cret", RedirectUri = "http://localhost/cb" });
        return (new OAuthTokenClient(new SingleClientFactory(handler), new FakeMetadataSource(), options, NullLogger<OAuthTokenClient>.Instance), handler);
    }

    [Fact]
    public async Task Revoke_posts_the_refresh_token_with_its_hint_and_client_authentication_to_the_revocation_endpoint()
    {
        var (client, handler) = Create((_, _) => new HttpResponseMessage(HttpStatusCode.OK));

        var result = await client.RevokeAsync("refresh-1", "refresh_token", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(RevocationResult.Revoked, result);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://vendorcloud/oauth/revoke", request.RequestUri!.ToString());
        Assert.Equal("Basic", request.Headers.Authorization?.Scheme);
        var form = QueryHelpers.ParseQuery(body);
        Assert.Equal("refresh-1", form["token"]);
        Assert.Equal("refresh_token", form["token_type_hint"]);
        Assert.DoesNotContain("client-s3cret", body, StringComparison.Ordinal); // the secret goes in the header only
    }

    [Fact]
    public async Task A_vendor_that_does_not_answer_the_revocation_is_a_failure_not_an_exception()
    {
        var (client, _) = Create((_, _) => throw new HttpRequestException("Connection refused"));

        var result = await client.RevokeAsync("refresh-1", "refresh_token", CancellationToken.None).WaitAsync(Wait);

        Assert.False(result.Succeeded);
        Assert.Contains("did not answer", result.Problem);
    }

    [Fact]
    public async Task A_vendor_slower_than_the_clients_timeout_is_unreachable_on_refresh_and_a_failed_revocation_not_an_exception()
    {
        var handler = new HangingHandler();
        var client = new OAuthTokenClient(new SingleClientFactory(handler, TimeSpan.FromMilliseconds(200)), new FakeMetadataSource(),
            Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "client-s3cret", RedirectUri = "http://localhost/cb" }), NullLogger<OAuthTokenClient>.Instance);

        var refresh = await client.RefreshAsync("refresh-1", CancellationToken.None).WaitAsync(Wait);
        Assert.True(refresh.IsTransportFailure);
        Assert.Contains("no answer within", refresh.ErrorDescription);

        var revocation = await client.RevokeAsync("refresh-1", "refresh_token", CancellationToken.None).WaitAsync(Wait);
        Assert.False(revocation.Succeeded);
        Assert.Contains("did not answer within", revocation.Problem);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task The_callers_cancellation_still_cancels_a_refresh()
    {
        var client = new OAuthTokenClient(new SingleClientFactory(new HangingHandler(), Timeout.InfiniteTimeSpan), new FakeMetadataSource(),
            Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "client-s3cret", RedirectUri = "http://localhost/cb" }), NullLogger<OAuthTokenClient>.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RefreshAsync("refresh-1", cancel.Token).WaitAsync(Wait));
    }

    /// <summary>A vendor that takes the request and never answers.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task Invalid_grant_on_refresh_is_the_vendors_refusal_with_its_description()
    {
        var (client, handler) = Create((_, _) => RecordingHandler.Json(
            """{"error":"invalid_grant","error_description":"The account's last sign-in is too old."}""", HttpStatusCode.BadRequest));

        var result = await client.RefreshAsync("refresh-1", CancellationToken.None).WaitAsync(Wait);

        Assert.False(result.IsSuccess);
        Assert.False(result.IsTransportFailure);
        Assert.Equal("invalid_grant", result.Error);
        Assert.Equal("The account's last sign-in is too old.", result.ErrorDescription);
        var form = QueryHelpers.ParseQuery(Assert.Single(handler.Requests).Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("refresh-1", form["refresh_token"]);
    }

    [Fact]
    public async Task A_refresh_answer_carries_the_rotated_refresh_token()
    {
        var (client, _) = Create((_, _) => RecordingHandler.Json(
            """{"access_token":"access-2","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-2"}"""));

        var result = await client.RefreshAsync("refresh-1", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(TokenResult.Success("access-2", "refresh-2", 3600), result);
    }
}
