using System.Collections.Concurrent;
using SmartHome.VendorCloud.Devices;

namespace SmartHome.VendorCloud.Tests.Fakes;

internal sealed class InMemoryShadowStore : IDeviceShadowStore
{
    /// <summary>Keyed <c>{homeId}/{deviceId}</c>.</summary>
    public ConcurrentDictionary<string, DeviceShadow> Shadows { get; } = new();

    private int _reads;

    /// <summary>How many times a shadow was read (each a Redis round trip in the real store).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Task<DeviceShadow?> GetAsync(string homeId, string deviceId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(Shadows.GetValueOrDefault($"{homeId}/{deviceId}"));
    }

    /// <summary>When set, every save waits for this task first (a slow Redis).</summary>
    public Task? SavesAfter { get; set; }

    public async Task SaveAsync(string homeId, DeviceShadow shadow, CancellationToken cancellationToken)
    {
        if (SavesAfter is { } slow)
        {
            await slow.WaitAsync(cancellationToken);
        }

        Shadows[$"{homeId}/{shadow.DeviceId}"] = shadow;
    }
}
