namespace SmartHome.IntegrationTests;

/// <summary>
/// The story, replayed from a freshly reset world: the lamp is used every simulated day, nobody signs
/// in to the maker's app, and under the SignInAge link policy the account link dies on day 365 after
/// the sign-in (the limit is inclusive). The person is told plainly; re-linking restores control with
/// the device names intact and resolves the notice.
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class TokenRotStoryTests(SmartHomeAppFixture fixture)
{
    public const string ExpiredNotice =
        "The link between accounts has expired. To continue using My SmartHome with Assistant, choose Link again in your skills and sign in to My SmartHome.";

    [Fact]
    public async Task ALampUsedDailyLosesItsLinkAYearAfterTheLastSignInAndRelinkingRestoresIt()
    {
        // The seeding's sign-in is day 0 of the story, whatever the tests before this one did.
        await fixture.ResetWorldByDashboardCommandAsync();
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        Assert.Empty(await fixture.GetNotificationsAsync());

        int? firstFailedDay = null;
        UtteranceAnswer? failed = null;
        for (var day = 1; day <= 400 && firstFailedDay is null; day++)
        {
            await fixture.AdvanceOneDayByDashboardCommandAsync();
            var answer = await fixture.SayAsync(day % 2 == 0 ? "turn on the bedroom lamp" : "turn off the bedroom lamp");
            if (answer.Outcome != "Success")
            {
                (firstFailedDay, failed) = (day, answer);
            }
        }

        // Daily use does not count: the link dies on the sign-in's 365th anniversary, not a day later.
        Assert.NotNull(firstFailedDay);
        Assert.Equal(365, firstFailedDay.Value);
        Assert.Equal("LinkExpired", failed!.Outcome);
        Assert.Contains("link", failed.Speech, StringComparison.OrdinalIgnoreCase);

        var link = await fixture.GetLinkAsync();
        Assert.Equal("Expired", link.State);
        Assert.False(string.IsNullOrWhiteSpace(link.Reason));
        var notifications = await fixture.GetNotificationsAsync();
        var notice = Assert.Single(notifications, n => n.Kind == "LinkExpired");
        Assert.Equal(ExpiredNotice, notice.Text);
        Assert.Equal(new NotificationAction("Link again", "POST", $"/api/users/owner/skills/{World.Skill}/link"), notice.Action);
        Assert.False(notice.Resolved);

        // The command's trace says why: the refresh was answered invalid_grant.
        var spans = await DashboardTelemetry.For(fixture).WaitForTraceAsync(failed.TraceId,
            s => s.Any(IsInvalidGrant), TimeSpan.FromSeconds(60));
        Assert.Contains(spans, IsInvalidGrant);

        // Expired stays expired, without a second notice, until the person acts.
        await fixture.AdvanceOneDayByDashboardCommandAsync();
        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
        Assert.Equal(notifications.Length, (await fixture.GetNotificationsAsync()).Length);

        await fixture.RelinkAsync();
        Assert.Single(await fixture.GetEndpointsAsync());
        var resolved = Assert.Single(await fixture.GetNotificationsAsync(), n => n.Id == notice.Id);
        Assert.True(resolved.Resolved);
        Assert.NotNull(resolved.ResolvedAt);
        for (var day = firstFailedDay.Value + 2; day <= 400; day++)
        {
            await fixture.AdvanceOneDayByDashboardCommandAsync();
            var answer = await fixture.SayAsync("set the bedroom lamp to 40 percent");
            Assert.True(answer.Outcome == "Success", $"day {day} after re-linking: {answer.Outcome} '{answer.Speech}'");
        }

        Assert.Equal(40, (await fixture.GetPlugStateAsync()).Brightness);
    }

    private static bool IsInvalidGrant(TelemetrySpan span) =>
        span.Attributes.GetValueOrDefault("oauth.error") == "invalid_grant" && span.StatusCode == 2;
}
