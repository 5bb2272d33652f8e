using SmartHome.VendorCloud.Uplink;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Faults;

/// <summary>
/// The vendor's fault switches as the world's, not a replica's: a switch is flipped in the <see cref="IFaultSwitchStore"/>
/// (whichever replica the <c>/sim</c> call lands on) and announced; every replica keeps a copy in <see cref="CloudFaults"/>
/// (read by every request, no Redis round trip), refreshed on the announcement and re-read every
/// <see cref="RefreshEvery"/> in case one was missed. The flip returns once every live replica has applied it (bounded):
/// the next request, whichever replica takes it, meets the switch. An outage closes the uplinks of every replica as it
/// reaches it.
/// </summary>
internal sealed partial class SharedCloudFaults(
    CloudFaults local,
    IFaultSwitchStore store,
    UplinkRegistry registry,
    ILogger<SharedCloudFaults> logger)
{
    /// <summary>The longest a replica may go on with a stale switch when an announcement is lost.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(2);

    public const string OutageReason = "vendor cloud outage";

    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>Switches the outage for every replica; whether the world's switch changed, and how many uplinks this replica closed.</summary>
    public async Task<(bool Changed, int Closed)> SetOutageAsync(bool on, CancellationToken cancellationToken)
    {
        var changedHere = local.SetOutage(on);
        var changed = await SwapAsync(() => store.SwapOutageAsync(on, cancellationToken), on, changedHere ? !on : on) != on;
        await AnnounceAsync(cancellationToken);
        // After the switch, so that a gateway dialling straight back is refused with 503.
        var closed = on ? await registry.CloseAllAsync(OutageReason) : 0;
        return (changed, closed);
    }

    /// <summary>Sets the added latency for every replica; null when out of range, else whether the world's value changed.</summary>
    public async Task<bool?> SetLatencyAsync(int milliseconds, CancellationToken cancellationToken)
    {
        var before = local.LatencyMilliseconds;
        if (!local.TrySetLatency(milliseconds))
        {
            return null;
        }

        var previous = await SwapAsync(() => store.SwapLatencyAsync(milliseconds, cancellationToken), milliseconds, before);
        await AnnounceAsync(cancellationToken);
        return previous != milliseconds;
    }

    /// <summary>Reads the world's switches into this replica's copy; an outage that starts here closes this replica's uplinks.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var world = await store.ReadAsync(cancellationToken);
            local.TrySetLatency(world.LatencyMilliseconds);
            if (local.SetOutage(world.Outage) && world.Outage)
            {
                var closed = await registry.CloseAllAsync(OutageReason);
                LogOutageReached(logger, closed);
            }

            // After the uplinks are closed: the writer's call returns on this, and a gateway dialling back must meet 503.
            await store.AcknowledgeAsync(world.Version, cancellationToken);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>The store's previous value; with Redis away, this replica's (the switch then holds here only).</summary>
    private async Task<T> SwapAsync<T>(Func<Task<T>> swap, T value, T previousHere)
    {
        try
        {
            return await swap();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotShared(logger, value?.ToString() ?? "", ex.Message);
            return previousHere;
        }
    }

    /// <summary>Announces the change and waits (bounded) until the other live replicas have applied it.</summary>
    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        long version;
        try
        {
            version = await store.AnnounceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The others read the switches again within RefreshEvery.
            LogNotShared(logger, "announcement", ex.Message);
            return;
        }

        await store.WaitForReplicasAsync(version, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A fault switch ({Value}) was not shared with the other replicas: {Problem}")]
    private static partial void LogNotShared(ILogger logger, string value, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The vendor outage reached this replica: {Closed} uplinks closed")]
    private static partial void LogOutageReached(ILogger logger, int closed);
}
