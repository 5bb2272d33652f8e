using System.Text;
using System.Text.Json.Nodes;

namespace SmartHome.IntegrationTests;

/// <summary>Alexa Smart Home v3 directives as Alexa sends them to the vendor's skill endpoint.</summary>
public static class AlexaDirectives
{
    public static JsonObject Discover(string token) => new()
    {
        ["directive"] = new JsonObject
        {
            ["header"] = Header("Alexa.Discovery", "Discover", correlation: false),
            ["payload"] = new JsonObject { ["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = token } },
        },
    };

    public static JsonObject Directive(string ns, string name, string token, string endpointId, JsonObject? payload = null) => new()
    {
        ["directive"] = new JsonObject
        {
            ["header"] = Header(ns, name, correlation: true),
            ["endpoint"] = new JsonObject
            {
                ["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = token },
                ["endpointId"] = endpointId,
                ["cookie"] = new JsonObject(),
            },
            ["payload"] = payload ?? new JsonObject(),
        },
    };

    /// <summary>Posts a directive to vendorcloud's skill endpoint; returns the event (200 for errors too).</summary>
    public static async Task<JsonNode> SendAsync(this SmartHomeAppFixture fixture, JsonObject directive)
    {
        using var vendor = fixture.CreateHttpClient("vendorcloud");
        using var content = new StringContent(directive.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await vendor.PostAsync("/alexa/v3/directives", content).WaitAsync(Wire.RequestTimeout);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static string? EventName(this JsonNode message) => (string?)message["event"]?["header"]?["name"];

    public static string? ErrorType(this JsonNode message) => (string?)message["event"]?["payload"]?["type"];

    public static IEnumerable<string> DiscoveredEndpointIds(this JsonNode discovery) =>
        discovery["event"]!["payload"]!["endpoints"]!.AsArray().Select(e => (string)e!["endpointId"]!);

    private static JsonObject Header(string ns, string name, bool correlation)
    {
        var header = new JsonObject
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["messageId"] = Guid.NewGuid().ToString(),
            ["payloadVersion"] = "3",
        };
        if (correlation)
        {
            header["correlationToken"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        }

        return header;
    }
}
