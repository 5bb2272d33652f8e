using System.Text;
using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.Skill;

namespace SmartHome.VendorCloud.Tests;

public sealed class DirectiveParserTests
{
    [Theory]
    [InlineData("Alexa.PowerController", "TurnOn", nameof(DirectiveKind.TurnOn))]
    [InlineData("Alexa.PowerController", "TurnOff", nameof(DirectiveKind.TurnOff))]
    [InlineData("Alexa.BrightnessController", "SetBrightness", nameof(DirectiveKind.SetBrightness))]
    [InlineData("Alexa.BrightnessController", "AdjustBrightness", nameof(DirectiveKind.AdjustBrightness))]
    [InlineData("Alexa", "ReportState", nameof(DirectiveKind.ReportState))]
    public void Endpoint_directives_parse_with_the_token_from_the_endpoint_scope(string @namespace, string name, string kind)
    {
        var parsed = DirectiveParser.Parse(DirectiveJson.Control(@namespace, name, "tok"));

        Assert.Null(parsed.Failure);
        Assert.Equal(Enum.Parse<DirectiveKind>(kind), parsed.Kind);
        Assert.Equal("tok", parsed.Token);
        Assert.Equal(TestWorld.DeviceId, parsed.EndpointId);
        Assert.Equal("corr-token==", parsed.CorrelationToken);
    }

    [Fact]
    public void Discover_takes_its_token_from_the_payload_scope()
    {
        var parsed = DirectiveParser.Parse(DirectiveJson.Discover("tok"));
        Assert.Null(parsed.Failure);
        Assert.Equal(DirectiveKind.Discover, parsed.Kind);
        Assert.Equal("tok", parsed.Token);
        Assert.Null(parsed.EndpointId);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"directive":{"payload":{}}}""")]
    [InlineData("""{"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn","payloadVersion":"3"},"payload":{}}}""")]
    [InlineData("""{"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn","messageId":"m","payloadVersion":"2"},"payload":{}}}""")]
    [InlineData("""{"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn","messageId":"m","payloadVersion":"3"},"payload":{}}}""")]
    [InlineData("""{"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn","messageId":"m","payloadVersion":"3"},"endpoint":{"endpointId":"plug-1"},"payload":{}}}""")]
    public void Malformed_directives_are_INVALID_DIRECTIVE(string json)
    {
        var parsed = DirectiveParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(AlexaErrorTypes.InvalidDirective, parsed.Failure?.Type);
    }

    [Theory]
    [InlineData("Alexa.ThermostatController", "SetTargetTemperature")]
    [InlineData("Alexa.PowerController", "Toggle")]
    public void Unknown_namespaces_and_names_are_INVALID_DIRECTIVE_with_the_header_kept(string @namespace, string name)
    {
        var parsed = DirectiveParser.Parse(DirectiveJson.Control(@namespace, name, "tok"));
        Assert.Equal(AlexaErrorTypes.InvalidDirective, parsed.Failure?.Type);
        Assert.Equal("corr-token==", parsed.CorrelationToken);
    }
}
