using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The events the vendor sends to the event gateway validate against Amazon's schema (../shared/alexa; skipped without
/// it, failed under CI=true). DeleteReport is not in that schema: its shape is checked against Amazon's documentation.
/// </summary>
public sealed class ProactiveEventSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly Device Lamp = new("plug-1", "home-1", "acct-owner", "bedroom lamp", "SmartHome Devices", "DW3HL-SIM", "SIM-plug-1", "1.0.0");

    public static TheoryData<string> Events => ["ChangeReport", "ChangeReport connectivity", "AddOrUpdateReport", "Response", "ErrorResponse", "DeferredResponse"];

    [SkippableTheory]
    [MemberData(nameof(Events))]
    public async Task Validates_against_Amazons_schema(string name)
    {
        var schema = await AlexaMessageSchema.GetAsync();
        var properties = AlexaEvents.Properties("ON", 40, true, At, 0, At);
        var message = name switch
        {
            "ChangeReport" => new ChangeReportDraft("plug-1", ChangeCauses.PhysicalInteraction, properties, new HashSet<string> { "powerState" }).Build("Atza|t"),
            "ChangeReport connectivity" => new ChangeReportDraft("plug-1", ChangeCauses.PeriodicPoll,
                AlexaEvents.Properties("ON", 40, false, At, 0, At), new HashSet<string> { "powerState", "brightness", "connectivity" }).Build("Atza|t"),
            "AddOrUpdateReport" => ProactiveEvents.AddOrUpdateReport([Lamp, Lamp with { DeviceId = "plug-3", Kind = DeviceKind.OnOffPlug }], "Atza|t"),
            "Response" => ProactiveEvents.Response("corr==", "plug-1", "Atza|t", properties),
            "ErrorResponse" => ProactiveEvents.ErrorResponse("corr==", "plug-1", "Atza|t", new SkillFailure(AlexaErrorTypes.EndpointUnreachable, "offline")),
            _ => AlexaEvents.DeferredResponse(new ParsedDirective(DirectiveKind.TurnOn, "Alexa.PowerController", "TurnOn", "corr==", "plug-1", "t", default, null), 7),
        };

        var json = DirectiveJson.ToJson(message).ToJsonString();
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{json}\n" + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void DeleteReport_has_the_documented_shape()
    {
        var report = DirectiveJson.ToJson(ProactiveEvents.DeleteReport(["plug-1"], "Atza|t"));

        Assert.Equal("Alexa.Discovery", (string?)report["event"]!["header"]!["namespace"]);
        Assert.Equal("DeleteReport", (string?)report["event"]!["header"]!["name"]);
        Assert.Equal("3", (string?)report["event"]!["header"]!["payloadVersion"]);
        Assert.Equal("plug-1", (string?)Assert.Single(report["event"]!["payload"]!["endpoints"]!.AsArray())!["endpointId"]);
        Assert.Equal(("BearerToken", "Atza|t"),
            ((string?)report["event"]!["payload"]!["scope"]!["type"], (string?)report["event"]!["payload"]!["scope"]!["token"]));
        Assert.Null(report["event"]!["endpoint"]);
    }
}
