namespace SmartHome.IntegrationTests;

/// <summary>
/// Redis commands in the dashboard: inside the trace of the request they were made for, never a trace of
/// their own (the world's heartbeats and clock re-reads run every second in every service).
/// </summary>
[Collection(SmartHomeCollection.Name)]
public sealed class RedisTelemetryTests(SmartHomeAppFixture fixture)
{
    private static readonly string[] Services = ["assistantcloud", "vendorcloud", "devicegateway", "simulatedplug"];

    // The instrumentation turns profiled commands into spans every 10 s: wait longer than that.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task TheAssistantsStoreReadsAreSpansInTheUtterancesTrace()
    {
        await fixture.EnsureLinkedAsync();
        var answer = await fixture.SayAsync("turn on the bedroom lamp");
        Assert.Equal("Success", answer.Outcome);

        var spans = await DashboardTelemetry.For(fixture).WaitForTraceAsync(answer.TraceId,
            s => s.Any(span => span.Service == "assistantcloud" && IsRedisCommand(span)), TimeSpan.FromSeconds(60));

        var summary = string.Join("\n", spans.Select(s => $"{s.Service}: {s.Name} kind={s.Kind} parent={s.ParentSpanId}"));
        var command = spans.FirstOrDefault(s => s.Service == "assistantcloud" && IsRedisCommand(s));
        Assert.True(command is not null, $"No Redis command of the assistant in trace {answer.TraceId}:\n{summary}");
        Assert.Equal(TelemetrySpan.KindClient, command.Kind);
        var parent = Assert.Single(spans, s => s.SpanId == command.ParentSpanId);
        Assert.Equal("assistantcloud", parent.Service);
    }

    [Fact]
    public async Task BackgroundRedisTrafficMakesNoTracesOfItsOwn()
    {
        await fixture.EnsureLinkedAsync();
        // Something traced with Redis in it, so that the instrumentation is seen to be on.
        var answer = await fixture.SayAsync("turn off the bedroom lamp");
        Assert.Equal("Success", answer.Outcome);
        await Task.Delay(Idle);

        var telemetry = DashboardTelemetry.For(fixture);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var redisCommands = 0;
        var spansByService = new Dictionary<string, IReadOnlyList<TelemetrySpan>>();
        // Each service as the dashboard names it: with several replicas of a cloud, each replica is a resource of its own.
        foreach (var service in Services)
        {
            foreach (var instance in await fixture.World.InstancesAsync(service, cts.Token))
            {
                spansByService[instance] = await telemetry.GetTracesAsync(instance, limit: 10000, cts.Token);
            }
        }

        var allSpanIds = spansByService.Values.SelectMany(spans => spans).GroupBy(s => s.SpanId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (service, spans) in spansByService)
        {
            var traces = spans.GroupBy(s => s.TraceId).ToList();
            redisCommands += traces.Sum(trace => trace.Count(IsRedisCommand));
            var redisOnly = traces.Where(trace => trace.All(IsRedisCommand)).ToList();
            // Where each such trace hangs: its parent span, if any service exported it (else it was never seen).
            Assert.True(redisOnly.Count == 0,
                $"{service} has {redisOnly.Count} traces of Redis commands alone, e.g. "
                + string.Join(", ", redisOnly.Take(5).Select(trace =>
                    $"{string.Join("+", trace.Select(s => s.Name))} (trace {trace.Key}, parent "
                    + (trace.First().ParentSpanId is { Length: > 0 } parent
                        ? allSpanIds.TryGetValue(parent, out var p) ? $"{p.Service}: {p.Name}" : $"{parent}, not exported"
                        : "none")
                    + ")")));
        }

        Assert.True(redisCommands > 0, "no Redis command span at all: is the Redis instrumentation on?");
    }

    private static bool IsRedisCommand(TelemetrySpan span) =>
        span.Attributes.GetValueOrDefault("db.system") == "redis" || span.Attributes.GetValueOrDefault("db.system.name") == "redis";
}
