namespace SmartHome.DeviceGateway.Tests;

public sealed class GatewayTelemetryTests : IDisposable
{
    private readonly ActivityRecorder _tracing = new(GatewayTelemetry.SourceName);

    public void Dispose() => _tracing.Dispose();

    [Fact]
    public void Traceparent_field_is_formatted_from_a_context()
    {
        using var activity = ActivityRecorder.TestSource.StartActivity("x");
        Assert.NotNull(activity);

        Assert.Equal($"00-{activity.TraceId}-{activity.SpanId}-01", GatewayTelemetry.FormatTraceParent(activity.Context));
        Assert.Null(GatewayTelemetry.FormatTraceParent(default));
    }
}
