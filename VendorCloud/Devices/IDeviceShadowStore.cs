namespace SmartHome.VendorCloud.Devices;

internal interface IDeviceShadowStore
{
    Task<DeviceShadow?> GetAsync(string homeId, string deviceId, CancellationToken cancellationToken);

    Task SaveAsync(string homeId, DeviceShadow shadow, CancellationToken cancellationToken);
}
