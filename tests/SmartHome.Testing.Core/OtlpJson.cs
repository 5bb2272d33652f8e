using System.Text.Json;

namespace SmartHome.Testing;

/// <summary>
/// Reads the dashboard telemetry API's OTLP JSON (<c>{"data": {"resourceSpans": ...}}</c> or bare OTLP) into
/// <see cref="TelemetrySpan"/> and <see cref="TelemetryLog"/>: for a test that fetched the JSON itself.
/// </summary>
public static class OtlpJson
{
    /// <summary>Every log record of the answer, flattened.</summary>
    public static IEnumerable<TelemetryLog> ReadLogs(JsonElement root)
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

    /// <summary>Every span of the answer, flattened.</summary>
    // The API wraps OTLP JSON ({"resourceSpans": [...]}) in {"data": ...}; accept both shapes.
    public static IEnumerable<TelemetrySpan> ReadSpans(JsonElement root)
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
            "SPAN_KIND_SERVER" => TelemetrySpan.KindServer,
            "SPAN_KIND_CLIENT" => TelemetrySpan.KindClient,
            "SPAN_KIND_PRODUCER" => TelemetrySpan.KindProducer,
            "SPAN_KIND_CONSUMER" => TelemetrySpan.KindConsumer,
            "STATUS_CODE_OK" => 1,
            "STATUS_CODE_ERROR" => TelemetrySpan.StatusError,
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
