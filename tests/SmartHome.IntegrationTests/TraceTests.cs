namespace SmartHome.IntegrationTests;

/// <summary>One utterance, one W3C trace across all four services, read back from the dashboard.</summary>
[Collection(SmartHomeCollection.Name)]
public sealed class TraceTests(SmartHomeAppFixture fixture)
{
    private static readonly string[] Services = ["assistantcloud", "vendorcloud", "devicegateway", "simulatedplug"];

    [Fact]
    public async Task OneUtteranceIsOneTraceThroughEveryHopIncludingMqtt()
    {
        await fixture.EnsureLinkedAsync();
        var answer = await fixture.SayAsync("set the bedroom lamp to 30 percent");
        Assert.Equal("Success", answer.Outcome);

        var telemetry = DashboardTelemetry.For(fixture);
        var spans = await telemetry.WaitForTraceAsync(answer.TraceId,
            s => Services.All(service => s.Any(span => span.Service == service)) && !Orphans(s).Any(),
            TimeSpan.FromSeconds(60));

        var summary = string.Join("\n", spans.Select(s => $"{s.Service}: {s.Name} kind={s.Kind} parent={s.ParentSpanId}"));
        foreach (var service in Services)
        {
            Assert.True(spans.Any(s => s.Service == service), $"No span of {service} in trace {answer.TraceId}:\n{summary}");
        }

        Assert.All(spans, s => Assert.Equal(answer.TraceId, s.TraceId));
        Assert.Empty(Orphans(spans));
        var root = Assert.Single(spans, s => s.ParentSpanId is null);
        Assert.Equal("assistantcloud", root.Service);
        // The dashboard's Traces list names a trace by its root span: the intent and the device, not the route.
        Assert.Equal("utterance SetBrightness bedroom lamp", root.Name);

        // The MQTT hop: the gateway's publish is the parent of the plug's processing.
        const string commandTopic = "homes/home-1/devices/plug-1/set";
        var publish = Assert.Single(spans, s => s.Service == "devicegateway" && s.Kind == TelemetrySpan.KindProducer
            && s.Attributes.GetValueOrDefault("messaging.destination.name") == commandTopic);
        Assert.Equal("mqtt", publish.Attributes.GetValueOrDefault("network.protocol.name"));
        Assert.Equal($"send {commandTopic}", publish.Name);
        // What the waterfall shows is the name itself, not a label the dashboard composes from messaging attributes.
        Assert.Equal(publish.Name, publish.Display);

        var process = Assert.Single(spans, s => s.Service == "simulatedplug" && s.Kind == TelemetrySpan.KindConsumer
            && s.Attributes.GetValueOrDefault("messaging.destination.name") == commandTopic);
        Assert.Equal($"process {commandTopic}", process.Name);
        Assert.Equal("mqtt", process.Attributes.GetValueOrDefault("network.protocol.name"));
        Assert.Equal(publish.SpanId, process.ParentSpanId);

        // The cloud-to-cloud hop is HTTP: a client span in the assistant parents a server span in the vendor.
        var vendorServer = Assert.Single(spans, s => s.Service == "vendorcloud" && s.Kind == TelemetrySpan.KindServer);
        var parentOfVendor = Assert.Single(spans, s => s.SpanId == vendorServer.ParentSpanId);
        Assert.Equal("assistantcloud", parentOfVendor.Service);
        Assert.Equal(TelemetrySpan.KindClient, parentOfVendor.Kind);

        // No span of a successful command is an error.
        Assert.DoesNotContain(spans, s => s.StatusCode == 2);
        // Span names read as what happened: no "uplink uplink", the uplink's spans say what they carry.
        Assert.Contains(spans, s => s.Service == "vendorcloud" && s.Kind == TelemetrySpan.KindProducer && s.Display == "send command plug-1");
        Assert.Contains(spans, s => s.Service == "devicegateway" && s.Kind == TelemetrySpan.KindConsumer && s.Display == "process command plug-1");
        Assert.DoesNotContain(spans, s => s.Display.Contains("uplink uplink", StringComparison.Ordinal) || s.Display.StartsWith("MSG ", StringComparison.Ordinal));
    }

    private static IEnumerable<TelemetrySpan> Orphans(IReadOnlyList<TelemetrySpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        return spans.Where(s => s.ParentSpanId is { } parent && !ids.Contains(parent));
    }
}
