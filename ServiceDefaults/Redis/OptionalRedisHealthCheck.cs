using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// PINGs Redis for a service that works on without it: registered with failure status Degraded, so an outage
/// never makes the service Unhealthy. It never waits for the first connect (it reports it instead), and waits
/// at most 2 s for the PING.
/// </summary>
internal sealed class OptionalRedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connection.Connected is not { } redis)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Connecting to Redis");
        }

        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer PING", ex);
        }
    }
}
