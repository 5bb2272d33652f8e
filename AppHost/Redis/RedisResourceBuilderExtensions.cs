using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.AppHost.Redis;

public static class RedisResourceBuilderExtensions
{
    /// <summary>
    /// Adds the <c>redis</c> resource in the mode named by configuration <c>Redis:Mode</c>
    /// (embedded, server or container; embedded by default). Data lives in <c>Redis:DataDir</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSmartHomeRedis(
        this IDistributedApplicationBuilder builder, string name)
    {
        var modeText = builder.Configuration["Redis:Mode"] ?? nameof(RedisMode.Embedded);
        if (!Enum.TryParse<RedisMode>(modeText, ignoreCase: true, out var mode))
        {
            throw new InvalidOperationException(
                $"Redis:Mode '{modeText}' is not one of: {string.Join(", ", Enum.GetNames<RedisMode>())}.");
        }

        var dataDir = builder.Configuration["Redis:DataDir"]
            ?? Path.Combine(builder.AppHostDirectory, ".redis-data", mode.ToString().ToLowerInvariant());

        IResourceBuilder<IResourceWithConnectionString> redis = mode switch
        {
            RedisMode.Embedded => builder.AddEmbeddedRedis(name, dataDir),
            RedisMode.Server => builder.AddRedisServer(name, dataDir),
            _ => builder.AddRedis(name).WithDataVolume().WithPersistence(),
        };

        if (mode is not RedisMode.Container)
        {
            // The container resource brings its own health check; the others get a PING.
            var healthCheckKey = $"{name}_ping";
            builder.Services.AddHealthChecks().Add(new(healthCheckKey,
                _ => new RedisPingHealthCheck(redis.Resource), failureStatus: null, tags: null));
            redis = redis.WithHealthCheck(healthCheckKey);
        }

        return redis;
    }

    private static IResourceBuilder<EmbeddedRedisResource> AddEmbeddedRedis(
        this IDistributedApplicationBuilder builder, string name, string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return builder.AddResource(new EmbeddedRedisResource(name))
            .WithAnnotation<IProjectMetadata>(new Projects.EmbeddedRedis())
            // Not proxied: every command is a round trip on a command's path, and the orchestrator's proxy would
            // add a process (two hops, about 0.1 ms at idle and more on a busy machine) to each.
            .WithEndpoint(name: EmbeddedRedisResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithEnvironment("REDIS_DATA_DIR", dataDir)
            .WithIconName("Database");
    }

    private static IResourceBuilder<RedisServerResource> AddRedisServer(
        this IDistributedApplicationBuilder builder, string name, string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var resource = new RedisServerResource(name, dataDir);
        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--dir");
                context.Args.Add(dataDir);
                // Every write is in the append-only file before it is acknowledged to survive a restart.
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
                context.Args.Add("--appendfsync");
                context.Args.Add("always");
            })
            .WithIconName("Database");
    }
}
