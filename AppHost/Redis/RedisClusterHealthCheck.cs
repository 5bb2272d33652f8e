using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace SmartHome.AppHost.Redis;

/// <summary>
/// Forms the cluster and says when it serves: each master that does not serve its share of the slots is given it
/// (CLUSTER ADDSLOTSRANGE, as <c>redis-cli --cluster create --cluster-replicas 0</c> would), the first master meets the
/// others (CLUSTER MEET), and the cluster is healthy only when every master's CLUSTER INFO says cluster_state:ok with
/// every slot assigned. Forming here, not in a one-shot process, also mends a master that restarts without its nodes file.
/// </summary>
internal sealed class RedisClusterHealthCheck(RedisClusterResource cluster) : IHealthCheck, IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<string, Lazy<Task<ConnectionMultiplexer>>> _connections = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var ports = new List<int>();
            foreach (var master in cluster.Masters)
            {
                var port = await master.Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return HealthCheckResult.Unhealthy("A master has no port yet");
                }

                ports.Add(value);
            }

            var connection = await ConnectAsync(ports);
            var servers = ports.Select(port => connection.GetServer(IPAddress.Loopback, port)).ToList();
            var infos = new List<IReadOnlyDictionary<string, string>>();
            foreach (var server in servers)
            {
                infos.Add(RedisClusterLayout.ParseInfo((string?)await ExecuteAsync(server, cancellationToken, "CLUSTER", "INFO") ?? ""));
            }

            if (infos.All(Serves))
            {
                return HealthCheckResult.Healthy($"cluster_state:ok on {servers.Count} masters");
            }

            await FormAsync(servers, ports, infos, cancellationToken);
            return HealthCheckResult.Unhealthy(
                $"Forming: cluster_state {string.Join(", ", infos.Select(i => i.GetValueOrDefault("cluster_state", "?")))}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("A master does not answer", ex);
        }
    }

    private static bool Serves(IReadOnlyDictionary<string, string> info) =>
        info.GetValueOrDefault("cluster_state") == "ok"
        && info.GetValueOrDefault("cluster_slots_assigned") == RedisClusterLayout.SlotCount.ToString(CultureInfo.InvariantCulture)
        && int.TryParse(info.GetValueOrDefault("cluster_known_nodes"), CultureInfo.InvariantCulture, out var known)
        && known >= RedisClusterLayout.Masters;

    private static async Task FormAsync(List<IServer> servers, List<int> ports, List<IReadOnlyDictionary<string, string>> infos,
        CancellationToken cancellationToken)
    {
        for (var index = 0; index < servers.Count; index++)
        {
            var nodes = (string?)await ExecuteAsync(servers[index], cancellationToken, "CLUSTER", "NODES") ?? "";
            var myself = nodes.Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .FirstOrDefault(fields => fields.Length > 2 && fields[2].Contains("myself", StringComparison.Ordinal));
            if (myself is null)
            {
                continue;
            }

            var missing = RedisClusterLayout.MissingRanges(myself.Skip(8), RedisClusterLayout.SlotRange(index, servers.Count));
            if (missing.Count == 0)
            {
                continue;
            }

            if (infos[index].GetValueOrDefault("cluster_current_epoch") == "0" && infos[index].GetValueOrDefault("cluster_known_nodes") == "1")
            {
                // Distinct epochs from the start (as redis-cli gives them): no collision to resolve once they meet.
                await ExecuteAsync(servers[index], cancellationToken, "CLUSTER", "SET-CONFIG-EPOCH", index + 1);
            }

            foreach (var (first, last) in missing)
            {
                await ExecuteAsync(servers[index], cancellationToken, "CLUSTER", "ADDSLOTSRANGE", first, last);
            }
        }

        if (!int.TryParse(infos[0].GetValueOrDefault("cluster_known_nodes"), CultureInfo.InvariantCulture, out var known)
            || known < servers.Count)
        {
            for (var index = 1; index < servers.Count; index++)
            {
                await ExecuteAsync(servers[0], cancellationToken, "CLUSTER", "MEET", IPAddress.Loopback.ToString(), ports[index]);
            }
        }
    }

    private static Task<RedisResult> ExecuteAsync(IServer server, CancellationToken cancellationToken, string command, params object[] args) =>
        server.ExecuteAsync(command, args).WaitAsync(CommandTimeout, cancellationToken);

    private Task<ConnectionMultiplexer> ConnectAsync(List<int> ports)
    {
        var key = string.Join(',', ports);
        return _connections.GetOrAdd(key, _ => new(() =>
        {
            var options = new ConfigurationOptions { AbortOnConnectFail = false, ConnectTimeout = 2000, AllowAdmin = true };
            foreach (var port in ports)
            {
                options.EndPoints.Add(IPAddress.Loopback, port);
            }

            return ConnectionMultiplexer.ConnectAsync(options);
        })).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await lazy.Value).DisposeAsync();
            }
            catch (RedisException)
            {
                // The connection never came up; nothing to close.
            }
        }
    }
}
