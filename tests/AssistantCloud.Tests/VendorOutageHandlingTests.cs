using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Utterances;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// A vendor outage as the assistant meets it (the vendor's simulated outage answers 503 with Retry-After):
/// the person hears "the service isn't responding", the link is neither expired nor refreshed in a storm.
/// </summary>
public sealed class VendorOutageHandlingTests
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"],
        ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"], new Dictionary<string, string>());

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly LinkLocks _locks = new();

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>The vendor cloud during its outage: 503, Retry-After, and the token endpoint's temporarily_unavailable.</summary>
    private static HttpResponseMessage Outage(HttpRequestMessage request)
    {
        var response = request.RequestUri!.AbsolutePath.StartsWith("/oauth", StringComparison.Ordinal)
            ? RecordingHandler.Json("""{"error":"temporarily_unavailable","error_description":"The vendor cloud is temporarily unavailable."}""",
                HttpStatusCode.ServiceUnavailable)
            : RecordingHandler.Json("""{"status":503,"title":"Service Unavailable"}""", HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(5));
        return response;
    }

    private static OAuthTokenClient TokenClient(HttpMessageHandler handler) => new(new SingleClientFactory(handler), new FakeMetadataSource(),
        Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "client-s3cret", RedirectUri = "http://localhost/cb" }),
        NullLogger<OAuthTokenClient>.Instance);

    private AccessTokenProvider Provider(ITokenClient tokens) =>
        new(_store, tokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance);

    private UtteranceHandler Handler(ITokenClient tokens, IVendorClient vendor) =>
        new(_store, Provider(tokens), vendor, TestNames.Default, _time, TestMetrics.Create(), NullLogger<UtteranceHandler>.Instance);

    private async Task LinkedWithLampAsync(TimeSpan accessTokenLifetime)
    {
        await _store.EnsureUserAsync(User, CancellationToken.None);
        await _store.SaveLinkAsync(new AccountLink(User, Skill, LinkState.Linked, "access-1", "refresh-1",
            _time.GetUtcNow() + accessTokenLifetime, "owner@example.com", _time.GetUtcNow()), CancellationToken.None);
        await _store.ReplaceEndpointsAsync(User, Skill, [Lamp], CancellationToken.None);
    }

    private async Task AssertLinkIntactAsync()
    {
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Linked, link!.State);
        Assert.Equal("access-1", link.AccessToken);
        Assert.Equal("refresh-1", link.RefreshToken);
        Assert.Null(link.Reason);
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None));
    }

    [Fact]
    public async Task A_503_from_the_token_endpoint_is_not_a_refusal_of_the_grant()
    {
        var result = await TokenClient(new RecordingHandler((request, _) => Outage(request)))
            .RefreshAsync("refresh-1", CancellationToken.None).WaitAsync(Wait);

        Assert.False(result.IsSuccess);
        Assert.NotEqual(AccessTokenProvider.InvalidGrant, result.Error);
    }

    [Fact]
    public async Task A_503_on_the_skill_endpoint_is_ServiceUnavailable_with_an_Error_span_and_leaves_the_link_alone()
    {
        await LinkedWithLampAsync(TimeSpan.FromHours(1));
        var tokens = new FakeTokenClient();
        tokens.RefreshGate.SetResult();
        var skill = new RecordingHandler((request, _) => Outage(request));
        var vendor = new VendorClient(new HttpClient(skill) { BaseAddress = new Uri("http://vendorcloud/alexa/v3/directives") }, NullLogger<VendorClient>.Instance);
        using var recorder = new ActivityRecorder(AssistantCloudTelemetry.SourceName);

        var result = await Handler(tokens, vendor).HandleAsync(User, "turn on the bedroom lamp", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, result.Outcome);
        Assert.Equal("The service isn't responding right now.", result.Speech);
        Assert.Single(skill.Requests); // no retry of a directive the vendor may not have seen
        Assert.Equal(0, tokens.RefreshCalls);
        await AssertLinkIntactAsync();
        var span = Assert.Single(recorder.Stopped, a => a.OperationName == "utterance" && a.TraceId.ToHexString() == result.TraceId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("ServiceUnavailable", span.GetTagItem("smarthome.outcome"));
    }

    [Fact]
    public async Task An_expired_credential_whose_refresh_gets_503_keeps_the_tokens_and_is_ServiceUnavailable()
    {
        await LinkedWithLampAsync(TimeSpan.FromHours(1));
        var oauth = new RecordingHandler((request, _) => Outage(request));
        var vendor = new FakeVendorClient { Answer = d => AlexaAnswers.ErrorResponse(d, "EXPIRED_AUTHORIZATION_CREDENTIAL") };
        var handler = Handler(TokenClient(oauth), vendor);

        var first = await handler.HandleAsync(User, "turn on the bedroom lamp", CancellationToken.None).WaitAsync(Wait);
        var second = await handler.HandleAsync(User, "turn on the bedroom lamp", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(UtteranceOutcome.ServiceUnavailable, first.Outcome);
        Assert.Equal(UtteranceOutcome.ServiceUnavailable, second.Outcome);
        Assert.Single(oauth.Requests); // the second utterance does not ask the failing token endpoint again
        await AssertLinkIntactAsync();
    }

    [Fact]
    public async Task Twenty_callers_with_an_expired_token_during_an_outage_cause_one_refresh_then_one_per_retry_delay()
    {
        await LinkedWithLampAsync(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(2)); // the access token has expired
        var tokens = new FakeTokenClient { OnRefresh = _ => TokenResult.Unreachable("HTTP 503 Service Unavailable") };
        tokens.RefreshGate.SetResult();
        var provider = Provider(tokens);

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => provider.GetAccessTokenAsync(User, Skill, CancellationToken.None)))).WaitAsync(Wait);

        Assert.Equal(1, tokens.RefreshCalls);
        Assert.All(results, r => Assert.Equal(AccessTokenStatus.Unavailable, r.Status));
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal((LinkState.Linked, "refresh-1"), (link!.State, link.RefreshToken));
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None));

        _time.Advance(AccessTokenProvider.RefreshRetryDelay - TimeSpan.FromSeconds(1));
        await provider.GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(1, tokens.RefreshCalls);

        // The vendor is back and the delay has passed: the next caller refreshes, and the link is whole again.
        tokens.OnRefresh = _ => TokenResult.Success("access-2", "refresh-2", 3600);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AccessTokenResult.Valid("access-2"), await provider.GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(2, tokens.RefreshCalls);
    }

    [Fact]
    public async Task A_token_still_valid_is_used_while_its_early_refresh_fails()
    {
        await LinkedWithLampAsync(TimeSpan.FromMinutes(4)); // inside the refresh margin, not expired
        var tokens = new FakeTokenClient { OnRefresh = _ => TokenResult.Unreachable("HTTP 503 Service Unavailable") };
        tokens.RefreshGate.SetResult();
        var provider = Provider(tokens);

        Assert.Equal(AccessTokenResult.Valid("access-1"), await provider.GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(AccessTokenResult.Valid("access-1"), await provider.GetAccessTokenAsync(User, Skill, CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(1, tokens.RefreshCalls);
        await AssertLinkIntactAsync();
    }
}
