using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Alexa;

/// <summary>Builds Alexa Smart Home API v3 directives (shapes as in Amazon's sample messages).</summary>
public static class DirectiveBuilder
{
    public const string PowerController = "Alexa.PowerController";
    public const string BrightnessController = "Alexa.BrightnessController";
    public const string Alexa = "Alexa";
    public const string Discovery = "Alexa.Discovery";
    public const string Authorization = "Alexa.Authorization";

    public static AlexaDirective TurnOn(DiscoveredEndpoint endpoint, string token) =>
        ForEndpoint(PowerController, "TurnOn", endpoint, token, []);

    public static AlexaDirective TurnOff(DiscoveredEndpoint endpoint, string token) =>
        ForEndpoint(PowerController, "TurnOff", endpoint, token, []);

    public static AlexaDirective SetBrightness(DiscoveredEndpoint endpoint, string token, int brightness) =>
        ForEndpoint(BrightnessController, "SetBrightness", endpoint, token, new JsonObject { ["brightness"] = brightness });

    /// <summary>Negative <paramref name="delta"/> dims.</summary>
    public static AlexaDirective AdjustBrightness(DiscoveredEndpoint endpoint, string token, int delta) =>
        ForEndpoint(BrightnessController, "AdjustBrightness", endpoint, token, new JsonObject { ["brightnessDelta"] = delta });

    public static AlexaDirective ReportState(DiscoveredEndpoint endpoint, string token) =>
        ForEndpoint(Alexa, "ReportState", endpoint, token, []);

    /// <summary>Discover has no endpoint: its token travels in payload.scope.</summary>
    public static AlexaDirective Discover(string token)
    {
        var messageId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["directive"] = new JsonObject
            {
                ["header"] = Header(Discovery, "Discover", messageId, correlationToken: null),
                ["payload"] = new JsonObject { ["scope"] = Scope(token) },
            },
        };
        return new AlexaDirective(Discovery, "Discover", messageId, null, body);
    }

    /// <summary>
    /// Alexa.Authorization.AcceptGrant: the grant code the skill exchanges at the token service, and the person's
    /// access token at the skill (the grantee) so that it knows whose grant it is. No correlation token (synchronous).
    /// </summary>
    public static AlexaDirective AcceptGrant(string grantCode, string granteeToken)
    {
        var messageId = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["directive"] = new JsonObject
            {
                ["header"] = Header(Authorization, "AcceptGrant", messageId, correlationToken: null),
                ["payload"] = new JsonObject
                {
                    ["grant"] = new JsonObject { ["type"] = "OAuth2.AuthorizationCode", ["code"] = grantCode },
                    ["grantee"] = Scope(granteeToken),
                },
            },
        };
        return new AlexaDirective(Authorization, "AcceptGrant", messageId, null, body);
    }

    private static AlexaDirective ForEndpoint(string @namespace, string name, DiscoveredEndpoint endpoint, string token, JsonObject payload)
    {
        var messageId = Guid.NewGuid().ToString();
        var correlationToken = NewCorrelationToken();
        var cookie = new JsonObject();
        foreach (var (key, value) in endpoint.Cookie)
        {
            cookie[key] = value;
        }

        var body = new JsonObject
        {
            ["directive"] = new JsonObject
            {
                ["header"] = Header(@namespace, name, messageId, correlationToken),
                ["endpoint"] = new JsonObject
                {
                    ["scope"] = Scope(token),
                    ["endpointId"] = endpoint.EndpointId,
                    ["cookie"] = cookie,
                },
                ["payload"] = payload,
            },
        };
        return new AlexaDirective(@namespace, name, messageId, correlationToken, body);
    }

    private static JsonObject Header(string @namespace, string name, string messageId, string? correlationToken)
    {
        var header = new JsonObject
        {
            ["namespace"] = @namespace,
            ["name"] = name,
            ["payloadVersion"] = "3",
            ["messageId"] = messageId,
        };
        if (correlationToken is not null)
        {
            header["correlationToken"] = correlationToken;
        }

        return header;
    }

    private static JsonObject Scope(string token) => new() { ["type"] = "BearerToken", ["token"] = token };

    // Opaque to the vendor, echoed back; random so that one answer cannot be taken for another's.
    private static string NewCorrelationToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
