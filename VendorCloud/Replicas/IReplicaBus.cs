namespace SmartHome.VendorCloud.Replicas;

/// <summary>Messages between the vendor's replicas (Redis pub/sub: <see cref="RedisReplicaBus"/>).</summary>
internal interface IReplicaBus
{
    /// <summary>Publishes; returns how many subscribers received it (0: nobody listens on that channel).</summary>
    Task<long> PublishAsync(string channel, byte[] message);

    /// <summary>Calls <paramref name="handler"/> for every message on the channel (also after a reconnect).</summary>
    Task SubscribeAsync(string channel, Action<byte[]> handler);
}
