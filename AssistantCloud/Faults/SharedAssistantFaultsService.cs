using StackExchange.Redis;

namespace SmartHome.AssistantCloud.Faults;

/// <summary>
/// Keeps this replica's copy of the fault switches (<see cref="AssistantFaults"/>) on the world's: loads them at start,
/// applies each announcement on <see cref="SharedAssistantFaults.Channel"/>, and re-reads them every
/// <see cref="ReloadInterval"/> (one MGET a second a replica, whatever the load) in case a message was missed.
/// Redis away: the copy keeps its last value.
/// </summary>
internal sealed partial class SharedAssistantFaultsService(
    SharedAssistantFaults faults, ILogger<SharedAssistantFaultsService> logger, IConnectionMultiplexer? redis = null) : BackgroundService
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis is null)
        {
            return;
        }

        var subscribed = false;
        using var timer = new PeriodicTimer(ReloadInterval);
        do
        {
            try
            {
                if (!subscribed)
                {
                    await redis.GetSubscriber().SubscribeAsync(SharedAssistantFaults.Channel, (_, _) => _ = ReloadQuietlyAsync(stoppingToken));
                    subscribed = true;
                }

                await faults.ReloadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogReloadFailed(exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReloadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await faults.ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            LogReloadFailed(exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the world's assistant fault switches failed ({Problem}); this replica keeps its copy")]
    private partial void LogReloadFailed(string problem);
}
