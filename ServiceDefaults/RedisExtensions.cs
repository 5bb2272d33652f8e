using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>
    /// Registers one <see cref="IConnectionMultiplexer"/> per process for the Aspire connection
    /// <paramref name="connectionName"/>, and a health check that PINGs it. A service that works on
    /// without Redis (the plug: Redis is only its flash memory) passes <paramref name="requiredForHealth"/>
    /// false, so that a Redis outage reports Degraded instead of making it unhealthy.
    /// </summary>
    public static TBuilder AddRedisConnection<TBuilder>(this TBuilder builder, string connectionName = "redis")
        where TBuilder : IHostApplicationBuilder
        => builder.AddRedisConnection(requiredForHealth: true, connectionName);

    /// <inheritdoc cref="AddRedisConnection{TBuilder}(TBuilder, string)"/>
    public static TBuilder AddRedisConnection<TBuilder>(this TBuilder builder, bool requiredForHealth, string connectionName = "redis")
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");

        var options = ConfigurationOptions.Parse(connectionString);
        // Redis may restart under us (a chaos test does it): keep retrying instead of failing start-up.
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 5;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        // The world (its clock, its resets) is shared state in Redis: every service follows it.
        builder.Services.AddSingleton<WorldStore>();
        builder.Services.AddSingleton<WorldCoordinator>();
        builder.Services.AddHostedService<WorldMember>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis",
            failureStatus: requiredForHealth ? HealthStatus.Unhealthy : HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer PING", ex);
            }
        }
    }
}
