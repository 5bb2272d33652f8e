using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Lan;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>
/// The 2.4 GHz band in front of an external broker (here the embedded one, whose own band stays on): the relay reads
/// the CONNECT's client id, passes the connection on, and cuts it when the device's band goes off.
/// </summary>
public sealed class BandRelayTests : IAsyncLifetime
{
    private readonly BrokerTestRig _rig = new();
    private BandRelay _relay = null!;
    private Homes.GatewayHomes _relayHomes = null!;
    private GatewayOptions _relayOptions = null!;

    public async Task InitializeAsync()
    {
        await _rig.StartAsync();
        _relayOptions = new GatewayOptions
        {
            HomeId = "home-1",
            GatewaySecret = "secret",
            WanPort = 1,
            UplinkUrl = new Uri("http://localhost:1"),
            MqttPort = BrokerTestRig.FreeTcpPort(),
            Broker = GatewayOptions.ExternalBroker,
            BrokerUrl = new Uri($"tcp://127.0.0.1:{_rig.Options.MqttPort}"),
        };
        // The relay's own homes: their bands are not the broker's, so a cut here is the relay's doing.
        _relayHomes = TestHomes.Create(_relayOptions);
        _relay = new BandRelay(_relayOptions, _relayHomes, TimeProvider.System, NullLogger<BandRelay>.Instance);
        await _relay.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _relay.StopAsync(CancellationToken.None);
        _relay.Dispose();
        await _rig.DisposeAsync();
    }

    [Fact]
    public async Task A_device_reaches_the_broker_through_the_band_and_loses_it_with_its_will_when_the_band_goes_off()
    {
        var (watcher, seen) = await _rig.ConnectWatcherAsync();
        await watcher.SubscribeAsync("homes/home-1/devices/plug-1/availability", MqttQualityOfServiceLevel.AtLeastOnce).WaitAsync(BrokerTestRig.Bound);
        var (plug, _) = _rig.NewClient();

        var connected = await plug.ConnectAsync(ThroughRelay().Build()).WaitAsync(BrokerTestRig.Bound);
        Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);
        Assert.Equal(1, _relayHomes.Story.Band.Links);

        _relayHomes.Story.Band.SetOff();

        var will = await BrokerTestRig.NextAsync(seen);
        Assert.Equal("offline", will.ConvertPayloadToString());
        await BrokerTestRig.WaitUntilAsync(() => !plug.IsConnected);

        // While the band is off no device gets through; back on, it does.
        var (again, _) = _rig.NewClient();
        await Assert.ThrowsAnyAsync<Exception>(() => again.ConnectAsync(ThroughRelay().Build()).WaitAsync(BrokerTestRig.Bound));
        _relayHomes.Story.Band.SetOn();
        var (back, _) = _rig.NewClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await back.ConnectAsync(ThroughRelay().Build()).WaitAsync(BrokerTestRig.Bound)).ResultCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_the_brokers_own_answer_through_the_relay()
    {
        var (plug, _) = _rig.NewClient();

        var connected = await plug.ConnectAsync(_rig.ClientOptions("plug-1", "plug-1", "wrong").WithTcpServer("127.0.0.1", _relayOptions.MqttPort).Build())
            .WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, connected.ResultCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task The_client_id_is_read_from_a_real_connect(MqttProtocolVersion version)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port)
            .WithProtocolVersion(version).WithClientId("home-7/plug-1").WithCredentials("home-7/plug-1", "pw")
            .WithWillTopic("homes/home-7/devices/plug-1/availability").WithWillPayload("offline")
            .WithTimeout(TimeSpan.FromSeconds(2)).Build();
        var connecting = client.ConnectAsync(options);

        using var accepted = await listener.AcceptSocketAsync().WaitAsync(BrokerTestRig.Bound);
        var connect = await MqttConnectReader.ReadAsync(accepted, CancellationToken.None).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal("home-7/plug-1", connect?.ClientId);
        accepted.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => connecting);
    }

    [Fact]
    public void What_is_not_a_connect_has_no_client_id()
    {
        Assert.Null(MqttConnectReader.ClientIdOf([]));
        Assert.Null(MqttConnectReader.ClientIdOf([0, 4, (byte)'M', (byte)'Q']));
        Assert.Null(MqttConnectReader.ClientIdOf([0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5, 2, 0, 60, 0x80]));
    }

    private MqttClientOptionsBuilder ThroughRelay() =>
        _rig.DeviceOptions("plug-1").WithTcpServer("127.0.0.1", _relayOptions.MqttPort).WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
}
