using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Fleet;

namespace SmartHome.SimulatedPlug.Simulation;

/// <summary>
/// The plug's part of "Reset the world", after the vendor and the gateway, for every device: Wi-Fi on, plugged
/// in, in its factory state (off, full level), flash emptied; each publishes that state once its MQTT session
/// is up (bounded wait), so the chain works when the reset answers.
/// </summary>
internal sealed class PlugWorldReset(Devices devices, TimeProvider time) : IWorldResetPart
{
    private static readonly TimeSpan SessionWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private const int Parallelism = 32;

    public IReadOnlyList<string> After => ["vendorcloud", "devicegateway"];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SessionWait);
        await Parallel.ForEachAsync(devices.All,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (device, token) => await ResetAsync(device, bounded.Token));
    }

    private async Task ResetAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        using var scope = device.BeginScope();
        await device.Switches.ResetAsync(cancellationToken);
        await device.Memory.ForgetAsync(cancellationToken);
        while (!device.Session.IsReady)
        {
            await Task.Delay(Poll, time, cancellationToken);
        }

        // A session that was up all along has not published the factory state yet.
        await device.State.PublishAsync(cancellationToken);
    }
}
