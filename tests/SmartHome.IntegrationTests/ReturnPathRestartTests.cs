namespace SmartHome.IntegrationTests;

/// <summary>
/// The vendor's queued reports survive its restart (kept in Redis beside the queue, <c>vendor:assistant-events:pending</c>):
/// a button press the plug made while the event gateway was down is still kept by the restarted vendor and reaches the
/// assistant once the gateway is back.
/// </summary>
[Collection(ReturnPathCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ReturnPathRestartTests(ReturnPathAppFixture fixture)
{
    [Fact]
    public async Task ReportsQueuedWhenTheVendorRestartsAreDeliveredAfterIt()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        await fixture.PressAndWaitForChangeReportAsync();
        var known = (await fixture.AssistantDeviceAsync())!["reportedAt"]!.GetValue<DateTimeOffset>();

        await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-down");
        try
        {
            await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
            // The vendor has the plug's change (its shadow) and a report queued for it, refused while the gateway is down.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.NotNull(await KeptReportAsync());
            await fixture.RestartResourceAsync("vendorcloud");
            Assert.Equal(known, (await fixture.AssistantDeviceAsync())!["reportedAt"]!.GetValue<DateTimeOffset>());
            // Still kept by the restarted vendor (loaded back, not yet taken by the gateway), with the plug's state in it.
            var kept = await KeptReportAsync();
            Assert.NotNull(kept);
            Assert.Contains($"\"{(await fixture.GetPlugStateAsync()).Power}\"", kept);
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-up");
        }

        string? plug = null, assistant = null;
        await Faults.EventuallyAsync(async () =>
        {
            plug = (await fixture.GetPlugStateAsync()).Power;
            var lamp = await fixture.AssistantDeviceAsync();
            assistant = lamp?["state"]?["powerState"]?.GetValue<string>();
            return lamp?["reportedAt"]?.GetValue<DateTimeOffset>() != known && lamp?["reportedBy"]?.GetValue<string>() == "ChangeReport"
                   && string.Equals(plug, assistant, StringComparison.OrdinalIgnoreCase);
        }, $"the report queued before the vendor's restart arrives after it (plug {plug}, assistant {assistant})", TimeSpan.FromSeconds(60));
        await Faults.EventuallyAsync(async () => await KeptReportAsync() is null, "the vendor forgets the report once the gateway took it",
            ReturnPathSteps.ReportTimeout);
    }

    /// <summary>The vendor's kept (queued, not yet sent) ChangeReport of the lamp, as stored in Redis; null when none.</summary>
    private async Task<string?> KeptReportAsync()
    {
        using var cts = new CancellationTokenSource(Wire.RequestTimeout);
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(await fixture.GetRedisConnectionStringAsync(cts.Token))
            .WaitAsync(cts.Token);
        var kept = await redis.GetDatabase().HashGetAllAsync("vendor:assistant-events:pending").WaitAsync(cts.Token);
        return kept.Where(e => e.Name.ToString().EndsWith("/plug-1", StringComparison.Ordinal)).Select(e => e.Value.ToString()).FirstOrDefault();
    }
}
