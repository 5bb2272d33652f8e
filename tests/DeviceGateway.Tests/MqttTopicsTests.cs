using SmartHome.DeviceGateway.LanTopics;

namespace SmartHome.DeviceGateway.Tests;

public class MqttTopicsTests
{
    [Fact]
    public void Builds_the_topics_of_the_wire_contract()
    {
        Assert.Equal("homes/home-1/devices/plug-1/set", MqttTopics.DeviceSet("home-1", "plug-1"));
        Assert.Equal("homes/home-1/devices/plug-1/state", MqttTopics.DeviceState("home-1", "plug-1"));
        Assert.Equal("homes/home-1/devices/plug-1/availability", MqttTopics.DeviceAvailability("home-1", "plug-1"));
        Assert.Equal("homes/home-1/gateway/status", MqttTopics.GatewayStatus("home-1"));
        Assert.Equal("homes/home-1/gateway/responses", MqttTopics.GatewayResponses("home-1"));
    }

    [Fact]
    public void Bridge_subscribes_to_state_availability_and_responses()
    {
        Assert.Equal(
            ["homes/home-1/devices/+/state", "homes/home-1/devices/+/availability", "homes/home-1/gateway/responses"],
            MqttTopics.BridgeSubscriptions("home-1"));
    }

    [Theory]
    [InlineData("homes/home-1/devices/plug-1/state", "DeviceState", "plug-1")]
    [InlineData("homes/home-1/devices/plug-7/availability", "DeviceAvailability", "plug-7")]
    [InlineData("homes/home-1/devices/plug-1/set", "DeviceSet", "plug-1")]
    [InlineData("homes/home-1/gateway/responses", "GatewayResponses", null)]
    [InlineData("homes/home-1/gateway/status", "GatewayStatus", null)]
    public void Parses_topics_of_its_home(string topic, string kind, string? deviceId)
    {
        Assert.True(MqttTopics.TryParse("home-1", topic, out var parsed));
        Assert.Equal(new HomeTopic(Enum.Parse<HomeTopicKind>(kind), deviceId), parsed);
    }

    [Theory]
    [InlineData("homes/home-2/devices/plug-1/state")]
    [InlineData("homes/home-1/devices/plug-1/config")]
    [InlineData("homes/home-1/devices/plug-1/state/extra")]
    [InlineData("homes/home-1/devices//state")]
    [InlineData("homeassistant/light/plug-1/config")]
    [InlineData("homes/home-1")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_other_homes_and_unknown_shapes(string? topic)
    {
        Assert.False(MqttTopics.TryParse("home-1", topic, out _));
    }

    [Theory]
    [InlineData("plug-1", true)]
    [InlineData("a/b", false)]
    [InlineData("+", false)]
    [InlineData("#", false)]
    [InlineData("", false)]
    public void Ids_are_single_levels_without_wildcards(string id, bool valid)
    {
        Assert.Equal(valid, MqttTopics.IsValidId(id));
    }
}
