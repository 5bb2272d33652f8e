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

    [Fact]
    public void An_on_off_plug_is_announced_as_a_home_assistant_switch_with_plain_payloads()
    {
        var topics = new PlugTopics("home-1", "plug-2");

        var (topic, payload) = DiscoveryConfig.Announcement(topics, "desk fan", SmartHome.ServiceDefaults.Worlds.DeviceKind.OnOffPlug);
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;

        Assert.Equal("homeassistant/switch/plug-2/config", topic);
        Assert.Equal("plug-2", root.GetProperty("unique_id").GetString());
        Assert.Equal("homes/home-1/devices/plug-2/set", root.GetProperty("command_topic").GetString());
        Assert.Equal("ON", root.GetProperty("payload_on").GetString());
        Assert.Equal("OFF", root.GetProperty("payload_off").GetString());
        Assert.Equal("homes/home-1/devices/plug-2/state", root.GetProperty("state_topic").GetString());
        Assert.Equal("{{ value_json.state }}", root.GetProperty("value_template").GetString());
        Assert.Equal("homes/home-1/devices/plug-2/availability", root.GetProperty("availability_topic").GetString());
        Assert.False(root.TryGetProperty("schema", out _)); // a light's option, not a switch's
        Assert.Equal("desk fan", root.GetProperty("device").GetProperty("name").GetString());
    }

    [Fact]
    public void A_dimmable_device_is_announced_as_a_json_light()
    {
        var topics = new PlugTopics("home-7", "plug-1", "home-7/plug-1");

        var (topic, payload) = DiscoveryConfig.Announcement(topics, "lamp", SmartHome.ServiceDefaults.Worlds.DeviceKind.DimmablePlug);
        using var document = JsonDocument.Parse(payload);

        Assert.Equal("homeassistant/light/home-7/plug-1/config", topic);
        Assert.Equal("json", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal(100, document.RootElement.GetProperty("brightness_scale").GetInt32());
        Assert.Equal("home-7/plug-1", document.RootElement.GetProperty("unique_id").GetString());
    }
}
