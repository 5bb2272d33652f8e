using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>AcceptGrant when a link completes: the code it carries, and what its failure does to the link (Amazon's rule).</summary>
public sealed class AcceptGrantLinkTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(ReturnPathTestData.Start);
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _vendorTokens = new();
    private readonly FakeVendorClient _vendor = new();
    private readonly LinkLocks _locks = new();

    private LwaTokenService Tokens => new(new EventGrantStore(redis.Redis), _time,
        Options.Create(new EventGatewayOptions { SkillClientSecret = ReturnPathTestData.SkillSecret }), NullLogger<LwaTokenService>.Instance);

    private LinkService CreateService()
    {
        var provider = new AccessTokenProvider(_store, _vendorTokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance);
        return new LinkService(_store, _vendorTokens, new DiscoveryService(provider, _vendor, _store, NullLogger<DiscoveryService>.Instance), _locks, _time,
            new FakeMetadataSource { Metadata = FakeMetadataSource.At("http://localhost:17150") },
            Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "s3cret", RedirectUri = "http://localhost:17101/api/link/callback" }),
            TestMetrics.Create(), NullLogger<LinkService>.Instance,
            new AcceptGrantSender(Tokens, _vendor, NullLogger<AcceptGrantSender>.Instance), Tokens);
    }

    private async Task<LinkCompletion> LinkAsync(Func<AlexaDirective, string> acceptGrant)
    {
        _vendor.Answer = d => d.Name == "AcceptGrant" ? acceptGrant(d) : Discovered(d);
        var service = CreateService();
        var url = await service.StartLinkAsync(_user, Skill, "owner@example.com", CancellationToken.None);
        return await service.CompleteLinkAsync(QueryHelpers.ParseQuery(url.Query)["state"]!, "code-1", CancellationToken.None).WaitAsync(Wait);
    }

    [RedisFact]
    public async Task A_completed_link_sends_AcceptGrant_with_a_code_the_skill_can_exchange_and_the_persons_token()
    {
        var completion = await LinkAsync(_ => AcceptGrantAnswer("AcceptGrant.Response", new JsonObject()));

        Assert.True(completion.Succeeded);
        var acceptGrant = _vendor.Directives.Single(d => d.Name == "AcceptGrant");
        Assert.Equal("Alexa.Authorization", acceptGrant.Namespace);
        Assert.Null(acceptGrant.CorrelationToken);
        var payload = acceptGrant.Body["directive"]!["payload"]!;
        Assert.Equal("OAuth2.AuthorizationCode", payload["grant"]!["type"]!.GetValue<string>());
        Assert.Equal(("BearerToken", "access-1"), (payload["grantee"]!["type"]!.GetValue<string>(), payload["grantee"]!["token"]!.GetValue<string>()));
        // Sent before discovery, after the person's tokens are stored.
        Assert.Equal(["AcceptGrant", "Discover"], _vendor.Directives.Select(d => d.Name));

        var exchanged = await Tokens.ExchangeCodeAsync(ReturnPathTestData.SkillId, payload["grant"]!["code"]!.GetValue<string>());
        Assert.True(exchanged.Succeeded);
        Assert.Equal(_user, exchanged.User);
    }

    [RedisFact]
    public async Task ACCEPT_GRANT_FAILED_fails_the_link_as_Amazons_does_and_says_why()
    {
        var completion = await LinkAsync(_ => AcceptGrantAnswer("ErrorResponse",
            new JsonObject { ["type"] = AcceptGrantSender.AcceptGrantFailed, ["message"] = "could not exchange the code" }));

        Assert.False(completion.Succeeded);
        Assert.Equal(LinkService.AcceptGrantRefused, completion.Error);
        var link = await _store.GetLinkAsync(_user, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Unlinked, link?.State);
        Assert.Null(link?.AccessToken);
        Assert.Contains("ACCEPT_GRANT_FAILED", link?.Reason);
        Assert.Equal(("refresh-1", "refresh_token"), Assert.Single(_vendorTokens.Revocations));
        Assert.DoesNotContain(_vendor.Directives, d => d.Name == "Discover");
    }

    [RedisFact]
    public async Task A_skill_that_does_not_take_AcceptGrant_keeps_its_link_without_a_return_path()
    {
        var completion = await LinkAsync(_ => AcceptGrantAnswer("ErrorResponse", new JsonObject { ["type"] = "INVALID_DIRECTIVE", ["message"] = "unknown" }));

        Assert.True(completion.Succeeded);
        Assert.Equal(LinkState.Linked, (await _store.GetLinkAsync(_user, Skill, CancellationToken.None))?.State);
        var grant = await new EventGrantStore(redis.Redis).GetGrantAsync(_user, Skill);
        Assert.Equal(EventGrantStates.Failed, grant?.State);
        Assert.Contains("INVALID_DIRECTIVE", grant?.Reason);
    }

    [RedisFact]
    public async Task Disabling_the_skill_ends_its_permission_to_report()
    {
        await LinkAsync(_ => AcceptGrantAnswer("AcceptGrant.Response", new JsonObject()));

        await CreateService().DisableAsync(_user, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(EventGrantStates.Disabled, (await new EventGrantStore(redis.Redis).GetGrantAsync(_user, Skill))?.State);
    }

    private static string AcceptGrantAnswer(string name, JsonObject payload) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa.Authorization",
                ["name"] = name,
                ["messageId"] = Guid.NewGuid().ToString(),
                ["payloadVersion"] = "3",
            },
            ["payload"] = payload,
        },
    }.ToJsonString();

    private static string Discovered(AlexaDirective directive) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa.Discovery",
                ["name"] = "Discover.Response",
                ["messageId"] = Guid.NewGuid().ToString(),
                ["payloadVersion"] = "3",
            },
            ["payload"] = new JsonObject
            {
                ["endpoints"] = new JsonArray(new JsonObject { ["endpointId"] = "plug-1", ["friendlyName"] = "bedroom lamp" }),
            },
        },
    }.ToJsonString();
}
