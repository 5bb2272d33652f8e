using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The README's "Token rot: replay the story", step by step as a newcomer follows it, through the
/// dashboard's commands: Reset the world, speak, Advance clock 1 year, speak and hear the notice,
/// Link again (the notice's action, the vendor's sign-in page), speak again. And the world's coherence:
/// one clock for every service, kept across a restart, and a reset that undoes clock, link, lamp and faults.
/// </summary>
[Collection(ReadmeStoryCollection.Name)]
public sealed class ReadmeStoryTests(ReadmeStoryAppFixture fixture)
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task TheReadmeWalkThroughWorksAsWritten()
    {
        // 1. Start (the fixture), then "Reset the world": the freshly seeded world, the clock at real time.
        await fixture.ResetWorldByDashboardCommandAsync();
        Assert.Equal(0, (await GetWorldAsync()).GetProperty("offsetDays").GetDouble());
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);

        // 2. Speak: the lamp answers.
        var first = await fixture.SayAsync("turn on the bedroom lamp");
        Assert.True(first.Outcome == "Success", $"{first.Outcome} '{first.Speech}'");
        Assert.Equal("OK", first.Speech);

        // 3. "Advance clock 1 year" on the assistantcloud row: every service's clock, at once.
        await fixture.AdvanceOneYearByDashboardCommandAsync();
        foreach (var service in World.Services)
        {
            Assert.Equal(365, (await fixture.GetClockAsync(service)).OffsetDays, precision: 6);
        }

        // 4. Speak: the very next command finds the link expired, and the person is told.
        var expired = await fixture.SayAsync("turn on the bedroom lamp");
        Assert.Equal("LinkExpired", expired.Outcome);
        Assert.Equal("The link to My SmartHome has expired. In the Assistant app, choose Link again in your skills.", expired.Speech);
        var link = await fixture.GetLinkAsync();
        Assert.Equal("Expired", link.State);
        var notice = Assert.Single(await fixture.GetNotificationsAsync());
        Assert.Equal(TokenRotStoryTests.ExpiredNotice, notice.Text);
        Assert.Equal("Link again", notice.Action?.Name);
        Assert.False(notice.Resolved);

        // 5. Link again: the notice's action gives the authorizeUrl; open it, sign in with the owner's password.
        using (var cts = new CancellationTokenSource(Wire.RequestTimeout * 2))
        using (var assistant = fixture.CreateHttpClient("assistantcloud"))
        {
            Assert.Equal("POST", notice.Action!.Method);
            using var start = await assistant.PostAsync(notice.Action.Href, null, cts.Token);
            Assert.True(start.IsSuccessStatusCode, $"{notice.Action.Href}: {(int)start.StatusCode}");
            var authorizeUrl = (await start.Content.ReadFromJsonAsync<JsonElement>(cts.Token)).GetProperty("authorizeUrl").GetString()!;
            var callback = await PersonsBrowser.SignInAsync(new Uri(authorizeUrl), SmartHomeAppFixture.OwnerEmail,
                SmartHomeAppFixture.OwnerPassword, cts.Token);
            using var browser = new HttpClient();
            using var linked = await browser.GetAsync(callback, cts.Token);
            Assert.True(linked.IsSuccessStatusCode, $"callback: {(int)linked.StatusCode}");
        }

        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        var resolved = Assert.Single(await fixture.GetNotificationsAsync());
        Assert.True(resolved.Resolved, "re-linking resolves the notice");

        // 6. Speak again: the lamp answers, with its name intact.
        var again = await fixture.SayAsync("set the bedroom lamp to 40 percent");
        Assert.True(again.Outcome == "Success", $"{again.Outcome} '{again.Speech}'");
        Assert.Equal(40, (await fixture.GetPlugStateAsync()).Brightness);
    }

    [Fact]
    public async Task ResetTheWorldReturnsClockLinkLampAndFaultsToTheFreshlySeededWorld()
    {
        await fixture.ResetWorldByDashboardCommandAsync();
        await fixture.SayAsync("set the bedroom lamp to 40 percent");
        await fixture.AdvanceOneYearByDashboardCommandAsync();
        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
        await fixture.SwitchAsync("vendorcloud", "/sim/latency", new { milliseconds = 50 });
        await fixture.SwitchAsync("devicegateway", "/sim/broadband/down");
        await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off");
        await fixture.SwitchAsync("assistantcloud", "/sim/outage/on");

        // From another service's row: the world is one, any service resets it.
        await fixture.ResetWorldByDashboardCommandAsync("vendorcloud");

        foreach (var service in World.Services)
        {
            Assert.Equal(0, (await fixture.GetClockAsync(service)).OffsetDays);
        }

        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        Assert.Empty(await fixture.GetNotificationsAsync());
        var grant = Assert.Single(await fixture.GetGrantsAsync());
        Assert.Equal("active", grant.State);
        Assert.NotNull(grant.LastSignInAt); // a fresh sign-in, through the real OAuth flow
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal(("OFF", true), (plug.Power, plug.MqttConnected)); // the factory state, on the Wi-Fi
        var answer = await fixture.SayAsync("turn on the bedroom lamp");
        Assert.True(answer.Outcome == "Success", $"{answer.Outcome} {answer.ErrorType} '{answer.Speech}'");

        // And the story replays: one year, and the link is dead again.
        await fixture.AdvanceOneYearByDashboardCommandAsync();
        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }

    [Fact]
    public async Task AfterARestartEveryServiceIsStillOnTheWorldsClockAndTheLinkStaysCoherent()
    {
        await fixture.ResetWorldByDashboardCommandAsync();
        await fixture.AdvanceOneYearByDashboardCommandAsync();
        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);

        // Stop the vendor (Aspire's own command): the world moves on without it, and nobody waits for it.
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        using var cts = new CancellationTokenSource(RestartTimeout);
        await RunAsync(commands, "vendorcloud", KnownResourceCommands.StopCommand, cts.Token);
        await fixture.AdvanceOneDayByDashboardCommandAsync("assistantcloud");

        // Started again, it loads the world's clock from Redis before it serves, with the state it dated.
        await RunAsync(commands, "vendorcloud", KnownResourceCommands.StartCommand, cts.Token);
        await fixture.World.WaitForHealthyAsync("vendorcloud", cts.Token).WaitAsync(RestartTimeout);
        await RunAsync(commands, "assistantcloud", KnownResourceCommands.RestartCommand, cts.Token);
        await fixture.World.WaitForHealthyAsync("assistantcloud", cts.Token).WaitAsync(RestartTimeout);

        var world = await GetWorldAsync();
        Assert.Equal(366, world.GetProperty("offsetDays").GetDouble(), precision: 6);
        foreach (var service in World.Services)
        {
            var clock = await fixture.GetClockAsync(service);
            Assert.Equal(366, clock.OffsetDays, precision: 6);
            Assert.Equal(world.GetProperty("clockVersion").GetInt64(), clock.Version);
        }

        // The story is not undone by the restarts: the link stays expired on both sides until the person acts.
        Assert.Equal("Expired", (await fixture.GetLinkAsync()).State);
        Assert.Equal("expired", Assert.Single(await fixture.GetGrantsAsync()).State);
        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);

        await fixture.RelinkAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }

    private async Task RunAsync(ResourceCommandService commands, string resource, string command, CancellationToken cancellationToken)
    {
        // The resource as a whole: with several replicas, Aspire stops (starts, restarts) each of them.
        var target = fixture.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var result = await commands.ExecuteCommandAsync(target, command, cancellationToken).WaitAsync(RestartTimeout);
        Assert.True(result.Success, $"{command} {resource}: {result.Message}");
    }

    [Fact]
    public async Task NoServiceHasAClockOfItsOwnToMove()
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var perService = await vendor.PostAsJsonAsync("/sim/clock/advance", new { days = 365 }).WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.NotFound, perService.StatusCode);

        using var backwards = await vendor.PostAsJsonAsync("/sim/world/clock/advance", new { days = -1 }).WaitAsync(Wire.RequestTimeout);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("application/problem+json", backwards.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetWorldAsync()
    {
        using var client = fixture.CreateHttpClient("simulatedplug");
        return await client.GetFromJsonAsync<JsonElement>("/sim/world", Wire.Json).WaitAsync(Wire.RequestTimeout);
    }
}
