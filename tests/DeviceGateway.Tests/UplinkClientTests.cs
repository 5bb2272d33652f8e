using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Packets;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The uplink client against an in-process fake vendor speaking the uplink protocol over a real WebSocket.</summary>
public sealed class UplinkClientTests : IAsyncLifetime
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly ActivityRecorder _tracing = new(GatewayTelemetry.SourceName);
    private readonly DeviceTable _devices = new(TimeProvider.System);
    private readonly WifiBand _band = new(TimeProvider.System, NullLogger<WifiBand>.Instance);
    private readonly WanEdge _broadband = new(TimeProvider.System, NullLogger<WanEdge>.Instance);
    private readonly PendingCommands _pending = new();
    private readonly FakeMqttPublisher _publisher = new();
    private readonly Channel<string> _fromGateway = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _toGateway = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, string> _requestHeaders = new();
    private WebApplication? _vendor;
    private UplinkClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _vendor = builder.Build();
        _vendor.UseWebSockets();
        _vendor.Map("/uplink/v1", AcceptUplinkAsync);
        await _vendor.StartAsync();

        var options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "gateway-secret", WanPort = 1, MqttPort = 2, UplinkUrl = new Uri(_vendor.Urls.First()) };
        var dispatcher = new CommandDispatcher(options, _devices, _pending, _publisher, TimeProvider.System,
            NullLogger<CommandDispatcher>.Instance);
        _client = new UplinkClient(options, _devices, dispatcher, new UplinkConnectionTracker(TimeProvider.System), _band,
            _broadband, TimeProvider.System, NullLogger<UplinkClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync(CancellationToken.None);
            _client.Dispose();
        }

        if (_vendor is not null)
        {
            await _vendor.StopAsync();
            await _vendor.DisposeAsync();
        }

        _tracing.Dispose();
    }

    [Fact]
    public async Task Says_hello_with_the_device_table_and_credentials()
    {
        _devices.SetAvailability("plug-1", true);
        _devices.SetState("plug-1", new LightState("ON", 40));

        await _client!.StartAsync(CancellationToken.None);

        Assert.Equal(
            """{"type":"hello","homeId":"home-1","devices":[{"deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40}}],"band24":"on","broadband":"up"}""",
            await NextFrameAsync());
        Assert.Equal("home-1", _requestHeaders["X-Home-Id"]);
        Assert.Equal("Bearer gateway-secret", _requestHeaders["Authorization"]);
    }

    [Fact]
    public async Task Nothing_is_dialed_while_the_broadband_is_down_and_the_uplink_dials_when_it_is_back()
    {
        _broadband.SetDown();

        await _client!.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(_requestHeaders.ContainsKey("X-Home-Id"), "the uplink dialed while its broadband was down");

        _broadband.SetUp();
        Assert.StartsWith("""{"type":"hello","homeId":"home-1",""", await NextFrameAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_tells_the_vendor_the_band_is_off()
    {
        _band.SetOff();

        await _client!.StartAsync(CancellationToken.None);

        Assert.Equal("""{"type":"hello","homeId":"home-1","devices":[],"band24":"off","broadband":"up"}""", await NextFrameAsync());
    }

    [Fact]
    public async Task Command_for_an_unknown_device_is_answered_offline_in_the_commands_trace()
    {
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        await _toGateway.Writer.WriteAsync(
            $$"""{"type":"command","id":"c-1","deviceId":"plug-9","command":{"state":"ON"},"traceparent":"00-{{TraceId}}-b7ad6b7169203331-01"}""");

        Assert.Equal(
            """{"type":"result","id":"c-1","deviceId":"plug-9","status":"offline","error":"device \u0027plug-9\u0027 is offline"}""",
            await NextFrameAsync());
        var span = await StoppedSpanAsync("process command plug-9");
        Assert.Equal(TraceId, span.TraceId.ToString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToString());
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        Assert.Equal("c-1", span.GetTagItem("messaging.message.id"));
        Assert.Equal("plug-9", span.GetTagItem("smarthome.device.id"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("plug", span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("the gateway has not heard from the plug", span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task Rejected_command_marks_the_commands_span_with_the_plugs_error()
    {
        _devices.SetAvailability("plug-1", true);
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        await _toGateway.Writer.WriteAsync(
            $$"""{"type":"command","id":"c-5","deviceId":"plug-1","command":{"brightness":140},"traceparent":"00-{{TraceId}}-b7ad6b7169203331-01"}""");
        var published = await _publisher.NextAsync();
        _pending.TryComplete(published.CorrelationData,
            () => CommandResult.FromResponse("""{"error":"invalid_command","message":"brightness must be 0..100"}"""u8));

        Assert.Equal(
            """{"type":"result","id":"c-5","deviceId":"plug-1","status":"rejected","error":"brightness must be 0..100"}""",
            await NextFrameAsync());
        var span = await StoppedSpanAsync("process command plug-1");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("rejected", span.GetTagItem("smarthome.command.status"));
        Assert.Equal("plug", span.GetTagItem("smarthome.failed_hop"));
        Assert.Equal("the plug rejected the command: brightness must be 0..100", span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task Successful_command_leaves_the_commands_span_unmarked()
    {
        _devices.SetAvailability("plug-1", true);
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        await _toGateway.Writer.WriteAsync(
            $$"""{"type":"command","id":"c-6","deviceId":"plug-1","command":{"state":"ON"},"traceparent":"00-{{TraceId}}-b7ad6b7169203331-01"}""");
        var published = await _publisher.NextAsync();
        _pending.TryComplete(published.CorrelationData, () => CommandResult.Ok(new LightState("ON", 100)));
        await NextFrameAsync();

        var span = await StoppedSpanAsync("process command plug-1");
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("smarthome.failed_hop"));
        Assert.Null(span.GetTagItem("smarthome.cause"));
    }

    [Fact]
    public async Task Command_for_an_online_device_is_answered_with_the_confirmed_state()
    {
        _devices.SetAvailability("plug-1", true);
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        await _toGateway.Writer.WriteAsync(
            $$"""{"type":"command","id":"c-2","deviceId":"plug-1","command":{"brightness":40},"traceparent":"00-{{TraceId}}-b7ad6b7169203331-01"}""");
        var published = await _publisher.NextAsync();
        Assert.Contains(published.UserProperties, p => p.Name == "traceparent" && p.ReadValueAsString().Contains(TraceId));
        _pending.TryComplete(published.CorrelationData, () => CommandResult.Ok(new LightState("ON", 40)));

        Assert.Equal(
            """{"type":"result","id":"c-2","deviceId":"plug-1","status":"ok","state":{"state":"ON","brightness":40}}""",
            await NextFrameAsync());
    }

    [Fact]
    public async Task Malformed_command_gets_an_error_result_and_the_uplink_stays_up()
    {
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        await _toGateway.Writer.WriteAsync("""{"type":"command","id":"c-3","command":{"state":"ON"}}""");
        await _toGateway.Writer.WriteAsync("not json");
        await _toGateway.Writer.WriteAsync("""{"type":"command","id":"c-4","deviceId":"plug-9","command":{"state":"OFF"}}""");

        Assert.StartsWith("""{"type":"result","id":"c-3","deviceId":"","status":"error","error":"malformed command frame""", await NextFrameAsync());
        Assert.StartsWith("""{"type":"result","id":"c-4","deviceId":"plug-9","status":"offline""", await NextFrameAsync());
    }

    [Fact]
    public async Task Device_changes_are_reported_with_their_trace_context()
    {
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello
        var cause = new ActivityContext(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString("b7ad6b7169203331"),
            ActivityTraceFlags.Recorded);

        _devices.SetAvailability("plug-1", true, cause);
        _devices.SetState("plug-1", new LightState("OFF", 40));

        Assert.Equal(
            $$"""{"type":"device","deviceId":"plug-1","online":true,"traceparent":"00-{{TraceId}}-b7ad6b7169203331-01"}""",
            await NextFrameAsync());
        Assert.Equal(
            """{"type":"device","deviceId":"plug-1","online":true,"state":{"state":"OFF","brightness":40}}""",
            await NextFrameAsync());
    }

    [Fact]
    public async Task A_state_change_carries_the_plugs_cause_in_the_device_frame()
    {
        _devices.SetAvailability("plug-1", true);
        await _client!.StartAsync(CancellationToken.None);
        await NextFrameAsync(); // hello

        _devices.SetState("plug-1", new LightState("ON", 40), changeCause: ChangeCause.Button);

        Assert.Equal(
            """{"type":"device","deviceId":"plug-1","online":true,"state":{"state":"ON","brightness":40},"cause":"button"}""",
            await NextFrameAsync());
    }

    private async Task AcceptUplinkAsync(HttpContext context)
    {
        _requestHeaders["X-Home-Id"] = context.Request.Headers["X-Home-Id"].ToString();
        _requestHeaders["Authorization"] = context.Request.Headers.Authorization.ToString();
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var sender = Task.Run(async () =>
        {
            await foreach (var frame in _toGateway.Reader.ReadAllAsync(cancel.Token))
            {
                // Each frame in two fragments: the gateway must put messages back together.
                var bytes = Encoding.UTF8.GetBytes(frame);
                var half = bytes.Length / 2;
                await socket.SendAsync(bytes.AsMemory(0, half), WebSocketMessageType.Text, false, cancel.Token);
                await socket.SendAsync(bytes.AsMemory(half), WebSocketMessageType.Text, true, cancel.Token);
            }
        });
        try
        {
            while (await UplinkMessageReader.ReadAsync(socket, cancel.Token) is { } message)
            {
                await _fromGateway.Writer.WriteAsync(Encoding.UTF8.GetString(message.Payload));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The gateway went away.
        }
        finally
        {
            await cancel.CancelAsync();
            await sender.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<string> NextFrameAsync() => await _fromGateway.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    private Task<Activity> StoppedSpanAsync(string name) => _tracing.WaitForAsync(name, Bound);
}
