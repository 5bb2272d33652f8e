using System.Text.Json.Nodes;
using SmartHome.AssistantCloud.Alexa;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>Answers a fake vendor gives to a directive.</summary>
internal static class AlexaAnswers
{
    public static string ErrorResponse(AlexaDirective directive, string type) => new JsonObject
    {
        ["event"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["namespace"] = "Alexa",
                ["name"] = "ErrorResponse",
                ["payloadVersion"] = "3",
                ["messageId"] = Guid.NewGuid().ToString(),
                ["correlationToken"] = directive.CorrelationToken,
            },
            ["endpoint"] = new JsonObject { ["endpointId"] = "plug-1" },
            ["payload"] = new JsonObject { ["type"] = type, ["message"] = "detail for logs only" },
        },
    }.ToJsonString();
}
