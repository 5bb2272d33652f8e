using System.Collections.Concurrent;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Tests.Fakes;

internal sealed class InMemoryShadowStore : IDeviceShadowStore
{
    public ConcurrentDictionary<string, DeviceShadow> Shadows { get; } = new();

    public Task<DeviceShadow?> GetAsync(string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Shadows.GetValueOrDefault(deviceId));

    public Task SaveAsync(DeviceShadow shadow, CancellationToken cancellationToken)
    {
        Shadows[shadow.DeviceId] = shadow;
        return Task.CompletedTask;
    }
}
