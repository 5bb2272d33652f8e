using System.Net.Http.Json;
using System.Text.Json;

namespace SmartHome.LoadDriver;

/// <summary>
/// Finds the replica to stop through the clouds' own views, each request on a connection of its own so that the proxy
/// may send it to any replica: the vendor replica that holds the most homes' uplinks (<c>GET /sim/uplinks</c>), and the
/// assistant replica the load is on (<paramref name="loadedAssistant"/>, the replica of the latest answer) when it answers
/// <c>GET /sim/replica</c> within a few requests, else the first that answers.
/// </summary>
public sealed class ReplicaFinder(HttpClient assistant, HttpClient vendor, Func<string?>? loadedAssistant = null) : IReplicaFinder
{
    public const string Assistant = "assistantcloud";
    public const string Vendor = "vendorcloud";

    private const int Attempts = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReplicaTarget> FindAsync(string service, CancellationToken cancellationToken) => service switch
    {
        Assistant => await AssistantReplicaAsync(cancellationToken),
        Vendor => await VendorHolderAsync(cancellationToken),
        _ => throw new ArgumentException($"No replicas of '{service}' to stop: {Assistant} or {Vendor}.", nameof(service)),
    };

    private async Task<ReplicaTarget> AssistantReplicaAsync(CancellationToken cancellationToken)
    {
        var wanted = loadedAssistant?.Invoke();
        AssistantReplicaView? first = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await GetAsync<AssistantReplicaView>(assistant, "/sim/replica", cancellationToken) is not { } replica)
            {
                continue;
            }

            first ??= replica;
            if (wanted is null || replica.Id == wanted)
            {
                return new ReplicaTarget(Assistant, replica.Id, replica.ProcessId, 0, replica.Instance);
            }
        }

        return first is null
            ? throw new InvalidOperationException("The assistant did not say which replica it is.")
            : new ReplicaTarget(Assistant, first.Id, first.ProcessId, 0, first.Instance);
    }

    private async Task<ReplicaTarget> VendorHolderAsync(CancellationToken cancellationToken)
    {
        var views = new Dictionary<string, VendorUplinksView>(StringComparer.Ordinal);
        string? holder = null;
        var homes = 0;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await GetAsync<VendorUplinksView>(vendor, "/sim/uplinks", cancellationToken) is not { } view)
            {
                continue;
            }

            views[view.Replica.Id] = view;
            if (view.Homes.GroupBy(h => h.Replica).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault() is { } most)
            {
                (holder, homes) = (most.Key, most.Count());
            }

            if (holder is not null && views.TryGetValue(holder, out var held))
            {
                return new ReplicaTarget(Vendor, held.Replica.Id, held.Replica.ProcessId, homes, held.Replica.Instance);
            }
        }

        throw new InvalidOperationException(holder is null
            ? "No vendor replica holds a home's uplink."
            : $"The vendor replica {holder} holds the homes but never answered itself in {Attempts} requests.");
    }

    private static async Task<T?> GetAsync<T>(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        // A connection of its own: the proxy picks a replica per connection.
        request.Headers.ConnectionClose = true;
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken) : default;
    }

    private sealed record AssistantReplicaView(string Id, int ProcessId, string? Instance);

    private sealed record VendorReplicaView(string Id, int ProcessId, string? Instance);

    private sealed record HomeHolderView(string HomeId, string Replica);

    private sealed record VendorUplinksView(VendorReplicaView Replica, IReadOnlyList<HomeHolderView> Homes);
}
