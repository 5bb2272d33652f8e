namespace SmartHome.IntegrationTests;

/// <summary>
/// A healthy app is quiet in the dashboard, so that a person can trust red: after start-up and 20 healthy
/// commands, one of which needs a token refresh, no Error-level log record and no error trace in any resource.
/// Its own AppHost: the shared ones have faults in their history.
/// </summary>
[Collection(QuietAppCollection.Name)]
public sealed class QuietDashboardTests(QuietAppFixture fixture)
{
    private static readonly string[] Utterances =
    [
        "turn on the bedroom lamp",
        "set the bedroom lamp to 40 percent",
        "brighten the bedroom lamp",
        "dim the bedroom lamp by 10 percent",
        "is the bedroom lamp on",
        "what is the bedroom lamp's brightness",
        "turn off the bedroom lamp",
    ];

    [Fact]
    public async Task StartUpAndTwentyHealthyCommandsIncludingATokenRefreshLeaveNoErrorInTheDashboard()
    {
        var refreshesBefore = (await fixture.GetOAuthStatsAsync()).Refreshes;
        var traceIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            if (i == 10)
            {
                // The vendor now calls the assistant's access token expired: Alexa's refresh-and-retry, a healthy path.
                await fixture.PostVendorAsync($"/sim/oauth/expire-access-tokens?email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}");
            }

            var answer = await fixture.SayAsync(Utterances[i % Utterances.Length]);
            Assert.True(answer.Outcome == "Success", $"command {i} '{Utterances[i % Utterances.Length]}': {answer.Outcome} {answer.ErrorType}");
            traceIds.Add(answer.TraceId);
        }

        Assert.True((await fixture.GetOAuthStatsAsync()).Refreshes > refreshesBefore, "no command needed a token refresh");

        // Exporters batch: wait until the last command's trace has reached the dashboard from every hop.
        var telemetry = DashboardTelemetry.For(fixture);
        var last = await telemetry.WaitForTraceAsync(traceIds[^1],
            spans => World.Services.All(service => spans.Any(span => span.Service == service)), TimeSpan.FromSeconds(60));
        Assert.NotEmpty(last);
        // The refreshed command's trace shows the refresh, and nothing red.
        var refreshed = await telemetry.WaitForTraceAsync(traceIds[10],
            spans => spans.Any(span => span.Name == "oauth refresh"), TimeSpan.FromSeconds(60));
        Assert.True(refreshed.Any(span => span.Name == "oauth refresh"), $"no refresh in the trace of command 10 ({traceIds[10]}): "
            + string.Join("; ", refreshed.Select(span => $"{span.Service}/{span.Name}")));
        Assert.DoesNotContain(refreshed, span => span.IsError);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the logs' batch behind the spans'

        using var cts = new CancellationTokenSource(Wire.RequestTimeout);
        // The API does answer with records: every service's Information logs are there.
        var logs = await telemetry.GetLogsAsync("Information", cts.Token);
        Assert.All(World.Services, service => Assert.Contains(logs, l => l.Service == service && l.SeverityNumber >= 9));
        var errorLogs = await telemetry.GetLogsAsync("Error", cts.Token);
        Assert.All(errorLogs, l => Assert.True(l.IsErrorOrWorse, $"not an error: {l}"));
        Assert.True(errorLogs.Count == 0, "Error-level log records:\n" + string.Join("\n", errorLogs));

        var errorSpans = await telemetry.GetErrorTraceSpansAsync(cts.Token);
        Assert.True(errorSpans.Count == 0, "error traces:\n" + string.Join("\n", errorSpans
            .Where(s => s.IsError)
            .Select(s => $"{s.TraceId} {s.Service}: '{s.Display}' {s.StatusMessage}")));
    }
}

/// <summary>A world of its own with no fault in its history.</summary>
public sealed class QuietAppFixture : SmartHomeAppFixture;

[CollectionDefinition(Name)]
public sealed class QuietAppCollection : ICollectionFixture<QuietAppFixture>
{
    public const string Name = "SmartHome app, never faulted";
}
