using SmartHome.DeviceGateway.Commands;
using SmartHome.DeviceGateway.Devices;
using SmartHome.DeviceGateway.Lan;
using SmartHome.DeviceGateway.Uplink;
using SmartHome.DeviceGateway.Wan;

namespace SmartHome.DeviceGateway.Homes;

/// <summary>
/// One home's router and hub inside the gateway process: its broadband (the WAN edge's switch for this home),
/// its 2.4 GHz band, its device table, the commands waiting on its devices, and its uplink's state. Small on
/// purpose: a fleet holds a thousand of these, so nothing here owns a thread, a timer or a buffer.
/// </summary>
internal sealed class HomeHub(GatewayOptions options, TimeProvider timeProvider, ILoggerFactory loggers)
{
    public string Id => Options.HomeId;

    /// <summary>The gateway's settings as this home sees them: its own id and uplink secret.</summary>
    public GatewayOptions Options { get; } = options;

    public WanEdge Broadband { get; } = new(timeProvider, loggers.CreateLogger<WanEdge>());

    public WifiBand Band { get; } = new(timeProvider, loggers.CreateLogger<WifiBand>());

    public DeviceTable Devices { get; } = new(timeProvider);

    public PendingCommands Pending { get; } = new();

    public UplinkConnectionTracker Uplink { get; } = new(timeProvider);
}
