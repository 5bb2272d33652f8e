namespace SmartHome.IntegrationTests;

/// <summary>The happy path of the chain, utterance to lamp and back, on the real AppHost.</summary>
[Collection(SmartHomeCollection.Name)]
public sealed class ChainTests(SmartHomeAppFixture fixture)
{
    [Fact]
    public async Task AllFiveResourcesAreHealthy()
    {
        foreach (var name in SmartHomeAppFixture.ResourceNames)
        {
            // Each replica of a cloud run as several (Aspire keeps a state per replica).
            foreach (var instance in await fixture.World.InstancesAsync(name))
            {
                Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState(instance, out var resourceEvent), $"{instance} is unknown");
                Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resourceEvent.Snapshot.HealthStatus);
            }
        }
    }

    [Fact]
    public async Task SettingTheBedroomLampTo40PercentReachesTheLamp()
    {
        await fixture.EnsureLinkedAsync();
        var answer = await fixture.SayAsync("set the bedroom lamp to 40 percent");

        Assert.Equal("Success", answer.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(answer.Speech));
        Assert.Matches("^[0-9a-f]{32}$", answer.TraceId);
        Assert.Equal("bedroom lamp", answer.Device?.FriendlyName);
        Assert.Equal(40, answer.State?.Brightness);
        Assert.Equal("ON", answer.State?.PowerState);

        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal(40, plug.Brightness);
        Assert.Equal("ON", plug.Power);
        Assert.True(plug.LampOutputPercent > 0);
    }

    [Fact]
    public async Task EveryUtteranceFormDrivesTheLamp()
    {
        await fixture.EnsureLinkedAsync();
        // A fixed sequence: each step's expected level follows from the one before.
        await ExpectAsync("set the bedroom lamp to 50 percent", "ON", 50);
        await ExpectAsync("turn off the bedroom lamp", "OFF", null);
        Assert.Equal("OFF", (await fixture.GetPlugStateAsync()).Power);

        var isOn = await fixture.SayAsync("is the bedroom lamp on");
        Assert.Equal("Success", isOn.Outcome);
        Assert.Contains("off", isOn.Speech, StringComparison.OrdinalIgnoreCase);

        await ExpectAsync("turn on the bedroom lamp", "ON", 50);
        await ExpectAsync("brighten the bedroom lamp by 10 percent", "ON", 60);
        await ExpectAsync("dim the bedroom lamp by 20 percent", "ON", 40);
        await ExpectAsync("brighten the bedroom lamp by 90 percent", "ON", 100);
        await ExpectAsync("dim the bedroom lamp", "ON", 75);

        var brightness = await fixture.SayAsync("what is the bedroom lamp's brightness");
        Assert.Equal("Success", brightness.Outcome);
        Assert.Contains("75", brightness.Speech);

        var plug = await fixture.GetPlugStateAsync();
        Assert.Equal(75, plug.Brightness);
        Assert.Equal("ON", plug.Power);
    }

    [Fact]
    public async Task UnknownDevicesAndNonsenseGetASpokenAnswerNotAnError()
    {
        await fixture.EnsureLinkedAsync();
        var unknown = await fixture.SayAsync("turn on the kitchen kettle");
        Assert.Equal("UnknownDevice", unknown.Outcome);
        Assert.Contains("kitchen kettle", unknown.Speech, StringComparison.OrdinalIgnoreCase);

        var nonsense = await fixture.SayAsync("sing me a song about lamps");
        Assert.Equal("NotUnderstood", nonsense.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(nonsense.Speech));
    }

    [Fact]
    public async Task AnOutOfRangeValueIsRefusedInAlexaTerms()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetPlugStateAsync();
        var answer = await fixture.SayAsync("set the bedroom lamp to 150 percent");

        Assert.Equal("DeviceError", answer.Outcome);
        Assert.Equal("VALUE_OUT_OF_RANGE", answer.ErrorType);
        Assert.Equal(before.Brightness, (await fixture.GetPlugStateAsync()).Brightness);
    }

    private async Task ExpectAsync(string text, string power, int? brightness)
    {
        var answer = await fixture.SayAsync(text);
        Assert.True(answer.Outcome == "Success", $"'{text}': {answer.Outcome} {answer.ErrorType} '{answer.Speech}'");
        Assert.Equal(power, answer.State?.PowerState);
        if (brightness is { } level)
        {
            Assert.Equal(level, answer.State?.Brightness);
            Assert.Equal(level, (await fixture.GetPlugStateAsync()).Brightness);
        }
    }
}
