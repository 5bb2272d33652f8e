using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmartHome.DeviceGateway.Tests;

/// <summary>Records the gateway's activities, so that spans (and trace context) exist in tests.</summary>
internal sealed class TestTracing : IDisposable
{
    private readonly ActivityListener _listener;

    public TestTracing()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is GatewayTelemetry.SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public const string TestSourceName = "SmartHome.DeviceGateway.Tests";

    public static readonly ActivitySource TestSource = new(TestSourceName);

    /// <summary>
    /// Spans that have ended while this listener was on. Listeners are process-wide, so tests running
    /// in parallel add theirs too: pick yours by trace id.
    /// </summary>
    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <summary>The ended span named <paramref name="name"/> in trace <paramref name="traceId"/>.</summary>
    public Activity SingleStopped(string name, ActivityTraceId traceId) =>
        Assert.Single(Stopped, a => a.OperationName == name && a.TraceId == traceId);

    public void Dispose() => _listener.Dispose();
}
