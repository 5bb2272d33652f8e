namespace SmartHome.AppHost.Redis;

/// <summary>How the AppHost provides the <c>redis</c> resource (configuration key <c>Redis:Mode</c>).</summary>
public enum RedisMode
{
    /// <summary>Microsoft Garnet hosted in the EmbeddedRedis project: nothing to install.</summary>
    Embedded,

    /// <summary>Debian's <c>redis-server</c> from PATH, run as an executable.</summary>
    Server,

    /// <summary>Aspire.Hosting.Redis's container: needs a container runtime.</summary>
    Container,

    /// <summary>A Redis Cluster of three masters, each a Debian <c>redis-server</c> from PATH (see <see cref="RedisClusterLayout"/>).</summary>
    Cluster,
}
