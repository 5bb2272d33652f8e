using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Diagnosis;

/// <summary>
/// The hop of the chain where a command failed (a hop name of the diagnosis: <c>assistant</c>, <c>link</c>,
/// <c>vendor</c>, <c>uplink</c>, <c>plug</c>, ...) and the cause as a plain sentence; set on the failing span as
/// <c>smarthome.failed_hop</c> and <c>smarthome.cause</c> (docs/protocols.md, "Failed commands in traces").
/// </summary>
internal sealed record FailedHop(string Hop, string Cause)
{
    public const string HopAttribute = "smarthome.failed_hop";
    public const string CauseAttribute = "smarthome.cause";

    public const string Assistant = "assistant";
    public const string Link = "link";
    public const string Vendor = "vendor";
    public const string Uplink = "uplink";
    public const string Gateway = "gateway";
    public const string Plug = "plug";

    /// <summary>Where a command sent down a home's uplink failed; null when it did not.</summary>
    public static FailedHop? OfCommand(CommandStatus status, string? error) => status switch
    {
        CommandStatus.Ok => null,
        CommandStatus.DeviceOffline => new(Plug, "the plug is offline: the gateway reports it unavailable"),
        CommandStatus.Timeout => new(Plug, "the plug did not answer the command in time"),
        CommandStatus.BridgeUnreachable => new(Uplink, "the home's uplink is not connected"),
        CommandStatus.Rejected => new(Plug, string.IsNullOrEmpty(error) ? "the plug rejected the command" : $"the plug rejected the command: {error}"),
        // The gateway's "error": its broker refused, or the plug's answer was unreadable; the gateway's span says which.
        CommandStatus.Failed => new(Gateway, string.IsNullOrEmpty(error) ? "the home's gateway could not carry out the command" : $"the home's gateway could not carry out the command: {error}"),
        _ => new(Vendor, "the vendor cloud could not carry out the command"),
    };

    /// <summary>
    /// Where a directive failed, from its Alexa error type; a failure that came back from the home
    /// (<paramref name="command"/> set) is placed by the command's outcome, which tells an offline plug from a
    /// late one and a plug's rejection from a bad request.
    /// </summary>
    public static FailedHop OfDirective(string errorType, CommandStatus? command = null, string? commandError = null,
        string? linkReason = null)
    {
        if (command is { } status && OfCommand(status, commandError) is { } fromHome)
        {
            return fromHome;
        }

        return errorType switch
        {
            AlexaErrorTypes.EndpointUnreachable => new(Plug, "the plug is offline: the gateway reports it unavailable"),
            AlexaErrorTypes.BridgeUnreachable => new(Uplink, "the home's uplink is not connected"),
            AlexaErrorTypes.InvalidAuthorizationCredential => new(Link, linkReason is null
                ? "the access token is not valid"
                : $"the account link has ended ({linkReason})"),
            AlexaErrorTypes.ExpiredAuthorizationCredential => new(Link, "the access token has expired"),
            AlexaErrorTypes.NoSuchEndpoint => new(Link, "the device is not in the linked account"),
            AlexaErrorTypes.ValueOutOfRange => new(Assistant, "the request asked for a value out of range"),
            AlexaErrorTypes.InvalidValue => new(Assistant, "the request carried an invalid value"),
            AlexaErrorTypes.InvalidDirective => new(Assistant, "the request was not a valid directive"),
            _ => new(Vendor, "the vendor cloud could not process the directive"),
        };
    }
}
