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
        [("Alexa.Authorization", "AcceptGrant")] = DirectiveKind.AcceptGrant,
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

        if (kind == DirectiveKind.AcceptGrant)
        {
            return ParseAcceptGrant(header, payload);
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

    /// <summary>
    /// AcceptGrant: <c>payload.grant {type: OAuth2.AuthorizationCode, code}</c> and <c>payload.grantee {type: BearerToken, token}</c>,
    /// the person's access token at the vendor. Any fault is Alexa.Authorization's ACCEPT_GRANT_FAILED.
    /// </summary>
    private static ParsedDirective ParseAcceptGrant(DirectiveHeader header, JsonElement payload)
    {
        var grant = payload.TryGetProperty("grant", out var grantElement) && grantElement.ValueKind == JsonValueKind.Object ? grantElement : default;
        var code = grant.ValueKind == JsonValueKind.Object
            && grant.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "OAuth2.AuthorizationCode"
            && grant.TryGetProperty("code", out var codeElement) && codeElement.ValueKind == JsonValueKind.String
            ? codeElement.GetString()
            : null;
        var grantee = payload.TryGetProperty("grantee", out var granteeElement) && granteeElement.ValueKind == JsonValueKind.Object
            ? ReadScope(granteeElement)
            : null;
        var failure = string.IsNullOrEmpty(code)
            ? "payload.grant needs type OAuth2.AuthorizationCode and a code."
            : grantee is null || grantee.Type != "BearerToken" || string.IsNullOrEmpty(grantee.Token)
                ? "payload.grantee needs a BearerToken."
                : null;
        return failure is null
            ? new ParsedDirective(DirectiveKind.AcceptGrant, header.Namespace, header.Name, null, null, grantee!.Token, payload, null, code)
            : new ParsedDirective(DirectiveKind.AcceptGrant, header.Namespace, header.Name, null, null, null, default,
                new SkillFailure(AlexaErrorTypes.AcceptGrantFailed, failure));
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
            new SkillFailure(kind == DirectiveKind.AcceptGrant ? AlexaErrorTypes.AcceptGrantFailed : AlexaErrorTypes.InvalidDirective, message));
}
