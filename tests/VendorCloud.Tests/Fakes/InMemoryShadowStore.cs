using System.Collections.Concurrent;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Tests.Fakes;

internal sealed class InMemoryShadowStore : IDeviceShadowStore
{
    /// <summary>Keyed <c>{homeId}/{deviceId}</c>.</summary>
    public ConcurrentDictionary<string, DeviceShadow> Shadows { get; } = new();

    public Task<DeviceShadow?> GetAsync(string homeId, string deviceId, CancellationToken cancellationToken) =>
        Task.FromResult(Shadows.GetValueOrDefault($"{homeId}/{deviceId}"));

    public Task SaveAsync(string homeId, DeviceShadow shadow, CancellationToken cancellationToken)
    {
        Shadows[$"{homeId}/{shadow.DeviceId}"] = shadow;
        return Task.CompletedTask;
    }
}
