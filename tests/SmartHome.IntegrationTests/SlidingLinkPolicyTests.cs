namespace SmartHome.IntegrationTests;

/// <summary>The fix: under the Sliding link policy a link that is used stays alive; an idle one still dies.</summary>
[Collection(SlidingLinkCollection.Name)]
public sealed class SlidingLinkPolicyTests(SlidingLinkAppFixture fixture)
{
    [Fact]
    public async Task FourHundredDaysOfDailyUseNeverExpireButAYearIdleDoes()
    {
        await fixture.EnsureLinkedAsync();
        for (var day = 1; day <= 400; day++)
        {
            await fixture.AdvanceOneDayByDashboardCommandAsync();
            var answer = await fixture.SayAsync(day % 2 == 0 ? "turn on the bedroom lamp" : "turn off the bedroom lamp");
            Assert.True(answer.Outcome == "Success", $"day {day}: {answer.Outcome} ({answer.ErrorType}) '{answer.Speech}', trace {answer.TraceId}");
        }

        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);

        await fixture.AdvanceClockAsync(TimeSpan.FromDays(366));
        var idle = await fixture.SayAsync("turn on the bedroom lamp");
        Assert.Equal("LinkExpired", idle.Outcome);
        Assert.Equal("Expired", (await fixture.GetLinkAsync()).State);

        await fixture.RelinkAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }
}
