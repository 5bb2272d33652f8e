using System.Text;
using System.Text.Json;
using SmartHome.SimulatedPlug.Dimming;
using SmartHome.SimulatedPlug.Mqtt;

namespace SmartHome.SimulatedPlug.Tests;

public class PayloadTests
{
    [Fact]
    public void State_serializes_exactly_as_the_contract_says()
    {
        var json = Encoding.UTF8.GetString(PlugJson.Serialize(new PlugLightState("ON", 40)));

        Assert.Equal("""{"state":"ON","brightness":40}""", json);
    }

    [Fact]
    public void Command_error_serializes_exactly_as_the_contract_says()
    {
        var json = Encoding.UTF8.GetString(PlugJson.Serialize(CommandError.Invalid("bad")));

        Assert.Equal("""{"error":"invalid_command","message":"bad"}""", json);
    }

    [Fact]
    public void Command_omits_absent_keys()
    {
        Assert.Equal("""{"brightness":40}""", JsonSerializer.Serialize(new LightCommand(null, 40), PlugJson.Default.LightCommand));
        Assert.Equal("""{"state":"OFF"}""", JsonSerializer.Serialize(new LightCommand("OFF", null), PlugJson.Default.LightCommand));
    }

    [Fact]
    public void Discovery_config_is_a_home_assistant_json_light_on_scale_100()
    {
        var topics = new PlugTopics("home-1", "plug-1");

        using var document = JsonDocument.Parse(PlugJson.Serialize(DiscoveryConfig.For(topics, "bedroom lamp")));
        var root = document.RootElement;

        Assert.Equal("json", root.GetProperty("schema").GetString());
        Assert.Equal("plug-1", root.GetProperty("unique_id").GetString());
        Assert.Equal("homes/home-1/devices/plug-1/set", root.GetProperty("command_topic").GetString());
        Assert.Equal("homes/home-1/devices/plug-1/state", root.GetProperty("state_topic").GetString());
        Assert.Equal("homes/home-1/devices/plug-1/availability", root.GetProperty("availability_topic").GetString());
        Assert.Equal("online", root.GetProperty("payload_available").GetString());
        Assert.Equal("offline", root.GetProperty("payload_not_available").GetString());
        Assert.Equal(100, root.GetProperty("brightness_scale").GetInt32());
        Assert.Equal(["brightness"], root.GetProperty("supported_color_modes").EnumerateArray().Select(mode => mode.GetString()));
        Assert.Equal("bedroom lamp", root.GetProperty("device").GetProperty("name").GetString());
        Assert.Equal("plug-1", root.GetProperty("device").GetProperty("identifiers")[0].GetString());
    }
}
