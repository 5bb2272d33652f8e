using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug.Tests;

public class LightCommandParserTests
{
    [Theory]
    [InlineData("""{"state":"ON"}""", "ON", null)]
    [InlineData("""{"brightness":40}""", null, 40)]
    [InlineData("""{"state":"OFF","brightness":0}""", "OFF", 0)]
    [InlineData("""{"brightness":40,"transition":2}""", null, 40)]
    [InlineData("""{"state":"DIM"}""", "DIM", null)]
    [InlineData("""{}""", null, null)]
    [InlineData("ON", "ON", null)] // Home Assistant's MQTT switch: plain payload_on / payload_off
    [InlineData("OFF", "OFF", null)]
    public void Reads_state_and_brightness(string payload, string? state, int? brightness)
    {
        var result = LightCommandParser.Parse(payload);

        Assert.Null(result.Error);
        Assert.Equal(new LightCommand(state, brightness), result.Command);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("", "not JSON")]
    [InlineData("""{"state":"ON" """, "not JSON")]
    [InlineData("""[{"state":"ON"}]""", "not a JSON object")]
    [InlineData("40", "not a JSON object")]
    [InlineData("on", "not JSON")]
    [InlineData("ON ", "not JSON")]
    [InlineData("TOGGLE", "not JSON")]
    [InlineData("""{"state":true}""", "state must be a string")]
    [InlineData("""{"brightness":"40"}""", "brightness must be an integer")]
    [InlineData("""{"brightness":40.5}""", "brightness must be an integer")]
    [InlineData("""{"brightness":1e40}""", "brightness must be an integer")]
    public void Rejects_what_is_not_a_command_object(string payload, string error)
    {
        var result = LightCommandParser.Parse(payload);

        Assert.Null(result.Command);
        Assert.Contains(error, result.Error);
    }
}
