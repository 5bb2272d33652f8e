using System.Diagnostics;

namespace SmartHome.AssistantCloud.Tests.Fakes;

/// <summary>Collects the spans of the service's ActivitySource while a test runs.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AssistantCloudTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (Stopped)
                {
                    Stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public List<Activity> Stopped { get; } = [];

    public void Dispose() => _listener.Dispose();
}
