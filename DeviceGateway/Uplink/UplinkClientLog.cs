namespace SmartHome.DeviceGateway.Uplink;

/// <summary>The <see cref="UplinkClient"/>'s log messages.</summary>
internal static partial class UplinkClientLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink connected to {Endpoint}")]
    public static partial void LogConnected(ILogger logger, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink to {Endpoint} is down (HTTP {HttpStatus}): {Error}; dialing again with backoff")]
    public static partial void LogUplinkDown(ILogger logger, Uri endpoint, int? httpStatus, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Uplink to {Endpoint} still down (HTTP {HttpStatus}): {Error}")]
    public static partial void LogStillDown(ILogger logger, Uri endpoint, int? httpStatus, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink to {Endpoint} is back after {Outage}")]
    public static partial void LogBack(ILogger logger, Uri endpoint, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink closed by the vendor: {CloseStatus} {Description}")]
    public static partial void LogClosedByVendor(ILogger logger, string? closeStatus, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed uplink frame: {Error}")]
    public static partial void LogMalformedFrame(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unexpected uplink frame {FrameType} ignored")]
    public static partial void LogUnexpectedFrame(ILogger logger, string frameType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} for {DeviceId}: {Status}")]
    public static partial void LogCommandAnswered(ILogger logger, string commandId, string deviceId, ResultStatus status);
}
