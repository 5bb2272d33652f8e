namespace SmartHome.DeviceGateway.Uplink;

/// <summary>The <see cref="UplinkClient"/>'s log messages.</summary>
internal static partial class UplinkClientLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed uplink frame: {Error}")]
    public static partial void LogMalformedFrame(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unexpected uplink frame {FrameType} ignored")]
    public static partial void LogUnexpectedFrame(ILogger logger, string frameType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CommandId} for {DeviceId}: {Status}")]
    public static partial void LogCommandAnswered(ILogger logger, string commandId, string deviceId, ResultStatus status);
}
