using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Alexa;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Skill;

/// <summary>
/// Where a directive failed in the chain, as the vendor saw it: the hop and the cause as a plain sentence, for the
/// failing span (docs/protocols.md, "Failed commands in traces").
/// </summary>
internal static class DirectiveFailedHops
{
    /// <summary>
    /// Where a directive failed, from its Alexa error type; a failure that came back from the home
    /// (<paramref name="command"/> set) is placed by the command's outcome, which tells an offline plug from a
    /// late one and a plug's rejection from a bad request.
    /// </summary>
    public static FailedHop Of(string errorType, CommandStatus? command = null, string? commandError = null,
        string? linkReason = null)
    {
        if (command is { } status && FailedHops.OfCommand(status, commandError) is { } fromHome)
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
            AlexaErrorTypes.AcceptGrantFailed => new(ChainHops.Link, "the assistant's grant to report could not be accepted"),
            _ => new(ChainHops.Vendor, "the vendor cloud could not process the directive"),
        };
    }
}
