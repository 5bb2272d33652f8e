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
        try
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off");
            // No DISCONNECT: the broker finds out after 1.5 x keep-alive and publishes the plug's will.
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug's last will marks it offline");

            var answer = await fixture.SayAsync("turn off the bedroom lamp");
            Assert.Equal("DeviceError", answer.Outcome);
            Assert.Equal("ENDPOINT_UNREACHABLE", answer.ErrorType);
        }
        finally
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/on");
        }

        await fixture.SayUntilAsync("set the bedroom lamp to 70 percent", "Success");
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power); // the refused "turn off" was not applied behind the person's back
        Assert.Equal(70, plug.Brightness);
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
        }
        finally
        {
            await fixture.RunDashboardCommandAsync("devicegateway", "broadband-up");
        }

        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task UnpluggingLosesPowerAndThePlugComesBackInItsPowerOnState()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 55 percent")).Outcome);
        try
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/unplug");
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the unplugged plug is offline");
            Assert.Equal("ENDPOINT_UNREACHABLE", (await fixture.SayAsync("turn on the bedroom lamp")).ErrorType);
        }
        finally
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/plug-in");
        }

        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is back online");
        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal("ON", plug.Power);
        Assert.Equal(55, plug.Brightness);
        await fixture.SayUntilAsync("turn off the bedroom lamp", "Success");
    }

    [Fact]
    public async Task ARestartOfRedisLosesNothingAcknowledged()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("set the bedroom lamp to 65 percent")).Outcome);
        var endpointsBefore = await fixture.GetEndpointsAsync();

        var commands = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Aspire.Hosting.ApplicationModel.ResourceCommandService>(fixture.App.Services);
        var result = await commands.ExecuteCommandAsync("redis", Aspire.Hosting.ApplicationModel.KnownResourceCommands.RestartCommand)
            .WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(result.Success, result.Message);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("redis").WaitAsync(TimeSpan.FromMinutes(2));

        await fixture.SayUntilAsync("what is the bedroom lamp's brightness", "Success");
        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        Assert.Equal(endpointsBefore.Length, (await fixture.GetEndpointsAsync()).Length);
        Assert.Equal(65, (await fixture.GetPlugStateAsync()).Brightness);
    }

    [Fact]
    public async Task The24GhzBandOffTakesThePlugOffTheWifi()
    {
        await fixture.EnsureLinkedAsync();
        try
        {
            await fixture.SwitchAsync("devicegateway", "/sim/wifi-band/off");
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is off the Wi-Fi");
            Assert.Equal("ENDPOINT_UNREACHABLE", (await fixture.SayAsync("turn on the bedroom lamp")).ErrorType);
        }
        finally
        {
            await fixture.SwitchAsync("devicegateway", "/sim/wifi-band/on");
        }

        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task AVendorOutageIsTheServiceNotRespondingAndKeepsTheLink()
    {
        await fixture.EnsureLinkedAsync();
        try
        {
            await fixture.SwitchAsync("vendorcloud", "/sim/outage/on");
            var answer = await fixture.SayAsync("turn on the bedroom lamp");
            Assert.Equal("ServiceUnavailable", answer.Outcome);
            Assert.Contains("isn't responding", answer.Speech, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await fixture.SwitchAsync("vendorcloud", "/sim/outage/off");
        }

        Assert.Equal("Linked", (await fixture.GetLinkAsync()).State);
        await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
    }

    [Fact]
    public async Task AnAssistantOutageAnswers503AndRecovers()
    {
        await fixture.EnsureLinkedAsync();
        try
        {
            await fixture.SwitchAsync("assistantcloud", "/sim/outage/on");
            using var assistant = fixture.CreateHttpClient("assistantcloud");
            using var response = await assistant.PostAsJsonAsync("/api/utterances", new UtteranceRequest("owner", "turn on the bedroom lamp"), Wire.Json)
                .WaitAsync(Wire.RequestTimeout);
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
        finally
        {
            await fixture.SwitchAsync("assistantcloud", "/sim/outage/off");
        }

        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }
}
