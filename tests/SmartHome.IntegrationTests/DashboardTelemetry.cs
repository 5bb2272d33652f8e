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
    IReadOnlyDictionary<string, string> Attributes,
    string? StatusMessage = null)
{
    /// <summary>
    /// The label the dashboard's waterfall shows for the span without opening it (Aspire.Dashboard's
    /// <c>OtlpSpan.GetDisplaySummary</c>): a Client, Producer or Consumer span carrying HTTP, database, RPC or
    /// messaging attributes is labelled from them; any other span shows its name.
    /// </summary>
    public string Display
    {
        get
        {
            if (Kind is not (DashboardTelemetry.KindClient or DashboardTelemetry.KindProducer or DashboardTelemetry.KindConsumer))
            {
                return Name;
            }

            string Get(string key) => Attributes.GetValueOrDefault(key) ?? "";
            var method = Get("http.request.method") is { Length: > 0 } m ? m : Get("http.method");
            if (method.Length > 0)
            {
                var status = Get("http.response.status_code") is { Length: > 0 } c ? c : Get("http.status_code");
                return status.Length > 0 ? $"HTTP {method.ToUpperInvariant()} {status}" : $"HTTP {method.ToUpperInvariant()}";
            }

            if (Get("db.system").Length > 0)
            {
                return $"DATA {Get("db.system")} {Name}";
            }

            if (Get("rpc.system").Length > 0)
            {
                return $"RPC {Get("rpc.service")}/{Get("rpc.method")}";
            }

            return Get("messaging.system").Length > 0
                ? $"MSG {Get("messaging.system")} {Get("messaging.operation")} {Get("messaging.destination.name")}"
                : Name;
        }
    }

    public bool IsError => StatusCode == DashboardTelemetry.StatusError;
}

/// <summary>A log record as the dashboard's telemetry API returns it (OTLP JSON), flattened.</summary>
public sealed record TelemetryLog(string Service, DateTimeOffset Time, int SeverityNumber, string Category, string Message)
{
    // OTLP severity numbers: WARN 13-16, ERROR 17-20, FATAL 21-24.
    public bool IsWarning => SeverityNumber is >= 13 and <= 16;

    public bool IsErrorOrWorse => SeverityNumber >= 17;

    public override string ToString() => $"{Time:HH:mm:ss.fff} {Service} [{SeverityNumber}] {Category}: {Message}";
}

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
        return ReadSpans(document.RootElement).ToList();
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
        return ReadSpans(document.RootElement).ToList();
    }

    /// <summary>Log records across all resources (or one), at <paramref name="minimumSeverity"/> or above.</summary>
    public async Task<IReadOnlyList<TelemetryLog>> GetLogsAsync(string? minimumSeverity, CancellationToken cancellationToken, string? resource = null)
    {
        var query = $"/api/telemetry/logs?limit=10000{(minimumSeverity is null ? "" : $"&severity={minimumSeverity}")}"
                    + (resource is null ? "" : $"&resource={resource}");
        using var document = JsonDocument.Parse(await GetRawAsync(query, cancellationToken));
        return ReadLogs(document.RootElement).ToList();
    }

    private static IEnumerable<TelemetryLog> ReadLogs(JsonElement root)
    {
        var otlp = root.TryGetProperty("data", out var data) ? data : root;
        if (!otlp.TryGetProperty("resourceLogs", out var resourceLogs))
        {
            yield break;
        }

        foreach (var resourceLog in resourceLogs.EnumerateArray())
        {
            var service = ReadAttributes(resourceLog.GetProperty("resource")).GetValueOrDefault("service.name", "?");
            foreach (var scopeLog in resourceLog.GetProperty("scopeLogs").EnumerateArray())
            {
                var category = scopeLog.TryGetProperty("scope", out var scope) && scope.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                foreach (var record in scopeLog.GetProperty("logRecords").EnumerateArray())
                {
                    var nanos = record.TryGetProperty("timeUnixNano", out var t)
                        ? (t.ValueKind == JsonValueKind.String ? ulong.Parse(t.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : t.GetUInt64())
                        : 0UL;
                    var severity = record.TryGetProperty("severityNumber", out var sev) ? ReadSeverity(sev) : 0;
                    var message = record.TryGetProperty("body", out var body) && body.TryGetProperty("stringValue", out var text) ? text.GetString() ?? "" : "";
                    // Full precision: a window that starts a fraction of a millisecond before a record must still hold it.
                    yield return new TelemetryLog(service, DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100)), severity, category, message);
                }
            }
        }
    }

    private static int ReadSeverity(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetInt32(),
        JsonValueKind.String when int.TryParse(element.GetString(), out var n) => n,
        // Enum names: SEVERITY_NUMBER_WARN = 13, SEVERITY_NUMBER_ERROR = 17, ...
        JsonValueKind.String => element.GetString() switch
        {
            "SEVERITY_NUMBER_TRACE" => 1,
            "SEVERITY_NUMBER_DEBUG" => 5,
            "SEVERITY_NUMBER_INFO" => 9,
            "SEVERITY_NUMBER_WARN" => 13,
            "SEVERITY_NUMBER_ERROR" => 17,
            "SEVERITY_NUMBER_FATAL" => 21,
            _ => 0,
        },
        _ => 0,
    };

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
                    var statusMessage = span.TryGetProperty("status", out var st) && st.TryGetProperty("message", out var m) ? m.GetString() : null;
                    yield return new TelemetrySpan(
                        service,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        string.IsNullOrEmpty(parent) ? null : parent,
                        span.GetProperty("name").GetString()!,
                        span.TryGetProperty("kind", out var kind) ? ReadInt(kind) : 0,
                        status,
                        ReadAttributes(span),
                        statusMessage);
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
