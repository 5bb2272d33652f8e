using StackExchange.Redis;

namespace SmartHome.VendorCloud.Faults;

/// <summary>Follows the world's fault switches (<see cref="SharedCloudFaults"/>): on every announcement, and every few seconds.</summary>
internal sealed partial class SharedCloudFaultsService(SharedCloudFaults faults, IFaultSwitchStore store,
    ILogger<SharedCloudFaultsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SharedCloudFaults.RefreshEvery);
        var subscribed = false;
        do
        {
            try
            {
                if (!subscribed)
                {
                    await store.SubscribeAsync(() => _ = RefreshQuietlyAsync(stoppingToken));
                    subscribed = true;
                }

                await faults.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogNotRead(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshQuietlyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await faults.RefreshAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            LogNotRead(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The world's fault switches were not read (kept as they were): {Problem}")]
    private static partial void LogNotRead(ILogger logger, string problem);
}
