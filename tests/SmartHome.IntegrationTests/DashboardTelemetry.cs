using System.Text.Json;

namespace SmartHome.IntegrationTests;

/// <summary>A span as the dashboard's telemetry API returns it (OTLP JSON), flattened.</summary>
public sealed record TelemetrySpan(
    string Service,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    int StatusCode,
    IReadOnlyDictionary<string, string> Attributes);

/// <summary>Reads traces and logs back from the Aspire dashboard's telemetry API.</summary>
public sealed class DashboardTelemetry(HttpClient http)
{
    // OTLP span kinds.
    public const int KindServer = 2;
    public const int KindClient = 3;
    public const int KindProducer = 4;
    public const int KindConsumer = 5;

    // OTLP status codes.
    public const int StatusError = 2;

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
        return ReadSpans(document.RootElement).ToList();
    }

    /// <summary>Polls until <paramref name="isComplete"/> holds for the trace's spans (exporters batch).</summary>
    public async Task<IReadOnlyList<TelemetrySpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<TelemetrySpan>, bool> isComplete, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        IReadOnlyList<TelemetrySpan> spans = [];
        while (!cts.IsCancellationRequested)
        {
            spans = await GetTraceAsync(traceId, cts.Token);
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
        return ReadSpans(document.RootElement).ToList();
    }

    public async Task<string> GetRawAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    // The API wraps OTLP JSON ({"resourceSpans": [...]}) in {"data": ...}; accept both shapes.
    private static IEnumerable<TelemetrySpan> ReadSpans(JsonElement root)
    {
        var otlp = root.TryGetProperty("data", out var data) ? data : root;
        if (!otlp.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            yield break;
        }

        foreach (var resourceSpan in resourceSpans.EnumerateArray())
        {
            var service = ReadAttributes(resourceSpan.GetProperty("resource")).GetValueOrDefault("service.name", "?");
            foreach (var scopeSpan in resourceSpan.GetProperty("scopeSpans").EnumerateArray())
            {
                foreach (var span in scopeSpan.GetProperty("spans").EnumerateArray())
                {
                    var parent = span.TryGetProperty("parentSpanId", out var p) ? p.GetString() : null;
                    var status = span.TryGetProperty("status", out var s) && s.TryGetProperty("code", out var c) ? ReadInt(c) : 0;
                    yield return new TelemetrySpan(
                        service,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        string.IsNullOrEmpty(parent) ? null : parent,
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? ReadInt(kind) : 0,
                        status,
                        ReadAttributes(span));
                }
            }
        }
    }

    private static int ReadInt(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetInt32(),
        JsonValueKind.String when int.TryParse(element.GetString(), out var n) => n,
        JsonValueKind.String => element.GetString() switch
        {
            "SPAN_KIND_INTERNAL" => 1,
            "SPAN_KIND_SERVER" => KindServer,
            "SPAN_KIND_CLIENT" => KindClient,
            "SPAN_KIND_PRODUCER" => KindProducer,
            "SPAN_KIND_CONSUMER" => KindConsumer,
            "STATUS_CODE_OK" => 1,
            "STATUS_CODE_ERROR" => StatusError,
            _ => 0,
        },
        _ => 0,
    };

    private static Dictionary<string, string> ReadAttributes(JsonElement owner)
    {
        var result = new Dictionary<string, string>();
        if (!owner.TryGetProperty("attributes", out var attributes))
        {
            return result;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            var value = attribute.GetProperty("value");
            var text = value.EnumerateObject().FirstOrDefault() is { Value: var v } && v.ValueKind != JsonValueKind.Undefined
                ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())
                : null;
            result[attribute.GetProperty("key").GetString()!] = text ?? "";
        }

        return result;
    }
}
