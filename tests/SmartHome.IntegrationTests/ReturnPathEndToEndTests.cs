using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The return path end to end (docs/protocols.md, "The return path"): a button press reaches the assistant's
/// state as a ChangeReport, a question is then answered with no ReportState, and the return path's rot and
/// outage behave as specified.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathEndToEndTests(ReturnPathAppFixture fixture)
{
    // Bounds, not speeds: the figure (a report in under 2 s) is printed, not asserted.
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(20);

    private async Task<JsonNode> LampAsync()
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var devices = await assistant.GetFromJsonAsync<JsonArray>("/api/users/owner/devices").WaitAsync(Wire.RequestTimeout);
        return devices!.Single(d => d!["endpointId"]!.GetValue<string>() == "plug-1")!;
    }

    private async Task<JsonNode> EventGrantAsync()
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var skills = await assistant.GetFromJsonAsync<JsonArray>("/api/users/owner/skills").WaitAsync(Wire.RequestTimeout);
        return skills!.Single()!["eventGrant"]!;
    }

    /// <summary>The shared press (ReturnPathSteps: both sides' grant first), with this class's bound on the report.</summary>
    private Task<(string Power, TimeSpan Took)> PressAndWaitForChangeReportAsync() => fixture.PressAndWaitForChangeReportAsync(ReportTimeout);

    [Fact]
    public async Task TheVendorAcceptsTheGrantWhenTheOwnerLinks()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("active", (await EventGrantAsync())["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AButtonPressReachesTheAssistantsStateAndIsAnsweredWithoutReportState()
    {
        await fixture.EnsureLinkedAsync();
        var (power, took) = await PressAndWaitForChangeReportAsync();

        using var assistant = fixture.CreateHttpClient("assistantcloud");
        using var asked = await assistant.PostAsJsonAsync("/api/utterances", new { user = "owner", text = "is the bedroom lamp on" }).WaitAsync(Wire.RequestTimeout);
        var answer = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!;

        Assert.Equal("Success", answer["outcome"]!.GetValue<string>());
        Assert.Contains(power == "ON" ? " is on" : " is off", answer["speech"]!.GetValue<string>());
        // Answered from the ChangeReport: no ReportState went to the vendor.
        Assert.Equal("ChangeReport", answer["answeredFrom"]?["source"]?.GetValue<string>());
        Assert.Equal("accepted", (await EventGrantAsync())["lastEventStatus"]!.GetValue<string>());
        // The figure (under 2 s) is reported, not asserted: tests assert behaviour, not speed.
        Console.WriteLine($"button press to the assistant's state: {took.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task RevokedEventTokensLeaveTheStateStaleUntilTheOwnerLinksAgain()
    {
        await fixture.EnsureLinkedAsync();
        await PressAndWaitForChangeReportAsync();
        await fixture.RunDashboardCommandAsync("assistantcloud", "revoke-event-tokens");
        var stale = (await LampAsync())["state"]!["powerState"]!.GetValue<string>();

        await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
        await Faults.EventuallyAsync(async () => (await EventGrantAsync())["lastEventStatus"]?.GetValue<string>() == "refused",
            "the vendor's report is refused", ReportTimeout);
        Assert.Equal(stale, (await LampAsync())["state"]!["powerState"]!.GetValue<string>());
        var report = await fixture.DiagnoseAsync();
        Assert.Equal("link", report.FirstFailingHop);
        Assert.StartsWith("The assistant shows stale state because the maker's reports are refused", report.Cause);

        await fixture.RelinkAsync();
        await Faults.EventuallyAsync(async () => (await EventGrantAsync())["state"]!.GetValue<string>() == "active", "the new grant is accepted", ReportTimeout);
        await PressAndWaitForChangeReportAsync();
    }

    [Fact]
    public async Task AReportRefusedDuringAnEventGatewayOutageArrivesAfterIt()
    {
        await fixture.EnsureLinkedAsync();
        await PressAndWaitForChangeReportAsync();
        var before = (await LampAsync())["state"]!["powerState"]!.GetValue<string>();

        await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-down");
        try
        {
            await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(before, (await LampAsync())["state"]!["powerState"]!.GetValue<string>());
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("assistantcloud", "event-gateway-up");
        }

        // Nothing the plug acknowledged is lost: the vendor's queue delivers it once the gateway is back.
        await Faults.EventuallyAsync(async () => (await LampAsync())["state"]!["powerState"]!.GetValue<string>() != before,
            "the queued report arrives after the outage", TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task ExpiredEventTokensAreRefreshedByTheVendorAndReportsContinue()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.RunDashboardCommandAsync("assistantcloud", "expire-event-tokens");

        await PressAndWaitForChangeReportAsync();

        Assert.Equal("active", (await EventGrantAsync())["state"]!.GetValue<string>());
    }
}
