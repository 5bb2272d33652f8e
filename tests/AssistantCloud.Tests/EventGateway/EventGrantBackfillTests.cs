using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.EventGateway;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;
using SmartHome.AssistantCloud.Vendor;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// Links without a working event grant (made before the return path existed, or AcceptGrant unanswered at link time)
/// get AcceptGrant from the backfill; links with a grant, or whose grant a person or the dashboard ended, do not.
/// </summary>
public sealed class EventGrantBackfillTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _user = "user-" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _time = new(ReturnPathTestData.Start);
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _vendorTokens = new();
    private readonly FakeVendorClient _vendor = new();

    private EventGrantStore Grants => new(redis.Redis);

    private LwaTokenService Tokens => new(Grants, _time,
        Options.Create(new EventGatewayOptions { SkillClientSecret = ReturnPathTestData.SkillSecret }), NullLogger<LwaTokenService>.Instance);

    private EventGrantBackfill CreateBackfill()
    {
        var accessTokens = new AccessTokenProvider(_store, _vendorTokens, new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(),
            NullLogger<AccessTokenProvider>.Instance);
        return new EventGrantBackfill(_store, Grants, accessTokens, new AcceptGrantSender(Tokens, _vendor, NullLogger<AcceptGrantSender>.Instance),
            _time, NullLogger<EventGrantBackfill>.Instance);
    }

    /// <summary>A link made <paramref name="age"/> ago (on the world's clock), as the seeding or a person left it.</summary>
    private Task LinkAsync(string user, TimeSpan age, LinkState state = LinkState.Linked)
    {
        var linkedAt = _time.GetUtcNow() - age;
        return _store.SaveLinkAsync(new AccountLink(user, Skill, state, state == LinkState.Linked ? "access-" + user : null, "refresh-" + user,
            _time.GetUtcNow().AddHours(1), "owner@example.com", linkedAt, LinkedAt: linkedAt), CancellationToken.None);
    }

    /// <summary>A vendor that takes AcceptGrant as the real one does: it exchanges the code at the token service.</summary>
    private void VendorExchangesTheCode() => _vendor.Answer = directive =>
    {
        var code = directive.Body["directive"]!["payload"]!["grant"]!["code"]!.GetValue<string>();
        var exchanged = Tokens.ExchangeCodeAsync(ReturnPathTestData.SkillId, code).GetAwaiter().GetResult();
        return exchanged.Succeeded
            ? AcceptGrantAnswer("AcceptGrant.Response", new JsonObject())
            : AcceptGrantAnswer("ErrorResponse", new JsonObject { ["type"] = AcceptGrantSender.AcceptGrantFailed, ["message"] = "exchange failed" });
    };

    [RedisFact]
    public async Task A_link_made_before_the_return_path_existed_gets_AcceptGrant_with_the_persons_token_and_an_active_grant()
    {
        await LinkAsync(_user, TimeSpan.FromDays(400));
        VendorExchangesTheCode();

        var result = await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(new BackfillResult(1, 0), result);
        var acceptGrant = Assert.Single(_vendor.Directives);
        Assert.Equal(("Alexa.Authorization", "AcceptGrant"), (acceptGrant.Namespace, acceptGrant.Name));
        Assert.Equal("access-" + _user, acceptGrant.Body["directive"]!["payload"]!["grantee"]!["token"]!.GetValue<string>());
        Assert.Equal(EventGrantStates.Active, (await Grants.GetGrantAsync(_user, Skill))?.State);

        // Idempotent: the next pass finds nothing missing.
        Assert.Equal(new BackfillResult(0, 0), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Single(_vendor.Directives);
    }

    [RedisFact]
    public async Task A_grant_the_vendor_did_not_answer_is_retried_until_it_is_accepted()
    {
        await LinkAsync(_user, TimeSpan.FromMinutes(5));
        _vendor.Answer = _ => throw new VendorUnavailableException("the vendor is down");

        Assert.Equal(new BackfillResult(0, 1), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(EventGrantStates.Failed, (await Grants.GetGrantAsync(_user, Skill))?.State);

        VendorExchangesTheCode();
        Assert.Equal(new BackfillResult(1, 0), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(EventGrantStates.Active, (await Grants.GetGrantAsync(_user, Skill))?.State);
    }

    [RedisFact]
    public async Task A_skill_that_does_not_take_AcceptGrant_is_not_asked_again_every_pass()
    {
        await LinkAsync(_user, TimeSpan.FromDays(400));
        _vendor.Answer = _ => AcceptGrantAnswer("ErrorResponse", new JsonObject { ["type"] = "INVALID_DIRECTIVE", ["message"] = "no such directive" });

        Assert.Equal(new BackfillResult(0, 1), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Equal(EventGrantStates.Failed, (await Grants.GetGrantAsync(_user, Skill))?.State);

        Assert.Equal(new BackfillResult(0, 0), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Single(_vendor.Directives);
    }

    [RedisFact]
    public async Task A_link_still_sending_its_own_AcceptGrant_is_left_for_the_next_pass()
    {
        await LinkAsync(_user, TimeSpan.FromSeconds(1));
        VendorExchangesTheCode();

        Assert.Equal(new BackfillResult(0, 1), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Empty(_vendor.Directives);

        _time.Advance(EventGrantBackfill.SettleTime);
        Assert.Equal(new BackfillResult(1, 0), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
    }

    [RedisFact]
    public async Task Active_revoked_and_disabled_grants_and_links_that_are_not_linked_are_left_alone()
    {
        var active = _user + "-active";
        var revoked = _user + "-revoked";
        var expired = _user + "-expired";
        foreach (var user in new[] { active, revoked })
        {
            await LinkAsync(user, TimeSpan.FromDays(1));
        }

        await LinkAsync(expired, TimeSpan.FromDays(1), LinkState.Expired);
        VendorExchangesTheCode();
        var sender = new AcceptGrantSender(Tokens, _vendor, NullLogger<AcceptGrantSender>.Instance);
        foreach (var user in new[] { active, revoked })
        {
            Assert.Equal(AcceptGrantOutcome.Accepted, await sender.SendAsync(user, Skill, "access-" + user, CancellationToken.None));
        }

        await Tokens.EndGrantAsync(revoked, Skill, EventGrantStates.Revoked, "the dashboard revoked it");
        _vendor.Directives.Clear();

        Assert.Equal(new BackfillResult(0, 0), await CreateBackfill().RunAsync(CancellationToken.None).WaitAsync(Wait));
        Assert.Empty(_vendor.Directives);
        Assert.Equal(EventGrantStates.Revoked, (await Grants.GetGrantAsync(revoked, Skill))?.State);
        Assert.Null(await Grants.GetGrantAsync(expired, Skill));
    }

    [Theory]
    [InlineData(EventGrantStates.Active, 0, false)]
    [InlineData(EventGrantStates.Revoked, 0, false)]
    [InlineData(EventGrantStates.Disabled, 0, false)]
    [InlineData(EventGrantStates.Failed, 0, true)]
    [InlineData(EventGrantStates.Failed, 0, true, AcceptGrantSender.NoAnswerReason + " (connection refused)")]
    [InlineData(EventGrantStates.Failed, 0, false, "accept_grant_failed")]
    [InlineData(EventGrantStates.Failed, 0, false, "the skill answered AcceptGrant with INVALID_DIRECTIVE")]
    [InlineData(EventGrantStates.Issued, 1, false)]
    [InlineData(EventGrantStates.Issued, 6, true)]
    public void A_grant_is_missing_when_the_skill_could_not_be_reached_or_its_code_lapsed(string state, int minutesSinceIssued, bool missing,
        string? reason = null)
    {
        var now = ReturnPathTestData.Start;
        var grant = new EventGrant("g", "u", Skill, state, now.AddMinutes(-minutesSinceIssued), now.AddMinutes(-minutesSinceIssued), reason);
        Assert.Equal(missing, EventGrantBackfill.Missing(grant, now));
        Assert.True(EventGrantBackfill.Missing(null, now));
    }

    private static string AcceptGrantAnswer(string name, JsonObject payload) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = DirectiveBuilder.Authorization,
                ["name"] = name,
                ["messageId"] = Guid.NewGuid().ToString(),
                ["payloadVersion"] = "3",
            },
            ["payload"] = payload,
        },
    }.ToJsonString();
}
