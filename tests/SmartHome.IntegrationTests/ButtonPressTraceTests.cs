using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmartHome.IntegrationTests;

/// <summary>
/// One trace per button press: the plug's publish, the gateway, the vendor's ChangeReport and the assistant's event
/// gateway, as the dashboard shows it; and the question after it answered from the report, with no directive sent.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ButtonPressTraceTests(ReturnPathAppFixture fixture)
{
    private static readonly string[] Hops = ["simulatedplug", "devicegateway", "vendorcloud", "assistantcloud"];

    private static readonly TimeSpan TraceTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AButtonPressIsOneTraceFromThePlugThroughTheGatewayAndTheVendorToTheEventGateway()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        var telemetry = DashboardTelemetry.For(fixture);
        using var cts = new CancellationTokenSource(TraceTimeout);
        var before = (await telemetry.GetTracesAsync("simulatedplug", 200, cts.Token)).Select(s => s.TraceId).ToHashSet();

        var (_, took) = await fixture.PressAndWaitForChangeReportAsync();

        // The press's trace: new since the press, with the event gateway's acceptance of the ChangeReport in it.
        IReadOnlyList<TelemetrySpan> trace = [];
        await Faults.EventuallyAsync(async () =>
        {
            var spans = await telemetry.GetTracesAsync("simulatedplug", 20, cts.Token);
            trace = spans.Where(s => !before.Contains(s.TraceId)).GroupBy(s => s.TraceId)
                .Select(g => (IReadOnlyList<TelemetrySpan>)[.. g])
                .FirstOrDefault(g => Hops.All(hop => g.Any(s => s.Service == hop))
                                     && g.Any(s => s.Service == "assistantcloud" && s.Name == "event gateway accept Alexa.ChangeReport")
                                     // A child span can be exported before its parent: wait until every parent has arrived.
                                     && g.Count(s => IsRootIn(s, g)) == 1) ?? [];
            return trace.Count > 0;
        }, "the button press's trace reaches the assistant's event gateway", TraceTimeout);

        var summary = string.Join("\n", trace.Select(s => $"{s.Service}: {s.Display} kind={s.Kind} parent={s.ParentSpanId}"));
        Assert.Single(trace.Select(s => s.TraceId).Distinct());
        var root = Assert.Single(trace, s => IsRootIn(s, trace));
        Assert.True(root.Service == "simulatedplug", $"the trace starts at the plug:\n{summary}");
        Assert.Contains(trace, s => s.Service == "simulatedplug" && s.Kind == TelemetrySpan.KindProducer);
        Assert.Contains(trace, s => s.Service == "devicegateway" && s.Kind == TelemetrySpan.KindConsumer);
        Assert.Contains(trace, s => s.Service == "vendorcloud" && s.Name == "report ChangeReport plug-1");
        Assert.Contains(trace, s => s.Service == "assistantcloud" && s.Kind == TelemetrySpan.KindServer);
        Assert.DoesNotContain(trace, s => s.IsError);
        Console.WriteLine($"button press to the assistant's state: {took.TotalMilliseconds:0} ms; its trace:\n{summary}");
    }

    private static bool IsRootIn(TelemetrySpan span, IReadOnlyCollection<TelemetrySpan> trace) =>
        span.ParentSpanId is null || trace.All(p => p.SpanId != span.ParentSpanId);

    [Fact]
    public async Task AfterAButtonPressTheQuestionIsAnsweredFromTheChangeReportWithNoDirectiveToTheVendor()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(async () => (await fixture.EventGrantAsync())?["state"]?.GetValue<string>() == "active",
            "the owner's event grant is active", TimeSpan.FromSeconds(90));
        var (power, _) = await fixture.PressAndWaitForChangeReportAsync();

        using var assistant = fixture.CreateHttpClient("assistantcloud");
        using var asked = await assistant.PostAsJsonAsync("/api/utterances", new { user = "owner", text = "is the bedroom lamp on" }).WaitAsync(Wire.RequestTimeout);
        var answer = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!;
        Assert.Equal("Success", answer["outcome"]!.GetValue<string>());
        Assert.Contains(power == "ON" ? " is on" : " is off", answer["speech"]!.GetValue<string>());
        Assert.Equal("ChangeReport", answer["answeredFrom"]?["source"]?.GetValue<string>());

        // No ReportState: the question's trace never reaches the vendor (wait for the assistant's spans, then look).
        var telemetry = DashboardTelemetry.For(fixture);
        var traceId = answer["traceId"]!.GetValue<string>();
        var spans = await telemetry.WaitForTraceAsync(traceId, s => s.Any(span => span.Service == "assistantcloud" && span.ParentSpanId is null),
            TraceTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        using var cts = new CancellationTokenSource(Wire.RequestTimeout);
        spans = await telemetry.GetTraceAsync(traceId, cts.Token);
        Assert.NotEmpty(spans);
        Assert.DoesNotContain(spans, s => s.Service == "vendorcloud");
        Assert.DoesNotContain(spans, s => s.Name.Contains("ReportState", StringComparison.Ordinal));
    }
}
