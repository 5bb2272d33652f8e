using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The assistant as two replicas behind Aspire's proxy (<c>cloud-replicas=2</c>): twenty commands at the moment of
/// expiry make exactly one refresh, counted by the vendor, whichever replicas they land on; a fault switched by one
/// <c>/sim</c> call is on at both; the token story (a year without sign-in, the notice, re-linking) holds. Every request
/// here opens a new connection (<c>Connection: close</c>) so that the proxy spreads them; the replica that answered is
/// in <c>X-Assistant-Replica</c>.
/// </summary>
[Collection(AssistantReplicasCollection.Name)]
public sealed class AssistantReplicasTests(AssistantReplicasAppFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyCommandsOnBothReplicasAtTheMomentOfExpiryMakeExactlyOneRefresh()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetOAuthStatsAsync();
        await fixture.AdvanceClockAsync(TimeSpan.FromHours(2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.SayOnAnyReplicaAsync("turn on the bedroom lamp")));

        var after = await fixture.GetOAuthStatsAsync();
        Report(answers, before, after);
        Assert.Equal(before.Refreshes + 1, after.Refreshes);
        Assert.Equal(before.RefreshFailures, after.RefreshFailures);
        Assert.Equal(AssistantReplicasAppFixture.Replicas, answers.Select(a => a.Replica).Distinct().Count());
        AssertAnswered(answers);
    }

    [Fact]
    public async Task TwentyCommandsRightAfterTheVendorExpiredTheTokensMakeExactlyOneRefresh()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetOAuthStatsAsync();
        var expired = await fixture.PostVendorAsync($"/sim/oauth/expire-access-tokens?email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}");
        Assert.True(expired.GetProperty("affectedGrants").GetInt32() >= 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.SayOnAnyReplicaAsync("turn off the bedroom lamp")));

        var after = await fixture.GetOAuthStatsAsync();
        Report(answers, before, after);
        Assert.Equal(before.Refreshes + 1, after.Refreshes);
        Assert.Equal(AssistantReplicasAppFixture.Replicas, answers.Select(a => a.Replica).Distinct().Count());
        AssertAnswered(answers);
    }

    [Fact]
    public async Task AnOutageSwitchedByOneSimCallIsOnAtBothReplicasAndOffLikewise()
    {
        using var cts = new CancellationTokenSource(AssistantReplicaRequests.Bound);
        var (status, switchedBy, _) = await fixture.SendToAssistantAsync(HttpMethod.Post, "/sim/outage/on", null, cts.Token);
        Assert.Equal(HttpStatusCode.OK, status);
        output.WriteLine($"outage switched on by replica {switchedBy}");
        try
        {
            // Each replica answers GET /sim/faults from its own copy: both must say on (the other's copy follows within a second).
            var on = await SeenOnEveryReplicaAsync("/sim/faults", body => body.GetProperty("outage").GetBoolean(), cts.Token);
            output.WriteLine($"outage on at: {string.Join(", ", on)}");

            // And the outage is what each replica does: an utterance answers 503 whichever replica takes it.
            var refusedBy = new HashSet<string>();
            for (var i = 0; i < 40 && refusedBy.Count < AssistantReplicasAppFixture.Replicas; i++)
            {
                var (utteranceStatus, replica, _) = await fixture.SendToAssistantAsync(HttpMethod.Post, "/api/utterances", new UtteranceRequest("owner", "turn on the bedroom lamp"), cts.Token);
                Assert.True(utteranceStatus == HttpStatusCode.ServiceUnavailable, $"utterance {i} on replica {replica} during the outage: {(int)utteranceStatus}");
                refusedBy.Add(replica);
            }

            Assert.Equal(AssistantReplicasAppFixture.Replicas, refusedBy.Count);
        }
        finally
        {
            var (offStatus, _, _) = await fixture.SendToAssistantAsync(HttpMethod.Post, "/sim/outage/off", null, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, offStatus);
        }

        var off = await SeenOnEveryReplicaAsync("/sim/faults", body => !body.GetProperty("outage").GetBoolean(), cts.Token);
        output.WriteLine($"outage off at: {string.Join(", ", off)}");
    }

    [Fact]
    public async Task AYearWithoutSignInExpiresTheLinkOnceAndRelinkingRestoresIt()
    {
        await fixture.EnsureLinkedAsync();
        var noticesBefore = (await fixture.GetNotificationsAsync()).Count(n => n.Kind == "LinkExpired" && !n.Resolved);
        Assert.Equal(0, noticesBefore);

        // The link's maximum age under SignInAge is 365 days from the last sign-in (the re-link just now or the seeding).
        await fixture.AdvanceClockAsync(TimeSpan.FromDays(366));
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.SayOnAnyReplicaAsync("turn on the bedroom lamp")));
        output.WriteLine(string.Join(Environment.NewLine, answers.Select(a => $"{a.Replica}: {a.Answer}")));

        Assert.All(answers, a => Assert.Equal("LinkExpired", a.Answer.Outcome));
        Assert.Equal(AssistantReplicasAppFixture.Replicas, answers.Select(a => a.Replica).Distinct().Count());
        Assert.Equal("Expired", (await fixture.GetLinkAsync()).State);
        // One notice, however many replicas found the link dead.
        var notice = Assert.Single(await fixture.GetNotificationsAsync(), n => n.Kind == "LinkExpired" && !n.Resolved);
        Assert.Equal(TokenRotStoryTests.ExpiredNotice, notice.Text);

        await fixture.RelinkAsync();
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        Assert.DoesNotContain(await fixture.GetNotificationsAsync(), n => n.Kind == "LinkExpired" && !n.Resolved);
        var again = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => fixture.SayOnAnyReplicaAsync("set the bedroom lamp to 30 percent")));
        AssertAnswered(again);
        Assert.Contains(again, a => a.Answer.Outcome == "Success");
    }

    /// <summary>
    /// Every command was answered (no 5xx: <see cref="AssistantReplicaRequests.SayOnAnyReplicaAsync"/> asserts it) and
    /// succeeded: whichever vendor replica a directive lands on, the vendor routes it to the home's uplink.
    /// </summary>
    private static void AssertAnswered((UtteranceAnswer Answer, string Replica)[] answers) =>
        Assert.All(answers, a => Assert.True(a.Answer.Outcome == "Success", $"{a.Replica}: {a.Answer}"));

    private void Report((UtteranceAnswer Answer, string Replica)[] answers, OAuthStats before, OAuthStats after)
    {
        output.WriteLine($"refreshes counted by the vendor: {after.Refreshes - before.Refreshes} (failures {after.RefreshFailures - before.RefreshFailures})");
        foreach (var group in answers.GroupBy(a => (a.Replica, a.Answer.Outcome, a.Answer.ErrorType)))
        {
            output.WriteLine($"replica {group.Key.Replica}: {group.Count()} x {group.Key.Outcome} {group.Key.ErrorType}");
        }
    }

    /// <summary>Asks until every replica has answered (bounded), each until <paramref name="holds"/> of its answer.</summary>
    private async Task<IReadOnlyCollection<string>> SeenOnEveryReplicaAsync(string path, Func<JsonElement, bool> holds, CancellationToken cancellationToken)
    {
        var holding = new HashSet<string>();
        var seen = new HashSet<string>();
        for (var i = 0; i < 200 && holding.Count < AssistantReplicasAppFixture.Replicas; i++)
        {
            var (status, replica, body) = await fixture.SendToAssistantAsync(HttpMethod.Get, path, null, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.Add(replica);
            if (holds(JsonDocument.Parse(body).RootElement))
            {
                holding.Add(replica);
            }
            else
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        Assert.True(holding.Count == AssistantReplicasAppFixture.Replicas, $"held at {holding.Count} of the replicas seen ({string.Join(", ", seen)})");
        return holding;
    }
}
