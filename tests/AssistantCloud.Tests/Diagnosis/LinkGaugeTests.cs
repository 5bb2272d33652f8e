using System.Diagnostics.Metrics;
using SmartHome.AssistantCloud.Linking;
using SmartHome.AssistantCloud.Storage;

namespace SmartHome.AssistantCloud.Tests.Diagnosis;

public class LinkGaugeTests
{
    [Fact]
    public void The_links_gauge_reports_the_cached_counts_by_state()
    {
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AssistantCloudTelemetry.SourceName && instrument.Name == "smarthome.assistant.links")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "state")
                {
                    seen[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        var linkCounts = new LinkCounts();
        _ = TestMetrics.Create(linkCounts); // the gauge exists with the metrics

        linkCounts.Update(new Dictionary<LinkState, long> { [LinkState.Linked] = 3, [LinkState.Expired] = 1 });
        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, long> { ["Linked"] = 3, ["Expired"] = 1, ["Unlinked"] = 0 }, seen);
    }
}
