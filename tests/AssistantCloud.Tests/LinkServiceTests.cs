using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

public class LinkServiceTests
{
    private const string User = "owner";
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _tokens = new();
    private readonly LinkLocks _locks = new();
    private readonly FakeVendorClient _vendor = new();
    private readonly FakeMetadataSource _metadata = new() { Metadata = FakeMetadataSource.At("http://localhost:17150") };

    private LinkService CreateService()
    {
        var provider = new AccessTokenProvider(_store, _tokens, _locks, _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance);
        return new LinkService(
            _store,
            _tokens,
            new DiscoveryService(provider, _vendor, _store, NullLogger<DiscoveryService>.Instance),
            _locks,
            _time,
            _metadata,
            Options.Create(new LinkingOptions { ClientId = "assistant", ClientSecret = "s3cret", RedirectUri = "http://localhost:17101/api/link/callback" }),
            TestMetrics.Create(), NullLogger<LinkService>.Instance);
    }

    [Fact]
    public async Task Start_takes_the_authorize_endpoint_from_the_vendors_metadata_and_stores_nothing_without_it()
    {
        _metadata.Metadata = FakeMetadataSource.At("http://auth.vendor.example/tenant");
        var url = await CreateService().StartLinkAsync(User, Skill, null, CancellationToken.None).WaitAsync(Wait);
        Assert.Equal("http://auth.vendor.example/tenant/oauth/authorize", url.GetLeftPart(UriPartial.Path));

        _metadata.Metadata = null;
        await Assert.ThrowsAsync<AuthorizationServerMetadataException>(() => CreateService().StartLinkAsync(User, Skill, null, CancellationToken.None));
    }

    [Fact]
    public async Task Start_gives_the_vendors_authorize_url_with_state_and_an_S256_challenge()
    {
        var url = await CreateService().StartLinkAsync(User, Skill, null, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("http://localhost:17150/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("assistant", query["client_id"]);
        Assert.Equal("http://localhost:17101/api/link/callback", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.DoesNotContain("s3cret", url.ToString(), StringComparison.Ordinal);

        var pending = await _store.TakePendingLinkAsync(query["state"]!, CancellationToken.None);
        Assert.NotNull(pending);
        Assert.Equal(User, pending.User);
        Assert.InRange(pending.CodeVerifier.Length, 43, 128);
        var challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(pending.CodeVerifier)));
        Assert.Equal(challenge, query["code_challenge"]);
        Assert.True(await _store.UserExistsAsync(User, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Complete_exchanges_the_code_with_the_verifier_stores_tokens_and_discovers()
    {
        var service = CreateService();
        var url = await service.StartLinkAsync(User, Skill, "owner@example.com", CancellationToken.None);
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();
        _vendor.Answer = _ => SampleMessages.Text("Discovery/Discovery.response.json");

        var completion = await service.CompleteLinkAsync(state, "code-1", CancellationToken.None).WaitAsync(Wait);

        Assert.True(completion.Succeeded);
        Assert.Equal("code-1", _tokens.LastExchange?.Code);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Linked, link!.State);
        Assert.Equal("access-1", link.AccessToken);
        Assert.Equal("refresh-1", link.RefreshToken);
        Assert.Equal(_time.GetUtcNow().AddSeconds(3600), link.ExpiresAt);
        Assert.Equal("owner@example.com", link.VendorAccount);
        Assert.Equal("Alexa.Discovery.Discover", Assert.Single(_vendor.Directives).QualifiedName);
        Assert.True(completion.Discovery?.Succeeded);
        var endpoints = await _store.GetEndpointsAsync(User, Skill, CancellationToken.None);
        Assert.Contains(endpoints, e => e.FriendlyName == "Light");

        // The state is single-use: replaying the callback fails.
        var replay = await service.CompleteLinkAsync(state, "code-1", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal("invalid_request", replay.Error);
        Assert.Equal(1, _tokens.ExchangeCalls);
    }

    [Fact]
    public async Task An_unknown_state_is_refused_without_a_token_request()
    {
        var completion = await CreateService().CompleteLinkAsync("forged", "code-1", CancellationToken.None).WaitAsync(Wait);

        Assert.False(completion.Succeeded);
        Assert.Equal("invalid_request", completion.Error);
        Assert.Equal(0, _tokens.ExchangeCalls);
    }

    [Fact]
    public async Task A_refused_code_leaves_the_user_unlinked()
    {
        var service = CreateService();
        var url = await service.StartLinkAsync(User, Skill, null, CancellationToken.None);
        _tokens.OnExchange = (_, _) => TokenResult.Refused("invalid_grant", "code expired");

        var completion = await service.CompleteLinkAsync(QueryHelpers.ParseQuery(url.Query)["state"]!, "old-code", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal("invalid_grant", completion.Error);
        Assert.Null(await _store.GetLinkAsync(User, Skill, CancellationToken.None));
    }

    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"], ["Alexa.PowerController"], new Dictionary<string, string>());

    private Task LinkedWithLampAsync() => Task.WhenAll(
        _store.EnsureUserAsync(User, CancellationToken.None),
        _store.SaveLinkAsync(new AccountLink(User, Skill, LinkState.Linked, "access-1", "refresh-1", _time.GetUtcNow().AddHours(1),
            "owner@example.com", _time.GetUtcNow(), LinkedAt: _time.GetUtcNow()), CancellationToken.None),
        _store.ReplaceEndpointsAsync(User, Skill, [Lamp], CancellationToken.None));

    [Fact]
    public async Task Disable_revokes_the_refresh_token_deletes_tokens_and_endpoints_and_unlinks()
    {
        await LinkedWithLampAsync();

        var result = await CreateService().DisableAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(new DisableResult(LinkState.Unlinked, true, "The skill is disabled and the vendor revoked the link."), result);
        Assert.Equal([("refresh-1", "refresh_token")], _tokens.Revocations);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Unlinked, link!.State);
        Assert.Null(link.AccessToken);
        Assert.Null(link.RefreshToken);
        Assert.Null(link.ExpiresAt);
        Assert.Empty(await _store.GetEndpointsAsync(User, Skill, CancellationToken.None));
        Assert.Empty(await _store.GetNotificationsAsync(User, CancellationToken.None)); // the person's own decision
    }

    [Fact]
    public async Task Disable_with_a_silent_vendor_still_unlinks_and_says_so()
    {
        await LinkedWithLampAsync();
        _tokens.OnRevoke = _ => RevocationResult.Failed("the vendor did not answer: connection refused");

        var result = await CreateService().DisableAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(LinkState.Unlinked, result.State);
        Assert.False(result.RevokedAtVendor);
        Assert.Contains("did not confirm", result.Message);
        Assert.Equal(LinkState.Unlinked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
        Assert.Empty(await _store.GetEndpointsAsync(User, Skill, CancellationToken.None));
    }

    [Fact]
    public async Task Disabling_an_expired_link_has_nothing_to_revoke_and_unlinks()
    {
        await LinkedWithLampAsync();
        await _store.SaveLinkAsync(new AccountLink(User, Skill, LinkState.Expired, null, null, null, "owner@example.com", _time.GetUtcNow(), "invalid_grant: x"),
            CancellationToken.None);

        var result = await CreateService().DisableAsync(User, Skill, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(LinkState.Unlinked, result.State);
        Assert.False(result.RevokedAtVendor);
        Assert.Empty(_tokens.Revocations);
        Assert.Equal(LinkState.Unlinked, (await _store.GetLinkAsync(User, Skill, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Re_linking_an_expired_link_replaces_the_endpoints_without_duplicates()
    {
        await LinkedWithLampAsync();
        var expiredAt = _time.GetUtcNow();
        await _store.SaveLinkAsync(new AccountLink(User, Skill, LinkState.Expired, null, null, null, "owner@example.com", expiredAt,
            "invalid_grant: sign-in too old", _time.GetUtcNow().AddDays(-365), expiredAt), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        _vendor.Answer = d => DiscoverResponse(d, ("plug-1", "bedroom lamp"), ("plug-1", "bedroom lamp"));
        var service = CreateService();
        var url = await service.StartLinkAsync(User, Skill, null, CancellationToken.None);

        var completion = await service.CompleteLinkAsync(QueryHelpers.ParseQuery(url.Query)["state"]!, "code-2", CancellationToken.None).WaitAsync(Wait);

        Assert.True(completion.Succeeded);
        Assert.Equal(1, completion.Discovery?.EndpointCount);
        var link = await _store.GetLinkAsync(User, Skill, CancellationToken.None);
        Assert.Equal(LinkState.Linked, link!.State);
        Assert.Equal("access-1", link.AccessToken);
        Assert.Null(link.Reason);
        Assert.Null(link.ExpiredAt);
        Assert.Equal(_time.GetUtcNow(), link.LinkedAt);
        Assert.Equal("owner@example.com", link.VendorAccount);
        var endpoint = Assert.Single(await _store.GetEndpointsAsync(User, Skill, CancellationToken.None));
        Assert.Equal(("plug-1", "bedroom lamp"), (endpoint.EndpointId, endpoint.FriendlyName));
    }

    [Fact]
    public async Task Re_linking_marks_the_link_expired_notice_resolved_and_keeps_it()
    {
        await LinkedWithLampAsync();
        var expiredAt = _time.GetUtcNow();
        await _store.AddNotificationAsync(User, new Notification("n-1", Skill, LinkExpiredNotice.Kind, "expired", expiredAt), CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        _vendor.Answer = d => DiscoverResponse(d, ("plug-1", "bedroom lamp"));
        var service = CreateService();
        var url = await service.StartLinkAsync(User, Skill, null, CancellationToken.None);
        var notice = Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
        Assert.False(notice.IsResolved); // starting is not linking

        var completion = await service.CompleteLinkAsync(QueryHelpers.ParseQuery(url.Query)["state"]!, "code-2", CancellationToken.None).WaitAsync(Wait);

        Assert.True(completion.Succeeded);
        notice = Assert.Single(await _store.GetNotificationsAsync(User, CancellationToken.None));
        Assert.Equal(_time.GetUtcNow(), notice.ResolvedAt);
    }

    private static string DiscoverResponse(AlexaDirective directive, params (string Id, string Name)[] endpoints) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa.Discovery",
                ["name"] = "Discover.Response",
                ["payloadVersion"] = "3",
                ["messageId"] = Guid.NewGuid().ToString(),
            },
            ["payload"] = new JsonObject
            {
                ["endpoints"] = new JsonArray([.. endpoints.Select(e => (JsonNode)new JsonObject
                {
                    ["endpointId"] = e.Id,
                    ["friendlyName"] = e.Name,
                    ["displayCategories"] = new JsonArray("LIGHT"),
                    ["capabilities"] = new JsonArray(new JsonObject { ["type"] = "AlexaInterface", ["interface"] = "Alexa.PowerController", ["version"] = "3" }),
                })]),
            },
        },
    }.ToJsonString();
}

