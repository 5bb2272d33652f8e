using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The uplink over a real WebSocket pair in memory: the test plays the home's gateway.</summary>
public sealed class HomeUplinksTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestWorld _world = new();
    private readonly UplinkRegistry _registry;
    private readonly HomeUplinks _uplinks;
    private readonly UplinkFrameProcessor _processor;
    private readonly WebSocket _gateway;
    private readonly UplinkConnection _connection;
    private readonly Task _receiving;
    private readonly CancellationTokenSource _stop = new();

    public HomeUplinksTests()
    {
        _registry = new UplinkRegistry(_world.Time);
        _uplinks = new HomeUplinks(_registry, _world.Shadows, _world.Time, NullLogger<HomeUplinks>.Instance);
        _processor = new UplinkFrameProcessor(_registry, _world.Directory, _world.Shadows, _world.Reporter, _world.Time,
            NullLogger<UplinkFrameProcessor>.Instance);
        var (server, client) = DuplexPipeStream.CreatePair();
        var vendorSide = WebSocket.CreateFromStream(server, new WebSocketCreationOptions { IsServer = true });
        _gateway = WebSocket.CreateFromStream(client, new WebSocketCreationOptions { IsServer = false });
        _connection = new UplinkConnection(TestWorld.HomeId, vendorSide);
        _registry.Register(_connection);
        _receiving = UplinkApi.ReceiveAsync(_connection, _processor, NullLogger.Instance, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _connection.MarkClosed();
        await _receiving.WaitAsync(Bound).ContinueWith(_ => { }, TaskScheduler.Default);
        _gateway.Abort();
    }

    private async Task GatewaySendsAsync(string json) =>
        await _gateway.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Bound);

    private async Task<JsonNode> GatewayReceivesAsync()
    {
        var buffer = new byte[8192];
        var received = await _gateway.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
        Assert.True(received.EndOfMessage);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!;
    }

    private async Task HelloAsync(bool online = true)
    {
        await GatewaySendsAsync($$$"""{"type":"hello","homeId":"home-1","devices":[{"deviceId":"plug-1","online":{{{(online ? "true" : "false")}}},"state":{"state":"ON","brightness":30}}]}""");
        await WaitUntilAsync(() => _registry.GetAvailability(TestWorld.HomeId, TestWorld.DeviceId) == online);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Hello_updates_availability_and_the_shadow()
    {
        Assert.Equal(DeviceConnectivity.DeviceOffline, _uplinks.GetConnectivity(TestWorld.HomeId, TestWorld.DeviceId));

        await HelloAsync();

        Assert.Equal(DeviceConnectivity.Online, _uplinks.GetConnectivity(TestWorld.HomeId, TestWorld.DeviceId));
        var shadow = _world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"];
        Assert.Equal(("ON", 30, true), (shadow.PowerState, shadow.Brightness, shadow.Online));
    }

    [Fact]
    public async Task A_home_cannot_report_another_homes_device()
    {
        await GatewaySendsAsync("""{"type":"device","deviceId":"plug-9","online":true,"state":{"state":"ON","brightness":1}}""");
        await HelloAsync(); // frames are processed in order: once this is applied, the foreign one was too

        Assert.False(_world.Shadows.Shadows.ContainsKey(TestWorld.OtherDeviceId));
        Assert.Null(_registry.GetAvailability("home-9", TestWorld.OtherDeviceId));
    }

    [Fact]
    public async Task A_command_goes_down_with_its_trace_context_and_its_result_comes_back()
    {
        using var recorder = new ActivityRecorder("SmartHome.VendorCloud");
        await HelloAsync();

        var sending = _uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState(null, 40), CancellationToken.None);
        var command = await GatewayReceivesAsync();
        Assert.Equal("command", (string?)command["type"]);
        Assert.Equal(TestWorld.DeviceId, (string?)command["deviceId"]);
        Assert.Equal(40, (int)command["command"]!["brightness"]!);
        Assert.Null(command["command"]!["state"]);
        var id = (string)command["id"]!;
        Assert.True(Guid.TryParse(id, out _));
        var traceparent = (string)command["traceparent"]!;

        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""");
        var outcome = await sending.WaitAsync(Bound);

        Assert.Equal(new CommandOutcome(CommandStatus.Ok, new LightState("ON", 40), null), outcome);
        Assert.Equal(40, _world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"].Brightness);
        var span = Assert.Single(recorder.Stopped, a => a.OperationName == $"send command {TestWorld.DeviceId}" && (string?)a.GetTagItem("messaging.message.id") == id);
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal($"00-{span.TraceId}-{span.SpanId}-01", traceparent);
        Assert.Equal(id, span.GetTagItem("messaging.message.id"));
        Assert.Equal($"uplink/{TestWorld.HomeId}", span.GetTagItem("messaging.destination.name"));
        Assert.Equal(TestWorld.DeviceId, span.GetTagItem("smarthome.device.id"));
        // The round trip around it carries the home and the outcome.
        var roundTrip = Assert.Single(recorder.Stopped, a => a.OperationName == $"command {TestWorld.DeviceId}" && a.SpanId == span.ParentSpanId);
        Assert.Equal(TestWorld.HomeId, roundTrip.GetTagItem("smarthome.home.id"));
        Assert.Equal("Ok", roundTrip.GetTagItem("smarthome.command.status"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_result_is_not_held_back_by_a_device_frame_still_being_applied()
    {
        await HelloAsync();
        var redis = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Shadows.SavesAfter = redis.Task;

        var sending = _uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState(null, 40), CancellationToken.None);
        var id = (string)(await GatewayReceivesAsync())["id"]!;
        // The plug's state comes up first (its shadow write is stuck), its answer right behind it.
        await GatewaySendsAsync("""{"type":"device","deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40}}""");
        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""");

        Assert.Equal(CommandStatus.Ok, (await sending.WaitAsync(Bound)).Status);
        Assert.Equal(30, _world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"].Brightness);

        // The device frame is applied once Redis answers.
        redis.SetResult();
        await WaitUntilAsync(() => _world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"].Brightness == 40);
    }

    [Fact]
    public async Task Frames_read_before_the_uplink_closed_are_applied_before_the_receive_loop_ends()
    {
        await HelloAsync();
        var redis = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Shadows.SavesAfter = redis.Task;
        await GatewaySendsAsync("""{"type":"device","deviceId":"plug-1","online":false,"state":{"state":"OFF","brightness":30}}""");
        await _gateway.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WaitAsync(Bound);

        // The close is read, but the loop waits for the device frame: the home is marked unreachable after it.
        await Task.Delay(50);
        Assert.False(_receiving.IsCompleted);
        redis.SetResult();
        await _receiving.WaitAsync(Bound);
        Assert.False(_world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"].Online);
    }

    [Fact]
    public async Task A_command_without_a_result_times_out_after_7_seconds()
    {
        await HelloAsync();
        var sending = _uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState("ON", null), CancellationToken.None);
        await GatewayReceivesAsync();

        _world.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(sending.IsCompleted);
        _world.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(CommandStatus.Timeout, (await sending.WaitAsync(Bound)).Status);
        // The plug may still apply it: its late change is then reported to the assistant (ChangeReportTests).
        Assert.True(_registry.TakeUnansweredCommand(TestWorld.HomeId, TestWorld.DeviceId));
    }

    [Fact]
    public async Task Pending_commands_fail_at_once_with_BRIDGE_UNREACHABLE_when_the_uplink_closes()
    {
        await HelloAsync();
        var sending = _uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState("ON", null), CancellationToken.None);
        await GatewayReceivesAsync();

        _connection.MarkClosed();
        _registry.Unregister(_connection);

        Assert.Equal(CommandStatus.BridgeUnreachable, (await sending.WaitAsync(Bound)).Status);
        Assert.Equal(DeviceConnectivity.BridgeDown, _uplinks.GetConnectivity(TestWorld.HomeId, TestWorld.DeviceId));
        Assert.Null(_registry.GetAvailability(TestWorld.HomeId, TestWorld.DeviceId));
    }

    [Fact]
    public async Task When_a_home_becomes_unreachable_its_shadows_say_offline_and_keep_the_last_state()
    {
        await HelloAsync();
        await _processor.MarkHomeUnreachableAsync(TestWorld.HomeId, CancellationToken.None);

        var shadow = _world.Shadows.Shadows[$"{TestWorld.HomeId}/{TestWorld.DeviceId}"];
        Assert.Equal(("ON", 30, false), (shadow.PowerState, shadow.Brightness, shadow.Online));
    }

    [Fact]
    public async Task A_device_known_offline_fails_fast_without_a_frame()
    {
        await HelloAsync(online: false);

        var outcome = await _uplinks.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState("ON", null), CancellationToken.None)
            .WaitAsync(Bound);

        Assert.Equal(CommandStatus.DeviceOffline, outcome.Status);
        Assert.Equal(DeviceConnectivity.DeviceOffline, _uplinks.GetConnectivity(TestWorld.HomeId, TestWorld.DeviceId));
    }

    [Fact]
    public async Task A_home_without_an_uplink_is_BRIDGE_UNREACHABLE()
    {
        var outcome = await _uplinks.SendCommandAsync("home-9", TestWorld.OtherDeviceId, new LightState("ON", null), CancellationToken.None)
            .WaitAsync(Bound);
        Assert.Equal(CommandStatus.BridgeUnreachable, outcome.Status);
    }

    [Fact]
    public async Task A_newer_uplink_replaces_the_older_one()
    {
        await HelloAsync();
        var newer = new UplinkConnection(TestWorld.HomeId, WebSocket.CreateFromStream(DuplexPipeStream.CreatePair().Server,
            new WebSocketCreationOptions { IsServer = true }));

        Assert.Same(_connection, _registry.Register(newer));
        Assert.Same(newer, _registry.Find(TestWorld.HomeId));
        Assert.Null(_registry.GetAvailability(TestWorld.HomeId, TestWorld.DeviceId)); // until the newer one says hello

        Assert.False(_registry.Unregister(_connection)); // the old one's cleanup leaves the new one alone
        Assert.Same(newer, _registry.Find(TestWorld.HomeId));
    }
}
