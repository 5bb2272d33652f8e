using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The real broker and bridge in-process, with a test MQTT client playing the plug.</summary>
public sealed class BrokerAndBridgeTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private const string PlugPassword = "plug-1-password";
    private readonly ActivityRecorder _tracing = new(GatewayTelemetry.SourceName);
    private readonly GatewayOptions _options;
    // The simulation clock, as the device table sees it: "since" comes from it.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly DeviceTable _devices;
    private readonly PendingCommands _pending;
    private readonly MqttBrokerService _broker;
    private readonly MqttBridge _bridge;
    private readonly CommandDispatcher _dispatcher;
    private readonly IMqttClient _plug = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<MqttApplicationMessage> _plugReceived = Channel.CreateUnbounded<MqttApplicationMessage>();

    public BrokerAndBridgeTests()
    {
        _options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "secret", WanPort = 1, MqttPort = FreeTcpPort(), UplinkUrl = new Uri("http://localhost:1") };
        var homes = TestHomes.Create(_options, _clock);
        _devices = homes.Story.Devices;
        _pending = homes.Story.Pending;
        var credentials = new MqttCredentials(_options.MqttClientId, new Dictionary<string, string> { ["plug-1"] = PlugPassword });
        _broker = new MqttBrokerService(_options, credentials, homes, NullLogger<MqttBrokerService>.Instance);
        _bridge = new MqttBridge(_options, credentials, homes, TimeProvider.System, NullLogger<MqttBridge>.Instance);
        _dispatcher = new CommandDispatcher(_options, _devices, _pending, _bridge, TimeProvider.System,
            NullLogger<CommandDispatcher>.Instance);
    }

    public async Task InitializeAsync()
    {
        await _broker.StartAsync(CancellationToken.None);
        await _bridge.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => _bridge.IsSessionUp);
    }

    public async Task DisposeAsync()
    {
        if (_plug.IsConnected)
        {
            await _plug.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }

        _plug.Dispose();
        await _bridge.StopAsync(CancellationToken.None);
        _bridge.Dispose();
        await _broker.StopAsync(CancellationToken.None);
        _broker.Dispose();
        _tracing.Dispose();
    }

    [Fact]
    public async Task Bridge_publishes_its_retained_online_status()
    {
        var status = await _broker.GetRetainedAsync(MqttTopics.GatewayStatus("home-1"));

        Assert.NotNull(status);
        Assert.Equal("online", status.ConvertPayloadToString());
        Assert.True(status.Retain);
    }

    [Fact]
    public async Task Plug_may_not_read_the_gateways_status()
    {
        await ConnectPlugAsync();

        var result = await _plug.SubscribeAsync(MqttTopics.GatewayStatus("home-1"), MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(result.Items).ResultCode);
    }

    [Fact]
    public async Task Device_table_follows_the_plugs_availability_and_state()
    {
        await ConnectPlugAsync();
        await PublishFromPlugAsync(MqttTopics.DeviceAvailability("home-1", "plug-1"), "online");
        await PublishFromPlugAsync(MqttTopics.DeviceState("home-1", "plug-1"), """{"state":"ON","brightness":40}""");

        var heardAt = _clock.GetUtcNow();
        await WaitUntilAsync(() => _devices.Find("plug-1") == new DeviceSnapshot("plug-1", true, new LightState("ON", 40), heardAt));

        _clock.Advance(TimeSpan.FromMinutes(3));
        await PublishFromPlugAsync(MqttTopics.DeviceAvailability("home-1", "plug-1"), "offline");
        await WaitUntilAsync(() => _devices.Find("plug-1") is { Online: false });
        Assert.Equal(heardAt.AddMinutes(3), _devices.Find("plug-1")!.Since);
    }

    [Fact]
    public async Task The_plugs_change_cause_user_property_is_passed_on_with_the_change()
    {
        var changes = Channel.CreateUnbounded<DeviceChange>();
        _devices.Changed += change => changes.Writer.TryWrite(change);
        await ConnectPlugAsync();
        await _plug.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.DeviceState("home-1", "plug-1"))
            .WithPayload(Encoding.UTF8.GetBytes("""{"state":"ON","brightness":40}"""))
            .WithUserProperty(ChangeCause.UserProperty, new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(ChangeCause.Button)))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(Bound);

        var change = await changes.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        Assert.Equal(new LightState("ON", 40), change.Device.State);
        Assert.Equal(ChangeCause.Button, change.ChangeCause);
    }

    [Fact]
    public async Task Command_reaches_the_plug_with_trace_context_and_its_response_completes_it()
    {
        await ConnectPlugAsync();
        await _plug.SubscribeAsync(MqttTopics.DeviceSet("home-1", "plug-1"), MqttQualityOfServiceLevel.AtLeastOnce);
        await PublishFromPlugAsync(MqttTopics.DeviceAvailability("home-1", "plug-1"), "online");
        await WaitUntilAsync(() => _devices.Find("plug-1") is { Online: true });

        using var caller = ActivityRecorder.TestSource.StartActivity("process uplink command");
        Assert.NotNull(caller);
        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState(null, 40), CancellationToken.None);

        var command = await NextPlugMessageAsync();
        Assert.Equal("homes/home-1/devices/plug-1/set", command.Topic);
        Assert.Equal("""{"brightness":40}""", command.ConvertPayloadToString());
        Assert.Equal("homes/home-1/gateway/responses", command.ResponseTopic);
        Assert.Equal(16, command.CorrelationData.Length);
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, command.QualityOfServiceLevel);
        Assert.False(command.Retain);
        var traceparent = Assert.Single(command.UserProperties, p => p.Name == "traceparent").ReadValueAsString();
        Assert.StartsWith($"00-{caller.TraceId}-", traceparent);

        // The plug answers as docs/protocols.md says: full state, same correlation data, QoS 1, not retained.
        await _plug.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(command.ResponseTopic)
            .WithPayload("""{"state":"ON","brightness":40}""")
            .WithCorrelationData(command.CorrelationData)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        var result = await sending.WaitAsync(Bound);
        Assert.Equal(ResultStatus.Ok, result.Status);
        Assert.Equal(new LightState("ON", 40), result.State);
    }

    [Fact]
    public async Task Plug_going_offline_completes_a_pending_command_as_offline()
    {
        await ConnectPlugAsync();
        await _plug.SubscribeAsync(MqttTopics.DeviceSet("home-1", "plug-1"), MqttQualityOfServiceLevel.AtLeastOnce);
        await PublishFromPlugAsync(MqttTopics.DeviceAvailability("home-1", "plug-1"), "online");
        await WaitUntilAsync(() => _devices.Find("plug-1") is { Online: true });

        var sending = _dispatcher.SendCommandAsync("plug-1", new LightState("ON"), CancellationToken.None);
        await NextPlugMessageAsync();
        await PublishFromPlugAsync(MqttTopics.DeviceAvailability("home-1", "plug-1"), "offline");

        Assert.Equal(ResultStatus.Offline, (await sending.WaitAsync(Bound)).Status);
    }

    private async Task ConnectPlugAsync()
    {
        _plug.ApplicationMessageReceivedAsync += args =>
        {
            _plugReceived.Writer.TryWrite(args.ApplicationMessage);
            return Task.CompletedTask;
        };
        var connect = await _plug.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _options.MqttPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId("plug-1")
            .WithCredentials("plug-1", PlugPassword)
            .WithWillTopic(MqttTopics.DeviceAvailability("home-1", "plug-1"))
            .WithWillPayload("offline")
            .WithWillRetain(true)
            .Build()).WaitAsync(Bound);
        Assert.Equal(MqttClientConnectResultCode.Success, connect.ResultCode);
    }

    private Task PublishFromPlugAsync(string topic, string payload) =>
        _plug.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithRetainFlag(true)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(Bound);

    private async Task<MqttApplicationMessage> NextPlugMessageAsync() =>
        await _plugReceived.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
