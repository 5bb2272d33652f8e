using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

public class PlugTopicsTests
{
    [Fact]
    public void Topics_follow_the_contract()
    {
        var topics = new PlugTopics("home-1", "plug-1");

        Assert.Equal("homes/home-1/devices/plug-1/set", topics.Command);
        Assert.Equal("homes/home-1/devices/plug-1/state", topics.State);
        Assert.Equal("homes/home-1/devices/plug-1/availability", topics.Availability);
        Assert.Equal("homeassistant/light/plug-1/config", topics.Discovery);
        Assert.Equal("online", PlugTopics.Online);
        Assert.Equal("offline", PlugTopics.Offline);
    }
}
