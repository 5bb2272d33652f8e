using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Skill;

/// <summary>The ErrorResponse types the vendor answers with (see protocol-facts.md).</summary>
internal static class AlexaErrorTypes
{
    public const string EndpointUnreachable = "ENDPOINT_UNREACHABLE";
    public const string BridgeUnreachable = "BRIDGE_UNREACHABLE";
    public const string NoSuchEndpoint = "NO_SUCH_ENDPOINT";
    public const string ValueOutOfRange = "VALUE_OUT_OF_RANGE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string InvalidDirective = "INVALID_DIRECTIVE";
    public const string ExpiredAuthorizationCredential = "EXPIRED_AUTHORIZATION_CREDENTIAL";
    public const string InvalidAuthorizationCredential = "INVALID_AUTHORIZATION_CREDENTIAL";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The error a failed command is answered with; null for success.</summary>
    public static string? FromCommandStatus(CommandStatus status) => status switch
    {
        CommandStatus.Ok => null,
        CommandStatus.DeviceOffline or CommandStatus.Timeout => EndpointUnreachable,
        CommandStatus.BridgeUnreachable => BridgeUnreachable,
        CommandStatus.Rejected => InvalidValue,
        _ => InternalError,
    };
}

/// <summary>
/// A directive that cannot be carried out, in Alexa's terms. <see cref="Command"/> and <see cref="CommandError"/>
/// are set when the failure came back from the home, <see cref="LinkReason"/> when the account link has ended:
/// they place the failure in the chain (<see cref="DirectiveFailedHops"/>), they are not sent to Alexa.
/// </summary>
internal sealed record SkillFailure(string Type, string Message, ValidRange? ValidRange = null, CommandStatus? Command = null,
    string? CommandError = null, string? LinkReason = null);
