namespace SmartHome.DeviceGateway.Commands;

/// <summary>The outcome of a command, as the uplink's <c>result</c> frame spells it (camelCase).</summary>
internal enum CommandStatus
{
    Ok,
    Offline,
    Timeout,
    Rejected,
    Error,
}
