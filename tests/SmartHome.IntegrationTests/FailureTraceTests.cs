using System.Text.RegularExpressions;

namespace SmartHome.IntegrationTests;

/// <summary>
/// A failed command's trace says, in the dashboard's waterfall and without opening a span, which hop failed and
/// why; each fault looks different. Read back through the dashboard's telemetry API, with the label the
/// waterfall shows (<see cref="TelemetrySpan.Display"/>).
/// </summary>
[Collection(SlidingLinkCollection.Name)]
[Trait("Category", "Chaos")]
public sealed partial class FailureTraceTests(SlidingLinkAppFixture fixture)
{
    private static readonly TimeSpan TraceTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EachFaultsTraceNamesTheFailingHopAndTheCauseAndTheFourLookDifferent()
    {
        await fixture.EnsureLinkedAsync();
        var headlines = new Dictionary<string, string>
        {
            ["wifi"] = await WifiOffAsync(),
            ["broadband"] = await BroadbandDownAsync(),
            ["link"] = await RevokedLinkAsync(),
            ["vendor"] = await VendorOutageAsync(),
        };

        Assert.Equal(4, headlines.Values.Distinct(StringComparer.Ordinal).Count());
        await AllHealthyAsync();
    }

    [Fact]
    public async Task AnOutageIsLoggedWhenItStartsAndWhenItEndsNotOnEveryReconnect()
    {
        await fixture.EnsureLinkedAsync();
        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is online before the test");
        var start = DateTimeOffset.UtcNow;
        await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off");
        try
        {
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug's last will marks it offline");
            // Long enough for several keep-alive periods and reconnect attempts, had they been logged.
            await Task.Delay(TimeSpan.FromSeconds(15));
        }
        finally
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/on");
        }

        await Faults.EventuallyAsync(() => fixture.IsDeviceOnlineAtGatewayAsync(), "the plug is back online");
        // Exporters batch: give the "back" records time to arrive.
        var telemetry = DashboardTelemetry.For(fixture);
        IReadOnlyList<TelemetryLog> window = [];
        await Faults.EventuallyAsync(async () =>
        {
            window = await LogsSinceAsync(telemetry, start);
            return window.Any(l => l.Service == "devicegateway" && l.Message.Contains("back online", StringComparison.Ordinal));
        }, "the gateway logs that the plug is back", TimeSpan.FromSeconds(30));

        var dump = string.Join("\n", window);
        var warnings = window.Where(l => l.Service is "simulatedplug" or "devicegateway" && l.SeverityNumber >= 13).ToList();
        // One Warning where each side sees the fault start: the plug's radio going off, the gateway's device going offline.
        Assert.True(warnings.Count(l => l.Service == "simulatedplug") == 1, $"plug warnings:\n{dump}");
        Assert.True(warnings.Count(l => l.Service == "devicegateway") == 1, $"gateway warnings:\n{dump}");
        Assert.Contains(warnings, l => l.Service == "devicegateway" && l.Message.Contains("went offline", StringComparison.Ordinal));
        Assert.Single(window, l => l.Service == "devicegateway" && l.Message.Contains("back online", StringComparison.Ordinal));
        Assert.DoesNotContain(window, l => l.IsErrorOrWorse);
        await AllHealthyAsync();
    }

    /// <summary>The tests after these find every resource healthy again, as the AppHost's probes see it.</summary>
    private async Task AllHealthyAsync()
    {
        using var cts = new CancellationTokenSource(Faults.DetectionTimeout);
        foreach (var name in SmartHomeAppFixture.ResourceNames)
        {
            await fixture.World.WaitForHealthyAsync(name, cts.Token);
        }
    }

    private async Task<string> WifiOffAsync()
    {
        try
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/off");
            await Faults.EventuallyAsync(async () => !await fixture.IsDeviceOnlineAtGatewayAsync(), "the plug's last will marks it offline");
            var answer = await fixture.SayUntilAsync("turn on the bedroom lamp", "DeviceError");
            Assert.Equal("ENDPOINT_UNREACHABLE", answer.ErrorType);
            return await AssertFailingHopAsync(answer, "vendorcloud", "plug", PlugOffline(), "utterance TurnOn bedroom lamp");
        }
        finally
        {
            await fixture.SwitchAsync("simulatedplug", "/sim/wifi/on");
            await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
        }
    }

    private async Task<string> BroadbandDownAsync()
    {
        try
        {
            await fixture.SwitchAsync("devicegateway", "/sim/broadband/down");
            var answer = await fixture.SayUntilAsync("turn off the bedroom lamp", "DeviceError");
            Assert.Equal("BRIDGE_UNREACHABLE", answer.ErrorType);
            return await AssertFailingHopAsync(answer, "vendorcloud", "uplink", UplinkDown(), "utterance TurnOff bedroom lamp");
        }
        finally
        {
            await fixture.SwitchAsync("devicegateway", "/sim/broadband/up");
            await fixture.SayUntilAsync("turn off the bedroom lamp", "Success");
        }
    }

    private async Task<string> RevokedLinkAsync()
    {
        try
        {
            await fixture.PostVendorAsync($"/sim/oauth/revoke-grants?email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}");
            var answer = await fixture.SayAsync("set the bedroom lamp to 35 percent");
            Assert.Equal("LinkExpired", answer.Outcome);
            return await AssertFailingHopAsync(answer, "vendorcloud", "link", LinkEnded(), "utterance SetBrightness bedroom lamp");
        }
        finally
        {
            await fixture.RelinkAsync();
        }
    }

    private async Task<string> VendorOutageAsync()
    {
        try
        {
            await fixture.SwitchAsync("vendorcloud", "/sim/outage/on");
            var answer = await fixture.SayAsync("turn on the bedroom lamp");
            Assert.Equal("ServiceUnavailable", answer.Outcome);
            return await AssertFailingHopAsync(answer, "assistantcloud", "vendor", VendorUnavailable(), "utterance TurnOn bedroom lamp");
        }
        finally
        {
            await fixture.SwitchAsync("vendorcloud", "/sim/outage/off");
            await fixture.SayUntilAsync("turn on the bedroom lamp", "Success");
        }
    }

    /// <summary>
    /// The trace has a red span of <paramref name="service"/> for <paramref name="hop"/> whose waterfall label reads
    /// as <paramref name="headline"/> (the hop and the cause) and whose status description says the cause; the
    /// trace's root is named after the utterance. Returns the label.
    /// </summary>
    private async Task<string> AssertFailingHopAsync(UtteranceAnswer answer, string service, string hop, Regex headline, string rootName)
    {
        var telemetry = DashboardTelemetry.For(fixture);
        bool IsTheFailingHop(TelemetrySpan span) =>
            span.Service == service && span.IsError && span.Attributes.GetValueOrDefault("smarthome.failed_hop") == hop
            && headline.IsMatch(span.Display);
        var spans = await telemetry.WaitForTraceAsync(answer.TraceId,
            s => s.Any(IsTheFailingHop) && s.Any(span => span.ParentSpanId is null), TraceTimeout);
        var summary = string.Join("\n", spans.Select(s => $"{s.Service}: '{s.Display}' status {s.StatusCode} '{s.StatusMessage}'"));

        var failing = spans.FirstOrDefault(IsTheFailingHop);
        Assert.True(failing is not null, $"no red {service} span reads {headline} in trace {answer.TraceId}:\n{summary}");
        Assert.False(string.IsNullOrWhiteSpace(failing.StatusMessage), $"the failing span has no status description:\n{summary}");
        Assert.Equal(failing.Attributes.GetValueOrDefault("smarthome.cause"), failing.StatusMessage);

        var root = Assert.Single(spans, s => s.ParentSpanId is null);
        Assert.Equal(rootName, root.Name);
        return failing.Display;
    }

    private static async Task<IReadOnlyList<TelemetryLog>> LogsSinceAsync(DashboardTelemetry telemetry, DateTimeOffset start)
    {
        using var cts = new CancellationTokenSource(Wire.RequestTimeout);
        return (await telemetry.GetLogsAsync(null, cts.Token)).Where(l => l.Time >= start).OrderBy(l => l.Time).ToList();
    }

    [GeneratedRegex(@"^plug offline since \d\d:\d\d:\d\d UTC \(ENDPOINT_UNREACHABLE\)$")]
    private static partial Regex PlugOffline();

    [GeneratedRegex(@"^home uplink down since \d\d:\d\d:\d\d UTC \(BRIDGE_UNREACHABLE\)$")]
    private static partial Regex UplinkDown();

    [GeneratedRegex(@"^link revoked: \S+ \(INVALID_AUTHORIZATION_CREDENTIAL\)$")]
    private static partial Regex LinkEnded();

    [GeneratedRegex(@"^vendor unavailable \(503\)$")]
    private static partial Regex VendorUnavailable();
}
