using System.Net.Http.Json;

namespace SmartHome.IntegrationTests;

/// <summary>Asks the diagnosis, and checks what it names against the fault a test injected.</summary>
public static class Diagnosis
{
    public static async Task<DiagnosisReport> DiagnoseAsync(this SmartHomeAppFixture fixture, string user = "owner", string device = "bedroom lamp")
    {
        using var assistant = fixture.CreateHttpClient("assistantcloud");
        var path = $"/api/diagnose?user={Uri.EscapeDataString(user)}&device={Uri.EscapeDataString(device)}";
        var report = await assistant.GetFromJsonAsync<DiagnosisReport>(path, Wire.Json).WaitAsync(Wire.RequestTimeout);
        Assert.NotNull(report);
        Assert.Equal(DiagnosisReport.HopOrder, report.Hops.Select(h => h.Hop));
        return report;
    }

    /// <summary>Diagnoses until <paramref name="hop"/> is the first failing one (a fault takes a moment to be seen).</summary>
    public static async Task<DiagnosisReport> DiagnoseUntilFirstFailingAsync(this SmartHomeAppFixture fixture, string? hop, string user = "owner")
    {
        DiagnosisReport? last = null;
        await Faults.EventuallyAsync(async () => (last = await fixture.DiagnoseAsync(user)).FirstFailingHop == hop,
            $"{user}'s diagnosis names {hop ?? "no hop"} first (last: {last})");
        var report = last!;
        if (hop is null)
        {
            Assert.True(report.Healthy, report.ToString());
            return report;
        }

        Assert.False(report.Healthy);
        var failed = report[hop];
        Assert.Equal("failed", failed.Status);
        Assert.False(string.IsNullOrWhiteSpace(failed.Cause), report.ToString());
        Assert.False(string.IsNullOrWhiteSpace(failed.Fix), report.ToString());
        Assert.Equal(failed.Cause, report.Cause);
        Assert.Equal(failed.Fix, report.Fix);
        // Every hop before the first failing one was seen working.
        foreach (var before in DiagnosisReport.HopOrder.TakeWhile(h => h != hop))
        {
            Assert.True(report[before].Status == "ok", $"{before} before {hop}: {report}");
        }

        return report;
    }

    /// <summary>
    /// The failed command is the diagnosis's last failed command, and its trace in the dashboard marks the
    /// failing hop's span as an error with the Alexa error type and the cause.
    /// </summary>
    public static async Task AssertFailureIsTracedAsync(this SmartHomeAppFixture fixture, UtteranceAnswer answer,
        string errorType, string failedHop, string failingService)
    {
        Assert.NotNull(answer.TraceId);
        var report = await fixture.DiagnoseAsync();
        Assert.NotNull(report.LastFailedCommand);
        Assert.Equal(answer.TraceId, report.LastFailedCommand.TraceId);
        Assert.Equal(errorType, report.LastFailedCommand.ErrorType);
        Assert.Equal(failedHop, report.LastFailedCommand.FailedHop);

        var telemetry = DashboardTelemetry.For(fixture);
        bool MarksTheHop(TelemetrySpan span, string service) =>
            span.Service == service && span.StatusCode == TelemetrySpan.StatusError
            && span.Attributes.GetValueOrDefault("smarthome.failed_hop") == failedHop
            && !string.IsNullOrWhiteSpace(span.Attributes.GetValueOrDefault("smarthome.cause"));
        var spans = await telemetry.WaitForTraceAsync(answer.TraceId,
            s => s.Any(span => MarksTheHop(span, failingService)) && s.Any(span => MarksTheHop(span, "assistantcloud")),
            TimeSpan.FromSeconds(30));
        var failing = spans.FirstOrDefault(span => MarksTheHop(span, failingService));
        Assert.True(failing is not null, $"no error span of {failingService} names {failedHop}: "
            + string.Join("; ", spans.Select(s => $"{s.Service}/{s.Name} status {s.StatusCode}")));
        var utterance = spans.First(span => MarksTheHop(span, "assistantcloud"));
        Assert.Equal(errorType, utterance.Attributes.GetValueOrDefault("alexa.error.type"));
        if (failingService == "vendorcloud")
        {
            Assert.Equal(errorType, failing.Attributes.GetValueOrDefault("alexa.error.type"));
        }
    }
}
