using MQTTnet;
using MQTTnet.Protocol;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The home LAN's broker: each plug signs in with its own credentials and may touch only its own
/// topics. A second MQTT client plays a stranger, then a compromised plug.
/// </summary>
[Collection(SlidingLinkCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class MqttSecurityTests(SlidingLinkAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWrongPasswordIsRefusedAtConnect()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(Options("plug-1", "not-the-password")).WaitAsync(Timeout);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Fact]
    public async Task APlugCannotPublishOrSubscribeToAnotherDevicesTopics()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        // The real plug goes off the Wi-Fi first, so that it does not take its session back mid-test.
        await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off");
        try
        {
            // With the plug's own credentials (a compromised plug).
            var connected = await client.ConnectAsync(Options("plug-1", SmartHomeAppFixture.PlugMqttPassword)).WaitAsync(Timeout);
            Assert.Equal(MqttClientConnectResultCode.Success, connected.ResultCode);

            var publish = await client.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic("homes/home-1/devices/plug-2/state")
                .WithPayload("""{"state":"ON","brightness":100}""")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).WaitAsync(Timeout);
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, publish.ReasonCode);

            var subscribe = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter("homes/home-1/devices/plug-2/set", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).WaitAsync(Timeout);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, Assert.Single(subscribe.Items).ResultCode);
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync().WaitAsync(Timeout);
            }

            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/on");
        }

        // The real plug's own reconnect loop brings it back.
        await Faults.EventuallyAsync(async () => (await fixture.GetPlugStateAsync()).MqttConnected
            && await fixture.IsDeviceOnlineAtGatewayAsync(), "the real plug reconnects");
    }

    private MqttClientOptions Options(string username, string password)
    {
        var broker = fixture.App.GetEndpoint("devicegateway", "mqtt");
        return new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId(username)
            .WithCredentials(username, password)
            .WithTimeout(Timeout)
            .Build();
    }
}
