using System.Collections.Concurrent;
using SmartHome.VendorCloud.Replicas;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>
/// Pub/sub between the test's replicas, as Redis does it: a publish reaches the channel's subscribers later, on
/// another thread, and answers how many there were. <see cref="Silence"/> plays a replica that died.
/// </summary>
internal sealed class InMemoryReplicaBus : IReplicaBus
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<Action<byte[]>>> _subscribers = new(StringComparer.Ordinal);

    public int Published => _published;

    private int _published;

    public Task<long> PublishAsync(string channel, byte[] message)
    {
        Interlocked.Increment(ref _published);
        if (!_subscribers.TryGetValue(channel, out var handlers))
        {
            return Task.FromResult(0L);
        }

        foreach (var handler in handlers)
        {
            _ = Task.Run(() => handler(message));
        }

        return Task.FromResult((long)handlers.Count);
    }

    public Task SubscribeAsync(string channel, Action<byte[]> handler)
    {
        _subscribers.GetOrAdd(channel, _ => []).Add(handler);
        return Task.CompletedTask;
    }

    /// <summary>Every channel whose name contains <paramref name="replicaId"/> loses its subscribers (the replica died).</summary>
    public void Silence(string replicaId)
    {
        foreach (var channel in _subscribers.Keys.Where(c => c.Contains(replicaId, StringComparison.Ordinal)))
        {
            _subscribers.TryRemove(channel, out _);
        }
    }
}
