using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NJsonSchema;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// Checks an event posted to the gateway: first the gateway's own structural checks (precise messages, and all
/// there is when Amazon's schema is not loaded), then Amazon's Alexa Smart Home message schema, read at start-up
/// from <see cref="EventGatewayOptions.SchemaPath"/> (outside the repository; the AppHost passes it when the
/// shared folder exists). The schema defines no DeleteReport: that one gets the structural checks only.
/// </summary>
internal sealed partial class AlexaEventValidator
{
    private static readonly HashSet<string> Causes = ["APP_INTERACTION", "PHYSICAL_INTERACTION", "PERIODIC_POLL", "RULE_TRIGGER", "VOICE_INTERACTION"];

    private readonly Lazy<Task<JsonSchema?>> _schema;

    public AlexaEventValidator(IOptions<EventGatewayOptions> options, ILogger<AlexaEventValidator> logger)
    {
        var path = options.Value.SchemaPath;
        _schema = new Lazy<Task<JsonSchema?>>(() => LoadAsync(path, logger));
    }

    /// <summary>Whether Amazon's schema is loaded (false: structural checks only).</summary>
    public async Task<bool> HasSchemaAsync() => await _schema.Value is not null;

    /// <summary>Amazon's schema as loaded (once, shared with the skill conformance check), or null without one.</summary>
    public Task<JsonSchema?> GetSchemaAsync() => _schema.Value;

    /// <summary>Null when the event is valid, else what is wrong, in words.</summary>
    public async Task<string?> ValidateAsync(JsonObject message, AlexaEventName name)
    {
        if (Structural(message, name) is { } problem)
        {
            return problem;
        }

        if (name.Name == "DeleteReport" || await _schema.Value is not { } schema)
        {
            return null;
        }

        var errors = schema.Validate(message.ToJsonString());
        return errors.Count == 0 ? null : $"The {name} event is not valid against Amazon's Alexa Smart Home message schema.";
    }

    /// <summary>What every accepted event must have, as Amazon documents it.</summary>
    internal static string? Structural(JsonObject message, AlexaEventName name)
    {
        var @event = message["event"] as JsonObject;
        var header = @event?["header"] as JsonObject;
        if (header is null || Text(header["messageId"]) is not { Length: > 0 } || Text(header["payloadVersion"]) != "3")
        {
            return "event.header needs namespace, name, messageId and payloadVersion \"3\".";
        }

        if (@event!["payload"] is not JsonObject payload)
        {
            return "event.payload must be an object.";
        }

        switch (name.Name)
        {
            case "ChangeReport":
                if (EndpointProblem(@event) is { } endpoint)
                {
                    return endpoint;
                }

                var change = payload["change"] as JsonObject;
                if (Text((change?["cause"] as JsonObject)?["type"]) is not { } cause || !Causes.Contains(cause))
                {
                    return "payload.change.cause.type must be one of " + string.Join(", ", Causes) + ".";
                }

                return PropertiesProblem(change!["properties"], "payload.change.properties", required: true)
                       ?? PropertiesProblem((message["context"] as JsonObject)?["properties"], "context.properties", required: false);
            case "Response" or "ErrorResponse":
                if (Text(header["correlationToken"]) is not { Length: > 0 })
                {
                    return $"An asynchronous {name.Name} needs the directive's correlationToken.";
                }

                if (name.Name == "ErrorResponse" && Text(payload["type"]) is not { Length: > 0 })
                {
                    return "payload.type is missing.";
                }

                return EndpointProblem(@event) ?? PropertiesProblem((message["context"] as JsonObject)?["properties"], "context.properties", required: false);
            case "AddOrUpdateReport" or "DeleteReport":
                if (ScopeToken(payload) is null)
                {
                    return "payload.scope must be {\"type\":\"BearerToken\",\"token\":...}.";
                }

                if (payload["endpoints"] is not JsonArray { Count: > 0 } endpoints
                    || endpoints.Any(e => Text((e as JsonObject)?["endpointId"]) is not { Length: > 0 }))
                {
                    return "payload.endpoints must list at least one endpoint, each with an endpointId.";
                }

                return name.Name == "AddOrUpdateReport" && endpoints.Any(e => Text((e as JsonObject)?["friendlyName"]) is not { Length: > 0 })
                    ? "Each endpoint of an AddOrUpdateReport needs a friendlyName."
                    : null;
            default:
                return null;
        }
    }

    /// <summary>The scope token of an endpoint's event, or of a discovery report's payload.</summary>
    internal static string? ScopeToken(JsonObject? holder) =>
        holder?["scope"] is JsonObject scope && Text(scope["type"]) == "BearerToken" && Text(scope["token"]) is { Length: > 0 } token ? token : null;

    private static string? EndpointProblem(JsonObject @event) =>
        @event["endpoint"] is JsonObject endpoint && Text(endpoint["endpointId"]) is { Length: > 0 } && ScopeToken(endpoint) is not null
            ? null
            : "event.endpoint needs an endpointId and scope {\"type\":\"BearerToken\",\"token\":...}.";

    private static string? PropertiesProblem(JsonNode? node, string where, bool required)
    {
        if (node is null)
        {
            return required ? $"{where} is missing." : null;
        }

        if (node is not JsonArray properties)
        {
            return $"{where} must be a list.";
        }

        foreach (var property in properties)
        {
            if (property is not JsonObject p || Text(p["namespace"]) is null || Text(p["name"]) is null || p["value"] is null
                || Text(p["timeOfSample"]) is null || p["uncertaintyInMilliseconds"] is null)
            {
                return $"Each of {where} needs namespace, name, value, timeOfSample and uncertaintyInMilliseconds.";
            }
        }

        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;

    private static async Task<JsonSchema?> LoadAsync(string? path, ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            LogNoSchema(logger, string.IsNullOrWhiteSpace(path) ? "(not configured)" : path);
            return null;
        }

        try
        {
            var schema = await JsonSchema.FromJsonAsync(AlexaSchemaText.Flatten(await File.ReadAllTextAsync(path)));
            LogSchemaLoaded(logger, path);
            return schema;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException
                                   or Newtonsoft.Json.JsonException)
        {
            // A schema that cannot be read leaves the gateway with its own checks, not with a 500 on every event.
            LogSchemaUnreadable(logger, path, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Amazon's Alexa Smart Home message schema at {Path} cannot be read ({Reason}): the event gateway checks events' structure only")]
    private static partial void LogSchemaUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Amazon's Alexa Smart Home message schema is not loaded ({Path}): the event gateway checks events' structure only")]
    private static partial void LogNoSchema(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The event gateway validates events against Amazon's schema from {Path}")]
    private static partial void LogSchemaLoaded(ILogger logger, string path);
}
