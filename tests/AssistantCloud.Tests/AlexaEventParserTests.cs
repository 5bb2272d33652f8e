using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.Tests;

public class AlexaEventParserTests
{
    [SkippableFact]
    public void Reads_a_response_and_its_context()
    {
        var answer = AlexaEventParser.Parse(SampleMessages.Text("BrightnessController/BrightnessController.SetBrightness.response.json"));

        Assert.Equal("Alexa", answer.Namespace);
        Assert.Equal("Response", answer.Name);
        Assert.False(answer.IsError);
        Assert.Equal("dFMb0z+PgpgdDmluhJ1LddFvSqZ/jCc8ptlAKulUj90jSqg==", answer.CorrelationToken);
        Assert.Equal("endpoint-001", answer.EndpointId);
        Assert.Equal(new DeviceState(null, 75, "OK"), answer.State);
    }

    [SkippableFact]
    public void Reads_power_state()
    {
        var answer = AlexaEventParser.Parse(SampleMessages.Text("PowerController/PowerController.TurnOff.response.json"));

        Assert.Equal("OFF", answer.State?.PowerState);
    }

    [SkippableFact]
    public void Reads_an_error_response()
    {
        var answer = AlexaEventParser.Parse(SampleMessages.Text("ErrorResponse/ErrorResponse.General.json"));

        Assert.True(answer.IsError);
        Assert.Equal("ENDPOINT_UNREACHABLE", answer.ErrorType);
        Assert.Null(answer.State);
    }

    [SkippableFact]
    public void Reads_the_valid_range_of_value_out_of_range()
    {
        var answer = AlexaEventParser.Parse(SampleMessages.Text("ErrorResponse/ErrorResponse.General.VALUE_OUT_OF_RANGE.json"));

        Assert.Equal("VALUE_OUT_OF_RANGE", answer.ErrorType);
        Assert.Equal(new ValidRange(1000, 10000), answer.ValidRange);
    }

    [SkippableFact]
    public void Reads_discovered_endpoints()
    {
        var answer = AlexaEventParser.Parse(SampleMessages.Text("Discovery/Discovery.response.json"));

        Assert.Equal("Discover.Response", answer.Name);
        var light = Assert.Single(answer.Endpoints, e => e.EndpointId == "endpoint-002");
        Assert.Equal("Light", light.FriendlyName);
        Assert.Contains("LIGHT", light.DisplayCategories);
        Assert.Contains("Alexa.BrightnessController", light.Capabilities);
        var @switch = Assert.Single(answer.Endpoints, e => e.EndpointId == "endpoint-001");
        Assert.Equal("For simplicity, this is the only appliance", @switch.Cookie["detail1"]);
        Assert.Equal(answer.Endpoints.Count, answer.Endpoints.Select(e => e.EndpointId).Distinct().Count());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"event\":{}}")]
    [InlineData("[1,2]")]
    public void Rejects_what_is_not_an_alexa_event(string body)
    {
        Assert.Throws<FormatException>(() => AlexaEventParser.Parse(body));
    }
}
