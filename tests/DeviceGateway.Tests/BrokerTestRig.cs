using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>A real in-process broker with two device credentials, and MQTT 5 test clients for it.</summary>
internal sealed class BrokerTestRig : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly List<IMqttClient> _clients = [];

    public BrokerTestRig()
        : this(TestHomes.OneHome, ["plug-1", "plug-2"])
    {
    }

    /// <summary>A broker for <paramref name="world"/>; each of <paramref name="deviceNames"/> (MQTT names) has the password <c>{name}-password</c>.</summary>
    public BrokerTestRig(SmartHome.ServiceDefaults.Worlds.World world, IEnumerable<string> deviceNames,
        IEnumerable<(string UserName, SmartHome.ServiceDefaults.Worlds.LanRoleUser User, string Password)>? roleUsers = null)
    {
        Options = new GatewayOptions { HomeId = "home-1", GatewaySecret = "secret", WanPort = 1, MqttPort = FreeTcpPort(), UplinkUrl = new Uri("http://localhost:1") };
        Credentials = new MqttCredentials(Options.MqttClientId, deviceNames.ToDictionary(name => name, name => $"{name}-password"), roleUsers);
        Homes = TestHomes.Create(Options, world: world);
        Broker = new MqttBrokerService(Options, Credentials, Homes, NullLogger<MqttBrokerService>.Instance);
    }

    public GatewayOptions Options { get; }

    public MqttCredentials Credentials { get; }

    public GatewayHomes Homes { get; }

    /// <summary>The one home's band.</summary>
    public WifiBand Band => Homes.Story.Band;

    public MqttBrokerService Broker { get; }

    public Task StartAsync() => Broker.StartAsync(CancellationToken.None);

    public MqttClientOptionsBuilder ClientOptions(string clientId, string? userName, string? password) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Options.MqttPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId)
            .WithCredentials(userName, password)
            .WithTimeout(TimeSpan.FromSeconds(5));

    public MqttClientOptionsBuilder DeviceOptions(string deviceId) =>
        ClientOptions(deviceId, deviceId, $"{deviceId}-password")
            .WithWillTopic(MqttTopics.DeviceAvailability("home-1", deviceId))
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain(true);

    /// <summary>A connected client and the messages it receives.</summary>
    public async Task<(IMqttClient Client, Channel<MqttApplicationMessage> Received)> ConnectAsync(MqttClientOptionsBuilder options)
    {
        var (client, received) = NewClient();
        var connect = await client.ConnectAsync(options.Build()).WaitAsync(Bound);
        Assert.Equal(MqttClientConnectResultCode.Success, connect.ResultCode);
        return (client, received);
    }

    /// <summary>A test client with the bridge's identity, for watching what reaches the home's topics.</summary>
    public Task<(IMqttClient Client, Channel<MqttApplicationMessage> Received)> ConnectWatcherAsync() =>
        ConnectAsync(ClientOptions(Credentials.BridgeClientId, Credentials.BridgeClientId, Credentials.BridgePassword));

    public (IMqttClient Client, Channel<MqttApplicationMessage> Received) NewClient()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var received = Channel.CreateUnbounded<MqttApplicationMessage>();
        client.ApplicationMessageReceivedAsync += args =>
        {
            received.Writer.TryWrite(args.ApplicationMessage);
            return Task.CompletedTask;
        };
        _clients.Add(client);
        return (client, received);
    }

    public static async Task<MqttApplicationMessage> NextAsync(Channel<MqttApplicationMessage> received) =>
        await received.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Broker.StopAsync(CancellationToken.None);
        Broker.Dispose();
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
