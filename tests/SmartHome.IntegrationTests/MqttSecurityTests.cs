using MQTTnet;
using MQTTnet.Protocol;

namespace SmartHome.IntegrationTests;

/// <summary>
/// The home LAN's broker: each plug signs in with its own credentials and may touch only its own
/// topics. A second MQTT client plays a stranger, then a compromised plug. Both brokers (SMARTHOME_MQTT_BROKER):
/// the plugs dial the gateway's "mqtt" endpoint, the embedded broker or the band's relay to mosquitto.
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

        // The embedded broker says which; Debian's mosquitto 2.0 answers a wrong password with NotAuthorized.
        Assert.Equal(fixture.UsesMosquitto ? MqttClientConnectResultCode.NotAuthorized : MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
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

            var received = 0;
            client.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref received);
                return Task.CompletedTask;
            };
            var subscribe = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter("homes/home-1/devices/plug-2/set", MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).WaitAsync(Timeout);
            // The embedded broker refuses the filter; mosquitto 2.0 grants it and delivers nothing its ACL forbids.
            Assert.Equal(fixture.UsesMosquitto ? MqttClientSubscribeResultCode.GrantedQoS1 : MqttClientSubscribeResultCode.NotAuthorized,
                Assert.Single(subscribe.Items).ResultCode);

            // A command for plug-2, as Home Assistant sends it, never reaches the compromised plug-1.
            var command = await MosquittoClients.PublishAsync(fixture.MqttBrokerUrl, "homeassistant", SmartHomeAppFixture.MqttHomeAssistantPassword,
                "homes/home-1/devices/plug-2/set", "ON");
            Assert.DoesNotContain("failed", command.Error, StringComparison.OrdinalIgnoreCase);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(0, Volatile.Read(ref received));
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
