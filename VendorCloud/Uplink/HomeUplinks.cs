using System.Diagnostics;
using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>Sends commands down homes' uplinks and waits for their results.</summary>
internal sealed partial class HomeUplinks(
    UplinkRegistry registry,
    IDeviceShadowStore shadows,
    TimeProvider time,
    ILogger<HomeUplinks> logger) : IHomeUplinks
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

    public async Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken)
    {
        var commandId = Guid.NewGuid().ToString();
        using var activity = VendorCloudTelemetry.Source.StartActivity("send uplink command", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "uplink");
        activity?.SetTag("messaging.destination.name", "uplink");
        activity?.SetTag("messaging.operation.type", "send");
        activity?.SetTag("messaging.operation.name", "command");
        activity?.SetTag("messaging.message.id", commandId);
        activity?.SetTag("smarthome.home.id", homeId);
        activity?.SetTag("smarthome.device.id", deviceId);
        activity?.SetTag("smarthome.command.id", commandId);

        var outcome = await SendAsync(homeId, deviceId, commandId, command, activity, cancellationToken);
        activity?.SetTag("smarthome.command.status", outcome.Status.ToString());
        if (outcome.Status != CommandStatus.Ok)
        {
            activity.SetFailedHop(FailedHops.OfCommand(outcome.Status, outcome.Error));
            activity.SetError($"{outcome.Status}: {outcome.Error}");
        }

        return outcome;
    }

    private async Task<CommandOutcome> SendAsync(string homeId, string deviceId, string commandId, LightState command,
        Activity? activity, CancellationToken cancellationToken)
    {
        var connection = registry.Find(homeId);
        if (connection is null)
        {
            return new CommandOutcome(CommandStatus.BridgeUnreachable, null, $"home {homeId} has no uplink");
        }

        if (registry.GetAvailability(homeId, deviceId) == false)
        {
            // Known offline: fail fast instead of waiting out a timeout.
            return new CommandOutcome(CommandStatus.DeviceOffline, null, $"device {deviceId} is offline");
        }

        string? traceparent = null, tracestate = null;
        TraceContext.Inject(activity, (key, value) =>
        {
            if (key == "traceparent") traceparent = value;
            else if (key == "tracestate") tracestate = value;
        });
        // Without a sampled activity there is still a context to carry: the caller's.
        traceparent ??= Activity.Current?.Id ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-00";
        var frame = new CommandFrame(commandId, deviceId, command, traceparent, string.IsNullOrEmpty(tracestate) ? null : tracestate);

        // The 7 s run from dispatch; the wait is armed before the frame leaves so that no result is missed.
        var waiting = connection.ExpectResult(commandId).WaitAsync(ResultTimeout, time, cancellationToken);
        _ = waiting.ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await connection.SendAsync(UplinkFrameSerializer.Serialize(frame), cancellationToken);
            LogCommandSent(logger, commandId, homeId, deviceId);
            var answer = await waiting;
            var outcome = new CommandOutcome(CommandOutcome.FromResultStatus(answer.Status), answer.State, answer.Error);
            if (outcome.Status == CommandStatus.Ok && answer.State is not null)
            {
                await shadows.SaveAsync(new DeviceShadow(deviceId, answer.State.State, answer.State.Brightness, true, time.GetUtcNow()),
                    cancellationToken);
            }

            return outcome;
        }
        catch (TimeoutException)
        {
            LogCommandTimedOut(logger, commandId, homeId);
            return new CommandOutcome(CommandStatus.Timeout, null, $"no result within {ResultTimeout.TotalSeconds} s");
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command {CommandId} sent to home {HomeId} for device {DeviceId}")]
    private static partial void LogCommandSent(ILogger logger, string commandId, string homeId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} to home {HomeId} got no result in time")]
    private static partial void LogCommandTimedOut(ILogger logger, string commandId, string homeId);
}
