using System.Threading.Channels;
using SmartHome.DeviceGateway.Devices;
using StackExchange.Redis;

namespace SmartHome.DeviceGateway.Diagnostics;

/// <summary>
/// Mirrors each device's last known availability into the Redis hash <c>gateway:{homeId}:devices</c>,
/// for diagnosis. Changes are queued and written here, off the MQTT path: Redis being slow or down
/// never holds up a message.
/// </summary>
internal sealed partial class DeviceAvailabilityStore(
    GatewayOptions options,
    DeviceTable devices,
    IServiceProvider services,
    ILogger<DeviceAvailabilityStore> logger) : BackgroundService
{
    // Only the latest availability per device matters; under pressure older entries are dropped.
    private readonly Channel<(string DeviceId, bool Online)> _changes =
        Channel.CreateBounded<(string, bool)>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

    public string Key => $"gateway:{options.HomeId}:devices";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Log a failing Redis once per outage, not once per change.
        var redisWasWritable = true;
        var lastOnline = new Dictionary<string, bool>(StringComparer.Ordinal);
        devices.Changed += OnChanged;
        try
        {
            // Resolved here, not in the constructor: connecting must not delay start-up.
            await Task.Yield();
            var redis = services.GetRequiredService<IConnectionMultiplexer>();
            await foreach (var (deviceId, online) in _changes.Reader.ReadAllAsync(stoppingToken))
            {
                if (lastOnline.TryGetValue(deviceId, out var previous) && previous == online)
                {
                    continue;
                }

                try
                {
                    await redis.GetDatabase().HashSetAsync(Key, deviceId, online ? "online" : "offline");
                    lastOnline[deviceId] = online;
                    redisWasWritable = true;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    if (redisWasWritable)
                    {
                        LogRedisWriteFailed(logger, Key, ex.Message);
                    }

                    redisWasWritable = false;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            devices.Changed -= OnChanged;
        }
    }

    private void OnChanged(DeviceChange change) =>
        _changes.Writer.TryWrite((change.Device.DeviceId, change.Device.Online));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write device availability to Redis {Key}: {Error}")]
    private static partial void LogRedisWriteFailed(ILogger logger, string key, string error);
}
