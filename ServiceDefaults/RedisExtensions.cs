using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    private const int ConnectRetry = 5;

    /// <summary>
    /// Adds Redis through Aspire's client integration (one <c>IConnectionMultiplexer</c> per process for the
    /// connection <paramref name="connectionName"/>, with its logging, tracing and health check), connected as
    /// the host starts (<see cref="RedisConnection"/>), and the world that every service follows through it.
    /// </summary>
    public static TBuilder AddRedisConnection<TBuilder>(this TBuilder builder, string connectionName = "redis")
        where TBuilder : IHostApplicationBuilder
        => builder.AddRedisConnection(requiredForHealth: true, connectionName);

    /// <summary>
    /// As <see cref="AddRedisConnection{TBuilder}(TBuilder, string)"/>. A service that works on without Redis
    /// (the plug: Redis is only its flash memory) passes <paramref name="requiredForHealth"/> false: Aspire's
    /// health check (Unhealthy when Redis does not answer) is then replaced by one that reports Degraded.
    /// </summary>
    public static TBuilder AddRedisConnection<TBuilder>(this TBuilder builder, bool requiredForHealth, string connectionName = "redis")
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient(connectionName,
            settings =>
            {
                // RedisConnection connects it off the start-up thread instead (Aspire's would connect on it).
                settings.DisableAutoActivation = true;
                settings.DisableHealthChecks = !requiredForHealth;
            },
            options =>
            {
                ConfigureConnection(options);
                // On a Redis Cluster (Redis:Mode=cluster: the connection string names every master) Aspire's health
                // check asks each node CLUSTER INFO, which StackExchange.Redis counts as an admin command.
                options.AllowAdmin |= options.EndPoints.Count > 1;
            });
        builder.AddRedisTransactionLanes(connectionName);

        // First among the hosted services, so that the others find it connected (or connecting).
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisConnection>());
        // Only commands made for something (a request, a seeding) are traced: the world's heartbeats and
        // clock re-reads every second would otherwise each be a trace of their own. The share of new traces
        // kept is the world's (TraceSampling); a trace begun elsewhere follows its parent's decision.
        var sampling = TraceSampling.RatioFrom(builder.Configuration);
        builder.Services.AddOpenTelemetry().WithTracing(tracing =>
            tracing.SetSampler(new RedisCommandSampler(new ParentBasedSampler(TraceSampling.RootSampler(sampling)))));

        if (!requiredForHealth)
        {
            builder.Services.AddHealthChecks().AddCheck<OptionalRedisHealthCheck>("redis",
                failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        }

        // The world (its clock, its resets) is shared state in Redis: every service follows it.
        builder.Services.AddSingleton<WorldStore>();
        builder.Services.AddSingleton<WorldCoordinator>();
        builder.Services.AddSingleton<SwitchAcknowledgements>();
        builder.Services.AddHostedService<WorldMember>();
        return builder;
    }

    /// <summary>
    /// The <see cref="RedisTransactionLanes"/>: <c>Redis:TransactionLanes</c> more multiplexers of the same connection string
    /// (Aspire's client integration, keyed <c>{connectionName}-tx{n}</c>: logged and traced as the main one, no health
    /// check of their own), for conditional transactions only.
    /// </summary>
    private static void AddRedisTransactionLanes<TBuilder>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
    {
        var count = builder.Configuration.GetValue(RedisTransactionLanes.CountKey, RedisTransactionLanes.DefaultCount);
        if (count is < 0 or > RedisTransactionLanes.MaxCount)
        {
            throw new InvalidOperationException(
                $"Configuration '{RedisTransactionLanes.CountKey}' must be between 0 and {RedisTransactionLanes.MaxCount}, not {count}.");
        }

        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        var keys = Enumerable.Range(1, count).Select(n => $"{connectionName}-tx{n}").ToList();
        foreach (var key in keys)
        {
            builder.AddKeyedRedisClient(key,
                settings =>
                {
                    settings.ConnectionString ??= connectionString;
                    settings.DisableAutoActivation = true;
                    settings.DisableHealthChecks = true;
                },
                ConfigureConnection);
        }

        builder.Services.AddSingleton(services => new RedisTransactionLanes(services.GetRequiredService<IConnectionMultiplexer>(),
            [.. keys.Select(key => (Func<IConnectionMultiplexer>)(() => services.GetRequiredKeyedService<IConnectionMultiplexer>(key)))]));
    }

    // Redis may restart under us (a chaos test does it): keep retrying instead of failing start-up.
    private static void ConfigureConnection(ConfigurationOptions options)
    {
        options.AbortOnConnectFail = false;
        options.ConnectRetry = ConnectRetry;
    }
}
