using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Real MQTT tools on the home LAN: Debian's <c>mosquitto_sub</c> and <c>mosquitto_pub</c> (not MQTTnet) join the
/// broker of the mode under test as the story home's <c>observer</c> and <c>homeassistant</c> (README, "Watch the
/// home LAN with real MQTT tools"), and everything beyond their role is refused.
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class MqttToolsTests(SmartHomeAppFixture fixture)
{
    private const string Set = "homes/home-1/devices/plug-1/set";

    [Fact]
    public async Task The_observer_reads_the_lamps_retained_state_availability_and_discovery()
    {
        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is online");

        // The README's line.
        var run = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer", SmartHomeAppFixture.MqttObserverPassword,
            ["homes/home-1/#", "homeassistant/#"]);

        var messages = run.Messages;
        Assert.True(messages.ContainsKey("homes/home-1/devices/plug-1/state"), run.Output + run.Error);
        using var state = JsonDocument.Parse(messages["homes/home-1/devices/plug-1/state"]);
        Assert.Contains(state.RootElement.GetProperty("state").GetString(), new[] { "ON", "OFF" });
        Assert.Equal("online", messages["homes/home-1/devices/plug-1/availability"]);
        Assert.Equal("online", messages["homes/home-1/gateway/status"]);

        using var discovery = JsonDocument.Parse(messages["homeassistant/light/plug-1/config"]);
        var config = discovery.RootElement;
        Assert.Equal("json", config.GetProperty("schema").GetString());
        Assert.Equal(100, config.GetProperty("brightness_scale").GetInt32());
        Assert.Equal(Set, config.GetProperty("command_topic").GetString());
        Assert.Equal("homes/home-1/devices/plug-1/state", config.GetProperty("state_topic").GetString());
        Assert.Equal("homes/home-1/devices/plug-1/availability", config.GetProperty("availability_topic").GetString());
        Assert.Equal("plug-1", config.GetProperty("unique_id").GetString());
        Assert.Equal("bedroom lamp", config.GetProperty("device").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_integrator_turns_the_lamp_on_through_the_set_topic_and_the_chain_sees_it()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn off the bedroom lamp")).Outcome);

        // What Home Assistant sends for a JSON light: no response topic, no correlation data.
        var run = await MosquittoClients.PublishAsync(fixture.MqttBrokerUrl, "homeassistant", SmartHomeAppFixture.MqttHomeAssistantPassword,
            Set, """{"state":"ON","brightness":35}""");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("failed", run.Error, StringComparison.OrdinalIgnoreCase);

        // The plug applies it, publishes its state, and the gateway reports it up to the vendor like a button press.
        await Faults.EventuallyAsync(async () => await fixture.GetPlugStateAsync() is { Power: "ON", Brightness: 35 }, "the plug applies the integrator's command");
        await Faults.EventuallyAsync(async () => await SupportStateAsync() is ("ON", 35), "the vendor's support view shows the new state");
        // The assistant learns it from the vendor's ChangeReport (APP_INTERACTION), a moment after the vendor.
        await Faults.EventuallyAsync(async () => (await fixture.SayAsync("what is the bedroom lamp's brightness")).State?.Brightness == 35,
            "the assistant answers the integrator's brightness");
    }

    [Fact]
    public async Task An_observer_may_not_command_and_a_wrong_password_is_refused()
    {
        var before = await fixture.GetPlugStateAsync();
        var command = before.Power == "ON" ? "OFF" : "ON";

        var refused = await MosquittoClients.PublishAsync(fixture.MqttBrokerUrl, "observer", SmartHomeAppFixture.MqttObserverPassword, Set, command);
        Assert.Contains("Not authorized", refused.Error, StringComparison.Ordinal);

        var wrongPassword = await MosquittoClients.SubscribeAsync(fixture.MqttBrokerUrl, "observer", "not-the-password", ["homes/home-1/#"], waitSeconds: 1);
        Assert.NotEqual(0, wrongPassword.ExitCode);
        Assert.Empty(wrongPassword.Output);
        Assert.Contains(fixture.UsesMosquitto ? "Not authorized" : "Bad User Name or Password", wrongPassword.Error, StringComparison.Ordinal);

        // A plain publish by the integrator does go through, so the refusal above was the role's.
        var allowed = await MosquittoClients.PublishAsync(fixture.MqttBrokerUrl, "homeassistant", SmartHomeAppFixture.MqttHomeAssistantPassword, Set, command);
        Assert.DoesNotContain("failed", allowed.Error, StringComparison.OrdinalIgnoreCase);
        await Faults.EventuallyAsync(async () => (await fixture.GetPlugStateAsync()).Power == command, "the integrator's plain ON/OFF is applied");
        Assert.Equal(before.Power, command == "ON" ? "OFF" : "ON"); // the observer's had not been
    }

    private async Task<(string? Power, int? Brightness)> SupportStateAsync()
    {
        using var client = fixture.CreateHttpClient("vendorcloud");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/support/devices/plug-1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VendorOAuth.ClientId}:{SmartHomeAppFixture.AssistantClientSecret}")));
        using var response = await client.SendAsync(request).WaitAsync(Wire.RequestTimeout);
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonElement>().WaitAsync(Wire.RequestTimeout);
        var state = view.GetProperty("device").GetProperty("state");
        return state.ValueKind == JsonValueKind.Object
            ? (state.GetProperty("state").GetString(), state.TryGetProperty("brightness", out var b) ? b.GetInt32() : null)
            : (null, null);
    }
}
