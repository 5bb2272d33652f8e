using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Seeding;

/// <summary>Runs the seeding at start-up, retrying while Redis is not yet reachable; /health stays Unhealthy until done.</summary>
internal sealed partial class SeedingService(
    IServiceProvider services,
    SmartHome.ServiceDefaults.Worlds.WorldSource world,
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
        // Redis away heals by itself: retry that, as long as it takes. Anything else (missing configuration)
        // does not heal by retrying: stay Unhealthy and say why.
        var untilRedisAnswers = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisException>().Handle<TimeoutException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = RetryDelay,
                OnRetry = retry =>
                {
                    status.MarkFailed($"seeding failed: {retry.Outcome.Exception?.GetType().Name}; retrying");
                    LogSeedingRetry(logger, retry.Outcome.Exception);
                    return default;
                },
            })
            .Build();
        try
        {
            await untilRedisAnswers.ExecuteAsync(async cancellationToken => await seeder.SeedAsync(cancellationToken), stoppingToken);
            status.MarkCompleted();
            // A world file edited while the vendor runs: its new accounts, homes and devices are seeded.
            world.Changed += async (_, cancellationToken) =>
                await untilRedisAnswers.ExecuteAsync(async token => await seeder.SeedAsync(token), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            status.MarkFailed(ex.Message);
            LogSeedingImpossible(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding is impossible: {Problem}")]
    private static partial void LogSeedingImpossible(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seeding failed; retrying")]
    private static partial void LogSeedingRetry(ILogger logger, Exception? exception);
}
