namespace SmartHome.VendorCloud.Seeding;

/// <summary>Runs the seeding at start-up, retrying while Redis is not yet reachable; /health stays Unhealthy until done.</summary>
internal sealed partial class SeedingService(
    IServiceProvider services,
    SeedStatus status,
    TimeProvider time,
    ILogger<SeedingService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // Resolved here, not injected: creating the Redis connection can block for a while when Redis is
        // away, and that must not hold up the host's start (the server answers /health meanwhile).
        var seeder = services.GetRequiredService<VendorWorldSeeder>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await seeder.SeedAsync(stoppingToken);
                status.MarkCompleted();
                return;
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("Configuration", StringComparison.Ordinal))
            {
                // Missing configuration does not heal by retrying: stay Unhealthy and say why.
                status.MarkFailed(ex.Message);
                LogSeedingImpossible(logger, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                status.MarkFailed($"seeding failed: {ex.GetType().Name}; retrying");
                LogSeedingRetry(logger, ex);
            }

            await Task.Delay(RetryDelay, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding is impossible: {Problem}")]
    private static partial void LogSeedingImpossible(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding failed; retrying")]
    private static partial void LogSeedingRetry(ILogger logger, Exception exception);
}
