using System.Globalization;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor's fault switches in Redis: strings <c>vendor:{faults}:outage</c> ("1" on) and
/// <c>vendor:{faults}:latency-ms</c>, read together (one hash tag, one slot), swapped with GETSET so that the replica
/// that flips a switch knows it did; a change is announced on <c>vendor:faults:changed</c>. No key: the switch is off.
/// </summary>
internal sealed class RedisFaultSwitchStore(RedisConnection connection) : IFaultSwitchStore
{
    public static readonly RedisKey OutageKey = "vendor:{faults}:outage";
    public static readonly RedisKey LatencyKey = "vendor:{faults}:latency-ms";
    public static readonly RedisChannel ChangedChannel = RedisChannel.Literal("vendor:faults:changed");

    public async Task<FaultsView> ReadAsync(CancellationToken cancellationToken)
    {
        var values = await (await DatabaseAsync(cancellationToken)).StringGetAsync([OutageKey, LatencyKey]).WaitAsync(cancellationToken);
        return new FaultsView(values[0] == "1", ParseLatency(values[1]));
    }

    public async Task<bool> SwapOutageAsync(bool on, CancellationToken cancellationToken) =>
        await (await DatabaseAsync(cancellationToken)).StringGetSetAsync(OutageKey, on ? "1" : "0").WaitAsync(cancellationToken) == "1";

    public async Task<int> SwapLatencyAsync(int milliseconds, CancellationToken cancellationToken) =>
        ParseLatency(await (await DatabaseAsync(cancellationToken))
            .StringGetSetAsync(LatencyKey, milliseconds.ToString(CultureInfo.InvariantCulture)).WaitAsync(cancellationToken));

    public async Task AnnounceAsync(CancellationToken cancellationToken) =>
        await (await connection.ConnectAsync(cancellationToken)).GetSubscriber().PublishAsync(ChangedChannel, "1").WaitAsync(cancellationToken);

    public async Task SubscribeAsync(Action onChanged) =>
        await (await connection.ConnectAsync(CancellationToken.None)).GetSubscriber().SubscribeAsync(ChangedChannel, (_, _) => onChanged());

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await connection.ConnectAsync(cancellationToken)).GetDatabase();

    private static int ParseLatency(RedisValue value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? milliseconds : 0;
}
