using System.Text.Json;
using SmartHome.VendorCloud.Alexa;

namespace SmartHome.VendorCloud.Skill;

/// <summary>Parses and checks the shape of an Alexa directive; values are checked by <see cref="LightCommands"/>.</summary>
internal static class DirectiveParser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<(string Namespace, string Name), DirectiveKind> Known = new()
    {
        [("Alexa.Discovery", "Discover")] = DirectiveKind.Discover,
        [("Alexa.PowerController", "TurnOn")] = DirectiveKind.TurnOn,
        [("Alexa.PowerController", "TurnOff")] = DirectiveKind.TurnOff,
        [("Alexa.BrightnessController", "SetBrightness")] = DirectiveKind.SetBrightness,
        [("Alexa.BrightnessController", "AdjustBrightness")] = DirectiveKind.AdjustBrightness,
        [("Alexa", "ReportState")] = DirectiveKind.ReportState,
    };

    public static ParsedDirective Parse(ReadOnlySpan<byte> utf8Json)
    {
        Directive? directive;
        try
        {
            directive = JsonSerializer.Deserialize<DirectiveEnvelope>(utf8Json, Json)?.Directive;
        }
        catch (JsonException)
        {
            return Malformed(null, "The directive is not valid JSON.");
        }

        var header = directive?.Header;
        if (directive is null || header is null)
        {
            return Malformed(null, "The message has no directive.header.");
        }

        if (string.IsNullOrEmpty(header.Namespace) || string.IsNullOrEmpty(header.Name) || string.IsNullOrEmpty(header.MessageId))
        {
            return Malformed(header, "directive.header needs namespace, name and messageId.");
        }

        if (header.PayloadVersion != "3")
        {
            return Malformed(header, "Only payloadVersion 3 is supported.");
        }

        if (!Known.TryGetValue((header.Namespace, header.Name), out var kind))
        {
            return Malformed(header, $"{header.Namespace}.{header.Name} is not supported by this skill.");
        }

        var payload = directive.Payload.ValueKind == JsonValueKind.Object ? directive.Payload.Clone() : default;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Malformed(header, "directive.payload must be an object.", kind);
        }

        DirectiveScope? scope;
        string? endpointId = null;
        if (kind == DirectiveKind.Discover)
        {
            scope = payload.TryGetProperty("scope", out var scopeElement) && scopeElement.ValueKind == JsonValueKind.Object
                ? ReadScope(scopeElement)
                : null;
        }
        else
        {
            endpointId = directive.Endpoint?.EndpointId;
            if (string.IsNullOrEmpty(endpointId))
            {
                return Malformed(header, "directive.endpoint.endpointId is required.", kind);
            }

            scope = directive.Endpoint!.Scope;
        }

        if (scope is null || scope.Type != "BearerToken" || string.IsNullOrEmpty(scope.Token))
        {
            return Malformed(header, "A BearerToken scope is required.", kind, endpointId);
        }

        return new ParsedDirective(kind, header.Namespace, header.Name, header.CorrelationToken, endpointId, scope.Token, payload, null);
    }

    /// <summary>The Discover payload's scope; a scope of the wrong shape (a number for the token) is no scope, not an exception.</summary>
    private static DirectiveScope? ReadScope(JsonElement scope)
    {
        try
        {
            return scope.Deserialize<DirectiveScope>(Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ParsedDirective Malformed(DirectiveHeader? header, string message, DirectiveKind kind = default, string? endpointId = null) =>
        new(kind, header?.Namespace, header?.Name, header?.CorrelationToken, endpointId, null, default,
            new SkillFailure(AlexaErrorTypes.InvalidDirective, message));
}
