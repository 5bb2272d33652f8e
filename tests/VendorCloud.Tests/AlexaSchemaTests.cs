using System.Text;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The skill's answers validate against Amazon's alexa_smart_home_message_schema.json (draft-04), read from
/// ../shared/alexa relative to the repository root; without it they skip (and fail under CI=true).
/// </summary>
public sealed class AlexaSchemaTests
{
    private readonly TestWorld _world = new();

    private async Task AssertValidAsync(byte[] directive)
    {
        var schema = await AlexaMessageSchema.GetAsync();

        var json = DirectiveJson.ToJson(await _world.Skill.HandleAsync(directive, CancellationToken.None)).ToJsonString();
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{json}\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind} {e}")));
    }

    [SkippableFact]
    public async Task Discover_Response_validates()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Discover(linked.AccessToken));
    }

    [SkippableFact]
    public async Task Response_validates()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 40 }));
    }

    [SkippableFact]
    public async Task StateReport_validates_reachable_and_unreachable()
    {
        var linked = await _world.LinkAsync();
        await _world.Shadows.SaveAsync(TestWorld.HomeId, new DeviceShadow(TestWorld.DeviceId, "ON", 40, true, _world.Time.GetUtcNow()), CancellationToken.None);
        await AssertValidAsync(DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));

        _world.Uplinks.Connectivity = DeviceConnectivity.BridgeDown;
        await AssertValidAsync(DirectiveJson.Control("Alexa", "ReportState", linked.AccessToken));
    }

    [SkippableFact]
    public async Task Every_kind_of_device_validates_in_Discover_Response_and_Response()
    {
        _world.AddOwnerDevice("lamp-2", "reading lamp", DeviceKind.DimmableLamp);
        _world.AddOwnerDevice("plug-3", "kettle", DeviceKind.OnOffPlug);
        var linked = await _world.LinkAsync();

        await AssertValidAsync(DirectiveJson.Discover(linked.AccessToken));
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken, "plug-3"));
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, "plug-3", new { brightness = 40 }));
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, "lamp-2", new { brightness = 40 }));
    }

    [SkippableFact]
    public async Task ErrorResponses_validate()
    {
        var linked = await _world.LinkAsync();
        await AssertValidAsync(DirectiveJson.Control("Alexa.BrightnessController", "SetBrightness", linked.AccessToken, payload: new { brightness = 140 }));
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", "bad-token"));
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken, TestWorld.OtherDeviceId));
        await AssertValidAsync(Encoding.UTF8.GetBytes("{broken"));
        _world.Uplinks.Answer = _ => new CommandOutcome(CommandStatus.BridgeUnreachable, null, null);
        await AssertValidAsync(DirectiveJson.Control("Alexa.PowerController", "TurnOn", linked.AccessToken));
    }

    [SkippableFact]
    public async Task The_schema_check_is_not_vacuous()
    {
        var schema = await AlexaMessageSchema.GetAsync();

        var wrongType = DirectiveJson.ToJson(AlexaEvents.Error(null, new SkillFailure("NOT_A_TYPE", "x"))).ToJsonString();
        Assert.NotEmpty(schema.Validate(wrongType));

        var tooPrecise = DirectiveJson.ToJson(AlexaEvents.StateReport(DirectiveParser.Parse(DirectiveJson.Control("Alexa", "ReportState", "t")),
            TestWorld.DeviceId, AlexaEvents.Properties("ON", 40, true, _world.Time.GetUtcNow(), 0, _world.Time.GetUtcNow()))).ToJsonString()
            .Replace(".000Z", ".0000000Z", StringComparison.Ordinal);
        Assert.NotEmpty(schema.Validate(tooPrecise));
    }
}
