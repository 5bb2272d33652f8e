using SmartHome.ServiceDefaults;
using SmartHome.VendorCloud.Accounts;
using SmartHome.VendorCloud.AssistantEvents;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>Applies frames from a home: availability and shadows from hello/device, results to pending commands.</summary>
internal sealed partial class UplinkFrameProcessor(
    UplinkRegistry registry,
    IVendorDirectory directory,
    IDeviceShadowStore shadows,
    AssistantEventReporter reporter,
    TimeProvider time,
    ILogger<UplinkFrameProcessor> logger)
{
    /// <summary>
    /// A frame as it arrives: a sign of life, and a result completes its command at once. False when the frame
    /// (hello, device) still has to be applied, with <see cref="ApplyAsync"/>, in the order the frames came.
    /// </summary>
    public bool Take(UplinkConnection connection, UplinkFrame frame)
    {
        // Any well-formed frame is a sign of life, whether or not it can be applied.
        registry.RecordFrame(connection.HomeId);
        if (frame is not ResultFrame result)
        {
            return false;
        }

        if (!connection.CompleteResult(result))
        {
            LogUnexpectedResult(logger, result.Id, connection.HomeId);
        }

        return true;
    }

    /// <summary>Applies a hello or device frame: availability and shadows (Redis round trips).</summary>
    public async Task ApplyAsync(UplinkConnection connection, UplinkFrame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case HelloFrame hello:
                await ProcessHelloAsync(connection, hello, cancellationToken);
                break;
            case DeviceFrame device:
                await ProcessDeviceAsync(connection, device, cancellationToken);
                break;
            default:
                LogUnexpectedFrame(logger, frame.GetType().Name, connection.HomeId);
                break;
        }
    }

    /// <summary>The home's uplink is gone: its devices' shadows say offline (the last known power and level are kept).</summary>
    public async Task MarkHomeUnreachableAsync(string homeId, CancellationToken cancellationToken)
    {
        foreach (var device in await directory.ListHomeDevicesAsync(homeId, cancellationToken))
        {
            var shadow = await shadows.GetAsync(homeId, device.DeviceId, cancellationToken);
            if (shadow is { Online: true })
            {
                var unreachable = shadow with { Online = false, UpdatedAt = time.GetUtcNow() };
                await shadows.SaveAsync(homeId, unreachable, cancellationToken);
                await reporter.DeviceChangedAsync(device, shadow, unreachable, plugCause: null, cancellationToken);
            }
        }
    }

    private async Task ProcessHelloAsync(UplinkConnection connection, HelloFrame hello, CancellationToken cancellationToken)
    {
        if (hello.HomeId != connection.HomeId)
        {
            LogHomeMismatch(logger, connection.HomeId);
            return;
        }

        foreach (var device in hello.Devices)
        {
            await ApplyDeviceStateAsync(connection, device.DeviceId, device.Online, device.State, plugCause: null, cancellationToken);
        }

        LogHello(logger, connection.HomeId, hello.Devices.Count);
    }

    private async Task ProcessDeviceAsync(UplinkConnection connection, DeviceFrame frame, CancellationToken cancellationToken)
    {
        using var activity = VendorCloudTelemetry.Source.StartUplinkProcess(connection.HomeId, frame);
        activity?.SetTag("smarthome.home.id", connection.HomeId);

        activity?.SetTag("smarthome.change.cause", frame.Cause);
        if (!await ApplyDeviceStateAsync(connection, frame.DeviceId, frame.Online, frame.State, frame.Cause, cancellationToken))
        {
            activity.Fail($"device {frame.DeviceId} does not belong to home {connection.HomeId}");
        }
    }

    /// <summary>
    /// Updates availability and shadow, if the device belongs to the connection's home (a home cannot speak for others),
    /// and reports the change to the assistant with the plug's cause (<see cref="AssistantEventReporter"/>).
    /// </summary>
    private async Task<bool> ApplyDeviceStateAsync(UplinkConnection connection, string deviceId, bool online, LightState? state,
        string? plugCause, CancellationToken cancellationToken)
    {
        var device = await directory.GetDeviceAsync(connection.HomeId, deviceId, cancellationToken);
        if (device is null || device.HomeId != connection.HomeId)
        {
            LogForeignDevice(logger, deviceId, connection.HomeId);
            return false;
        }

        registry.SetAvailability(connection.HomeId, deviceId, online);
        var previous = await shadows.GetAsync(connection.HomeId, deviceId, cancellationToken);
        var current = new DeviceShadow(
            deviceId,
            state?.State ?? previous?.PowerState,
            state?.Brightness ?? previous?.Brightness,
            online,
            time.GetUtcNow());
        await shadows.SaveAsync(connection.HomeId, current, cancellationToken);
        // A directive's change is its Response's, unless the command went unanswered: then nobody has told the assistant.
        if (plugCause == ChangeCause.Command && registry.TakeUnansweredCommand(connection.HomeId, deviceId))
        {
            plugCause = ChangeCauses.UnansweredCommand;
        }

        await reporter.DeviceChangedAsync(device, previous, current, plugCause, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Home {HomeId} said hello with {DeviceCount} devices")]
    private static partial void LogHello(ILogger logger, string homeId, int deviceCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hello on the uplink of home {HomeId} names another home; ignored")]
    private static partial void LogHomeMismatch(ILogger logger, string homeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Home {HomeId} reported device {DeviceId}, which is not one of its devices; ignored")]
    private static partial void LogForeignDevice(ILogger logger, string deviceId, string homeId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Result {CommandId} from home {HomeId} matches no pending command (late or unknown)")]
    private static partial void LogUnexpectedResult(ILogger logger, string commandId, string homeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unexpected {FrameType} frame from home {HomeId}; ignored")]
    private static partial void LogUnexpectedFrame(ILogger logger, string frameType, string homeId);
}
