namespace SmartHome.SimulatedPlug.Fleet;

/// <summary>
/// Runs every device of the world in this one process: each restores its flash and joins the broker on its
/// own session (connects bounded by the <see cref="Mqtt.ConnectThrottle"/>); on shutdown each says goodbye.
/// One hosted service, no thread or timer per device beyond MQTTnet's own keep-alive.
/// </summary>
internal sealed class DeviceFleetHost(Devices devices) : BackgroundService
{
    // Goodbyes at shutdown: bounded, so that a thousand devices leave in a few rounds.
    private const int LeaveParallelism = 64;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(devices.All.Select(device => Task.Run(() => device.RunAsync(stoppingToken), CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Parallel.ForEachAsync(devices.All,
            new ParallelOptions { MaxDegreeOfParallelism = LeaveParallelism, CancellationToken = cancellationToken },
            async (device, token) => await device.LeaveAsync(token));
    }
}
