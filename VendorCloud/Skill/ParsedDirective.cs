using System.Text.Json;

namespace SmartHome.VendorCloud.Skill;

/// <summary>The directives this skill understands.</summary>
internal enum DirectiveKind
{
    Discover,
    TurnOn,
    TurnOff,
    SetBrightness,
    AdjustBrightness,
    ReportState,
    AcceptGrant,
}

/// <summary>
/// A directive after parsing. <see cref="Failure"/> is set when it is malformed; the header fields
/// that could be read are kept so that the ErrorResponse can echo them. <see cref="Token"/> is the scope's token
/// (AcceptGrant's grantee), <see cref="GrantCode"/> AcceptGrant's code: secrets, never logged.
/// </summary>
internal sealed record ParsedDirective(
    DirectiveKind Kind,
    string? Namespace,
    string? Name,
    string? CorrelationToken,
    string? EndpointId,
    string? Token,
    JsonElement Payload,
    SkillFailure? Failure,
    string? GrantCode = null);
