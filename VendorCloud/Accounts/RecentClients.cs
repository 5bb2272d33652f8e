using System.Collections.Concurrent;

namespace SmartHome.VendorCloud.Accounts;

/// <summary>
/// The OAuth clients this process has just read, for <see cref="Lifetime"/> of real time. A client changes only when it is
/// registered again (at seeding, from the vendor's own configuration), and every token request authenticates one: without
/// this, each request read and parsed the same record. A registration made by another replica is seen here within the
/// lifetime; one made here at once. Only clients found are kept, so unknown ids cannot fill it. A world reset clears it on
/// every replica (before the seeding asks whether the client is stored).
/// </summary>
/// <param name="realTime">Real time, never the world's clock (a test passes a fake one).</param>
internal sealed class RecentClients(TimeProvider realTime)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (OAuthClient Client, long ReadAt)> _clients = new(StringComparer.Ordinal);

    public OAuthClient? Find(string clientId) =>
        _clients.TryGetValue(clientId, out var read) && realTime.GetElapsedTime(read.ReadAt) < Lifetime ? read.Client : null;

    public void Remember(OAuthClient client) => _clients[client.ClientId] = (client, realTime.GetTimestamp());

    public void Forget(string clientId) => _clients.TryRemove(clientId, out _);

    /// <summary>Every client forgotten: the world's reset wiped them from Redis, and the seeding must see that.</summary>
    public void Clear() => _clients.Clear();
}
