using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>The directives the conformance check sends, shaped as in Amazon's sample messages.</summary>
internal static class ConformanceDirectives
{
    public static JsonObject Discover(string token) => Directive("Alexa.Discovery", "Discover", correlationToken: null, endpoint: null,
        new JsonObject { ["scope"] = Scope(token) });

    public static JsonObject ForEndpoint(string @namespace, string name, string endpointId, JsonObject? cookie, string token, JsonObject payload) =>
        Directive(@namespace, name, NewCorrelationToken(), new JsonObject
        {
            ["scope"] = Scope(token),
            ["endpointId"] = endpointId,
            ["cookie"] = cookie?.DeepClone() ?? new JsonObject(),
        }, payload);

    public static JsonObject AcceptGrant(string grantCode, string granteeToken) => Directive("Alexa.Authorization", "AcceptGrant",
        correlationToken: null, endpoint: null, new JsonObject
        {
            ["grant"] = new JsonObject { ["type"] = "OAuth2.AuthorizationCode", ["code"] = grantCode },
            ["grantee"] = Scope(granteeToken),
        });

    public static string? CorrelationTokenOf(JsonObject directive) => SkillAnswer.Text(directive["directive"]?["header"]?["correlationToken"]);

    private static JsonObject Directive(string @namespace, string name, string? correlationToken, JsonObject? endpoint, JsonObject payload)
    {
        var header = new JsonObject
        {
            ["namespace"] = @namespace,
            ["name"] = name,
            ["payloadVersion"] = "3",
            ["messageId"] = Guid.NewGuid().ToString(),
        };
        if (correlationToken is not null)
        {
            header["correlationToken"] = correlationToken;
        }

        var directive = new JsonObject { ["header"] = header };
        if (endpoint is not null)
        {
            directive["endpoint"] = endpoint;
        }

        directive["payload"] = payload;
        return new JsonObject { ["directive"] = directive };
    }

    private static JsonObject Scope(string token) => new() { ["type"] = "BearerToken", ["token"] = token };

    private static string NewCorrelationToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
