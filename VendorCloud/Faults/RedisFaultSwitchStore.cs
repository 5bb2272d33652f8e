using System.Globalization;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor's fault switches in Redis: strings <c>vendor:{faults}:outage</c> ("1" on) and
/// <c>vendor:{faults}:latency-ms</c>, read together with their version <c>vendor:{faults}:version</c> (one hash tag, one
/// slot), swapped with GETSET so that the replica that flips a switch knows it did; a change bumps the version and is
/// announced on <c>vendor:faults:changed</c>, and each replica records what it applied (<see cref="SwitchAcknowledgements"/>).
/// No key: the switch is off.
/// </summary>
internal sealed class RedisFaultSwitchStore(RedisConnection connection, SwitchAcknowledgements acknowledgements) : IFaultSwitchStore
{
    public const string Prefix = "vendor:{faults}";
    public static readonly RedisKey OutageKey = Prefix + ":outage";
    public static readonly RedisKey LatencyKey = Prefix + ":latency-ms";
    public static readonly RedisChannel ChangedChannel = RedisChannel.Literal("vendor:faults:changed");

    public async Task<StoredFaults> ReadAsync(CancellationToken cancellationToken)
    {
        var values = await (await DatabaseAsync(cancellationToken))
            .StringGetAsync([OutageKey, LatencyKey, SwitchAcknowledgements.VersionKey(Prefix)]).WaitAsync(cancellationToken);
        return new StoredFaults(values[0] == "1", ParseLatency(values[1]), SwitchAcknowledgements.ParseVersion(values[2]));
    }

    public async Task<bool> SwapOutageAsync(bool on, CancellationToken cancellationToken) =>
        await (await DatabaseAsync(cancellationToken)).StringGetSetAsync(OutageKey, on ? "1" : "0").WaitAsync(cancellationToken) == "1";

    public async Task<int> SwapLatencyAsync(int milliseconds, CancellationToken cancellationToken) =>
        ParseLatency(await (await DatabaseAsync(cancellationToken))
            .StringGetSetAsync(LatencyKey, milliseconds.ToString(CultureInfo.InvariantCulture)).WaitAsync(cancellationToken));

    public async Task<long> AnnounceAsync(CancellationToken cancellationToken)
    {
        var version = await acknowledgements.BumpAsync(Prefix, cancellationToken);
        await (await connection.ConnectAsync(cancellationToken)).GetSubscriber().PublishAsync(ChangedChannel, version).WaitAsync(cancellationToken);
        return version;
    }

    public async Task SubscribeAsync(Action onChanged) =>
        await (await connection.ConnectAsync(CancellationToken.None)).GetSubscriber().SubscribeAsync(ChangedChannel, (_, _) => onChanged());

    public Task AcknowledgeAsync(long version, CancellationToken cancellationToken) =>
        acknowledgements.AcknowledgeAsync(Prefix, version, cancellationToken);

    public Task<IReadOnlyList<string>> WaitForReplicasAsync(long version, CancellationToken cancellationToken) =>
        acknowledgements.WaitForReplicasAsync(Prefix, version, cancellationToken);

    private async Task<IDatabase> DatabaseAsync(CancellationToken cancellationToken) =>
        (await connection.ConnectAsync(cancellationToken)).GetDatabase();

    private static int ParseLatency(RedisValue value) =>
        int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? milliseconds : 0;
}
