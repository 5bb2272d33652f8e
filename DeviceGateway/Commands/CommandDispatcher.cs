using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.LanTopics;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Commands;

/// <summary>
/// Sends a command to a device over the LAN (MQTT 5 request/response) and waits for the device's answer.
/// </summary>
internal sealed partial class CommandDispatcher(
    GatewayOptions options,
    DeviceTable devices,
    PendingCommands pending,
    IMqttPublisher publisher,
    TimeProvider timeProvider,
    ILogger<CommandDispatcher> logger)
{
    /// <summary>How long a device has to answer; the vendor waits 7 s for the whole hop.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(5);

    public async Task<CommandResult> SendCommandAsync(string deviceId, LightState command, CancellationToken cancellationToken)
    {
        // Registered before the availability check, so that an offline report racing with us still completes it.
        var entry = pending.Register(deviceId);
        try
        {
            // Known offline or never heard of: fail fast rather than wait out the timeout.
            switch (devices.Find(deviceId))
            {
                case null:
                    LogDeviceOffline(logger, deviceId, "never heard from");
                    return CommandResult.NeverHeard(deviceId);
                case { Online: false }:
                    LogDeviceOffline(logger, deviceId, "offline");
                    return CommandResult.Offline(deviceId);
            }

            using var timeout = new CancellationTokenSource(ResponseTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                if (await PublishAsync(entry, command, linked.Token) is { } failure)
                {
                    return failure;
                }

                return await entry.Completion.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                LogCommandTimedOut(logger, deviceId, entry.CorrelationId);
                return CommandResult.TimedOut(deviceId, ResponseTimeout);
            }
        }
        finally
        {
            pending.Remove(entry);
        }
    }

    /// <returns>Null when the broker accepted the command, otherwise the failed result.</returns>
    private async Task<CommandResult?> PublishAsync(PendingCommand entry, LightState command, CancellationToken cancellationToken)
    {
        var topic = MqttTopics.DeviceSet(options.HomeId, entry.DeviceId);
        using var activity = GatewayTelemetry.Source.StartMqttSend(topic, publisher.ClientId);
        activity.SetConversationId(entry.CorrelationId)?.SetTag(MessagingSpans.DeviceId, entry.DeviceId);

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(command, GatewayJson.Options))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            // Commands are never retained: a retained command would switch the lamp again after a reboot.
            .WithRetainFlag(false)
            .WithResponseTopic(MqttTopics.GatewayResponses(options.HomeId))
            .WithCorrelationData(entry.CorrelationData)
            .WithTraceContext(TraceContextCarrier.ContextFor(activity))
            .Build();

        try
        {
            var result = await publisher.PublishAsync(message, cancellationToken);
            activity.SetPacketIdentifier(result.PacketIdentifier);

            // "No matching subscribers" is a success: the plug may be between sessions; the timeout covers it.
            if (!result.IsSuccess && result.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                var reason = $"the broker refused the command: {result.ReasonCode} {result.ReasonString}".TrimEnd();
                return Failed(activity, entry.DeviceId, reason);
            }

            LogCommandPublished(logger, entry.DeviceId, topic, entry.CorrelationId);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(activity, entry.DeviceId, $"the gateway could not publish the command: {ex.Message}");
        }
    }

    /// <summary>The send span is where a publish failure is decided, so it carries the failure.</summary>
    private CommandResult Failed(Activity? activity, string deviceId, string reason)
    {
        var failed = CommandResult.Failed(reason);
        activity.Fail(failed.Failure!);
        LogPublishFailed(logger, deviceId, reason);
        return failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command for {DeviceId} answered offline at once: the device is {Availability}")]
    private static partial void LogDeviceOffline(ILogger logger, string deviceId, string availability);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command for {DeviceId} published on {Topic} (correlation {CorrelationId})")]
    private static partial void LogCommandPublished(ILogger logger, string deviceId, string topic, Guid correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command for {DeviceId} was not published: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string deviceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command for {DeviceId} timed out (correlation {CorrelationId})")]
    private static partial void LogCommandTimedOut(ILogger logger, string deviceId, Guid correlationId);
}
