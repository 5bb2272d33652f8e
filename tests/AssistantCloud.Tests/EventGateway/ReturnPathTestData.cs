using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>The skill's credentials and the events it posts, in Amazon's shapes (as in ../shared/alexa's samples).</summary>
internal static class ReturnPathTestData
{
    public const string SkillId = "smarthome-skill";
    public const string SkillSecret = "skill-secret-for-tests-0123456789";
    public const string Skill = Skills.VendorSkillId;

    public static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static readonly DiscoveredEndpoint Lamp = new("plug-1", "bedroom lamp", ["LIGHT"],
        ["Alexa", "Alexa.PowerController", "Alexa.BrightnessController", "Alexa.EndpointHealth"], new Dictionary<string, string>(),
        ["Alexa.PowerController.powerState", "Alexa.BrightnessController.brightness", "Alexa.EndpointHealth.connectivity"]);

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    public static FormUrlEncodedContent CodeGrant(string code, string secret = SkillSecret) =>
        Form(("grant_type", "authorization_code"), ("code", code), ("client_id", SkillId), ("client_secret", secret));

    public static FormUrlEncodedContent RefreshGrant(string refreshToken) =>
        Form(("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", SkillId), ("client_secret", SkillSecret));

    public static AuthenticationHeaderValue Basic(string id = SkillId, string secret = SkillSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}")));

    public static JsonObject ChangeReport(string token, string endpointId = "plug-1", string power = "ON", int brightness = 40,
        string cause = "PHYSICAL_INTERACTION", string connectivity = "OK") => new()
        {
            ["event"] = new JsonObject
            {
                ["header"] = Header("Alexa", "ChangeReport"),
                ["endpoint"] = Endpoint(token, endpointId),
                ["payload"] = new JsonObject
                {
                    ["change"] = new JsonObject
                    {
                        ["cause"] = new JsonObject { ["type"] = cause },
                        ["properties"] = new JsonArray(Property("Alexa.PowerController", "powerState", power)),
                    },
                },
            },
            ["context"] = new JsonObject
            {
                ["properties"] = new JsonArray(
                Property("Alexa.BrightnessController", "brightness", brightness),
                Property("Alexa.EndpointHealth", "connectivity", new JsonObject { ["value"] = connectivity })),
            },
        };

    public static JsonObject AsyncResponse(string token, string correlationToken, string endpointId = "plug-1", string power = "ON", int brightness = 40)
    {
        var header = Header("Alexa", "Response");
        header["correlationToken"] = correlationToken;
        return new JsonObject
        {
            ["event"] = new JsonObject { ["header"] = header, ["endpoint"] = Endpoint(token, endpointId), ["payload"] = new JsonObject() },
            ["context"] = new JsonObject
            {
                ["properties"] = new JsonArray(
                    Property("Alexa.PowerController", "powerState", power),
                    Property("Alexa.BrightnessController", "brightness", brightness),
                    Property("Alexa.EndpointHealth", "connectivity", new JsonObject { ["value"] = "OK" })),
            },
        };
    }

    public static JsonObject AddOrUpdateReport(string token, string endpointId, string friendlyName) => new()
    {
        ["event"] = new JsonObject
        {
            ["header"] = Header("Alexa.Discovery", "AddOrUpdateReport"),
            ["payload"] = new JsonObject
            {
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["endpointId"] = endpointId,
                    ["manufacturerName"] = "SmartHome",
                    ["friendlyName"] = friendlyName,
                    ["description"] = "A dimmable smart plug",
                    ["displayCategories"] = new JsonArray("LIGHT"),
                    ["cookie"] = new JsonObject { ["homeId"] = "home-1" },
                    ["capabilities"] = new JsonArray(
                        new JsonObject { ["type"] = "AlexaInterface", ["interface"] = "Alexa", ["version"] = "3" },
                        new JsonObject
                        {
                            ["type"] = "AlexaInterface",
                            ["interface"] = "Alexa.PowerController",
                            ["version"] = "3",
                            ["properties"] = new JsonObject
                            {
                                ["supported"] = new JsonArray(new JsonObject { ["name"] = "powerState" }),
                                ["proactivelyReported"] = true,
                                ["retrievable"] = true,
                            },
                        }),
                }),
                ["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = token },
            },
        },
    };

    public static JsonObject DeleteReport(string token, string endpointId) => new()
    {
        ["event"] = new JsonObject
        {
            ["header"] = Header("Alexa.Discovery", "DeleteReport"),
            ["payload"] = new JsonObject
            {
                ["endpoints"] = new JsonArray(new JsonObject { ["endpointId"] = endpointId }),
                ["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = token },
            },
        },
    };

    public static JsonObject StateReport(string token) => new()
    {
        ["event"] = new JsonObject { ["header"] = Header("Alexa", "StateReport"), ["endpoint"] = Endpoint(token, "plug-1"), ["payload"] = new JsonObject() },
    };

    private static JsonObject Header(string @namespace, string name) => new()
    {
        ["namespace"] = @namespace,
        ["name"] = name,
        ["payloadVersion"] = "3",
        ["messageId"] = Guid.NewGuid().ToString(),
    };

    private static JsonObject Endpoint(string token, string endpointId) => new()
    {
        ["scope"] = new JsonObject { ["type"] = "BearerToken", ["token"] = token },
        ["endpointId"] = endpointId,
    };

    private static JsonObject Property(string @namespace, string name, JsonNode value) => new()
    {
        ["namespace"] = @namespace,
        ["name"] = name,
        ["value"] = value,
        ["timeOfSample"] = Start.ToString("yyyy-MM-dd'T'HH:mm:ss.ff'Z'", CultureInfo.InvariantCulture),
        ["uncertaintyInMilliseconds"] = 0,
    };
}
