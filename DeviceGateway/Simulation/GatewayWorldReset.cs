using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Simulation;

/// <summary>
/// The gateway's part of "Reset the world": broadband up and the 2.4 GHz band on, then it waits (bounded)
/// for its uplink to the vendor to be up again. It seeds nothing and keeps nothing in Redis: the devices'
/// live availability on the LAN is not changed by a reset.
/// </summary>
internal sealed class GatewayWorldReset(WanEdge wan, WifiBand band, UplinkConnectionTracker uplink, TimeProvider time) : IWorldResetPart
{
    private static readonly TimeSpan UplinkWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<string> After => [];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        wan.SetUp();
        band.SetOn();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(UplinkWait);
        while (!uplink.Current.Connected)
        {
            await Task.Delay(Poll, time, bounded.Token);
        }
    }
}
