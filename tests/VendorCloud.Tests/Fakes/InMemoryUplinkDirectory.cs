using System.Collections.Concurrent;
using SmartHome.VendorCloud.Uplink;

namespace SmartHome.VendorCloud.Tests.Fakes;

/// <summary>The directory of uplinks as one replica sees it, over a table the test's replicas share (Redis's part).</summary>
internal sealed class InMemoryUplinkDirectory(ConcurrentDictionary<string, string> holders, string replicaId) : IUplinkDirectory
{
    public InMemoryUplinkDirectory(string replicaId = "replica-test")
        : this(new ConcurrentDictionary<string, string>(StringComparer.Ordinal), replicaId)
    {
    }

    public ConcurrentDictionary<string, string> Holders => holders;

    public Task ClaimAsync(string homeId, CancellationToken cancellationToken)
    {
        holders[homeId] = replicaId;
        return Task.CompletedTask;
    }

    public Task RenewAsync(IReadOnlyCollection<string> homeIds, CancellationToken cancellationToken)
    {
        foreach (var homeId in homeIds)
        {
            holders.AddOrUpdate(homeId, replicaId, (_, holder) => holder);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string homeId, CancellationToken cancellationToken)
    {
        holders.TryRemove(new KeyValuePair<string, string>(homeId, replicaId));
        return Task.CompletedTask;
    }

    public Task<string?> FindHolderAsync(string homeId, CancellationToken cancellationToken) =>
        Task.FromResult(holders.TryGetValue(homeId, out var holder) ? holder : null);

    public Task<IReadOnlyList<HomeHolder>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HomeHolder>>([.. holders.Select(h => new HomeHolder(h.Key, h.Value)).OrderBy(h => h.HomeId, StringComparer.Ordinal)]);
}
