using System.Globalization;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Devices;

/// <summary>Shadows in Redis: hash <c>vendor:shadow:{homeId}/{deviceId}</c> with power, brightness, online, updated-at.</summary>
internal sealed class RedisDeviceShadowStore(IConnectionMultiplexer redis) : IDeviceShadowStore
{
    private static RedisKey Key(string homeId, string deviceId) => $"vendor:shadow:{homeId}/{deviceId}";

    public async Task<DeviceShadow?> GetAsync(string homeId, string deviceId, CancellationToken cancellationToken)
    {
        var fields = (await redis.GetDatabase().HashGetAllAsync(Key(homeId, deviceId)).WaitAsync(cancellationToken))
            .ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        if (fields.Count == 0)
        {
            return null;
        }

        return new DeviceShadow(
            deviceId,
            fields.TryGetValue("power", out var power) && power.Length > 0 ? power : null,
            fields.TryGetValue("brightness", out var brightness) && int.TryParse(brightness, CultureInfo.InvariantCulture, out var level) ? level : null,
            fields.TryGetValue("online", out var online) && online == "1",
            fields.TryGetValue("updated-at", out var updatedAt)
                && DateTimeOffset.TryParse(updatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at : DateTimeOffset.MinValue);
    }

    public Task SaveAsync(string homeId, DeviceShadow shadow, CancellationToken cancellationToken) =>
        redis.GetDatabase().HashSetAsync(Key(homeId, shadow.DeviceId),
        [
            new HashEntry("power", shadow.PowerState ?? ""),
            new HashEntry("brightness", shadow.Brightness?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new HashEntry("online", shadow.Online ? "1" : "0"),
            new HashEntry("updated-at", shadow.UpdatedAt.ToString("O", CultureInfo.InvariantCulture)),
        ]).WaitAsync(cancellationToken);
}
