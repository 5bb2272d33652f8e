namespace SmartHome.Testing;

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
    // OTLP span kinds and status codes.
    public const int KindServer = 2;
    public const int KindClient = 3;
    public const int KindProducer = 4;
    public const int KindConsumer = 5;
    public const int StatusError = 2;

    public bool IsError => StatusCode == StatusError;

    /// <summary>
    /// The label the dashboard's waterfall shows for the span without opening it (Aspire.Dashboard's
    /// <c>OtlpSpan.GetDisplaySummary</c>): a Client, Producer or Consumer span carrying HTTP, database, RPC or
    /// messaging attributes is labelled from them; any other span shows its name.
    /// </summary>
    public string Display
    {
        get
        {
            if (Kind is not (KindClient or KindProducer or KindConsumer))
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

    /// <summary>The hop a failing span names (<c>smarthome.failed_hop</c>), if any.</summary>
    public string? FailedHop => Attributes.GetValueOrDefault("smarthome.failed_hop");

    /// <summary>The Alexa error type a span carries (<c>alexa.error.type</c>), if any.</summary>
    public string? AlexaErrorType => Attributes.GetValueOrDefault("alexa.error.type");

    public override string ToString() => $"{Service}/{Name}{(IsError ? " ERROR" : "")}";
}

/// <summary>A log record as the dashboard's telemetry API returns it (OTLP JSON), flattened.</summary>
public sealed record TelemetryLog(string Service, DateTimeOffset Time, int SeverityNumber, string Category, string Message)
{
    // OTLP severity numbers: WARN 13-16, ERROR 17-20, FATAL 21-24.
    public bool IsWarning => SeverityNumber is >= 13 and <= 16;

    public bool IsErrorOrWorse => SeverityNumber >= 17;

    public override string ToString() => $"{Time:HH:mm:ss.fff} {Service} [{SeverityNumber}] {Category}: {Message}";
}
