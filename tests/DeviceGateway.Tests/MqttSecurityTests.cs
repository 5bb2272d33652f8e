using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Per-device credentials and the ACL, on the real broker with MQTT 5 test clients.</summary>
public sealed class MqttSecurityTests : IAsyncLifetime
{
    private readonly BrokerTestRig _rig = new();

    public Task InitializeAsync() => _rig.StartAsync();

    public Task DisposeAsync() => _rig.DisposeAsync().AsTask();

    [Fact]
    public async Task Device_with_its_own_credentials_connects()
    {
        var (plug, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));

        Assert.True(plug.IsConnected);
    }

    [Theory]
    [InlineData("plug-1", "plug-1", "wrong")]
    [InlineData("plug-1", "plug-1", "plug-2-password")]
    [InlineData("plug-1", "plug-1", null)]
    [InlineData("plug-9", "plug-9", "plug-1-password")]
    [InlineData("plug-1", null, null)]
    public async Task Wrong_or_missing_credentials_are_refused_with_BadUserNameOrPassword(string clientId, string? userName, string? password)
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions(clientId, userName, password).Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, connect.ResultCode);
        Assert.Equal(0x86, (int)connect.ResultCode);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Client_id_other_than_the_user_name_is_refused_with_ClientIdentifierNotValid()
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions("plug-2", "plug-1", "plug-1-password").Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, connect.ResultCode);
        Assert.Equal(0x85, (int)connect.ResultCode);
    }

    [Fact]
    public async Task Device_cannot_pose_as_the_bridge()
    {
        var (client, _) = _rig.NewClient();

        var connect = await client.ConnectAsync(_rig.ClientOptions("gateway-home-1", "gateway-home-1", "plug-1-password").Build())
            .WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, connect.ResultCode);
    }

    [Fact]
    public async Task Publish_to_another_devices_topic_gets_NotAuthorized_and_is_not_delivered()
    {
        var (watcher, seen) = await _rig.ConnectWatcherAsync();
        await watcher.SubscribeAsync("homes/home-1/#", MqttQualityOfServiceLevel.AtLeastOnce);
        var (plug2, plug2Received) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-2"));
        await plug2.SubscribeAsync(MqttTopics.DeviceSet("home-1", "plug-2"), MqttQualityOfServiceLevel.AtLeastOnce);
        var (plug1, _) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));

        var forged = await Publish(plug1, MqttTopics.DeviceSet("home-1", "plug-2"), """{"state":"ON"}""");
        var spoofed = await Publish(plug1, MqttTopics.DeviceState("home-1", "plug-2"), """{"state":"OFF","brightness":1}""");
        // Then a permitted one: once it arrives, the refused ones would have arrived before it.
        var own = await Publish(plug1, MqttTopics.DeviceState("home-1", "plug-1"), """{"state":"ON","brightness":40}""");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(0x87, (int)forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        Assert.Equal(MqttTopics.DeviceState("home-1", "plug-1"), (await BrokerTestRig.NextAsync(seen)).Topic);
        Assert.False(seen.Reader.TryRead(out _));
        Assert.False(plug2Received.Reader.TryRead(out _));
        Assert.True(plug1.IsConnected);
    }

    [Fact]
    public async Task Subscription_to_another_devices_command_topic_gets_NotAuthorized()
    {
        var (plug1, received) = await _rig.ConnectAsync(_rig.DeviceOptions("plug-1"));

        var result = await plug1.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.DeviceSet("home-1", "plug-2"), MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("homes/home-1/devices/+/set", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter(MqttTopics.DeviceSet("home-1", "plug-1"), MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(BrokerTestRig.Bound);

        Assert.Equal(
            [MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.GrantedQoS1],
            result.Items.Select(i => i.ResultCode));
        Assert.Equal(0x87, (int)result.Items.First().ResultCode);

        // The refused filter really is not in effect: a command for plug-2 does not reach plug-1.
        var (watcher, _) = await _rig.ConnectWatcherAsync();
        await Publish(watcher, MqttTopics.DeviceSet("home-1", "plug-2"), """{"state":"ON"}""");
        await Publish(watcher, MqttTopics.DeviceSet("home-1", "plug-1"), """{"state":"OFF"}""");
        Assert.Equal(MqttTopics.DeviceSet("home-1", "plug-1"), (await BrokerTestRig.NextAsync(received)).Topic);
        Assert.False(received.Reader.TryRead(out _));
    }

    private static Task<MqttClientPublishResult> Publish(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()).WaitAsync(BrokerTestRig.Bound);
}
