using System.Diagnostics;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Replicas;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>
/// Sends commands down homes' uplinks and waits for their results. A home whose uplink another replica holds is
/// reached through <paramref name="relay"/> (none: one process, the home is unreachable as before).
/// </summary>
internal sealed partial class HomeUplinks(
    UplinkRegistry registry,
    IDeviceShadowStore shadows,
    TimeProvider time,
    ILogger<HomeUplinks> logger,
    UplinkRelay? relay = null) : IHomeUplinks
{
    /// <summary>Alexa waits about 8 s; the vendor gives the home 7 s to answer.</summary>
    public static readonly TimeSpan ResultTimeout = TimeSpan.FromSeconds(7);

    public DeviceConnectivity GetConnectivity(string homeId, string deviceId)
    {
        if (registry.Find(homeId) is null)
        {
            return DeviceConnectivity.BridgeDown;
        }

        return registry.GetAvailability(homeId, deviceId) == true ? DeviceConnectivity.Online : DeviceConnectivity.DeviceOffline;
    }

    public async Task<DeviceConnectivity> GetConnectivityAsync(string homeId, string deviceId, DeviceShadow? shadow,
        CancellationToken cancellationToken)
    {
        if (registry.Find(homeId) is not null || relay is null)
        {
            return GetConnectivity(homeId, deviceId);
        }

        return await relay.FindHolderAsync(homeId, cancellationToken) is null
            ? DeviceConnectivity.BridgeDown
            : shadow?.Online == true ? DeviceConnectivity.Online : DeviceConnectivity.DeviceOffline;
    }

    public async Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken)
    {
        var commandId = Guid.NewGuid().ToString();
        // The command's whole round trip; a Producer span "send command ..." under it only when a frame leaves.
        using var activity = VendorCloudTelemetry.Source.StartActivity($"command {deviceId}");
        activity?.SetTag("smarthome.home.id", homeId);
        activity?.SetTag("smarthome.device.id", deviceId);
        activity?.SetTag("smarthome.command.id", commandId);
        if (relay is not null)
        {
            activity?.SetTag(VendorReplica.SpanTag, relay.Replica.Id);
        }

        var connection = registry.Find(homeId);
        var outcome = connection is not null
            ? await SendAsync(connection, homeId, deviceId, commandId, command, ResultTimeout, cancellationToken)
            : relay is not null
                ? await relay.ForwardAsync(homeId, deviceId, commandId, command, ResultTimeout, cancellationToken)
                : NoUplink(homeId);
        // The uplink may have dropped on another replica: its moment is in the shared directory, not in this registry.
        var droppedElsewhere = outcome.Status == CommandStatus.BridgeUnreachable && relay is not null && registry.GetStatus(homeId).Since is null
            ? await relay.FindDroppedAtAsync(homeId, cancellationToken)
            : null;
        Record(activity, homeId, deviceId, outcome, droppedElsewhere);
        return outcome;
    }

    /// <summary>
    /// A command another replica forwarded (<see cref="UplinkRelay"/>): sent down this replica's socket of the home, in a
    /// span under the forwarding one that names this replica. Never forwarded again: the home moved, it is unreachable.
    /// </summary>
    public async Task<CommandOutcome> ServeForwardedAsync(ForwardedCommand forwarded, CancellationToken cancellationToken)
    {
        var parent = forwarded.Traceparent is null
            ? default
            : TraceContextCarrier.Extract(forwarded.Tracestate is null
                ? [new(TraceContextCarrier.TraceParent, forwarded.Traceparent)]
                : [new(TraceContextCarrier.TraceParent, forwarded.Traceparent), new(TraceContextCarrier.TraceState, forwarded.Tracestate)]);
        var replicaId = relay?.Replica.Id ?? "";
        using var activity = VendorCloudTelemetry.Source.StartActivity($"process forwarded command {forwarded.DeviceId}", ActivityKind.Consumer, parent);
        activity?.SetTag(MessagingSpans.NetworkProtocolName, "redis");
        activity?.SetTag(MessagingSpans.DestinationName, UplinkRelay.CommandsChannel(replicaId));
        activity?.SetTag(MessagingSpans.OperationType, "process");
        activity?.SetTag(MessagingSpans.MessageId, forwarded.CommandId);
        activity?.SetTag(VendorReplica.SpanTag, replicaId);
        activity?.SetTag("smarthome.vendor.replica.caller", forwarded.ReplyTo);
        activity?.SetTag("smarthome.home.id", forwarded.HomeId);
        activity?.SetTag("smarthome.device.id", forwarded.DeviceId);
        activity?.SetTag("smarthome.command.id", forwarded.CommandId);

        var budget = TimeSpan.FromMilliseconds(Math.Clamp(forwarded.BudgetMilliseconds, 0, (int)ResultTimeout.TotalMilliseconds));
        var outcome = registry.Find(forwarded.HomeId) is { } connection
            ? await SendAsync(connection, forwarded.HomeId, forwarded.DeviceId, forwarded.CommandId, forwarded.Command, budget, cancellationToken)
            : NoUplink(forwarded.HomeId);
        Record(activity, forwarded.HomeId, forwarded.DeviceId, outcome);
        return outcome;
    }

    private static CommandOutcome NoUplink(string homeId) => new(CommandStatus.BridgeUnreachable, null, $"home {homeId} has no uplink");

    private void Record(Activity? activity, string homeId, string deviceId, CommandOutcome outcome, DateTimeOffset? droppedElsewhere = null)
    {
        activity?.SetTag("smarthome.command.status", outcome.Status.ToString());
        if (FailedHops.OfCommand(outcome.Status, outcome.Error) is { } failed)
        {
            activity?.SetTag("alexa.error.type", CommandAlexaErrors.FromCommandStatus(outcome.Status));
            activity.MarkFailedHop(failed, Headline(homeId, deviceId, outcome, droppedElsewhere));
        }
    }

    /// <summary>What happened, as the dashboard's waterfall shows the failing span: the hop, the cause, the Alexa error.</summary>
    private string Headline(string homeId, string deviceId, CommandOutcome outcome, DateTimeOffset? droppedElsewhere)
    {
        var errorType = CommandAlexaErrors.FromCommandStatus(outcome.Status);
        return outcome.Status switch
        {
            CommandStatus.DeviceOffline => registry.GetOfflineSince(homeId, deviceId) is { } since
                ? $"plug offline since {FailedHop.At(since)} ({errorType})"
                : $"plug offline ({errorType})",
            // The gateway's own (shorter) wait or the vendor's 7 s: the gateway's span says which.
            CommandStatus.Timeout => $"plug did not answer in time ({errorType})",
            CommandStatus.BridgeUnreachable => (registry.GetStatus(homeId) is { Connected: false, Since: { } dropped } ? dropped : droppedElsewhere) is { } since
                ? $"home uplink down since {FailedHop.At(since)} ({errorType})"
                : $"home uplink down ({errorType})",
            CommandStatus.Rejected => $"plug rejected the command: {outcome.Error} ({errorType})",
            _ => $"gateway could not carry out the command: {outcome.Error} ({errorType})",
        };
    }

    private async Task<CommandOutcome> SendAsync(UplinkConnection connection, string homeId, string deviceId, string commandId,
        LightState command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (registry.GetAvailability(homeId, deviceId) == false)
        {
            // Known offline: fail fast instead of waiting out a timeout.
            return new CommandOutcome(CommandStatus.DeviceOffline, null, $"device {deviceId} is offline");
        }

        var frame = new CommandFrame(commandId, deviceId, command);
        using var send = VendorCloudTelemetry.Source.StartUplinkSend(homeId, frame);
        // Without any context (nothing listens, no request span) the frame carries none: the gateway starts a new trace.
        frame = frame.WithTraceContext(TraceContextCarrier.ContextFor(send));

        // The 7 s run from dispatch; the wait is armed before the frame leaves so that no result is missed.
        var waiting = connection.ExpectResult(commandId).WaitAsync(timeout, time, cancellationToken);
        _ = waiting.ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await connection.SendAsync(UplinkFrameSerializer.Serialize(frame), cancellationToken);
            send?.Dispose();
            LogCommandSent(logger, commandId, homeId, deviceId);
            var answer = await waiting;
            Activity.Current?.AddEvent(new ActivityEvent($"receive result {answer.Status.ToString().ToLowerInvariant()}"));
            var outcome = new CommandOutcome(CommandOutcome.FromResultStatus(answer.Status), answer.State, answer.Error);
            if (outcome.Status == CommandStatus.Timeout)
            {
                registry.RecordUnansweredCommand(homeId, deviceId);
            }
            if (outcome.Status == CommandStatus.Ok && answer.State is not null)
            {
                // The answer does not wait for the shadow: the plug's confirmed state is in it already, and the
                // write (issued now, so in order with any later one) must not be cut short by the caller leaving.
                _ = SaveShadowAsync(homeId, new DeviceShadow(deviceId, answer.State.State, answer.State.Brightness, true, time.GetUtcNow()));
            }

            return outcome;
        }
        catch (TimeoutException)
        {
            LogCommandTimedOut(logger, commandId, homeId);
            registry.RecordUnansweredCommand(homeId, deviceId);
            return new CommandOutcome(CommandStatus.Timeout, null, $"no result within {timeout.TotalSeconds} s");
        }
        catch (UplinkClosedException)
        {
            return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"the uplink of home {homeId} closed");
        }
        finally
        {
            connection.ForgetResult(commandId);
        }
    }

    private async Task SaveShadowAsync(string homeId, DeviceShadow shadow)
    {
        try
        {
            await shadows.SaveAsync(homeId, shadow, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next state report from the home writes it again.
            LogShadowNotSaved(logger, homeId, shadow.DeviceId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shadow of {HomeId}/{DeviceId} was not saved after its command")]
    private static partial void LogShadowNotSaved(ILogger logger, string homeId, string deviceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {CommandId} sent to home {HomeId} for device {DeviceId}")]
    private static partial void LogCommandSent(ILogger logger, string commandId, string homeId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} to home {HomeId} got no result in time")]
    private static partial void LogCommandTimedOut(ILogger logger, string commandId, string homeId);
}
