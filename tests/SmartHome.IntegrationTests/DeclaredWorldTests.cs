namespace SmartHome.IntegrationTests;

/// <summary>The shipped world "two-lamps" through the real AppHost: the clouds run every person, account and device of it.</summary>
public sealed class DeclaredWorldTests(DeclaredWorldTests.TwoLampsAppFixture fixture) : IClassFixture<DeclaredWorldTests.TwoLampsAppFixture>
{
    public sealed class TwoLampsAppFixture : SmartHomeAppFixture
    {
        protected override IEnumerable<string> ExtraArguments => ["--Parameters:world=two-lamps"];
    }

    [Fact]
    public async Task Each_person_is_linked_and_discovers_the_devices_of_their_own_home_with_the_capabilities_of_their_kind()
    {
        var owner = await fixture.GetEndpointsAsync("owner");
        var alice = await fixture.GetEndpointsAsync("alice");

        Assert.Equal("Linked", (await fixture.GetLinkAsync("alice")).State);
        Assert.Equal(["lamp-2", "plug-1", "plug-3"], owner.Select(e => e.GetProperty("endpointId").GetString()).Order());
        Assert.Equal(["lamp-1"], alice.Select(e => e.GetProperty("endpointId").GetString()));
        var kettle = owner.Single(e => e.GetProperty("endpointId").GetString() == "plug-3");
        Assert.DoesNotContain("Alexa.BrightnessController", kettle.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task The_bedroom_is_each_device_in_the_owners_bedroom_and_never_alices()
    {
        var answer = await fixture.SayAsync("turn on the bedroom");
        var alices = await fixture.SayAsync("turn on the bedroom", user: "alice");

        // Both devices of the owner's bedroom run in the plug process and obey; the kettle in the kitchen is left alone.
        Assert.Equal("OK", answer.Speech);
        Assert.Equal("ON", (await fixture.GetPlugStateAsync("home-1", "plug-1")).Power);
        Assert.Equal("ON", (await fixture.GetPlugStateAsync("home-1", "lamp-2")).Power);
        Assert.Equal("OFF", (await fixture.GetPlugStateAsync("home-1", "plug-3")).Power);
        Assert.Equal("OFF", (await fixture.GetPlugStateAsync("home-2", "lamp-1")).Power);
        // Alice's "bedroom" is not a room of hers: her lamp is in the living room, and the owner's devices are not hers.
        Assert.Equal("UnknownDevice", alices.Outcome);
    }

    [Fact]
    public async Task The_kettle_is_a_home_assistant_switch_that_obeys_plain_on_and_off_and_the_observer_never_sees_alices_home()
    {
        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync("plug-3", "home-1"), "the kettle is online");
        var seen = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer", SmartHomeAppFixture.MqttObserverPassword,
            ["homes/home-1/#", "homeassistant/#"]);

        // Each of the owner's devices announced in its kind; Alice's lamp (its topic names no home) is not the observer's to see.
        Assert.True(seen.Messages.ContainsKey("homeassistant/light/plug-1/config"), seen.Output + seen.Error);
        Assert.True(seen.Messages.ContainsKey("homeassistant/light/lamp-2/config"), seen.Output);
        Assert.DoesNotContain("homeassistant/light/lamp-1/config", seen.Messages.Keys);
        Assert.DoesNotContain(seen.Messages.Keys, topic => topic.StartsWith("homes/home-2/", StringComparison.Ordinal));
        using var kettle = System.Text.Json.JsonDocument.Parse(seen.Messages["homeassistant/switch/plug-3/config"]);
        Assert.Equal("ON", kettle.RootElement.GetProperty("payload_on").GetString());
        var command = kettle.RootElement.GetProperty("command_topic").GetString()!;

        // What Home Assistant's switch sends: the plain payloads its config declares.
        foreach (var payload in new[] { "ON", "OFF" })
        {
            var run = await MosquittoClients.PublishAsync(fixture.MqttBrokerUrl, "homeassistant", SmartHomeAppFixture.MqttHomeAssistantPassword, command, payload);
            Assert.DoesNotContain("failed", run.Error, StringComparison.OrdinalIgnoreCase);
            await Faults.EventuallyAsync(async () => (await fixture.GetPlugStateAsync("home-1", "plug-3")).Power == payload, $"the kettle is {payload}");
            await Faults.EventuallyAsync(async () => (await fixture.SayAsync("is the kettle on")).State?.PowerState == payload, $"the assistant hears the kettle is {payload}");
        }
    }
}

/// <summary>A bad world file stops the AppHost at start with the loader's message.</summary>
public sealed class BadWorldFileTests
{
    [Fact]
    public async Task The_AppHost_refuses_to_start_and_names_the_file_line_and_path()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-world-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "people": [{ "id": "owner", "vendorAccount": "owner@example.com" }],
              "vendorAccounts": [{ "email": "owner@example.com" }],
              "homes": [{ "id": "home-1", "account": "owner@example.com", "devices": [
                { "id": "plug-1", "name": "bedroom lamp", "kind": "toaster" } ] }]
            }
            """);
        try
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([$"--Parameters:world={file}"]);
                await using var app = await builder.BuildAsync().WaitAsync(SmartHomeAppFixture.StartTimeout);
            }).WaitAsync(SmartHomeAppFixture.StartTimeout);

            var message = error.GetBaseException().Message;
            Assert.Contains(file, message, StringComparison.Ordinal);
            Assert.Contains("line 5", message, StringComparison.Ordinal);
            Assert.Contains("$.homes[0].devices[0].kind", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
