namespace SmartHome.IntegrationTests;

/// <summary>Two vendor accounts, two lamps: one account's token can neither see, read nor change the other's.</summary>
[Collection(SmartHomeCollection.Name)]
public sealed class IsolationTests(SmartHomeAppFixture fixture)
{
    private const string NeighbourEmail = "neighbour@example.com";
    private const string NeighbourPassword = "neighbour-password-1";

    [Fact]
    public async Task AnAccountsTokenCannotReachAnotherAccountsLamp()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        TestSecrets.Remember(NeighbourPassword);
        await fixture.PostVendorAsync("/sim/accounts", new
        {
            email = NeighbourEmail,
            password = NeighbourPassword,
            homeId = "home-2",
            gatewaySecret = "neighbour-gateway-secret-0123456789",
            deviceId = "plug-2",
            deviceName = "hallway lamp",
        });

        var oauth = new VendorOAuth(fixture);
        var owner = (await oauth.LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token)).AccessToken!;
        var neighbour = (await oauth.LinkAsync(NeighbourEmail, NeighbourPassword, cts.Token)).AccessToken!;

        Assert.DoesNotContain("plug-2", (await fixture.SendAsync(AlexaDirectives.Discover(owner))).DiscoveredEndpointIds());
        Assert.Equal(["plug-2"], (await fixture.SendAsync(AlexaDirectives.Discover(neighbour))).DiscoveredEndpointIds());

        foreach (var (ns, name) in new[] { ("Alexa.PowerController", "TurnOn"), ("Alexa", "ReportState") })
        {
            var reply = await fixture.SendAsync(AlexaDirectives.Directive(ns, name, owner, "plug-2"));
            Assert.Equal("NO_SUCH_ENDPOINT", reply.ErrorType());
        }

        var before = await fixture.GetPlugStateAsync();
        var off = await fixture.SendAsync(AlexaDirectives.Directive("Alexa.PowerController", before.Power == "ON" ? "TurnOff" : "TurnOn", neighbour, "plug-1"));
        Assert.Equal("NO_SUCH_ENDPOINT", off.ErrorType());
        Assert.Equal(before.Power, (await fixture.GetPlugStateAsync()).Power);
        Assert.DoesNotContain("bedroom", off.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }
}
