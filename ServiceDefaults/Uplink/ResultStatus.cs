namespace SmartHome.ServiceDefaults.Uplink;

/// <summary>How the gateway ran a command: <c>result.status</c>, written camelCase (<c>ok</c>, <c>offline</c>, ...).</summary>
public enum ResultStatus
{
    Ok,
    Offline,
    Timeout,
    Rejected,
    Error,
}
