using MQTTnet;

namespace SmartHome.SimulatedPlug.Mqtt;

internal static partial class MqttLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to broker {Host}:{Port} as {ClientId}")]
    public static partial void Connecting(ILogger logger, string host, int port, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "CONNACK {ResultCode}: connected to the broker (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, MqttClientConnectResultCode resultCode, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Online: subscribed to {CommandTopic}, announced availability, state and discovery")]
    public static partial void Online(ILogger logger, string commandTopic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnected from the broker: {Reason} {ReasonString}")]
    public static partial void Disconnected(ILogger logger, MqttClientDisconnectReason reason, string? reasonString, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving the broker: published {Availability} and disconnected")]
    public static partial void Leaving(ILogger logger, string availability);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Not connected: {Topic} is published on the next connect")]
    public static partial void NotConnected(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PUBACK {ReasonCode} for {Topic} ({ReasonString})")]
    public static partial void PublishRefused(ILogger logger, string topic, MqttClientPublishReasonCode reasonCode, string? reasonString);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing to {Topic} failed")]
    public static partial void PublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command applied: {State}, level {Level}, lamp output {LampOutputPercent} %")]
    public static partial void CommandApplied(ILogger logger, string state, int level, int lampOutputPercent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command rejected (invalid_command): {Reason}")]
    public static partial void CommandRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command on {Topic} has no response topic: applied, not answered")]
    public static partial void NoResponseTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring a message on {Topic}, which is not the command topic")]
    public static partial void UnexpectedTopic(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command queue full: dropping a command on {Topic}")]
    public static partial void CommandDropped(ILogger logger, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing a command failed")]
    public static partial void CommandFailed(ILogger logger, Exception exception);
}
