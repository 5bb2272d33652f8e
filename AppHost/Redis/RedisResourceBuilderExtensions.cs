using Microsoft.Extensions.DependencyInjection;

namespace SmartHome.AppHost.Redis;

public static class RedisResourceBuilderExtensions
{
    /// <summary>
    /// Adds the <c>redis</c> resource in the mode named by configuration <c>Redis:Mode</c>
    /// (embedded, server, container or cluster; embedded by default). Data lives in <c>Redis:DataDir</c>.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSmartHomeRedis(
        this IDistributedApplicationBuilder builder, string name)
    {
        var mode = RedisClusterLayout.ParseMode(builder.Configuration["Redis:Mode"]);
        var fsync = RedisAppendFsyncSetting.Parse(builder.Configuration[RedisAppendFsyncSetting.Key]);

        var dataDir = builder.Configuration["Redis:DataDir"]
            ?? Path.Combine(builder.AppHostDirectory, ".redis-data", mode.ToString().ToLowerInvariant());

        IResourceBuilder<IResourceWithConnectionString> redis = mode switch
        {
            RedisMode.Embedded => builder.AddEmbeddedRedis(name, dataDir, fsync),
            RedisMode.Server => builder.AddRedisServer(name, dataDir, fsync),
            RedisMode.Cluster => builder.AddRedisCluster(name, dataDir, fsync),
            _ => builder.AddRedis(name).WithDataVolume().WithPersistence(),
        };

        if (mode is RedisMode.Cluster)
        {
            // Healthy only once the cluster serves every slot; the check is also what forms it.
            var healthCheckKey = $"{name}_cluster";
            var cluster = (RedisClusterResource)redis.Resource;
            builder.Services.AddHealthChecks().Add(new(healthCheckKey,
                _ => new RedisClusterHealthCheck(cluster), failureStatus: null, tags: null));
            redis = redis.WithHealthCheck(healthCheckKey);
        }
        else if (mode is not RedisMode.Container)
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
        this IDistributedApplicationBuilder builder, string name, string dataDir, RedisAppendFsync fsync)
    {
        Directory.CreateDirectory(dataDir);
        return builder.AddResource(new EmbeddedRedisResource(name))
            .WithArgs([.. fsync.GarnetArgs()])
            .WithAnnotation<IProjectMetadata>(new Projects.EmbeddedRedis())
            // Not proxied: every command is a round trip on a command's path, and the orchestrator's proxy would
            // add a process (two hops, about 0.1 ms at idle and more on a busy machine) to each.
            .WithEndpoint(name: EmbeddedRedisResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithEnvironment("REDIS_DATA_DIR", dataDir)
            .WithIconName("Database");
    }

    private static IResourceBuilder<RedisServerResource> AddRedisServer(
        this IDistributedApplicationBuilder builder, string name, string dataDir, RedisAppendFsync fsync)
    {
        Directory.CreateDirectory(dataDir);
        var resource = new RedisServerResource(name, dataDir);
        return builder.AddResource(resource)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithArgs(context => AddServerArgs(context, resource.PrimaryEndpoint, dataDir, fsync))
            .WithIconName("Database");
    }

    /// <summary>
    /// Three <c>redis-server</c> masters with <c>cluster-enabled yes</c>, each on its own loopback port (chosen at start)
    /// and in its own directory under <paramref name="dataDir"/>: <c>redis</c> (the first, whose connection string names
    /// all three) and its children <c>redis-node-2</c>, <c>redis-node-3</c>. <see cref="RedisClusterHealthCheck"/> forms the
    /// cluster. Restarting <c>redis</c> restarts the first master, which rejoins from its nodes file and data.
    /// </summary>
    private static IResourceBuilder<RedisClusterResource> AddRedisCluster(
        this IDistributedApplicationBuilder builder, string name, string dataDir, RedisAppendFsync fsync)
    {
        var firstDirectory = NodeDirectory(dataDir, 0);
        var cluster = new RedisClusterResource(name, firstDirectory);
        var first = builder.AddResource(cluster)
            .WithEndpoint(name: RedisClusterResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithArgs(context => AddNodeArgs(context, cluster.PrimaryEndpoint, firstDirectory, fsync))
            .WithIconName("Database");
        cluster.AddMaster(cluster.PrimaryEndpoint);

        for (var index = 1; index < RedisClusterLayout.Masters; index++)
        {
            var directory = NodeDirectory(dataDir, index);
            var node = builder.AddExecutable(RedisClusterLayout.NodeName(name, index), "redis-server", directory)
                .WithEndpoint(name: RedisClusterResource.EndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
                .WithParentRelationship(first)
                .WithIconName("Database");
            var endpoint = node.GetEndpoint(RedisClusterResource.EndpointName);
            node.WithArgs(context => AddNodeArgs(context, endpoint, directory, fsync));
            cluster.AddMaster(endpoint);
        }

        return first;
    }

    private static string NodeDirectory(string dataDir, int index)
    {
        var directory = Path.Combine(dataDir, $"node-{index + 1}");
        Directory.CreateDirectory(directory);
        // The ports are new each start: a nodes file would name the others where they no longer are. The data stays,
        // and the cluster is formed again with each master serving the same slots (RedisClusterHealthCheck).
        File.Delete(Path.Combine(directory, NodesFile));
        return directory;
    }

    private const string NodesFile = "nodes.conf";

    private static void AddNodeArgs(CommandLineArgsCallbackContext context, EndpointReference endpoint, string directory,
        RedisAppendFsync fsync)
    {
        AddServerArgs(context, endpoint, directory, fsync);
        context.Args.Add("--cluster-enabled");
        context.Args.Add("yes");
        context.Args.Add("--cluster-config-file");
        context.Args.Add(NodesFile);
        // A master that stops is seen failed (and the cluster down) after this, not after the default 15 s.
        context.Args.Add("--cluster-node-timeout");
        context.Args.Add("5000");
    }

    /// <summary>What every redis-server here runs with, alone (server mode) or as a cluster's master.</summary>
    private static void AddServerArgs(CommandLineArgsCallbackContext context, EndpointReference endpoint, string directory,
        RedisAppendFsync fsync)
    {
        context.Args.Add("--port");
        context.Args.Add(endpoint.Property(EndpointProperty.TargetPort));
        context.Args.Add("--bind");
        context.Args.Add("127.0.0.1");
        context.Args.Add("--dir");
        context.Args.Add(directory);
        // By default every write is in the append-only file before it is acknowledged, to survive a restart.
        context.Args.Add("--appendonly");
        context.Args.Add("yes");
        context.Args.Add("--appendfsync");
        context.Args.Add(fsync.ServerValue());
        // A stop (SIGTERM) ends it even when its last snapshot cannot be written (its folder deleted by a test's
        // clean-up meanwhile): otherwise redis-server refuses to exit and outlives the AppHost.
        context.Args.Add("--shutdown-on-sigterm");
        context.Args.Add("force");
    }
}
