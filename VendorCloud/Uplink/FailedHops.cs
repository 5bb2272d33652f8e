using SmartHome.ServiceDefaults;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// Where a command sent down a home's uplink failed in the chain, as the vendor saw it: the hop and the cause as a
/// plain sentence, for the failing span (docs/protocols.md, "Failed commands in traces"). A directive's failure is
/// placed by <c>DirectiveFailedHops</c>.
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
}
