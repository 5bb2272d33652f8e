namespace SmartHome.IntegrationTests;

/// <summary>
/// The return path under faults, while the button is being pressed: an event gateway outage loses nothing the plug
/// acknowledged (the vendor's queue delivers after <c>up</c>), and tokens that expire mid-stream are refreshed without
/// a report lost. Run alone with <c>dotnet test --filter Category=Chaos</c>.
/// </summary>
[Collection(ReturnPathCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ReturnPathChaosTests(ReturnPathAppFixture fixture)
{
    private const int Presses = 5;

    private static readonly TimeSpan AfterOutageTimeout = TimeSpan.FromSeconds(60);

    private async Task EnsureReportingAsync()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        await fixture.PressAndWaitForChangeReportAsync();
    }

    private async Task<long> ReportsDroppedAsync() => (await fixture.VendorAssistantGrantAsync())["reportsDropped"]?.GetValue<long>() ?? 0;

    /// <summary>The assistant's state is the plug's, learned by a ChangeReport.</summary>
    private async Task AssistantCatchesUpWithThePlugAsync(string what, TimeSpan timeout)
    {
        string? plug = null, assistant = null;
        await Faults.EventuallyAsync(async () =>
        {
            plug = (await fixture.GetPlugStateAsync()).Power;
            var lamp = await fixture.AssistantDeviceAsync();
            assistant = lamp?["state"]?["powerState"]?.GetValue<string>();
            return lamp?["reportedBy"]?.GetValue<string>() == "ChangeReport" && string.Equals(plug, assistant, StringComparison.OrdinalIgnoreCase);
        }, $"{what} (plug {plug}, assistant {assistant})", timeout);
    }

    [Fact]
    public async Task ButtonPressesDuringAnEventGatewayOutageAreAllDeliveredAfterIt()
    {
        await EnsureReportingAsync();
        var dropped = await ReportsDroppedAsync();
        var before = (await fixture.AssistantDeviceAsync())!["reportedAt"]!.GetValue<DateTimeOffset>();

        await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-down");
        try
        {
            for (var press = 0; press < Presses; press++)
            {
                await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }

            // Refused with 503 while down: the assistant has learned nothing of the presses.
            Assert.Equal(before, (await fixture.AssistantDeviceAsync())!["reportedAt"]!.GetValue<DateTimeOffset>());
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-up");
        }

        await AssistantCatchesUpWithThePlugAsync("the queued reports arrive after the outage", AfterOutageTimeout);
        Assert.Equal(dropped, await ReportsDroppedAsync());
        Assert.Equal("active", (await fixture.VendorAssistantGrantAsync())["state"]!.GetValue<string>());

        // Reports resume: the next press arrives as fast as before the outage.
        await fixture.PressAndWaitForChangeReportAsync();
    }

    [Fact]
    public async Task EventTokensThatExpireWhileTheButtonIsPressedAreRefreshedAndNoReportIsLost()
    {
        await EnsureReportingAsync();
        var dropped = await ReportsDroppedAsync();

        for (var press = 0; press < Presses; press++)
        {
            await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
            if (press == Presses / 2)
            {
                await fixture.RunDashboardCommandAsync("assistantcloud", "expire-event-tokens");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await AssistantCatchesUpWithThePlugAsync("every press reaches the assistant across the token expiry", ReturnPathSteps.ReportTimeout * 3);
        Assert.Equal(dropped, await ReportsDroppedAsync());
        Assert.Equal("active", (await fixture.EventGrantAsync())!["state"]!.GetValue<string>());
        Assert.Equal("accepted", (await fixture.EventGrantAsync())!["lastEventStatus"]!.GetValue<string>());
        await fixture.PressAndWaitForChangeReportAsync();
    }
}
