using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Uplink;

/// <summary>The connected homes, as the skill sees them: send a command, ask whether a device is reachable.</summary>
internal interface IHomeUplinks
{
    Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken);

    DeviceConnectivity GetConnectivity(string homeId, string deviceId);

    /// <summary>
    /// As <see cref="GetConnectivity"/>, also for a home whose uplink another replica holds: then the device's
    /// <paramref name="shadow"/> (what the home last reported) says whether it is online.
    /// </summary>
    Task<DeviceConnectivity> GetConnectivityAsync(string homeId, string deviceId, DeviceShadow? shadow, CancellationToken cancellationToken) =>
        Task.FromResult(GetConnectivity(homeId, deviceId));
}
