using SmartHome.VendorCloud.Alexa;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>How a command's outcome down the uplink is spoken to Alexa.</summary>
internal static class CommandAlexaErrors
{
    /// <summary>The error a failed command is answered with; null for success.</summary>
    public static string? FromCommandStatus(CommandStatus status) => status switch
    {
        CommandStatus.Ok => null,
        CommandStatus.DeviceOffline or CommandStatus.Timeout => AlexaErrorTypes.EndpointUnreachable,
        CommandStatus.BridgeUnreachable => AlexaErrorTypes.BridgeUnreachable,
        CommandStatus.Rejected => AlexaErrorTypes.InvalidValue,
        _ => AlexaErrorTypes.InternalError,
    };
}
