using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SmartHome.VendorCloud.Replicas;
using SmartHome.VendorCloud.Tests.Fakes;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// Two vendor replicas in one test: B holds the home's uplink (a real WebSocket pair in memory, the test plays the
/// gateway), A does not. The directory and pub/sub are fakes shared by both (Redis is not the subject here).
/// </summary>
public sealed class UplinkRoutingTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TestWorld _world = new();
    private readonly ConcurrentDictionary<string, string> _holders = new(StringComparer.Ordinal);
    private readonly InMemoryReplicaBus _bus = new();
    private readonly Replica _a;
    private readonly Replica _b;
    private readonly WebSocket _gateway;
    private readonly UplinkConnection _connection;
    private readonly Task _receiving;
    private readonly CancellationTokenSource _stop = new();

    public UplinkRoutingTests()
    {
        _a = new Replica(this, "replica-a");
        _b = new Replica(this, "replica-b");
        var (server, client) = DuplexPipeStream.CreatePair();
        _gateway = WebSocket.CreateFromStream(client, new WebSocketCreationOptions { IsServer = false });
        _connection = new UplinkConnection(TestWorld.HomeId, WebSocket.CreateFromStream(server, new WebSocketCreationOptions { IsServer = true }));
        _b.Registry.Register(_connection);
        _b.Directory.ClaimAsync(TestWorld.HomeId, CancellationToken.None).GetAwaiter().GetResult();
        var processor = new UplinkFrameProcessor(_b.Registry, _world.Directory, _world.Shadows, _world.Reporter, _world.Time,
            NullLogger<UplinkFrameProcessor>.Instance);
        _receiving = UplinkApi.ReceiveAsync(_connection, processor, NullLogger.Instance, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _connection.MarkClosed();
        await _receiving.WaitAsync(Bound).ContinueWith(_ => { }, TaskScheduler.Default);
        _gateway.Abort();
    }

    private sealed class Replica
    {
        public Replica(UplinkRoutingTests test, string id)
        {
            Identity = new VendorReplica(id, "test-machine", 1, $"vendorcloud-{id}");
            Registry = new UplinkRegistry(test._world.Time);
            Directory = new InMemoryUplinkDirectory(test._holders, id);
            Relay = new UplinkRelay(Directory, test._bus, Identity, test._world.Time, NullLogger<UplinkRelay>.Instance);
            Homes = new HomeUplinks(Registry, test._world.Shadows, test._world.Time, NullLogger<HomeUplinks>.Instance, Relay);
            Relay.ListenAsync(Homes.ServeForwardedAsync, test._stop.Token).GetAwaiter().GetResult();
        }

        public VendorReplica Identity { get; }
        public UplinkRegistry Registry { get; }
        public InMemoryUplinkDirectory Directory { get; }
        public UplinkRelay Relay { get; }
        public HomeUplinks Homes { get; }
    }

    private async Task GatewaySendsAsync(string json) =>
        await _gateway.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(Bound);

    private async Task<JsonNode> GatewayReceivesAsync()
    {
        var buffer = new byte[8192];
        var received = await _gateway.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Bound);
        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count))!;
    }

    private Task<CommandOutcome> SendOnAAsync(LightState command) =>
        _a.Homes.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, command, CancellationToken.None);

    [Fact]
    public async Task A_command_on_the_replica_without_the_socket_goes_down_the_holders_socket_and_its_answer_comes_back()
    {
        using var recorder = new ActivityRecorder(VendorCloudTelemetry.SourceName);
        var sending = SendOnAAsync(new LightState(null, 40));

        var command = await GatewayReceivesAsync();
        Assert.Equal(40, (int)command["command"]!["brightness"]!);
        var id = (string)command["id"]!;
        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""");

        Assert.Equal(new CommandOutcome(CommandStatus.Ok, new LightState("ON", 40), null), await sending.WaitAsync(Bound));
        Assert.Equal((1, 0L, 0L, 1L), (_a.Relay.Forwarded, _a.Relay.Served, _b.Relay.Forwarded, _b.Relay.Served));
        Assert.Equal(2, _bus.Published); // the command one way, the answer the other

        // One trace: A's round trip and forward, B's span (naming B) under the forward, the frame's send under that.
        var spans = recorder.Stopped;
        var forward = Assert.Single(spans, s => s.OperationName == $"forward command {TestWorld.DeviceId}");
        var served = Assert.Single(spans, s => s.OperationName == $"process forwarded command {TestWorld.DeviceId}");
        var send = Assert.Single(spans, s => s.OperationName == $"send command {TestWorld.DeviceId}" && (string?)s.GetTagItem("messaging.message.id") == id);
        Assert.Equal(ActivityKind.Producer, forward.Kind);
        Assert.Equal(ActivityKind.Consumer, served.Kind);
        Assert.Equal((forward.TraceId, forward.SpanId), (served.TraceId, served.ParentSpanId));
        Assert.Equal(served.SpanId, send.ParentSpanId);
        Assert.Equal("replica-b", served.GetTagItem(VendorReplica.SpanTag));
        Assert.Equal("replica-a", served.GetTagItem("smarthome.vendor.replica.caller"));
        Assert.Equal("replica-b", forward.GetTagItem("smarthome.vendor.replica.holder"));
        Assert.Equal("vendor:replica:replica-b:commands", forward.GetTagItem("messaging.destination.name"));
    }

    [Fact]
    public async Task The_holder_answers_a_command_on_its_own_socket_without_Redis()
    {
        var sending = _b.Homes.SendCommandAsync(TestWorld.HomeId, TestWorld.DeviceId, new LightState("OFF", null), CancellationToken.None);
        var id = (string)(await GatewayReceivesAsync())["id"]!;
        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"ok","state":{"state":"OFF","brightness":40}}""");

        Assert.Equal(CommandStatus.Ok, (await sending.WaitAsync(Bound)).Status);
        Assert.Equal(0, _bus.Published);
    }

    [Fact]
    public async Task The_homes_own_failures_come_back_as_they_are_with_the_same_Alexa_errors()
    {
        var sending = SendOnAAsync(new LightState("ON", null));
        var id = (string)(await GatewayReceivesAsync())["id"]!;
        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"offline"}""");

        var outcome = await sending.WaitAsync(Bound);
        Assert.Equal(CommandStatus.DeviceOffline, outcome.Status);
        Assert.Equal("ENDPOINT_UNREACHABLE", CommandAlexaErrors.FromCommandStatus(outcome.Status));
    }

    [Fact]
    public async Task A_home_no_replica_holds_is_BRIDGE_UNREACHABLE_without_publishing()
    {
        _holders.Clear();

        var outcome = await SendOnAAsync(new LightState("ON", null)).WaitAsync(Bound);

        Assert.Equal(CommandStatus.BridgeUnreachable, outcome.Status);
        Assert.Equal("BRIDGE_UNREACHABLE", CommandAlexaErrors.FromCommandStatus(outcome.Status));
        Assert.Equal(0, _bus.Published);
    }

    [Fact]
    public async Task A_holder_that_died_before_its_claim_expired_is_BRIDGE_UNREACHABLE_at_once()
    {
        _bus.Silence("replica-b");

        var outcome = await SendOnAAsync(new LightState("ON", null)).WaitAsync(Bound);

        Assert.Equal(CommandStatus.BridgeUnreachable, outcome.Status);
        Assert.Equal(0, _a.Relay.Forwarded);
    }

    [Fact]
    public async Task A_forwarded_command_the_home_does_not_answer_times_out_within_the_same_7_seconds()
    {
        var sending = SendOnAAsync(new LightState("ON", null));
        await GatewayReceivesAsync();

        // The holder gives the home the budget less the answer's way back; the caller waits no longer than today.
        _world.Time.Advance(HomeUplinks.ResultTimeout - UplinkRelay.ReplyAllowance);
        var outcome = await sending.WaitAsync(Bound);
        Assert.Equal(CommandStatus.Timeout, outcome.Status);
        Assert.Equal("ENDPOINT_UNREACHABLE", CommandAlexaErrors.FromCommandStatus(outcome.Status));
        // The holder remembers it: the plug's late change is that command's (it is the holder that hears it).
        Assert.True(_b.Registry.TakeUnansweredCommand(TestWorld.HomeId, TestWorld.DeviceId));
    }

    [Fact]
    public async Task A_holder_whose_answer_never_comes_back_is_a_timeout_after_the_callers_budget()
    {
        // B listens but its answers are lost (its replies never reach A).
        _bus.Silence("replica-a:replies");
        var sending = SendOnAAsync(new LightState("ON", null));
        var id = (string)(await GatewayReceivesAsync())["id"]!;
        await GatewaySendsAsync($$$"""{"type":"result","id":"{{{id}}}","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""");
        await WaitUntilAsync(() => _b.Relay.Served == 1);

        _world.Time.Advance(HomeUplinks.ResultTimeout);

        Assert.Equal(CommandStatus.Timeout, (await sending.WaitAsync(Bound)).Status);
    }

    [Fact]
    public async Task A_forwarded_command_for_a_home_that_moved_away_is_not_forwarded_again()
    {
        // The directory still names B, but B's socket is gone: B answers BRIDGE_UNREACHABLE, it does not forward.
        _connection.MarkClosed();
        _b.Registry.Unregister(_connection);

        var outcome = await SendOnAAsync(new LightState("ON", null)).WaitAsync(Bound);

        Assert.Equal(CommandStatus.BridgeUnreachable, outcome.Status);
        Assert.Equal((1L, 0L), (_a.Relay.Forwarded, _b.Relay.Forwarded));
        Assert.Equal(1L, _b.Relay.Served);
    }

    [Fact]
    public async Task A_replica_without_the_socket_reports_the_device_reachable_while_another_replica_holds_its_home()
    {
        var online = new Devices.DeviceShadow(TestWorld.DeviceId, "ON", 40, Online: true, _world.Time.GetUtcNow());

        Assert.Equal(DeviceConnectivity.Online,
            await _a.Homes.GetConnectivityAsync(TestWorld.HomeId, TestWorld.DeviceId, online, CancellationToken.None));
        Assert.Equal(DeviceConnectivity.DeviceOffline,
            await _a.Homes.GetConnectivityAsync(TestWorld.HomeId, TestWorld.DeviceId, online with { Online = false }, CancellationToken.None));

        _holders.Clear();
        Assert.Equal(DeviceConnectivity.BridgeDown,
            await _a.Homes.GetConnectivityAsync(TestWorld.HomeId, TestWorld.DeviceId, online, CancellationToken.None));
    }

    [Fact]
    public async Task A_clean_close_releases_only_the_replicas_own_claim()
    {
        await _a.Directory.ClaimAsync(TestWorld.HomeId, CancellationToken.None);
        await _b.Directory.ReleaseAsync(TestWorld.HomeId, CancellationToken.None);
        Assert.Equal("replica-a", await _b.Directory.FindHolderAsync(TestWorld.HomeId, CancellationToken.None));

        // A renewal by the old holder does not take the home back.
        await _b.Directory.RenewAsync([TestWorld.HomeId], CancellationToken.None);
        Assert.Equal("replica-a", await _a.Directory.FindHolderAsync(TestWorld.HomeId, CancellationToken.None));

        await _a.Directory.ReleaseAsync(TestWorld.HomeId, CancellationToken.None);
        Assert.Null(await _a.Directory.FindHolderAsync(TestWorld.HomeId, CancellationToken.None));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
