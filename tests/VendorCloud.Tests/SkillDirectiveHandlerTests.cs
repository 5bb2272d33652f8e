using System.Text;
using System.Text.Json.Nodes;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

public sealed class SkillDirectiveHandlerTests
{
    private readonly TestWorld _world = new();

    private static string[] PropertyNames(JsonNode message) =>
        message["context"]!["properties"]!.AsArray().Select(p => $"{p!["namespace"]}.{p["name"]}").ToArray();

    [Fact]
    public async Task Discover_lists_the_accounts_lamp_as_a_LIGHT_with_its_capabilities()
    {
        var linked = await _world.LinkAsync();
        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.Discover(linked.AccessToken));

        Assert.Equal("Alexa.Discovery", (string?)answer["event"]!["header"]!["namespace"]);
        Assert.Equal("Discover.Response", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal("3", (string?)answer["event"]!["header"]!["payloadVersion"]);
        Assert.Null(answer["context"]);
        var endpoint = Assert.Single(answer["event"]!["payload"]!["endpoints"]!.AsArray())!;
        Assert.Equal(TestWorld.DeviceId, (string?)endpoint["endpointId"]);
        Assert.Equal("bedroom lamp", (string?)endpoint["friendlyName"]);
        Assert.Equal("SmartHome Devices", (string?)endpoint["manufacturerName"]);
        Assert.False(string.IsNullOrEmpty((string?)endpoint["description"]));
        Assert.Equal(["LIGHT"], endpoint["displayCategories"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("DW3HL-SIM", (string?)endpoint["additionalAttributes"]!["model"]);
        Assert.Equal("SmartHome Devices", (string?)endpoint["additionalAttributes"]!["manufacturer"]);
        // The cookie carries only the home, which the vendor takes back (the support API).
        Assert.Equal(TestWorld.HomeId, (string?)Assert.Single(endpoint["cookie"]!.AsObject()).Value);

        var capabilities = endpoint["capabilities"]!.AsArray();
        Assert.Equal(["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"],
            capabilities.Select(c => (string?)c!["interface"]));
        Assert.All(capabilities, c =>
        {
            Assert.Equal("AlexaInterface", (string?)c!["type"]);
            Assert.Equal("3", (string?)c["version"]);
        });
        Assert.Null(capabilities[0]!["properties"]);
        Assert.Equal(["powerState", "brightness", "connectivity"],
            capabilities.Skip(1).Select(c => (string?)c!["properties"]!["supported"]![0]!["name"]));
        Assert.All(capabilities.Skip(1), c =>
        {
            Assert.True((bool)c!["properties"]!["proactivelyReported"]!);
            Assert.True((bool)c["properties"]!["retrievable"]!);
        });
    }

    [Fact]
    public async Task SetBrightness_goes_down_the_uplink_and_answers_with_all_properties()
    {
        var linked = await _world.LinkAsync();
        var answer = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 40 }));

        var sent = Assert.Single(_world.Uplinks.Sent);
        Assert.Equal((TestWorld.HomeId, TestWorld.DeviceId, new LightState(null, 40)), sent);

        var header = answer["event"]!["header"]!;
        Assert.Equal("Alexa", (string?)header["namespace"]);
        Assert.Equal("Response", (string?)header["name"]);
        Assert.Equal("corr-token==", (string?)header["correlationToken"]);
        Assert.True(Guid.TryParse((string?)header["messageId"], out _));
        Assert.NotEqual("msg-1", (string?)header["messageId"]);
        Assert.Equal(TestWorld.DeviceId, (string?)answer["event"]!["endpoint"]!["endpointId"]);
        Assert.Null(answer["event"]!["endpoint"]!["scope"]); // the token is never echoed
        Assert.Empty(answer["event"]!["payload"]!.AsObject());

        Assert.Equal(["Alexa.PowerController.powerState", "Alexa.BrightnessController.brightness", "Alexa.EndpointHealth.connectivity"],
            PropertyNames(answer));
        var properties = answer["context"]!["properties"]!.AsArray();
        Assert.Equal("ON", (string?)properties[0]!["value"]);
        Assert.Equal(40, (int)properties[1]!["value"]!);
        Assert.Equal("OK", (string?)properties[2]!["value"]!["value"]);
        Assert.All(properties, p =>
        {
            Assert.Equal("2026-11-26T12:00:00.000Z", (string?)p!["timeOfSample"]);
            Assert.Equal(0, (int)p["uncertaintyInMilliseconds"]!);
        });
    }

    [Theory]
    [InlineData("TurnOn", "ON")]
    [InlineData("TurnOff", "OFF")]
    public async Task TurnOn_and_TurnOff_send_the_power_state(string name, string state)
    {
        var linked = await _world.LinkAsync();
        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", name, linked.AccessToken));

        Assert.Equal(new LightState(state, null), Assert.Single(_world.Uplinks.Sent).Command);
        Assert.Equal("Response", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal(state, (string?)answer["context"]!["properties"]![0]!["value"]);
    }

    [Fact]
    public async Task AdjustBrightness_starts_from_the_shadow_level()
    {
        var linked = await _world.LinkAsync();
        await _world.Shadows.SaveAsync(TestWorld.HomeId, new DeviceShadow(TestWorld.DeviceId, "ON", 90, true, _world.Time.GetUtcNow()), CancellationToken.None);

        await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.BrightnessController", "AdjustBrightness", linked.AccessToken, payload: new { brightnessDelta = 25 }));

        Assert.Equal(new LightState(null, 100), Assert.Single(_world.Uplinks.Sent).Command);
    }

    [Fact]
    public async Task A_command_the_plug_confirms_is_answered_without_reading_the_shadow()
    {
        var linked = await _world.LinkAsync();

        var answer = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 40 }));

        Assert.Equal("Response", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal(0, _world.Shadows.Reads);
    }

    [Fact]
    public async Task A_command_the_plug_does_not_confirm_is_answered_from_the_shadow_read_after_it()
    {
        var linked = await _world.LinkAsync();
        await _world.Shadows.SaveAsync(TestWorld.HomeId, new DeviceShadow(TestWorld.DeviceId, "OFF", 30, true, _world.Time.GetUtcNow()), CancellationToken.None);
        _world.Uplinks.Answer = _ => new CommandOutcome(CommandStatus.Ok, null, null);

        var answer = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 0 }));

        var properties = answer["context"]!["properties"]!.AsArray();
        // Brightness 0 says nothing of the power: the shadow's OFF is reported, as not confirmed.
        Assert.Equal("OFF", (string?)properties[0]!["value"]);
        Assert.Equal(0, (int)properties[1]!["value"]!);
        Assert.Equal(1000, (int)properties[0]!["uncertaintyInMilliseconds"]!);
        Assert.Equal(1, _world.Shadows.Reads);
    }

    [Fact]
    public async Task Another_accounts_device_is_NO_SUCH_ENDPOINT_and_is_never_commanded()
    {
        var linked = await _world.LinkAsync();
        var other = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken, TestWorld.OtherDeviceId));
        var unknown = await DirectiveJson.HandleAsync(_world,
            DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken, "no-such-plug"));

        Assert.Equal("NO_SUCH_ENDPOINT", (string?)other["event"]!["payload"]!["type"]);
        Assert.Equal((string?)unknown["event"]!["payload"]!["message"], (string?)other["event"]!["payload"]!["message"]);
        Assert.Empty(_world.Uplinks.Sent);
    }

    [Fact]
    public async Task Token_problems_are_INVALID_or_EXPIRED_AUTHORIZATION_CREDENTIAL()
    {
        var invalid = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", "not-a-token"));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", (string?)invalid["event"]!["payload"]!["type"]);

        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        var expired = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));
        Assert.Equal("EXPIRED_AUTHORIZATION_CREDENTIAL", (string?)expired["event"]!["payload"]!["type"]);
        Assert.Equal("ErrorResponse", (string?)expired["event"]!["header"]!["name"]);
        Assert.Empty(_world.Uplinks.Sent);
    }

    [Theory]
    [InlineData(nameof(CommandStatus.DeviceOffline), "ENDPOINT_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.Timeout), "ENDPOINT_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.BridgeUnreachable), "BRIDGE_UNREACHABLE")]
    [InlineData(nameof(CommandStatus.Rejected), "INVALID_VALUE")]
    [InlineData(nameof(CommandStatus.Failed), "INTERNAL_ERROR")]
    public async Task Failed_commands_answer_with_the_mapped_ErrorResponse(string status, string errorType)
    {
        var linked = await _world.LinkAsync();
        _world.Uplinks.Answer = _ => new CommandOutcome(Enum.Parse<CommandStatus>(status), null, "cause");

        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));

        Assert.Equal(errorType, (string?)answer["event"]!["payload"]!["type"]);
        Assert.Equal("corr-token==", (string?)answer["event"]!["header"]!["correlationToken"]);
        Assert.Equal(TestWorld.DeviceId, (string?)answer["event"]!["endpoint"]!["endpointId"]);
    }

    [Fact]
    public async Task ReportState_of_a_reachable_device_reports_the_shadow()
    {
        var linked = await _world.LinkAsync();
        var reportedAt = _world.Time.GetUtcNow();
        await _world.Shadows.SaveAsync(TestWorld.HomeId, new DeviceShadow(TestWorld.DeviceId, "OFF", 35, true, reportedAt), CancellationToken.None);
        _world.Time.Advance(TimeSpan.FromSeconds(5));

        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));

        Assert.Equal("StateReport", (string?)answer["event"]!["header"]!["name"]);
        var properties = answer["context"]!["properties"]!.AsArray();
        Assert.Equal("OFF", (string?)properties[0]!["value"]);
        Assert.Equal(35, (int)properties[1]!["value"]!);
        Assert.Equal("2026-11-26T12:00:00.000Z", (string?)properties[1]!["timeOfSample"]);
        Assert.Equal("OK", (string?)properties[2]!["value"]!["value"]);
        Assert.Equal("2026-11-26T12:00:05.000Z", (string?)properties[2]!["timeOfSample"]);
        Assert.Empty(_world.Uplinks.Sent);
    }

    [Theory]
    [InlineData(nameof(DeviceConnectivity.DeviceOffline))]
    [InlineData(nameof(DeviceConnectivity.BridgeDown))]
    public async Task ReportState_of_an_unreachable_device_is_a_StateReport_with_UNREACHABLE(string connectivity)
    {
        var linked = await _world.LinkAsync();
        _world.Uplinks.Connectivity = Enum.Parse<DeviceConnectivity>(connectivity);

        var answer = await DirectiveJson.HandleAsync(_world, DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));

        Assert.Equal("StateReport", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal("UNREACHABLE", (string?)answer["context"]!["properties"]!.AsArray().Last()!["value"]!["value"]);
    }

    [Fact]
    public async Task Unreadable_JSON_still_gets_an_ErrorResponse_with_a_new_message_id()
    {
        var answer = await DirectiveJson.HandleAsync(_world, Encoding.UTF8.GetBytes("{\"directive\": {"));

        Assert.Equal("ErrorResponse", (string?)answer["event"]!["header"]!["name"]);
        Assert.Equal("INVALID_DIRECTIVE", (string?)answer["event"]!["payload"]!["type"]);
        Assert.True(Guid.TryParse((string?)answer["event"]!["header"]!["messageId"], out _));
        Assert.Null(answer["event"]!["header"]!["correlationToken"]);
    }
}
