using SmartHome.AssistantCloud.Intents;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests;

public class EndpointMatcherTests
{
    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "Bedroom Lamp", ["LIGHT"], ["Alexa.PowerController"], new Dictionary<string, string>());
    private static readonly DiscoveredEndpoint Fan = new("plug-2", "The Fan", ["FAN"], ["Alexa.PowerController"], new Dictionary<string, string>());

    [Theory]
    [InlineData("bedroom lamp", "plug-1")]
    [InlineData("the bedroom lamp", "plug-1")]
    [InlineData("BEDROOM   LAMP", "plug-1")]
    [InlineData("fan", "plug-2")]
    [InlineData("the fan", "plug-2")]
    public void Matches_names_case_insensitively_with_optional_the(string spoken, string endpointId)
    {
        Assert.Equal(endpointId, EndpointMatcher.Match(spoken, [Lamp, Fan])?.EndpointId);
    }

    [Theory]
    [InlineData("kitchen lamp")]
    [InlineData("bedroom")]
    [InlineData("lamp")]
    public void Returns_null_for_unknown_names(string spoken)
    {
        Assert.Null(EndpointMatcher.Match(spoken, [Lamp, Fan]));
    }
}
