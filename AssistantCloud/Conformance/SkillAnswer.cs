using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartHome.AssistantCloud.Conformance;

/// <summary>A skill's answer to one directive: the HTTP status, the raw JSON, and its parts the check reads.</summary>
internal sealed record SkillAnswer(int Status, string Body, JsonObject? Json, TimeSpan Took, string? TransportProblem)
{
    public JsonObject? Event => Json?["event"] as JsonObject;

    public string? Namespace => Text(Event?["header"]?["namespace"]);

    public string? Name => Text(Event?["header"]?["name"]);

    public string? CorrelationToken => Text(Event?["header"]?["correlationToken"]);

    public string? EndpointId => Text(Event?["endpoint"]?["endpointId"]);

    public string? ErrorType => Text(Event?["payload"]?["type"]);

    public JsonArray? ContextProperties => Json?["context"]?["properties"] as JsonArray;

    /// <summary>"Alexa.Response", "Alexa.ErrorResponse NO_SUCH_ENDPOINT", "HTTP 500", "no answer: ...".</summary>
    public string Describe() => TransportProblem is not null
        ? $"no answer: {TransportProblem}"
        : Json is null
            ? $"HTTP {Status}, not JSON"
            : $"{Namespace}.{Name}{(ErrorType is null ? "" : " " + ErrorType)} (HTTP {Status})";

    public static SkillAnswer Parse(int status, string body, TimeSpan took)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        return new SkillAnswer(status, body, json, took, null);
    }

    public static SkillAnswer Failed(string problem, TimeSpan took) => new(0, "", null, took, problem);

    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
