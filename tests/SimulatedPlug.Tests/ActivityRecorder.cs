using System.Collections.Concurrent;
using System.Diagnostics;
using SmartHome.SimulatedPlug.Telemetry;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>Samples and records the plug's spans (tests running in parallel: filter by trace id).</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PlugTelemetry.SourceName || source.Name == TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private const string TestSourceName = "SmartHome.SimulatedPlug.Tests";

    /// <summary>Plays the gateway's side in tests.</summary>
    public static readonly ActivitySource TestSource = new(TestSourceName);

    /// <summary>The plug's spans in one trace (not the test's own gateway span).</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) =>
        _stopped.Where(activity => activity.TraceId == traceId && activity.Source.Name == PlugTelemetry.SourceName).ToList();

    public void Dispose() => _listener.Dispose();
}
