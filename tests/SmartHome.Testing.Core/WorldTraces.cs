using System.Text.Json;

namespace SmartHome.Testing;

/// <summary>The world's traces, read back from the Aspire dashboard's telemetry API (<c>/api/telemetry/traces</c>).</summary>
public sealed class WorldTraces
{
    private readonly SmartHomeWorld _world;

    internal WorldTraces(SmartHomeWorld world) => _world = world;

    /// <summary>
    /// The spans of trace <paramref name="traceId"/>, waiting (bounded) until the assistant's span is there: the
    /// services export in batches. Empty when the dashboard never saw it.
    /// </summary>
    public Task<IReadOnlyList<TelemetrySpan>> GetAsync(string traceId, CancellationToken cancellationToken = default)
        => WaitForAsync(traceId, spans => spans.Any(s => s.Service == "assistantcloud"), cancellationToken);

    /// <summary>Polls the trace until <paramref name="isComplete"/> holds for its spans or the world's eventual timeout passes; returns what it saw last.</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> WaitForAsync(string traceId, Func<IReadOnlyList<TelemetrySpan>, bool> isComplete,
        CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_world.Options.EventuallyTimeout);
        IReadOnlyList<TelemetrySpan> spans = [];
        while (true)
        {
            try
            {
                spans = await ReadTraceAsync(traceId, cts.Token);
                if (isComplete(spans))
                {
                    return spans;
                }

                await Task.Delay(500, cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return spans;
            }
        }
    }

    /// <summary>The spans of the newest <paramref name="limit"/> traces, of one resource or all.</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> ListAsync(string? resource = null, int limit = 100, bool errorsOnly = false,
        CancellationToken cancellationToken = default)
    {
        var query = $"/api/telemetry/traces?limit={limit}" + (resource is null ? "" : $"&resource={resource}") + (errorsOnly ? "&hasError=true" : "");
        using var document = JsonDocument.Parse(await _world.Dashboard.GetStringAsync(query, cancellationToken)
            .WaitAsync(_world.Options.RequestTimeout, cancellationToken));
        return OtlpJson.ReadSpans(document.RootElement).ToList();
    }

    private async Task<IReadOnlyList<TelemetrySpan>> ReadTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await _world.Dashboard.GetAsync($"/api/telemetry/traces/{traceId}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return OtlpJson.ReadSpans(document.RootElement).ToList();
    }
}
