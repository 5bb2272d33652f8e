using SmartHome.VendorCloud.Devices;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Conformance;

/// <summary>
/// The homes' uplinks, with the conformance test account's virtual home answered inside the vendor: a command is
/// applied to the device's shadow at once and confirmed, and its devices are always online. Every other home goes
/// to the real uplinks unchanged.
/// </summary>
internal sealed class VirtualHomeUplinks(IHomeUplinks homes, IDeviceShadowStore shadows, TimeProvider time) : IHomeUplinks
{
    public DeviceConnectivity GetConnectivity(string homeId, string deviceId) =>
        homeId == ConformanceOptions.HomeId ? DeviceConnectivity.Online : homes.GetConnectivity(homeId, deviceId);

    public Task<DeviceConnectivity> GetConnectivityAsync(string homeId, string deviceId, DeviceShadow? shadow, CancellationToken cancellationToken) =>
        homeId == ConformanceOptions.HomeId
            ? Task.FromResult(DeviceConnectivity.Online)
            : homes.GetConnectivityAsync(homeId, deviceId, shadow, cancellationToken);

    public async Task<CommandOutcome> SendCommandAsync(string homeId, string deviceId, LightState command, CancellationToken cancellationToken)
    {
        if (homeId != ConformanceOptions.HomeId)
        {
            return await homes.SendCommandAsync(homeId, deviceId, command, cancellationToken);
        }

        var shadow = await shadows.GetAsync(homeId, deviceId, cancellationToken);
        var brightness = command.Brightness ?? shadow?.Brightness ?? 100;
        var power = command.State ?? (command.Brightness is { } level ? (level > 0 ? "ON" : "OFF") : shadow?.PowerState ?? "OFF");
        await shadows.SaveAsync(homeId, new DeviceShadow(deviceId, power, brightness, Online: true, time.GetUtcNow()), cancellationToken);
        return new CommandOutcome(CommandStatus.Ok, new LightState(power, brightness), null);
    }
}
