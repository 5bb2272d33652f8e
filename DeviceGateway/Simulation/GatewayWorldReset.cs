using SmartHome.DeviceGateway.Homes;
using SmartHome.ServiceDefaults;

namespace SmartHome.DeviceGateway.Simulation;

/// <summary>
/// The gateway's part of "Reset the world": every home's broadband up and 2.4 GHz band on, then it waits
/// (bounded) for every home's uplink to the vendor to be up again. It seeds nothing and keeps nothing in
/// Redis: the devices' live availability on the LAN is not changed by a reset.
/// </summary>
internal sealed class GatewayWorldReset(GatewayHomes homes, TimeProvider time) : IWorldResetPart
{
    private static readonly TimeSpan UplinkWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<string> After => [];

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        foreach (var home in homes.All)
        {
            home.Broadband.SetUp();
            home.Band.SetOn();
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(UplinkWait);
        while (homes.All.Any(home => !home.Uplink.Current.Connected))
        {
            await Task.Delay(Poll, time, bounded.Token);
        }
    }
}
