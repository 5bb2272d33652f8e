using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Replicas;

/// <summary>
/// The replicas' messages on Redis pub/sub. Subscriptions are the multiplexer's, restored by it after a reconnect; the
/// multiplexer is awaited, never connected on the caller's thread. On a Redis Cluster the channels are sharded
/// (SSUBSCRIBE/SPUBLISH, Redis 7): a plain PUBLISH reaches every node but counts only the receivers on the node it ran
/// on, and the relay reads that count to tell a holder that is gone; a sharded channel lives on its slot's node, where
/// its subscribers are counted. Elsewhere (Garnet, one redis-server) the channels are literal.
/// </summary>
internal sealed class RedisReplicaBus(RedisConnection connection) : IReplicaBus
{
    public async Task<long> PublishAsync(string channel, byte[] message)
    {
        var redis = await connection.ConnectAsync(CancellationToken.None);
        return await redis.GetSubscriber().PublishAsync(Channel(redis, channel), message);
    }

    public async Task SubscribeAsync(string channel, Action<byte[]> handler)
    {
        var redis = await connection.ConnectAsync(CancellationToken.None);
        await redis.GetSubscriber().SubscribeAsync(Channel(redis, channel), (_, value) =>
        {
            if (!value.IsNull)
            {
                handler((byte[])value!);
            }
        });
    }

    // Whether Redis is a cluster does not change while the process runs: asked once, not on every forwarded directive.
    private bool? _sharded;

    private RedisChannel Channel(IConnectionMultiplexer redis, string name) =>
        (_sharded ??= redis.GetServers().Any(server => server.ServerType == ServerType.Cluster))
            ? RedisChannel.Sharded(name) : RedisChannel.Literal(name);
}
