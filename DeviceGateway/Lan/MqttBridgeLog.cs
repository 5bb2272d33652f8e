namespace SmartHome.DeviceGateway.Lan;

/// <summary>The <see cref="MqttBridge"/>'s log messages.</summary>
internal static partial class MqttBridgeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge session {ClientId} up on 127.0.0.1:{Port}")]
    public static partial void LogSessionUp(ILogger logger, string clientId, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge session lost: {Reason} {ReasonString} {Error}")]
    public static partial void LogSessionLost(ILogger logger, string reason, string? reasonString, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge could not connect to 127.0.0.1:{Port}: {Error}; retrying with backoff")]
    public static partial void LogConnectFailed(ILogger logger, int port, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT bridge still cannot connect to 127.0.0.1:{Port}: {Error}")]
    public static partial void LogStillFailing(ILogger logger, int port, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT bridge session {ClientId} back after {Outage}")]
    public static partial void LogSessionBack(ILogger logger, string clientId, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} went offline: commands to it fail until it is back")]
    public static partial void LogDeviceWentOffline(ILogger logger, string deviceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} is back online after {Outage}")]
    public static partial void LogDeviceBack(ILogger logger, string deviceId, TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT bridge could not say offline before stopping: {Error}")]
    public static partial void LogCleanStopFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker refused the bridge: CONNACK {ResultCode} {ReasonString}")]
    public static partial void LogConnectRefused(ILogger logger, string resultCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT broker refused the subscription {Filter}: {ResultCode}")]
    public static partial void LogSubscribeRefused(ILogger logger, string filter, string resultCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} is {Availability}")]
    public static partial void LogAvailabilityChanged(ILogger logger, string deviceId, string availability);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} published a malformed {Kind} payload")]
    public static partial void LogBadPayload(ILogger logger, string deviceId, string kind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A command response matched no pending command")]
    public static partial void LogUnmatchedResponse(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the MQTT message on {Topic} failed: {Error}")]
    public static partial void LogMessageFailed(ILogger logger, string topic, string error);
}
