using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Simulation;
using SmartHome.AssistantCloud.Storage;
using SmartHome.AssistantCloud.Tests.Fakes;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>
/// <c>POST /sim/token-uses</c>'s work (the link-policy study): a use as far as the token makes the token decisions a
/// command makes: a refresh when due, the link expired (and the person told) on invalid_grant, "not responding" when the
/// refresh answer is lost.
/// </summary>
public class TokenUsesTests
{
    private const string Skill = Skills.VendorSkillId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAssistantStore _store = new();
    private readonly FakeTokenClient _tokens = new();

    private TokenUses CreateUses() => new(_store,
        new AccessTokenProvider(_store, _tokens, new LinkLocks(), _time, TestNames.Default, TestMetrics.Create(), NullLogger<AccessTokenProvider>.Instance),
        NullLogger<TokenUses>.Instance);

    private Task LinkAsync(string user, string refreshToken, LinkState state = LinkState.Linked) => _store.SaveLinkAsync(new AccountLink(
        user, Skill, state, "access-" + user, refreshToken, _time.GetUtcNow().AddHours(-1), $"{user}@example.com", _time.GetUtcNow()),
        CancellationToken.None);

    [Fact]
    public async Task Each_person_gets_the_outcome_of_the_token_decision_in_the_order_asked()
    {
        await LinkAsync("alive", "refresh-alive");
        await LinkAsync("dead", "refresh-dead");
        await LinkAsync("lost", "refresh-lost");
        await LinkAsync("expired", "refresh-expired", LinkState.Expired);
        _tokens.OnRefresh = token => token switch
        {
            "refresh-dead" => TokenResult.Refused("invalid_grant", "the link policy ended the grant"),
            "refresh-lost" => TokenResult.Unreachable("the connection was closed"),
            _ => TokenResult.Success("access-new", "refresh-new", 3600),
        };
        _tokens.RefreshGate.SetResult();

        var batch = await CreateUses().UseAsync(["alive", "dead", "lost", "expired", "stranger"], parallelism: 4, CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(
            [("alive", UtteranceOutcome.Success), ("dead", UtteranceOutcome.LinkExpired), ("lost", UtteranceOutcome.ServiceUnavailable),
                ("expired", UtteranceOutcome.LinkExpired), ("stranger", UtteranceOutcome.NotLinked)],
            batch.Results.Select(r => (r.User, r.Outcome)));
        // The refreshes were real: rotated tokens stored, the dead link expired and its person told, as after a command.
        Assert.Equal("refresh-new", (await _store.GetLinkAsync("alive", Skill, CancellationToken.None))!.RefreshToken);
        Assert.Equal(LinkState.Expired, (await _store.GetLinkAsync("dead", Skill, CancellationToken.None))!.State);
        Assert.Contains(await _store.GetNotificationsAsync("dead", CancellationToken.None), n => n.Kind == LinkExpiredNotice.Kind);
        Assert.Equal("refresh-lost", (await _store.GetLinkAsync("lost", Skill, CancellationToken.None))!.RefreshToken);
        Assert.Equal(3, _tokens.RefreshCalls);
    }
}
