using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.IntegrationTests;

/// <summary>The return path's steps for tests: the assistant's view of a device and of the event grant, a button press followed to the assistant.</summary>
public static class ReturnPathSteps
{
    public static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The device as the assistant knows it (GET /api/users/{user}/devices).</summary>
    public static async Task<JsonNode?> AssistantDeviceAsync(this SmartHomeAppFixture fixture, string endpointId = "plug-1", string user = "owner")
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var devices = await assistant.GetFromJsonAsync<JsonArray>($"/api/users/{user}/devices").WaitAsync(Wire.RequestTimeout);
        return devices!.SingleOrDefault(d => d!["endpointId"]!.GetValue<string>() == endpointId);
    }

    /// <summary>The skill's event grant as the person's skills view shows it; null when there is none.</summary>
    public static async Task<JsonNode?> EventGrantAsync(this SmartHomeAppFixture fixture, string user = "owner")
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var skills = await assistant.GetFromJsonAsync<JsonArray>($"/api/users/{user}/skills").WaitAsync(Wire.RequestTimeout);
        return skills!.Single()!["eventGrant"];
    }

    /// <summary>The vendor's side of the grant: the support view's <c>assistantGrant</c> of the device's account.</summary>
    public static async Task<JsonNode> VendorAssistantGrantAsync(this SmartHomeAppFixture fixture, string deviceId = "plug-1")
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/support/devices/{deviceId}");
        // The support API takes a registered OAuth client's credentials (the assistant's), never a person's token.
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VendorOAuth.ClientId}:{SmartHomeAppFixture.AssistantClientSecret}")));
        using var response = await vendor.SendAsync(request).WaitAsync(Wire.RequestTimeout);
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonNode>().WaitAsync(Wire.RequestTimeout);
        return view!["assistantGrant"]!;
    }

    /// <summary>
    /// How long a test waits for the owner's event grant to be active on both sides: the assistant's backfill leaves a link
    /// alone for its first 30 s (its own AcceptGrant may be under way), then retries with backoff.
    /// </summary>
    public static readonly TimeSpan GrantTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Waits until the owner's event grant is active at the assistant and at the vendor. The assistant calls it active when
    /// the vendor exchanges the grant's code, a moment before the vendor has stored its tokens; only then does the vendor
    /// report or defer, so a test that needs either waits for both sides.
    /// </summary>
    public static Task WaitForEventGrantOnBothSidesAsync(this SmartHomeAppFixture fixture, string what) =>
        Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active"
                                           && (await fixture.VendorAssistantGrantAsync())["state"]?.GetValue<string>() == "active",
            what, () => fixture.DescribeReturnPathAsync(), GrantTimeout);

    /// <summary>
    /// Presses the plug's button and waits until the assistant learns, by a ChangeReport newer than what it knew, the power
    /// state the plug now has; returns it and the time from the press. First waits for the event grant on both sides
    /// (<see cref="WaitForEventGrantOnBothSidesAsync"/>): a press before the vendor has its tokens is not reported.
    /// </summary>
    public static async Task<(string Power, TimeSpan Took)> PressAndWaitForChangeReportAsync(this SmartHomeAppFixture fixture, TimeSpan? timeout = null)
    {
        await fixture.WaitForEventGrantOnBothSidesAsync("the owner's event grant is active at the assistant and at the vendor");
        var before = (await fixture.AssistantDeviceAsync())?["reportedAt"]?.GetValue<DateTimeOffset>();
        var started = Stopwatch.GetTimestamp();
        await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
        var plug = (await fixture.GetPlugStateAsync()).Power;
        string? power = null;
        await Faults.EventuallyAsync(async () =>
        {
            var lamp = await fixture.AssistantDeviceAsync();
            power = lamp?["state"]?["powerState"]?.GetValue<string>();
            return lamp?["reportedAt"]?.GetValue<DateTimeOffset>() != before && lamp?["reportedBy"]?.GetValue<string>() == "ChangeReport"
                   && string.Equals(power, plug, StringComparison.OrdinalIgnoreCase);
        }, $"the button press reaches the assistant as a ChangeReport (plug {plug})", () => fixture.DescribeReturnPathAsync(), timeout ?? ReportTimeout);
        return (power!, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The return path's state as both sides show it, for a failure's message: the lamp and the grant at the assistant, the grant at the vendor.</summary>
    public static async Task<string> DescribeReturnPathAsync(this SmartHomeAppFixture fixture)
    {
        var lamp = await fixture.AssistantDeviceAsync();
        var grant = await fixture.EventGrantAsync();
        var vendor = await fixture.VendorAssistantGrantAsync();
        return $"the assistant's lamp {Compact(lamp)}, the assistant's grant {Compact(grant)}, the vendor's grant {Compact(vendor)}";
    }

    private static string Compact(JsonNode? node) => node?.ToJsonString() ?? "none";

    /// <summary>Aspire's own Restart of a resource, as on the dashboard, and the wait until it is healthy again.</summary>
    public static async Task RestartResourceAsync(this SmartHomeAppFixture fixture, string resource)
    {
        using var cts = new CancellationTokenSource(RestartTimeout);
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        // The resource as a whole: with several replicas, Aspire restarts each of them.
        var target = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var result = await commands.ExecuteCommandAsync(target, KnownResourceCommands.RestartCommand, cts.Token).WaitAsync(RestartTimeout);
        Assert.True(result.Success, $"restart {resource}: {result.Message}");
        // Every replica healthy again, not only the first.
        await fixture.World.WaitForHealthyAsync(resource, cts.Token).WaitAsync(RestartTimeout);
    }
}
