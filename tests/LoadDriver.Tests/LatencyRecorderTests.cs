namespace SmartHome.LoadDriver.Tests;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_come_from_every_recorded_latency()
    {
        var recorder = new LatencyRecorder();
        for (var ms = 1; ms <= 100; ms++)
        {
            recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(ms), LatencyRecorder.Success);
        }

        var latency = recorder.Latency();

        Assert.Equal(100, latency.Count);
        Assert.InRange(latency.P50Ms, 49.9, 50.1);
        Assert.InRange(latency.P99Ms, 98.9, 99.1);
        Assert.InRange(latency.MaxMs, 99.9, 100.1);
        Assert.InRange(latency.MeanMs, 50.4, 50.6);
    }

    [Fact]
    public void Outcomes_are_counted_by_type_and_everything_but_success_is_an_error()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(3), "Success");
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(3), "Success");
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(3), "DeviceError:BRIDGE_UNREACHABLE");
        recorder.Record(TimeSpan.Zero, TimeSpan.FromSeconds(10), "Timeout");

        Assert.Equal(
            new Dictionary<string, long> { ["DeviceError:BRIDGE_UNREACHABLE"] = 1, ["Success"] = 2, ["Timeout"] = 1 },
            recorder.Outcomes());
        Assert.Equal(2, recorder.Errors());
    }

    [Fact]
    public void The_timeline_has_one_point_per_second_of_intended_start()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), "Success");
        recorder.Record(TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(20), "Success");
        // Meant to start in second 2, however late it answered.
        recorder.Record(TimeSpan.FromMilliseconds(2500), TimeSpan.FromMilliseconds(3000), "Timeout");

        var timeline = recorder.Timeline();

        Assert.Equal([0.0, 2.0], timeline.Select(p => p.Second));
        Assert.Equal(2, timeline[0].Count);
        Assert.Equal(0, timeline[0].Errors);
        Assert.InRange(timeline[0].MaxMs, 19.9, 20.1);
        Assert.Equal(1, timeline[1].Errors);
        Assert.InRange(timeline[1].P50Ms, 2990, 3010);
    }

    [Fact]
    public void Outcomes_are_split_by_what_the_fault_did_to_each_request()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), "Success", FaultExposure.BeforeWindow);
        recorder.Record(TimeSpan.FromSeconds(31), TimeSpan.FromMilliseconds(5), "DeviceError:BRIDGE_UNREACHABLE", FaultExposure.AfterWindow);
        recorder.Record(TimeSpan.FromSeconds(32), TimeSpan.FromMilliseconds(5), "Success", FaultExposure.AfterWindow);
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), "Success", FaultExposure.WindowOtherHome);
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), "DeviceError:BRIDGE_UNREACHABLE", FaultExposure.WindowFaultedHome);
        recorder.Record(TimeSpan.Zero, TimeSpan.FromMilliseconds(5), "DeviceError:BRIDGE_UNREACHABLE", FaultExposure.WindowFaultedHome);

        var byExposure = recorder.OutcomesByExposure();

        Assert.Equal(["BeforeWindow", "WindowOtherHome", "WindowFaultedHome", "AfterWindow"], byExposure.Keys);
        Assert.Equal(TimeSpan.FromSeconds(31), recorder.LastErrorAt(FaultExposure.AfterWindow));
        Assert.Null(recorder.LastErrorAt(FaultExposure.BeforeWindow));
        Assert.Equal(2, byExposure["WindowFaultedHome"]["DeviceError:BRIDGE_UNREACHABLE"]);
        Assert.Equal(1, byExposure["WindowOtherHome"]["Success"]);
    }

    [Fact]
    public async Task Requests_completing_on_many_threads_are_all_counted()
    {
        var recorder = new LatencyRecorder();

        await Parallel.ForAsync(0, 10_000, (i, _) =>
        {
            recorder.Record(TimeSpan.FromMilliseconds(i % 3000), TimeSpan.FromMilliseconds(1 + i % 50), "Success");
            return ValueTask.CompletedTask;
        });

        Assert.Equal(10_000, recorder.Count);
        Assert.Equal(10_000, recorder.Timeline().Sum(p => p.Count));
    }
}
