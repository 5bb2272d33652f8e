using System.Text.Json;

namespace SmartHome.VendorCloud.Skill;

// Incoming Alexa Smart Home v3 directives. Everything is nullable: a directive is validated after parsing.

internal sealed record DirectiveEnvelope(Directive? Directive);

internal sealed record Directive(DirectiveHeader? Header, DirectiveEndpoint? Endpoint, JsonElement Payload);

internal sealed record DirectiveHeader(string? Namespace, string? Name, string? MessageId, string? CorrelationToken, string? PayloadVersion);

internal sealed record DirectiveEndpoint(DirectiveScope? Scope, string? EndpointId);

internal sealed record DirectiveScope(string? Type, string? Token);
