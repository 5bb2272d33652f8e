using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>Reads traces and logs back from the Aspire dashboard's telemetry API, as the kit's <see cref="TelemetrySpan"/> and <see cref="TelemetryLog"/> (the kit's <see cref="OtlpJson"/> reads them), with the bounds the tests give.</summary>
public sealed class DashboardTelemetry(HttpClient http)
{
    public static DashboardTelemetry For(SmartHomeAppFixture fixture)
    {
        var http = new HttpClient { BaseAddress = fixture.DashboardUrl };
        http.DefaultRequestHeaders.Add("x-api-key", SmartHomeAppFixture.DashboardApiKey);
        return new DashboardTelemetry(http);
    }

    public async Task<IReadOnlyList<TelemetrySpan>> GetTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/telemetry/traces/{traceId}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return OtlpJson.ReadSpans(document.RootElement).ToList();
    }

    /// <summary>Polls until <paramref name="isComplete"/> holds for the trace's spans (exporters batch).</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<TelemetrySpan>, bool> isComplete, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        IReadOnlyList<TelemetrySpan> spans = [];
        while (!cts.IsCancellationRequested)
        {
            try
            {
                spans = await GetTraceAsync(traceId, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // Out of time in the middle of a request: the caller asserts on what was seen last.
                break;
            }

            if (isComplete(spans))
            {
                return spans;
            }

            try
            {
                await Task.Delay(500, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return spans;
    }

    /// <summary>The spans of the newest <paramref name="limit"/> traces that <paramref name="resource"/> took part in.</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> GetTracesAsync(string resource, int limit, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await GetRawAsync($"/api/telemetry/traces?resource={resource}&limit={limit}", cancellationToken));
        return OtlpJson.ReadSpans(document.RootElement).ToList();
    }

    public async Task<string> GetRawAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Every span of every trace, across all resources, that has an error span (the Traces page filtered on errors).</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> GetErrorTraceSpansAsync(CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await GetRawAsync("/api/telemetry/traces?hasError=true&limit=10000", cancellationToken));
        return OtlpJson.ReadSpans(document.RootElement).ToList();
    }

    /// <summary>Log records across all resources (or one), at <paramref name="minimumSeverity"/> or above.</summary>
    public async Task<IReadOnlyList<TelemetryLog>> GetLogsAsync(string? minimumSeverity, CancellationToken cancellationToken, string? resource = null)
    {
        var query = $"/api/telemetry/logs?limit=10000{(minimumSeverity is null ? "" : $"&severity={minimumSeverity}")}"
                    + (resource is null ? "" : $"&resource={resource}");
        using var document = JsonDocument.Parse(await GetRawAsync(query, cancellationToken));
        return OtlpJson.ReadLogs(document.RootElement).ToList();
    }
}
