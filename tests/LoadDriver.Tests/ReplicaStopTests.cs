using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace SmartHome.LoadDriver.Tests;

/// <summary>Stopping replicas under load: the per-second outcomes, the dip and its recovery, the stop beside the stage.</summary>
public sealed class ReplicaStopTests
{
    private const string Bridge = "DeviceError:BRIDGE_UNREACHABLE";

    [Fact]
    public void The_timeline_counts_each_second_s_outcomes_and_replicas_by_intended_start()
    {
        var timeline = new OutcomeTimeline();
        timeline.Record(TimeSpan.FromMilliseconds(100), new UtteranceReply("Success", "aaaa"));
        timeline.Record(TimeSpan.FromMilliseconds(900), new UtteranceReply("Success", "bbbb"));
        timeline.Record(TimeSpan.FromMilliseconds(1500), new UtteranceReply(Bridge, "aaaa"));
        timeline.Record(TimeSpan.FromMilliseconds(1600), new UtteranceReply("ConnectionFailed"));

        var seconds = timeline.Seconds();

        Assert.Equal([0.0, 1.0], seconds.Select(s => s.Second));
        Assert.Equal((2, 2), (seconds[0].Count, seconds[0].Succeeded));
        Assert.Empty(seconds[0].Failures);
        Assert.Equal(new Dictionary<string, long> { ["aaaa"] = 1, ["bbbb"] = 1 }, seconds[0].Replicas);
        Assert.Equal((2, 0), (seconds[1].Count, seconds[1].Succeeded));
        Assert.Equal(new Dictionary<string, long> { [Bridge] = 1, ["ConnectionFailed"] = 1 }, seconds[1].Failures);
        Assert.Equal(new Dictionary<string, long> { ["aaaa"] = 1, [OutcomeTimeline.NoReplica] = 1 }, seconds[1].Replicas);
        Assert.Equal(0, seconds[1].SuccessRate);
        // The load is on the replica of the latest answer that named one.
        Assert.Equal("aaaa", timeline.LatestReplica);
    }

    [Fact]
    public void The_dip_runs_from_the_first_failure_after_the_stop_to_the_first_second_back_at_the_rate_of_before()
    {
        // 10 requests a second; the stop at 5.5 s; seconds 6 and 7 fail in part, 8 is whole again, 9 has one failure more.
        var seconds = Enumerable.Range(0, 10).Select(s => Second(s, s switch { 6 => 4, 7 => 8, 9 => 9, _ => 10 })).ToList();

        var dip = DipReport.Measure(seconds, TimeSpan.FromSeconds(5.5), ["vendorcloud replica x"], []);

        Assert.Equal(1.0, dip.PreFaultSuccessRate);
        Assert.Equal(6, dip.FirstFailureSecond);
        Assert.Equal(9, dip.LastFailureSecond);
        Assert.Equal(8, dip.RecoveredAtSecond);
        Assert.Equal(2.5, dip.RecoverySeconds);
        Assert.Equal(6 + 2 + 1, dip.Failed);
        Assert.Equal(new Dictionary<string, long> { [Bridge] = 9 }, dip.ErrorsByType);
        Assert.Equal(["vendorcloud replica x"], dip.Stopped);
    }

    [Fact]
    public void A_rate_below_one_before_the_stop_is_the_rate_to_come_back_to()
    {
        // Nine in ten succeed before; the stop at 3 s drops second 3 to half; second 4 is back at nine in ten.
        var seconds = new[] { Second(0, 9), Second(1, 9), Second(2, 9), Second(3, 5), Second(4, 9) };

        var dip = DipReport.Measure(seconds, TimeSpan.FromSeconds(3), [], []);

        Assert.Equal(0.9, dip.PreFaultSuccessRate);
        Assert.Equal(3, dip.FirstFailureSecond);
        Assert.Equal(4, dip.RecoveredAtSecond);
        Assert.Equal(1, dip.RecoverySeconds);
    }

    [Fact]
    public void A_stop_nobody_felt_has_no_dip_and_a_dip_that_never_ends_has_no_recovery()
    {
        var unfelt = DipReport.Measure([Second(0, 10), Second(1, 10), Second(2, 10)], TimeSpan.FromSeconds(1), [], []);
        Assert.Null(unfelt.FirstFailureSecond);
        Assert.Equal(0, unfelt.RecoverySeconds);
        Assert.Equal(0, unfelt.Failed);

        var endless = DipReport.Measure([Second(0, 10), Second(1, 10), Second(2, 0), Second(3, 3)], TimeSpan.FromSeconds(2), [], []);
        Assert.Equal(2, endless.FirstFailureSecond);
        Assert.Equal(3, endless.LastFailureSecond);
        Assert.Null(endless.RecoveredAtSecond);
        Assert.Null(endless.RecoverySeconds);
    }

    [Fact]
    public async Task The_replicas_are_stopped_one_of_each_cloud_at_their_time_and_a_failed_stop_is_reported_not_thrown()
    {
        var time = new FakeTimeProvider();
        var stopper = new RecordingStopper(failFor: ReplicaFinder.Vendor);
        var notes = new List<string>();
        var chaos = new ReplicaChaosRun([ReplicaFinder.Assistant, ReplicaFinder.Vendor], TimeSpan.FromSeconds(10),
            new FixedFinder(), stopper, time, note => { lock (notes) { notes.Add(note); } });

        var running = chaos.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(stopper.Stopped);
        time.Advance(TimeSpan.FromSeconds(1));
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([ReplicaFinder.Assistant, ReplicaFinder.Vendor], stopper.Stopped.Select(t => t.Service));
        Assert.Equal(TimeSpan.FromSeconds(10), chaos.StoppedAt);
        var stopped = Assert.Single(chaos.Stopped);
        Assert.Contains("assistantcloud replica a1 (pid 101): asked at 10.0s, gone at 10.0s", stopped, StringComparison.Ordinal);
        var error = Assert.Single(chaos.Errors);
        Assert.StartsWith("vendorcloud: ", error, StringComparison.Ordinal);
        Assert.Equal(2, notes.Count);
    }

    [Fact]
    public async Task A_stage_that_ends_before_the_stop_stops_nothing()
    {
        var stopper = new RecordingStopper();
        using var stageEnd = new CancellationTokenSource();
        var chaos = new ReplicaChaosRun([ReplicaFinder.Vendor], TimeSpan.FromMinutes(5), new FixedFinder(), stopper, new FakeTimeProvider());

        var running = chaos.RunAsync(stageEnd.Token);
        await stageEnd.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(stopper.Stopped);
        Assert.Empty(chaos.Stopped);
        Assert.Empty(chaos.Errors);
    }

    [Fact]
    public void The_live_line_counts_the_answers_of_the_last_second_and_starts_afresh()
    {
        var ticker = new LiveTicker(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), new FakeTimeProvider());
        ticker.Record(new UtteranceReply("Success", "0123456789ab"));
        ticker.Record(new UtteranceReply("Success", "0123456789ab"));
        ticker.Record(new UtteranceReply(Bridge, "fedcba987654"));

        var line = ticker.Tick(TimeSpan.FromSeconds(12));

        Assert.Contains("12s", line, StringComparison.Ordinal);
        Assert.Contains("answered    3: Success 2, DeviceError:BRIDGE_UNREACHABLE 1", line, StringComparison.Ordinal);
        Assert.Contains("replicas 012345 2, fedcba 1", line, StringComparison.Ordinal);
        Assert.Contains("answered    0: -", ticker.Tick(TimeSpan.FromSeconds(13)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_replica_stop_options_are_read_and_imply_the_live_lines()
    {
        var options = DriverOptions.Parse(["--stop-replicas-after", "10s", "--stop-replicas", "vendorcloud", "--vendor", "http://127.0.0.1:6200"]);

        Assert.Equal(TimeSpan.FromSeconds(10), options.StopReplicasAfter);
        Assert.Equal([ReplicaFinder.Vendor], options.StopReplicas);
        Assert.Equal(new Uri("http://127.0.0.1:6200"), options.Vendor);
        Assert.True(options.Live);
        Assert.Equal([ReplicaFinder.Assistant, ReplicaFinder.Vendor], DriverOptions.Parse([]).StopReplicas);
        Assert.Throws<OptionException>(() => DriverOptions.Parse(["--stop-replicas", "devicegateway"]));
    }

    [Fact]
    public void The_report_and_the_json_show_each_second_and_the_dip()
    {
        OutcomeSecond[] seconds = [Second(0, 10), Second(1, 7), Second(2, 10)];
        var dip = DipReport.Measure(seconds, TimeSpan.FromSeconds(1), ["stopped vendorcloud replica v1"], []);
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), "Success");
        var stage = new StageResult(10, 10, 3, recorder.Latency(), 3, recorder.Outcomes(), recorder.Timeline(), null, seconds, dip);
        var run = new RunResult("chaos", DateTimeOffset.UnixEpoch, "http://localhost:5100/", 6, null, [stage], []);
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = 250;

        ConsoleReport.Write(run, console);

        var text = output.ToString();
        Assert.Contains("Replicas stopped at 1s at 10/s", text, StringComparison.Ordinal);
        Assert.Contains("DeviceError:BRIDGE_UNREACHABLE 3", text, StringComparison.Ordinal);
        Assert.Contains("stopped vendorcloud replica v1", text, StringComparison.Ordinal);
        Assert.Contains("first failure at 1s, last at 1s; back at that rate at 2s, 1 s after the stop; 3 failed", text, StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(run, LoadRun.Json)).RootElement.GetProperty("stages")[0];
        Assert.Equal(7, json.GetProperty("outcomeTimeline")[1].GetProperty("succeeded").GetInt64());
        Assert.Equal(1, json.GetProperty("replicaStop").GetProperty("recoverySeconds").GetDouble());
    }

    private static OutcomeSecond Second(double second, long succeeded, long count = 10) => new(
        second, count, succeeded,
        succeeded == count ? new Dictionary<string, long>() : new Dictionary<string, long> { [Bridge] = count - succeeded },
        new Dictionary<string, long> { ["r1"] = count });

    private sealed class FixedFinder : IReplicaFinder
    {
        public Task<ReplicaTarget> FindAsync(string service, CancellationToken cancellationToken) =>
            Task.FromResult(service == ReplicaFinder.Assistant ? new ReplicaTarget(service, "a1", 101, 0) : new ReplicaTarget(service, "v1", 202, 6));
    }

    private sealed class RecordingStopper(string? failFor = null) : IReplicaStopper
    {
        private readonly List<ReplicaTarget> _stopped = [];

        public IReadOnlyList<ReplicaTarget> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public Task<string> StopAsync(ReplicaTarget target, CancellationToken cancellationToken)
        {
            lock (_stopped)
            {
                _stopped.Add(target);
            }

            return target.Service == failFor
                ? Task.FromException<string>(new InvalidOperationException("the replica would not stop"))
                : Task.FromResult("stopped by the test");
        }
    }
}
