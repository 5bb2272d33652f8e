using System.Text.Json.Nodes;
using NJsonSchema;

namespace SmartHome.IntegrationTests;

/// <summary>
/// VendorCloud's skill endpoint spoken to directly, as Alexa would: every message it returns must
/// validate against the official Alexa Smart Home message schema (../shared/alexa).
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class VendorSkillTests(SmartHomeAppFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task EveryMessageTheVendorReturnsValidatesAgainstTheAlexaSchema()
    {
        var schema = await AlexaMessageSchema.GetAsync();
        using var cts = new CancellationTokenSource(Timeout * 4);
        var tokens = await new VendorOAuth(fixture).LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        var token = tokens.AccessToken!;

        var discovery = await SendAsync(AlexaDirectives.Discover(token), schema);
        Assert.Equal("Discover.Response", (string?)discovery["event"]!["header"]!["name"]);
        var lamp = discovery["event"]!["payload"]!["endpoints"]!.AsArray()
            .Single(e => (string?)e!["friendlyName"] == "bedroom lamp")!;
        Assert.Equal("LIGHT", (string?)lamp["displayCategories"]![0]);
        Assert.False(string.IsNullOrEmpty((string?)lamp["additionalAttributes"]!["manufacturer"]));
        Assert.False(string.IsNullOrEmpty((string?)lamp["additionalAttributes"]!["model"]));
        var interfaces = lamp["capabilities"]!.AsArray().Select(c => (string?)c!["interface"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth" }, interfaces);
        foreach (var capability in lamp["capabilities"]!.AsArray().Where(c => (string?)c!["interface"] != "Alexa"))
        {
            Assert.True((bool?)capability!["properties"]!["retrievable"]);
            Assert.True((bool?)capability["properties"]!["proactivelyReported"]);
        }

        var endpointId = (string)lamp["endpointId"]!;

        await ExpectResponseAsync(AlexaDirectives.Directive("Alexa.PowerController", "TurnOn", token, endpointId, new JsonObject()), schema, "ON", null);
        await ExpectResponseAsync(AlexaDirectives.Directive("Alexa.BrightnessController", "SetBrightness", token, endpointId,
            new JsonObject { ["brightness"] = 40 }), schema, "ON", 40);
        await ExpectResponseAsync(AlexaDirectives.Directive("Alexa.BrightnessController", "AdjustBrightness", token, endpointId,
            new JsonObject { ["brightnessDelta"] = 30 }), schema, "ON", 70);
        await ExpectResponseAsync(AlexaDirectives.Directive("Alexa.BrightnessController", "AdjustBrightness", token, endpointId,
            new JsonObject { ["brightnessDelta"] = 50 }), schema, "ON", 100);
        await ExpectResponseAsync(AlexaDirectives.Directive("Alexa.PowerController", "TurnOff", token, endpointId, new JsonObject()), schema, "OFF", null);

        var report = await SendAsync(AlexaDirectives.Directive("Alexa", "ReportState", token, endpointId, new JsonObject()), schema);
        Assert.Equal("StateReport", (string?)report["event"]!["header"]!["name"]);
        AssertAllProperties(report);

        await ExpectErrorAsync(AlexaDirectives.Directive("Alexa.BrightnessController", "SetBrightness", token, endpointId,
            new JsonObject { ["brightness"] = 150 }), schema, "VALUE_OUT_OF_RANGE");
        await ExpectErrorAsync(AlexaDirectives.Directive("Alexa.PowerController", "TurnOn", "not-a-token", endpointId, new JsonObject()), schema,
            "INVALID_AUTHORIZATION_CREDENTIAL");
        await ExpectErrorAsync(AlexaDirectives.Directive("Alexa.PowerController", "TurnOn", token, "no-such-device", new JsonObject()), schema,
            "NO_SUCH_ENDPOINT");
        await ExpectErrorAsync(AlexaDirectives.Directive("Alexa.PowerController", "Explode", token, endpointId, new JsonObject()), schema,
            "INVALID_DIRECTIVE");
        await ExpectErrorAsync(new JsonObject { ["directive"] = new JsonObject { ["header"] = "nonsense" } }, schema, "INVALID_DIRECTIVE");
    }

    private async Task ExpectResponseAsync(JsonObject directive, JsonSchema schema, string power, int? brightness)
    {
        var response = await SendAsync(directive, schema);
        Assert.Equal("Response", (string?)response["event"]!["header"]!["name"]);
        Assert.Equal((string?)directive["directive"]!["header"]!["correlationToken"], (string?)response["event"]!["header"]!["correlationToken"]);
        var properties = AssertAllProperties(response);
        Assert.Equal(power, (string?)properties["powerState"]["value"]);
        if (brightness is not null)
        {
            Assert.Equal(brightness, (int?)properties["brightness"]["value"]);
        }
    }

    private async Task ExpectErrorAsync(JsonObject directive, JsonSchema schema, string type)
    {
        var response = await SendAsync(directive, schema);
        Assert.Equal("ErrorResponse", (string?)response["event"]!["header"]!["name"]);
        Assert.Equal(type, (string?)response["event"]!["payload"]!["type"]);
    }

    private static Dictionary<string, JsonNode> AssertAllProperties(JsonNode message)
    {
        var properties = message["context"]!["properties"]!.AsArray().ToDictionary(p => (string)p!["name"]!, p => p!);
        Assert.Superset(new HashSet<string> { "powerState", "brightness", "connectivity" }, properties.Keys.ToHashSet());
        foreach (var property in properties.Values)
        {
            Assert.True(DateTimeOffset.TryParse((string?)property["timeOfSample"], out _), $"timeOfSample of {property["name"]}");
            Assert.NotNull(property["uncertaintyInMilliseconds"]);
        }

        return properties;
    }

    private async Task<JsonNode> SendAsync(JsonObject directive, JsonSchema schema)
    {
        var message = await fixture.SendAsync(directive);
        var body = message.ToJsonString();
        var errors = schema.Validate(body);
        Assert.True(errors.Count == 0, $"Schema errors for {body}:\n{string.Join("\n", errors)}");
        return message;
    }
}
