using System.Text.Json.Nodes;
using SmartHome.ServiceDefaults.Worlds;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Which device changes become ChangeReports, and with which cause (docs/protocols.md, "Causes").</summary>
public sealed class ChangeReportTests
{
    private readonly TestWorld _world = new();
    private readonly Device _lamp;
    private readonly DeviceShadow _on;

    public ChangeReportTests()
    {
        _world.EnableAssistantEvents();
        _world.AssistantGrants.Grant(TestWorld.OwnerAccountId,
            new AssistantTokens("Atza|a", "Atzr|r", _world.Time.GetUtcNow().AddHours(1)), _world.Time.GetUtcNow());
        _lamp = _world.Directory.Devices[Fakes.InMemoryVendorDirectory.Key(TestWorld.HomeId, TestWorld.DeviceId)];
        _on = new DeviceShadow(TestWorld.DeviceId, "ON", 40, true, _world.Time.GetUtcNow());
    }

    [Theory]
    [InlineData(ChangeCause.Button, "PHYSICAL_INTERACTION")]
    [InlineData(ChangeCause.App, "APP_INTERACTION")]
    [InlineData(null, "PHYSICAL_INTERACTION")]
    public async Task A_state_change_is_reported_with_the_plugs_cause(string? plugCause, string alexaCause)
    {
        await _world.Reporter.DeviceChangedAsync(_lamp, _on, _on with { PowerState = "OFF" }, plugCause, CancellationToken.None);

        var report = await NextReportAsync();
        Assert.Equal(alexaCause, (string?)report["event"]!["payload"]!["change"]!["cause"]!["type"]);
        var changed = Assert.Single(report["event"]!["payload"]!["change"]!["properties"]!.AsArray())!;
        Assert.Equal(("Alexa.PowerController", "powerState", "OFF"), ((string?)changed["namespace"], (string?)changed["name"], (string?)changed["value"]));
        // The unchanged properties go in the context: brightness and connectivity.
        Assert.Equal(["brightness", "connectivity"], report["context"]!["properties"]!.AsArray().Select(p => (string?)p!["name"]));
    }

    [Fact]
    public async Task A_change_a_directive_made_is_not_reported_again()
    {
        await _world.Reporter.DeviceChangedAsync(_lamp, _on, _on with { PowerState = "OFF" }, ChangeCause.Command, CancellationToken.None);

        Assert.Equal(0, _world.EventQueue.Count);
    }

    [Theory]
    [InlineData(false, "UNREACHABLE")]
    [InlineData(true, "OK")]
    public async Task Availability_is_reported_as_EndpointHealth_connectivity(bool online, string connectivity)
    {
        await _world.Reporter.DeviceChangedAsync(_lamp, _on with { Online = !online }, _on with { Online = online }, null, CancellationToken.None);

        var report = await NextReportAsync();
        Assert.Equal("PERIODIC_POLL", (string?)report["event"]!["payload"]!["change"]!["cause"]!["type"]);
        var changed = Assert.Single(report["event"]!["payload"]!["change"]!["properties"]!.AsArray())!;
        Assert.Equal(("Alexa.EndpointHealth", "connectivity", connectivity),
            ((string?)changed["namespace"], (string?)changed["name"], (string?)changed["value"]!["value"]));
    }

    [Fact]
    public async Task A_directives_change_with_an_availability_change_reports_only_the_availability()
    {
        await _world.Reporter.DeviceChangedAsync(_lamp, _on with { Online = false }, _on with { PowerState = "OFF" }, ChangeCause.Command,
            CancellationToken.None);

        var report = await NextReportAsync();
        Assert.Equal(["connectivity"], report["event"]!["payload"]!["change"]!["properties"]!.AsArray().Select(p => (string?)p!["name"]));
    }

    [Fact]
    public async Task Nothing_changed_or_a_first_sighting_is_not_reported()
    {
        await _world.Reporter.DeviceChangedAsync(_lamp, _on, _on with { UpdatedAt = _on.UpdatedAt.AddMinutes(1) }, ChangeCause.Button, CancellationToken.None);
        await _world.Reporter.DeviceChangedAsync(_lamp, null, _on, ChangeCause.Button, CancellationToken.None);

        Assert.Equal(0, _world.EventQueue.Count);
    }

    [Fact]
    public async Task An_on_off_plugs_brightness_is_never_reported()
    {
        var kettle = _lamp with { DeviceId = "plug-3", Kind = DeviceKind.OnOffPlug };
        await _world.Reporter.DeviceChangedAsync(kettle, _on with { DeviceId = "plug-3" }, _on with { DeviceId = "plug-3", Brightness = 10 },
            ChangeCause.Button, CancellationToken.None);

        Assert.Equal(0, _world.EventQueue.Count);
    }

    [Fact]
    public async Task Without_the_return_path_configured_nothing_is_queued()
    {
        var world = new TestWorld();
        world.AssistantGrants.Grant(TestWorld.OwnerAccountId, new AssistantTokens("a", "r", world.Time.GetUtcNow().AddHours(1)), world.Time.GetUtcNow());

        await world.Reporter.DeviceChangedAsync(_lamp, _on, _on with { PowerState = "OFF" }, ChangeCause.Button, CancellationToken.None);

        Assert.Equal(0, world.EventQueue.Count);
    }

    [Fact]
    public async Task A_button_frame_from_the_home_becomes_a_ChangeReport_in_the_frames_trace()
    {
        using var recorder = new ActivityRecorder(VendorCloudTelemetry.SourceName);
        await _world.Shadows.SaveAsync(TestWorld.HomeId, _on, CancellationToken.None);
        var processor = new SmartHome.VendorCloud.Uplink.UplinkFrameProcessor(_world.Registry, _world.Directory, _world.Shadows, _world.Reporter,
            _world.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<SmartHome.VendorCloud.Uplink.UplinkFrameProcessor>.Instance);
        var connection = new SmartHome.VendorCloud.Uplink.UplinkConnection(TestWorld.HomeId, System.Net.WebSockets.WebSocket.CreateFromStream(
            new MemoryStream(), new System.Net.WebSockets.WebSocketCreationOptions { IsServer = true }));
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        var frame = new DeviceFrame(TestWorld.DeviceId, true, new LightState("OFF", 40), $"00-{traceId}-b7ad6b7169203331-01", Cause: ChangeCause.Button);

        await processor.ApplyAsync(connection, frame, CancellationToken.None);

        var pending = await _world.EventQueue.PeekAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(traceId, pending.Parent.TraceId.ToHexString());
        Assert.Equal("PHYSICAL_INTERACTION", ((ChangeReportDraft)pending.Draft).Cause);
    }

    [Fact]
    public async Task A_directives_change_after_its_command_went_unanswered_is_reported_as_VOICE_INTERACTION()
    {
        await _world.Shadows.SaveAsync(TestWorld.HomeId, _on, CancellationToken.None);
        var (processor, connection) = Processor();
        var late = new DeviceFrame(TestWorld.DeviceId, true, new LightState("OFF", 40), Cause: ChangeCause.Command);

        _world.Registry.RecordUnansweredCommand(TestWorld.HomeId, TestWorld.DeviceId);
        await processor.ApplyAsync(connection, late, CancellationToken.None);

        Assert.Equal("VOICE_INTERACTION", (string?)(await NextReportAsync())["event"]!["payload"]!["change"]!["cause"]!["type"]);

        // Once only: the next change a directive makes is its Response's again.
        var pending = await _world.EventQueue.PeekAsync(CancellationToken.None);
        _world.EventQueue.Complete(pending);
        await processor.ApplyAsync(connection, late with { State = new LightState("ON", 40) }, CancellationToken.None);
        Assert.Equal(0, _world.EventQueue.Count);
    }

    private (SmartHome.VendorCloud.Uplink.UplinkFrameProcessor, SmartHome.VendorCloud.Uplink.UplinkConnection) Processor() => (
        new SmartHome.VendorCloud.Uplink.UplinkFrameProcessor(_world.Registry, _world.Directory, _world.Shadows, _world.Reporter, _world.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SmartHome.VendorCloud.Uplink.UplinkFrameProcessor>.Instance),
        new SmartHome.VendorCloud.Uplink.UplinkConnection(TestWorld.HomeId, System.Net.WebSockets.WebSocket.CreateFromStream(
            new MemoryStream(), new System.Net.WebSockets.WebSocketCreationOptions { IsServer = true })));

    private async Task<JsonNode> NextReportAsync()
    {
        Assert.Equal(1, _world.EventQueue.Count);
        var pending = await _world.EventQueue.PeekAsync(CancellationToken.None);
        var report = DirectiveJson.ToJson(pending.Draft.Build("Atza|a"));
        Assert.Equal("ChangeReport", (string?)report["event"]!["header"]!["name"]);
        Assert.Equal("Atza|a", (string?)report["event"]!["endpoint"]!["scope"]!["token"]);
        Assert.Equal(TestWorld.DeviceId, (string?)report["event"]!["endpoint"]!["endpointId"]);
        return report;
    }
}
