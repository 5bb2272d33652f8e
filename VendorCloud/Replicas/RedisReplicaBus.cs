using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.VendorCloud.Replicas;

/// <summary>
/// The replicas' messages on Redis pub/sub (literal channel names). Subscriptions are the multiplexer's, restored by
/// it after a reconnect; the multiplexer is awaited, never connected on the caller's thread.
/// </summary>
internal sealed class RedisReplicaBus(RedisConnection connection) : IReplicaBus
{
    public async Task<long> PublishAsync(string channel, byte[] message)
    {
        var redis = await connection.ConnectAsync(CancellationToken.None);
        return await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message);
    }

    public async Task SubscribeAsync(string channel, Action<byte[]> handler)
    {
        var redis = await connection.ConnectAsync(CancellationToken.None);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, value) =>
        {
            if (!value.IsNull)
            {
                handler((byte[])value!);
            }
        });
    }
}
