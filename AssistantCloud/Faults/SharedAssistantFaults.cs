using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// The assistant's fault switches as the world's, not a replica's: a <c>/sim</c> call on any replica writes the switch
/// to Redis (<c>assistant:fault:{faults}:outage</c>, <c>assistant:fault:{faults}:event-gateway-down</c>; one hash tag, so
/// one MGET reads both on a Redis Cluster), applies it to its own copy and announces it on <c>assistant:faults</c>;
/// every replica applies what it hears (<see cref="SharedAssistantFaultsService"/>, which also re-reads each second in
/// case a message was missed). The call returns once every live replica has applied the switch (bounded,
/// <see cref="SwitchAcknowledgements"/>): the next request meets it, whichever replica takes it. Requests read only
/// <see cref="AssistantFaults"/>, this replica's copy: no round trip.
/// The write is a GETSET, so exactly one log line says when a fault starts and one when it ends, whichever replicas
/// the calls land on. Without Redis (a unit test's host) the switches are this process's.
/// </summary>
public sealed partial class SharedAssistantFaults(
    AssistantFaults local,
    ILogger<SharedAssistantFaults> logger,
    IConnectionMultiplexer? redis = null,
    SwitchAcknowledgements? acknowledgements = null)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("assistant:faults");

    private const string Prefix = "assistant:fault:{faults}";
    private static readonly RedisKey OutageKey = Prefix + ":outage";
    private static readonly RedisKey EventGatewayDownKey = Prefix + ":event-gateway-down";

    // One reload at a time: the copy and the acknowledged version then follow the order of the reads.
    private readonly SemaphoreSlim _reloading = new(1, 1);

    private const string On = "on";

    public bool Shared => redis is not null;

    public Task<AssistantFaultsView> SetOutageAsync(bool on, CancellationToken cancellationToken) =>
        SwitchAsync(OutageKey, on, local.Outage, local.SetOutage, "assistant cloud outage", cancellationToken);

    public Task<AssistantFaultsView> SetEventGatewayDownAsync(bool down, CancellationToken cancellationToken) =>
        SwitchAsync(EventGatewayDownKey, down, local.EventGatewayDown, local.SetEventGatewayDown, "event gateway outage", cancellationToken);

    /// <summary>Reads the world's switches into this replica's copy.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (redis is null)
        {
            return;
        }

        await _reloading.WaitAsync(cancellationToken);
        try
        {
            var values = await redis.GetDatabase()
                .StringGetAsync([OutageKey, EventGatewayDownKey, SwitchAcknowledgements.VersionKey(Prefix)]).WaitAsync(cancellationToken);
            local.SetOutage(values[0] == On);
            local.SetEventGatewayDown(values[1] == On);
            if (acknowledgements is not null)
            {
                await acknowledgements.AcknowledgeAsync(Prefix, SwitchAcknowledgements.ParseVersion(values[2]), cancellationToken);
            }
        }
        finally
        {
            _reloading.Release();
        }
    }

    private async Task<AssistantFaultsView> SwitchAsync(RedisKey key, bool on, bool localBefore, Action<bool> apply, string fault,
        CancellationToken cancellationToken)
    {
        bool before;
        if (redis is null)
        {
            before = localBefore;
            apply(on);
        }
        else
        {
            // GETSET: of two replicas switching at once, one sees the change and logs it.
            before = await redis.GetDatabase().StringGetSetAsync(key, on ? On : "off").WaitAsync(cancellationToken) == On;
            apply(on);
            var version = acknowledgements is null ? 0 : await acknowledgements.BumpAsync(Prefix, cancellationToken);
            await redis.GetSubscriber().PublishAsync(Channel, key.ToString()).WaitAsync(cancellationToken);
            if (acknowledgements is not null)
            {
                await acknowledgements.WaitForReplicasAsync(Prefix, version, cancellationToken);
            }
        }

        if (before != on)
        {
            if (on)
            {
                LogStarted(fault);
            }
            else
            {
                LogEnded(fault);
            }
        }

        return local.View();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated {Fault} started")]
    private partial void LogStarted(string fault);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated {Fault} ended")]
    private partial void LogEnded(string fault);
}
