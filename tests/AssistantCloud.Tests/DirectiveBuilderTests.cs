using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Alexa;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests;

public class DirectiveBuilderTests
{
    private const string Token = "secret-access-token";

    private static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"],
        ["Alexa.PowerController", "Alexa.BrightnessController"], new Dictionary<string, string> { ["homeId"] = "home-1" });

    private static readonly DiscoveredEndpoint NoCookie = Lamp with { Cookie = new Dictionary<string, string>() };

    public static TheoryData<string, string> Samples => new()
    {
        { "TurnOn", "PowerController/PowerController.TurnOn.request.json" },
        { "TurnOff", "PowerController/PowerController.TurnOff.request.json" },
        { "SetBrightness", "BrightnessController/BrightnessController.SetBrightness.request.json" },
        { "AdjustBrightness", "BrightnessController/BrightnessController.AdjustBrightness.request.json" },
        { "ReportState", "StateReport/ReportState.json" },
        { "Discover", "Discovery/Discovery.request.json" },
    };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Has_the_structure_of_Amazons_sample(string name, string samplePath)
    {
        var sample = SampleMessages.Json(samplePath);
        var directive = Build(name, NoCookie);

        Assert.Equal(Paths(sample).Order(), Paths(directive.Body).Order());
        var header = directive.Body["directive"]!["header"]!;
        var sampleHeader = sample["directive"]!["header"]!;
        Assert.Equal(sampleHeader["namespace"]!.GetValue<string>(), header["namespace"]!.GetValue<string>());
        Assert.Equal(sampleHeader["name"]!.GetValue<string>(), header["name"]!.GetValue<string>());
        Assert.Equal("3", header["payloadVersion"]!.GetValue<string>());
        Assert.True(Guid.TryParse(header["messageId"]!.GetValue<string>(), out _));
        Assert.Equal(directive.MessageId, header["messageId"]!.GetValue<string>());
        Assert.Equal($"{directive.Namespace}.{directive.Name}", directive.QualifiedName);
    }

    [Theory]
    [InlineData("TurnOn")]
    [InlineData("SetBrightness")]
    [InlineData("ReportState")]
    public void Carries_token_endpoint_cookie_and_a_correlation_token(string name)
    {
        var directive = Build(name, Lamp);
        var body = directive.Body["directive"]!;

        Assert.Equal("BearerToken", body["endpoint"]!["scope"]!["type"]!.GetValue<string>());
        Assert.Equal(Token, body["endpoint"]!["scope"]!["token"]!.GetValue<string>());
        Assert.Equal("plug-1", body["endpoint"]!["endpointId"]!.GetValue<string>());
        Assert.Equal("home-1", body["endpoint"]!["cookie"]!["homeId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(directive.CorrelationToken));
        Assert.Equal(directive.CorrelationToken, body["header"]!["correlationToken"]!.GetValue<string>());
    }

    [Fact]
    public void Every_directive_gets_a_new_message_id_and_correlation_token()
    {
        var first = DirectiveBuilder.TurnOn(Lamp, Token);
        var second = DirectiveBuilder.TurnOn(Lamp, Token);

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.NotEqual(first.CorrelationToken, second.CorrelationToken);
    }

    [Fact]
    public void Payloads_carry_the_values()
    {
        Assert.Equal(40, DirectiveBuilder.SetBrightness(Lamp, Token, 40).Body["directive"]!["payload"]!["brightness"]!.GetValue<int>());
        Assert.Equal(-25, DirectiveBuilder.AdjustBrightness(Lamp, Token, -25).Body["directive"]!["payload"]!["brightnessDelta"]!.GetValue<int>());
        Assert.Empty(DirectiveBuilder.TurnOn(Lamp, Token).Body["directive"]!["payload"]!.AsObject());
    }

    [Fact]
    public void Discover_has_no_endpoint_and_its_token_in_payload_scope()
    {
        var discover = DirectiveBuilder.Discover(Token).Body["directive"]!;

        Assert.Null(discover["endpoint"]);
        Assert.Null(discover["header"]!["correlationToken"]);
        Assert.Equal("BearerToken", discover["payload"]!["scope"]!["type"]!.GetValue<string>());
        Assert.Equal(Token, discover["payload"]!["scope"]!["token"]!.GetValue<string>());
    }

    [Fact]
    public void Never_prints_the_token()
    {
        Assert.DoesNotContain(Token, DirectiveBuilder.TurnOn(Lamp, Token).ToString(), StringComparison.Ordinal);
    }

    private static AlexaDirective Build(string name, DiscoveredEndpoint endpoint) => name switch
    {
        "TurnOn" => DirectiveBuilder.TurnOn(endpoint, Token),
        "TurnOff" => DirectiveBuilder.TurnOff(endpoint, Token),
        "SetBrightness" => DirectiveBuilder.SetBrightness(endpoint, Token, 75),
        "AdjustBrightness" => DirectiveBuilder.AdjustBrightness(endpoint, Token, -25),
        "ReportState" => DirectiveBuilder.ReportState(endpoint, Token),
        "Discover" => DirectiveBuilder.Discover(Token),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Every property path in the document, e.g. "directive.endpoint.scope.token".</summary>
    private static IEnumerable<string> Paths(JsonNode? node, string prefix = "")
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
                yield return path;
                foreach (var child in Paths(value, path))
                {
                    yield return child;
                }
            }
        }
    }
}
