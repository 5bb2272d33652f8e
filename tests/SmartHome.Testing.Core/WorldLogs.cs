using System.Text.Json;

namespace SmartHome.Testing;

/// <summary>The world's log records, read back from the Aspire dashboard's telemetry API (<c>/api/telemetry/logs</c>).</summary>
public sealed class WorldLogs
{
    private readonly SmartHomeWorld _world;

    internal WorldLogs(SmartHomeWorld world) => _world = world;

    /// <summary>
    /// Log records of every resource (or <paramref name="resource"/>), at <paramref name="minimumSeverity"/> or above
    /// (<c>Trace</c>, <c>Debug</c>, <c>Information</c>, <c>Warning</c>, <c>Error</c>, <c>Critical</c>; null: all).
    /// </summary>
    public async Task<IReadOnlyList<TelemetryLog>> GetAsync(string? minimumSeverity = null, string? resource = null, int limit = 10000,
        CancellationToken cancellationToken = default)
    {
        var query = $"/api/telemetry/logs?limit={limit}" + (minimumSeverity is null ? "" : $"&severity={minimumSeverity}")
                    + (resource is null ? "" : $"&resource={resource}");
        using var document = JsonDocument.Parse(await _world.Dashboard.GetStringAsync(query, cancellationToken)
            .WaitAsync(_world.Options.RequestTimeout, cancellationToken));
        return OtlpJson.ReadLogs(document.RootElement).ToList();
    }

    /// <summary>The records since <paramref name="since"/> whose message contains <paramref name="text"/>.</summary>
    public async Task<IReadOnlyList<TelemetryLog>> FindAsync(string text, DateTimeOffset? since = null, CancellationToken cancellationToken = default)
        => (await GetAsync(cancellationToken: cancellationToken))
            .Where(l => (since is null || l.Time >= since) && l.Message.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
}
