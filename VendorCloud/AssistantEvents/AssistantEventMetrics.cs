using System.Diagnostics.Metrics;

namespace SmartHome.VendorCloud.AssistantEvents;

/// <summary>
/// The return path's metrics (Meter <c>SmartHome.VendorCloud</c>): events by name and outcome (<c>accepted</c>,
/// <c>refused</c>, <c>failed</c> for an attempt to be repeated, <c>dropped</c> never to be sent), and the queue's length.
/// </summary>
internal sealed class AssistantEventMetrics
{
    public const string Accepted = "accepted";
    public const string Refused = "refused";
    public const string Failed = "failed";
    public const string Dropped = "dropped";

    private readonly Counter<long> _events;

    public AssistantEventMetrics(IMeterFactory meterFactory, PendingEventQueue queue)
    {
        var meter = meterFactory.Create(VendorCloudTelemetry.SourceName);
        _events = meter.CreateCounter<long>("smarthome.vendor.assistant_events", "{event}",
            "Events for the assistant's event gateway, by name and outcome (accepted, refused, failed: tried again, dropped).");
        meter.CreateObservableGauge("smarthome.vendor.assistant_events_queued", () => queue.Count, "{event}",
            "Events waiting for the assistant's event gateway.");
    }

    public void Event(string name, string outcome, long count = 1) =>
        _events.Add(count, new KeyValuePair<string, object?>("event", name), new KeyValuePair<string, object?>("outcome", outcome));
}
