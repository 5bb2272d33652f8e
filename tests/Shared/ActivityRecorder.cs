using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmartHome.Tests.Shared;

/// <summary>
/// Samples and records the spans of the named sources while a test runs. Listeners are process-wide and
/// tests in other classes run in parallel, so pick yours by trace id (or by a tag only your test sets).
/// </summary>
internal sealed class ActivityRecorder : IDisposable
{
    private const string TestSourceName = "SmartHome.Tests";

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder(params string[] sourceNames)
    {
        var recorded = sourceNames.ToHashSet(StringComparer.Ordinal);
        _listener = new ActivityListener
        {
            // The test source is sampled too, so a test's own parent span exists, but it is not recorded.
            ShouldListenTo = source => source.Name == TestSourceName || recorded.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (recorded.Contains(activity.Source.Name))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Plays the caller's side in tests (a gateway publishing, a parent span): sampled, never recorded.</summary>
    public static readonly ActivitySource TestSource = new(TestSourceName);

    /// <summary>A snapshot of the spans that have ended so far.</summary>
    public IReadOnlyList<Activity> Stopped => [.. _stopped];

    /// <summary>The ended spans in one trace.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) =>
        _stopped.Where(activity => activity.TraceId == traceId).ToList();

    /// <summary>The one ended span named <paramref name="operationName"/> in trace <paramref name="traceId"/>.</summary>
    public Activity Single(string operationName, ActivityTraceId traceId) =>
        Assert.Single(_stopped, activity => activity.OperationName == operationName && activity.TraceId == traceId);

    /// <summary>The first span named <paramref name="operationName"/> to end, waiting at most <paramref name="bound"/>.</summary>
    public async Task<Activity> WaitForAsync(string operationName, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            if (_stopped.FirstOrDefault(activity => activity.OperationName == operationName) is { } span)
            {
                return span;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public void Dispose() => _listener.Dispose();
}
