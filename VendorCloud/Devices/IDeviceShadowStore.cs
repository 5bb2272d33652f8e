namespace SmartHome.VendorCloud.Devices;

internal interface IDeviceShadowStore
{
    Task<DeviceShadow?> GetAsync(string deviceId, CancellationToken cancellationToken);

    Task SaveAsync(DeviceShadow shadow, CancellationToken cancellationToken);
}
