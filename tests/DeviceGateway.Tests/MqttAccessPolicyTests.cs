using SmartHome.DeviceGateway.Lan;

namespace SmartHome.DeviceGateway.Tests;

public sealed class MqttAccessPolicyTests
{
    private const string Bridge = "gateway-home-1";

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/state")]
    [InlineData("homes/home-1/devices/plug-1/availability")]
    [InlineData("homes/home-1/gateway/responses")]
    [InlineData("homeassistant/light/plug-1/config")]
    public void Device_may_publish_to_its_own_topics(string topic) =>
        Assert.True(MqttAccessPolicy.MayPublish("home-1", Bridge, "plug-1", topic));

    [Theory]
    [InlineData("homes/home-1/devices/plug-2/state")]
    [InlineData("homes/home-1/devices/plug-2/availability")]
    [InlineData("homes/home-1/devices/plug-2/set")]
    [InlineData("homes/home-1/devices/plug-1/set")]
    [InlineData("homes/home-1/gateway/status")]
    [InlineData("homes/home-2/devices/plug-1/state")]
    [InlineData("homes/home-2/gateway/responses")]
    [InlineData("homeassistant/light/plug-2/config")]
    [InlineData("anything/else")]
    [InlineData("")]
    public void Device_may_not_publish_elsewhere(string topic) =>
        Assert.False(MqttAccessPolicy.MayPublish("home-1", Bridge, "plug-1", topic));

    [Fact]
    public void Device_may_subscribe_only_to_its_own_command_topic()
    {
        Assert.True(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "homes/home-1/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "homes/home-1/devices/plug-2/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "homes/home-1/devices/+/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "homes/home-1/#"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "#"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "$share/g/homes/home-1/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "plug-1", "homes/home-1/devices/plug-1/state"));
    }

    [Fact]
    public void A_client_id_with_wildcards_gets_nothing()
    {
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, "+", "homes/home-1/devices/+/set"));
        Assert.False(MqttAccessPolicy.MayPublish("home-1", Bridge, "#", "homes/home-1/gateway/responses"));
    }

    [Fact]
    public void Bridge_may_use_every_topic_of_its_home_only()
    {
        Assert.True(MqttAccessPolicy.MayPublish("home-1", Bridge, Bridge, "homes/home-1/devices/plug-1/set"));
        Assert.True(MqttAccessPolicy.MayPublish("home-1", Bridge, Bridge, "homes/home-1/gateway/status"));
        Assert.True(MqttAccessPolicy.MaySubscribe("home-1", Bridge, Bridge, "homes/home-1/devices/+/state"));
        Assert.False(MqttAccessPolicy.MayPublish("home-1", Bridge, Bridge, "homes/home-2/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe("home-1", Bridge, Bridge, "#"));
    }
}
