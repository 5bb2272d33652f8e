using System.Net.Http.Json;

namespace SmartHome.IntegrationTests;

/// <summary>
/// One test per fault: inject it through the owner's switch, observe the error the real fault
/// gives, recover, and check that the next command works and nothing acknowledged was lost.
/// Run alone with <c>dotnet test --filter Category=Chaos</c>.
/// </summary>
[Collection(SlidingLinkCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(SlidingLinkAppFixture fixture)
{
    [Fact]
    public async Task WifiOffMakesThePlugUnreachableAndItComesBackByItself()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 60 percent")).Outcome);
        // The chaos kit's verb (tests/SmartHome.Testing): the same switch; disposing the handle undoes it.
        var wifiOff = await fixture.World.Plug().WifiOffAsync();
        try
        {
            // No DISCONNECT: the broker finds out after 1.5 x keep-alive and publishes the plug's will.
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug's last will marks it offline");

            var answer = await fixture.SayAsync("turn off the bedroom lamp");
            Assert.Equal("DeviceError", answer.Outcome);
            Assert.Equal("ENDPOINT_UNREACHABLE", answer.ErrorType);

            var report = await fixture.DiagnoseUntilFirstFailingAsync("plug");
            Assert.Equal("unknown", report["lamp"].Status);
            // The vendor already knows the plug is offline (the gateway reported it): it fails fast, and says so.
            await fixture.AssertFailureIsTracedAsync(answer, "ENDPOINT_UNREACHABLE", "plug", "vendorcloud");

            // ReportState is answered from the shadow, with EndpointHealth.connectivity UNREACHABLE.
            var query = await fixture.SayAsync("is the bedroom lamp on");
            Assert.Equal("ENDPOINT_UNREACHABLE", query.ErrorType);
            Assert.Equal("UNREACHABLE", query.State?.Connectivity);
            Assert.Equal("ON", query.State?.PowerState); // the last state it reported
        }
        finally
        {
            await wifiOff.DisposeAsync();
        }

        await fixture.SayUntilAsync("set the bedroom lamp to 70 percent", "Success");
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power); // the refused "turn off" was not applied behind the person's back
        Assert.Equal(70, plug.Brightness);
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task BroadbandDownMakesTheHubUnreachable()
    {
        await fixture.EnsureLinkedAsync();
        try
        {
            // Through the dashboard commands this time: the same switch, the way a person flips it.
            await fixture.RunDashboardCommandAsync("devicegateway", "broadband-down");
            var answer = await fixture.SayUntilAsync("turn on the bedroom lamp", "DeviceError");
            Assert.Equal("BRIDGE_UNREACHABLE", answer.ErrorType);

            var report = await fixture.DiagnoseUntilFirstFailingAsync("uplink");
            Assert.Contains("internet", report.Cause, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("ok", report["gateway"].Status); // the phone at home still reaches it
            await fixture.AssertFailureIsTracedAsync(answer, "BRIDGE_UNREACHABLE", "uplink", "vendorcloud");
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("devicegateway", "broadband-up");
        }

        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task UnpluggingLosesPowerAndThePlugComesBackInItsPowerOnState()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 55 percent")).Outcome);
        var unplugged = await fixture.World.Plug().UnplugAsync();
        try
        {
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the unplugged plug is offline");
            Assert.Equal("ENDPOINT_UNREACHABLE", (await fixture.SayAsync("turn on the bedroom lamp")).ErrorType);
            var report = await fixture.DiagnoseUntilFirstFailingAsync("plug");
            Assert.Equal("ok", report["band"].Status);
        }
        finally
        {
            await unplugged.DisposeAsync();
        }

        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is back online");
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power);
        Assert.Equal(55, plug.Brightness);
        await fixture.SayUntilAsync("turn off the bedroom lamp", "Success");
    }

    [Fact]
    public async Task RedisDownIsTheServiceNotRespondingAndBackItLosesNothingAcknowledged()
    {
        // (The Aspire Restart of redis is RedisPersistenceTests'; here it stays down long enough to be seen.)
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 65 percent")).Outcome);
        var endpointsBefore = await fixture.GetEndpointsAsync();

        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Aspire.Hosting.ApplicationModel.ResourceCommandService>(fixture.App.Services);
        try
        {
            var stop = await commands.ExecuteCommandAsync("redis", Aspire.Hosting.ApplicationModel.KnownResourceCommands.StopCommand)
                .WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(stop.Success, stop.Message);

            // The assistant's own store is gone: an answer, not a 500; and the diagnosis says where.
            Assert.Equal("ServiceUnavailable", (await fixture.SayAsync("turn off the bedroom lamp")).Outcome);
            var report = await fixture.DiagnoseUntilFirstFailingAsync("assistant");
            Assert.Contains("store", report["assistant"].Detail, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            var start = await commands.ExecuteCommandAsync("redis", Aspire.Hosting.ApplicationModel.KnownResourceCommands.StartCommand)
                .WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(start.Success, start.Message);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis").WaitAsync(TimeSpan.FromMinutes(2));
        await fixture.SayUntilAsync("what is the bedroom lamp's brightness", "Success");
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        Assert.Equal(endpointsBefore.Length, (await fixture.GetEndpointsAsync()).Length);
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power); // the refused "turn off" was not applied later
        Assert.Equal(65, plug.Brightness);
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task The24GhzBandOffTakesThePlugOffTheWifi()
    {
        await fixture.EnsureLinkedAsync();
        var bandOff = await fixture.World.Gateway().BandOffAsync();
        try
        {
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is off the Wi-Fi");
            Assert.Equal("ENDPOINT_UNREACHABLE", (await fixture.SayAsync("turn on the bedroom lamp")).ErrorType);

            var report = await fixture.DiagnoseUntilFirstFailingAsync("band");
            Assert.Contains("2.4 GHz", report.Cause);
            Assert.Equal("failed", report["plug"].Status); // the consequence, named after its cause
        }
        finally
        {
            await bandOff.DisposeAsync();
        }

        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task AVendorOutageIsTheServiceNotRespondingAndKeepsTheLink()
    {
        await fixture.EnsureLinkedAsync();
        var outage = await fixture.World.Vendor().OutageAsync();
        try
        {
            var answer = await fixture.SayAsync("turn on the bedroom lamp");
            Assert.Equal("ServiceUnavailable", answer.Outcome);
            Assert.Contains("isn't responding", answer.Speech, StringComparison.OrdinalIgnoreCase);

            var report = await fixture.DiagnoseUntilFirstFailingAsync("vendor");
            Assert.Contains("503", report["vendor"].Detail + report.Cause);
            Assert.Equal(answer.TraceId, report.LastFailedCommand?.TraceId);
            Assert.Equal("vendor", report.LastFailedCommand?.FailedHop);
        }
        finally
        {
            await outage.DisposeAsync();
        }

        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task AnAssistantOutageAnswers503AndRecovers()
    {
        await fixture.EnsureLinkedAsync();
        var outage = await fixture.World.Assistant().OutageAsync();
        try
        {
            using var assistant = fixture.CreateHttpClient("assistantcloud");
            using var response = await assistant.PostAsJsonAsync("/api/utterances", new UtteranceRequest("owner", "turn on the bedroom lamp"), Wire.Json)
                .WaitAsync(Wire.RequestTimeout);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);

            // The diagnosis still answers, and names the assistant itself.
            await fixture.DiagnoseUntilFirstFailingAsync("assistant");
        }
        finally
        {
            await outage.DisposeAsync();
        }

        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }

    [Fact]
    public async Task AddedVendorLatencySlowsCommandsAndPastTheBudgetIsTheServiceNotResponding()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("set the bedroom lamp to 35 percent", "Success");
        try
        {
            await fixture.RunDashboardCommandAsync("vendorcloud", "latency-3s");
            // 3 s is inside Alexa's 8 s budget: slow, but it works.
            Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 40 percent")).Outcome);
            // The diagnosis does not wait for a slow cloud: it says so instead.
            var report = await fixture.DiagnoseUntilFirstFailingAsync("vendor");
            Assert.Equal("ok", report["link"].Status);

            // Past the budget the assistant gives up, and the vendor, seeing its caller gone, never acts.
            await fixture.SwitchAsync("vendorcloud", "/sim/latency", new { milliseconds = 9000 });
            var answer = await fixture.SayAsync("set the bedroom lamp to 90 percent");
            Assert.Equal("ServiceUnavailable", answer.Outcome);
            await Task.Delay(TimeSpan.FromSeconds(3)); // past the 9 s the vendor would have waited
            Assert.Equal(40, (await fixture.GetPlugStateAsync()).Brightness);
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("vendorcloud", "latency-off");
        }

        await fixture.SayUntilAsync("set the bedroom lamp to 50 percent", "Success");
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task AGatewayWithoutPowerIsNamedAndARestartedOneBringsTheHomeBack()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("set the bedroom lamp to 75 percent", "Success");
        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Aspire.Hosting.ApplicationModel.ResourceCommandService>(fixture.App.Services);
        try
        {
            var stop = await commands.ExecuteCommandAsync("devicegateway", Aspire.Hosting.ApplicationModel.KnownResourceCommands.StopCommand)
                .WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(stop.Success, stop.Message);

            var report = await fixture.DiagnoseUntilFirstFailingAsync("uplink");
            Assert.Equal("failed", report["gateway"].Status);
            Assert.Contains("power", report["gateway"].Fix, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("BRIDGE_UNREACHABLE", (await fixture.SayUntilAsync("turn off the bedroom lamp", "DeviceError")).ErrorType);
        }
        finally
        {
            var start = await commands.ExecuteCommandAsync("devicegateway", Aspire.Hosting.ApplicationModel.KnownResourceCommands.StartCommand)
                .WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(start.Success, start.Message);
        }

        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("devicegateway").WaitAsync(TimeSpan.FromMinutes(2));
        await fixture.SayUntilAsync("what is the bedroom lamp's brightness", "Success");
        // The refused "turn off" was not applied later; the plug kept its state through the gateway's absence.
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power);
        Assert.Equal(75, plug.Brightness);

        // A restart (the dashboard's Restart) is a shorter absence: the home comes back by itself too.
        var restart = await commands.ExecuteCommandAsync("devicegateway", Aspire.Hosting.ApplicationModel.KnownResourceCommands.RestartCommand)
            .WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(restart.Success, restart.Message);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("devicegateway").WaitAsync(TimeSpan.FromMinutes(2));
        await fixture.SayUntilAsync("set the bedroom lamp to 25 percent", "Success");
        Assert.Equal(25, (await fixture.GetPlugStateAsync()).Brightness);
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task ExpiredAccessTokensAreRefreshedUnseenAndRevokedLinksAreNamedUntilLinkedAgain()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");

        var refreshesBefore = (await fixture.GetOAuthStatsAsync()).Refreshes;
        await fixture.RunDashboardCommandAsync("vendorcloud", "expire-access-tokens");
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 20 percent")).Outcome);
        Assert.True((await fixture.GetOAuthStatsAsync()).Refreshes > refreshesBefore, "the assistant refreshed the expired token");

        await fixture.RunDashboardCommandAsync("vendorcloud", "revoke-grants");
        // Before anyone speaks, the assistant still thinks it is linked: the vendor's view names the link.
        var seenByVendor = await fixture.DiagnoseUntilFirstFailingAsync("link");
        Assert.Contains("link", seenByVendor.Fix, StringComparison.OrdinalIgnoreCase);

        var answer = await fixture.SayAsync("turn off the bedroom lamp");
        Assert.Equal("LinkExpired", answer.Outcome);
        var report = await fixture.DiagnoseUntilFirstFailingAsync("link");
        Assert.Equal(answer.TraceId, report.LastFailedCommand?.TraceId);
        Assert.Equal("link", report.LastFailedCommand?.FailedHop);

        await fixture.RelinkAsync();
        await fixture.SayUntilAsync("turn off the bedroom lamp", "Success");
        await fixture.DiagnoseUntilFirstFailingAsync(null);
    }

    [Fact]
    public async Task APressOfThePlugsButtonTravelsUpTheChain()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");

        // Someone at home presses the plug's button: no command, the plug toggles and reports it.
        await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");

        Assert.Equal("OFF", (await fixture.GetPlugStateAsync()).Power);
        // Up the chain: the gateway's retained state, the vendor's shadow, the assistant's answer.
        await Faults.EventuallyAsync(async () => (await fixture.SayAsync("is the bedroom lamp on")).State?.PowerState == "OFF",
            "the assistant hears the lamp is off");
        var report = await fixture.DiagnoseUntilFirstFailingAsync(null);
        Assert.Contains("off", report["lamp"].Detail, StringComparison.OrdinalIgnoreCase);

        await fixture.RunDashboardCommandAsync("simulatedplug", "press-button");
        Assert.Equal("ON", (await fixture.GetPlugStateAsync()).Power);
        await Faults.EventuallyAsync(async () => (await fixture.SayAsync("is the bedroom lamp on")).State?.PowerState == "ON",
            "the assistant hears the lamp is on again");
    }
}
