namespace SmartHome.DeviceGateway.Lan;

/// <summary>The <see cref="MqttBridge"/>'s log messages.</summary>
internal static partial class MqttBridgeLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} went offline: commands to it fail until it is back")]
    public static partial void LogDeviceWentOffline(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} is back online after {Outage}")]
    public static partial void LogDeviceBack(ILogger logger, string deviceId, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge could not say offline before stopping: {Error}")]
    public static partial void LogCleanStopFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} is {Availability}")]
    public static partial void LogAvailabilityChanged(ILogger logger, string deviceId, string availability);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} published a malformed {Kind} payload")]
    public static partial void LogBadPayload(ILogger logger, string deviceId, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A command response matched no pending command")]
    public static partial void LogUnmatchedResponse(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the MQTT message on {Topic} failed: {Error}")]
    public static partial void LogMessageFailed(ILogger logger, string topic, string error);
}
