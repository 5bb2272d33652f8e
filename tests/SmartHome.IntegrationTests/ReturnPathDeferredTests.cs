using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SmartHome.IntegrationTests;

/// <summary>
/// Deferred responses end to end: the plug takes longer to apply a command than the vendor waits
/// (<see cref="ReturnPathAppFixture.PlugApplyDelayMs"/>), so the skill answers DeferredResponse with
/// estimatedDeferralInSeconds, and the command's outcome follows as the asynchronous Response through the event gateway.
/// </summary>
[Collection(ReturnPathCollection.Name)]
public sealed class ReturnPathDeferredTests(ReturnPathAppFixture fixture)
{
    [Fact]
    public async Task ASlowCommandIsDeferredAndItsResponseFollowsThroughTheEventGateway()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.WaitForEventGrantOnBothSidesAsync("the owner's event grant is active (the vendor defers only where it can report)");
        using var cts = new CancellationTokenSource(Wire.RequestTimeout * 2);
        var tokens = await new VendorOAuth(fixture).LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);
        var brightness = (await fixture.GetPlugStateAsync()).Brightness == 23 ? 27 : 23;
        var directive = AlexaDirectives.Directive("Alexa.BrightnessController", "SetBrightness", tokens.AccessToken!, "plug-1",
            new JsonObject { ["brightness"] = brightness });

        var started = Stopwatch.GetTimestamp();
        var answer = await fixture.SendAsync(directive);
        var answeredAfter = Stopwatch.GetElapsedTime(started);

        Assert.Equal("DeferredResponse", answer.EventName());
        Assert.Equal("Alexa", (string?)answer["event"]!["header"]!["namespace"]);
        Assert.Equal((string?)directive["directive"]!["header"]!["correlationToken"], (string?)answer["event"]!["header"]!["correlationToken"]);
        Assert.True(answer["event"]!["payload"]!["estimatedDeferralInSeconds"]!.GetValue<int>() > 0);
        // Answered before the plug applied it: the DeferredResponse comes at the vendor's patience, not the plug's pace.
        Assert.True(answeredAfter < TimeSpan.FromMilliseconds(ReturnPathAppFixture.PlugApplyDelayMs), $"answered after {answeredAfter}");

        // The asynchronous Response reaches the assistant's event gateway, which keeps the state it carries.
        await Faults.EventuallyAsync(async () =>
        {
            var lamp = await fixture.AssistantDeviceAsync();
            return lamp?["reportedBy"]?.GetValue<string>() == "Response" && lamp["state"]?["brightness"]?.GetValue<int>() == brightness;
        }, $"the asynchronous Response with brightness {brightness} reaches the assistant", TimeSpan.FromSeconds(15));
        Assert.Equal(brightness, (await fixture.GetPlugStateAsync()).Brightness);
    }

    [Fact]
    public async Task TheAssistantSpeaksWhenTheAsynchronousResponseArrives()
    {
        await fixture.EnsureLinkedAsync();
        await fixture.WaitForEventGrantOnBothSidesAsync("the owner's event grant is active");
        var percent = (await fixture.GetPlugStateAsync()).Brightness == 45 ? 55 : 45;

        var started = Stopwatch.GetTimestamp();
        var answer = await fixture.SayAsync($"set the bedroom lamp to {percent} percent");
        var took = Stopwatch.GetElapsedTime(started);

        Assert.Equal("Success", answer.Outcome);
        // The state in the answer is the asynchronous Response's context.
        Assert.Equal(percent, answer.State?.Brightness);
        Assert.Equal(percent, (await fixture.GetPlugStateAsync()).Brightness);
        // The person heard the answer only once the plug had applied it: after the plug's delay, not at the DeferredResponse.
        Assert.True(took >= TimeSpan.FromMilliseconds(ReturnPathAppFixture.PlugApplyDelayMs), $"answered after {took}");

        // One trace: the utterance, the DeferredResponse, and the asynchronous Response the vendor posted to the event gateway.
        var telemetry = DashboardTelemetry.For(fixture);
        var spans = await telemetry.WaitForTraceAsync(answer.TraceId,
            s => s.Any(span => span.Service == "assistantcloud" && span.Name == "event gateway accept Alexa.Response"), TimeSpan.FromSeconds(60));
        var summary = string.Join("\n", spans.Select(s => $"{s.Service}: {s.Name}"));
        Assert.True(spans.Any(s => s.Service == "assistantcloud" && s.Name == "event gateway accept Alexa.Response"),
            $"no asynchronous Response through the event gateway in trace {answer.TraceId}:\n{summary}");
        // The utterance's span (with its events) and the gateway's span may come from different replicas, each exporter
        // batching on its own: wait for the events too.
        var raw = "";
        await Faults.EventuallyAsync(async () =>
        {
            using var cts = new CancellationTokenSource(Wire.RequestTimeout);
            raw = await telemetry.GetRawAsync($"/api/telemetry/traces/{answer.TraceId}", cts.Token);
            return raw.Contains("deferred: waiting up to", StringComparison.Ordinal) && raw.Contains("asynchronous Response arrived", StringComparison.Ordinal);
        }, $"the utterance's span in trace {answer.TraceId} carries the deferral's events", TimeSpan.FromSeconds(60));
        Assert.Contains("deferred: waiting up to", raw);
        Assert.Contains("asynchronous Response arrived", raw);
        Console.WriteLine($"deferred utterance answered after {took.TotalMilliseconds:0} ms");
    }
}
