using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>The 2.4 GHz band switch on the real broker: devices lose their link like a radio loss.</summary>
public sealed class WifiBandTests : IAsyncLifetime
{
    private readonly BrokerTestRig _rig = new();

    public Task InitializeAsync() => _rig.StartAsync();

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Band_off_cuts_the_devices_link_without_a_disconnect_so_the_broker_publishes_its_will()
    {
        var (watcher, seen) = await _rig.ConnectWatcherAsync();
        await watcher.SubscribeAsync(MqttTopics.DeviceAvailability("home-1", "+"), MqttQualityOfServiceLevel.AtLeastOnce);
        var (plug, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));
        var lost = new TaskCompletionSource<MqttClientDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        plug.DisconnectedAsync += args =>
        {
            lost.TrySetResult(args);
            return Task.CompletedTask;
        };
        await BrokerTestRig.WaitUntilAsync(() => _rig.Band.Links == 1);

        _rig.Band.SetOff();

        var will = await BrokerTestRig.NextAsync(seen);
        Assert.Equal(MqttTopics.DeviceAvailability("home-1", "plug-1"), will.Topic);
        Assert.Equal(MqttTopics.Offline, will.ConvertPayloadToString());
        var disconnected = await lost.Task.WaitAsync(BrokerTestRig.Bound);
        Assert.True(disconnected.ClientWasConnected);
        // No DISCONNECT packet from the broker: the client saw its transport die, not a reason code.
        Assert.Null(disconnected.ReasonString);
        Assert.NotEqual(MqttClientDisconnectReason.AdministrativeAction, disconnected.Reason);
        Assert.False(_rig.Band.IsOn);
        Assert.Equal(0, _rig.Band.Links);
        // The bridge is wired, not on the radio.
        Assert.True(watcher.IsConnected);
    }

    [Fact]
    public async Task While_off_a_device_gets_no_CONNACK_and_once_on_it_connects_again()
    {
        _rig.Band.SetOff();
        var (plug, _) = _rig.NewClient();

        // The transport closes before any CONNACK: no reason code, just a dead connection.
        await Assert.ThrowsAnyAsync<Exception>(() => plug.ConnectAsync(_rig.DeviceOptions("plug-1").Build()).WaitAsync(BrokerTestRig.Bound));
        Assert.False(plug.IsConnected);
        var (bridge, _) = await _rig.ConnectWatcherAsync();
        Assert.True(bridge.IsConnected);

        _rig.Band.SetOn();

        var connect = await plug.ConnectAsync(_rig.DeviceOptions("plug-1").Build()).WaitAsync(BrokerTestRig.Bound);
        Assert.Equal(MqttClientConnectResultCode.Success, connect.ResultCode);
        Assert.True(_rig.Band.IsOn);
        await BrokerTestRig.WaitUntilAsync(() => _rig.Band.Links == 1);
    }

    [Fact]
    public async Task A_device_that_disconnects_leaves_the_band()
    {
        var (plug, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-2"));
        await BrokerTestRig.WaitUntilAsync(() => _rig.Band.Links == 1);

        await plug.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());

        await BrokerTestRig.WaitUntilAsync(() => _rig.Band.Links == 0);
    }

    [Fact]
    public async Task A_device_that_reconnects_is_still_cut_when_the_band_goes_off()
    {
        var (old, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));
        var (renewed, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));
        await BrokerTestRig.WaitUntilAsync(() => !old.IsConnected && _rig.Band.Links == 1);

        _rig.Band.SetOff();

        await BrokerTestRig.WaitUntilAsync(() => !renewed.IsConnected);
        Assert.Equal(0, _rig.Band.Links);
    }

    [Fact]
    public void Band_status_says_on_or_off()
    {
        Assert.Equal(new WifiBandSimApi.WifiBandStatus("on"), WifiBandSimApi.WifiBandStatus.Of(_rig.Band));
        _rig.Band.SetOff();
        Assert.Equal(new WifiBandSimApi.WifiBandStatus("off"), WifiBandSimApi.WifiBandStatus.Of(_rig.Band));
        _rig.Band.SetOn();
        Assert.Equal(new WifiBandSimApi.WifiBandStatus("on"), WifiBandSimApi.WifiBandStatus.Of(_rig.Band));
    }
}
