namespace SmartHome.VendorCloud.Uplink;

/// <summary>How a command sent down a home's uplink ended.</summary>
internal enum CommandStatus
{
    Ok,
    DeviceOffline,
    Timeout,
    Rejected,
    Failed,
    /// <summary>The home has no uplink, or it closed while the command was pending.</summary>
    BridgeUnreachable,
}

/// <summary>The outcome of a command: its status, the state the device confirmed, and why it failed.</summary>
internal sealed record CommandOutcome(CommandStatus Status, LightState? State, string? Error)
{
    public static CommandStatus FromResultStatus(ResultStatus status) => status switch
    {
        ResultStatus.Ok => CommandStatus.Ok,
        ResultStatus.Offline => CommandStatus.DeviceOffline,
        ResultStatus.Timeout => CommandStatus.Timeout,
        ResultStatus.Rejected => CommandStatus.Rejected,
        _ => CommandStatus.Failed,
    };
}

/// <summary>What the vendor knows about reaching a device right now.</summary>
internal enum DeviceConnectivity
{
    Online,
    /// <summary>The home is connected and reports the device offline (or does not report it).</summary>
    DeviceOffline,
    /// <summary>The home has no uplink.</summary>
    BridgeDown,
}
