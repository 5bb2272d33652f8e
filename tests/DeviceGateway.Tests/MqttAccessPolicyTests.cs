using SmartHome.DeviceGateway.Homes;
using SmartHome.DeviceGateway.Lan;

namespace SmartHome.DeviceGateway.Tests;

public sealed class MqttAccessPolicyTests
{
    private const string Bridge = "gateway-home-1";
    private static readonly LanDevice Plug1 = new("home-1", "plug-1", "plug-1");
    private static readonly LanDevice Home2Plug1 = new("home-2", "plug-1", "home-2/plug-1");

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/state")]
    [InlineData("homes/home-1/devices/plug-1/availability")]
    [InlineData("homes/home-1/gateway/responses")]
    [InlineData("homeassistant/light/plug-1/config")]
    public void Device_may_publish_to_its_own_topics(string topic) =>
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, "plug-1", Plug1, topic));

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
        Assert.False(MqttAccessPolicy.MayPublish(Bridge, "plug-1", Plug1, topic));

    [Fact]
    public void Device_may_subscribe_only_to_its_own_command_topic()
    {
        Assert.True(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "homes/home-1/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "homes/home-1/devices/plug-2/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "homes/home-1/devices/+/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "homes/home-1/#"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "#"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "$share/g/homes/home-1/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "plug-1", Plug1, "homes/home-1/devices/plug-1/state"));
    }

    [Fact]
    public void A_client_id_with_wildcards_gets_nothing()
    {
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "+", null, "homes/home-1/devices/+/set"));
        Assert.False(MqttAccessPolicy.MayPublish(Bridge, "#", null, "homes/home-1/gateway/responses"));
    }

    [Fact]
    public void Bridge_may_use_every_topic_of_the_homes_only()
    {
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, Bridge, null, "homes/home-1/devices/plug-1/set"));
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, Bridge, null, "homes/home-1/gateway/status"));
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, Bridge, null, "homes/home-2/devices/plug-1/set"));
        Assert.True(MqttAccessPolicy.MaySubscribe(Bridge, Bridge, null, "homes/+/devices/+/state"));
        Assert.False(MqttAccessPolicy.MayPublish(Bridge, Bridge, null, "homeassistant/light/plug-1/config"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, Bridge, null, "#"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, Bridge, null, "$share/g/homes/+/devices/+/state"));
    }

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/state")]
    [InlineData("homes/home-1/devices/plug-1/availability")]
    [InlineData("homes/home-1/gateway/responses")]
    [InlineData("homeassistant/light/home-1/plug-1/config")]
    [InlineData("homeassistant/light/plug-1/config")]
    public void A_device_of_home_2_may_not_publish_to_home_1s_topics_even_with_the_same_device_id(string topic) =>
        Assert.False(MqttAccessPolicy.MayPublish(Bridge, "home-2/plug-1", Home2Plug1, topic));

    [Fact]
    public void A_device_with_a_qualified_name_keeps_its_own_topics_in_its_own_home()
    {
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, "home-2/plug-1", Home2Plug1, "homes/home-2/devices/plug-1/state"));
        Assert.True(MqttAccessPolicy.MayPublish(Bridge, "home-2/plug-1", Home2Plug1, "homeassistant/light/home-2/plug-1/config"));
        Assert.True(MqttAccessPolicy.MaySubscribe(Bridge, "home-2/plug-1", Home2Plug1, "homes/home-2/devices/plug-1/set"));
        Assert.False(MqttAccessPolicy.MaySubscribe(Bridge, "home-2/plug-1", Home2Plug1, "homes/home-1/devices/plug-1/set"));
        // A client id that is not the device's own name gets nothing, whatever device it claims.
        Assert.False(MqttAccessPolicy.MayPublish(Bridge, "plug-1", Home2Plug1, "homes/home-2/devices/plug-1/state"));
    }
}
