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
