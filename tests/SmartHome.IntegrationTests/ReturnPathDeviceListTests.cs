namespace SmartHome.IntegrationTests;

/// <summary>
/// Devices removed from or added to the account at the maker's (its <c>/sim/accounts/devices</c> switches, as the maker's
/// app would) reach the assistant as a DeleteReport and an AddOrUpdateReport: its device list follows, with no Discovery.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathDeviceListTests(ReturnPathAppFixture fixture)
{
    private static readonly string Query = $"email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}&deviceId=plug-1";

    [Fact]
    public async Task ADeviceRemovedFromTheAccountLeavesTheAssistantsListAndComesBackWhenAddedAgain()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        Assert.NotNull(await fixture.AssistantDeviceAsync());

        try
        {
            await fixture.SwitchAsync("vendorcloud", $"/sim/accounts/devices/remove?{Query}");
            await Faults.EventuallyAsync(async () => await fixture.AssistantDeviceAsync() is null,
                "the DeleteReport removes the lamp from the assistant's devices", ReturnPathSteps.ReportTimeout);
            Assert.DoesNotContain(await fixture.GetEndpointsAsync(), e => e.GetProperty("endpointId").GetString() == "plug-1");
            Assert.Equal("accepted", (await fixture.EventGrantAsync())?["lastEventStatus"]?.GetValue<string>());
        }
        finally
        {
            await fixture.SwitchAsync("vendorcloud", $"/sim/accounts/devices/add?{Query}");
        }

        await Faults.EventuallyAsync(async () => (await fixture.AssistantDeviceAsync())?["friendlyName"]?.GetValue<string>() == "bedroom lamp",
            "the AddOrUpdateReport brings the lamp back to the assistant's devices", ReturnPathSteps.ReportTimeout);
        // And it is reported again: a button press reaches the assistant's state.
        await fixture.PressAndWaitForChangeReportAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }
}
