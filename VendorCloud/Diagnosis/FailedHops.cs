using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Skill;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Diagnosis;

/// <summary>
/// Where a directive or a command failed in the chain, as the vendor saw it: the hop and the cause as a plain
/// sentence, for the failing span (docs/protocols.md, "Failed commands in traces").
/// </summary>
internal static class FailedHops
{
    /// <summary>Where a command sent down a home's uplink failed; null when it did not.</summary>
    public static FailedHop? OfCommand(CommandStatus status, string? error) => status switch
    {
        CommandStatus.Ok => null,
        CommandStatus.DeviceOffline => new(ChainHops.Plug, "the plug is offline: the gateway reports it unavailable"),
        CommandStatus.Timeout => new(ChainHops.Plug, "the plug did not answer the command in time"),
        CommandStatus.BridgeUnreachable => new(ChainHops.Uplink, "the home's uplink is not connected"),
        CommandStatus.Rejected => new(ChainHops.Plug, string.IsNullOrEmpty(error) ? "the plug rejected the command" : $"the plug rejected the command: {error}"),
        // The gateway's "error": its broker refused, or the plug's answer was unreadable; the gateway's span says which.
        CommandStatus.Failed => new(ChainHops.Gateway, string.IsNullOrEmpty(error) ? "the home's gateway could not carry out the command" : $"the home's gateway could not carry out the command: {error}"),
        _ => new(ChainHops.Vendor, "the vendor cloud could not carry out the command"),
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
            AlexaErrorTypes.EndpointUnreachable => new(ChainHops.Plug, "the plug is offline: the gateway reports it unavailable"),
            AlexaErrorTypes.BridgeUnreachable => new(ChainHops.Uplink, "the home's uplink is not connected"),
            AlexaErrorTypes.InvalidAuthorizationCredential => new(ChainHops.Link, linkReason is null
                ? "the access token is not valid"
                : $"the account link has ended ({linkReason})"),
            AlexaErrorTypes.ExpiredAuthorizationCredential => new(ChainHops.Link, "the access token has expired"),
            AlexaErrorTypes.NoSuchEndpoint => new(ChainHops.Link, "the device is not in the linked account"),
            AlexaErrorTypes.ValueOutOfRange => new(ChainHops.Assistant, "the request asked for a value out of range"),
            AlexaErrorTypes.InvalidValue => new(ChainHops.Assistant, "the request carried an invalid value"),
            AlexaErrorTypes.InvalidDirective => new(ChainHops.Assistant, "the request was not a valid directive"),
            _ => new(ChainHops.Vendor, "the vendor cloud could not process the directive"),
        };
    }
}
