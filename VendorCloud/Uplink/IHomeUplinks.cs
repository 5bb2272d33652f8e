namespace SmartHome.VendorCloud.Uplink;

/// <summary>The connected homes, as the skill sees them: send a command, ask whether a device is reachable.</summary>
internal interface IHomeUplinks
{
    Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken);

    DeviceConnectivity GetConnectivity(string homeId, string deviceId);
}
