using SmartHome.ServiceDefaults;
using SmartHome.SimulatedPlug.Memory;
using SmartHome.SimulatedPlug.Mqtt;
using SmartHome.SimulatedPlug.Radio;

namespace SmartHome.SimulatedPlug.Simulation;

/// <summary>
/// The plug's part of "Reset the world", after the vendor and the gateway: Wi-Fi on, plugged in, the
/// lamp in its factory state (off, full level), flash emptied; it publishes that state and waits
/// (bounded) until its MQTT session is up, so the chain works when the reset answers.
/// </summary>
internal sealed class PlugWorldReset(
    PlugSwitches switches, PlugMemory memory, MqttSession session, StatePublisher state, TimeProvider time) : IWorldResetPart
{
    private static readonly TimeSpan SessionWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<string> After => ["vendorcloud", "devicegateway"];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await switches.ResetAsync(cancellationToken);
        await memory.ForgetAsync(cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(SessionWait);
        while (!session.IsReady)
        {
            await Task.Delay(Poll, time, bounded.Token);
        }

        // A session that was up all along has not published the factory state yet.
        await state.PublishAsync(bounded.Token);
    }
}
