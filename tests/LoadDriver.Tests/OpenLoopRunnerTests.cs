using Microsoft.Extensions.Time.Testing;

namespace SmartHome.LoadDriver.Tests;

public sealed class OpenLoopRunnerTests
{
    private static readonly UtteranceMix Mix = new(WorldPeople.Fleet(3), seed: 1);

    [Fact]
    public async Task A_stalled_request_does_not_hold_back_the_next_ones_and_its_stall_is_its_latency()
    {
        var time = new FakeTimeProvider();
        var stall = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new ScriptedSender(call => call == 0 ? stall.Task : Task.FromResult("Success"));
        var recorder = new LatencyRecorder();
        var runner = new OpenLoopRunner(sender, time);

        var running = runner.RunAsync(new ArrivalSchedule(10, TimeSpan.FromSeconds(1)), Mix, recorder, NoFault, null, CancellationToken.None);
        for (var step = 1; step <= 9; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await WaitUntil(() => recorder.Count == step);
        }

        time.Advance(TimeSpan.FromMilliseconds(100));
        stall.SetResult("Success");
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var latency = recorder.Latency();
        Assert.Equal(10, latency.Count);
        Assert.Equal(10, sender.Calls);
        // Nine answered at once; the first, meant to start at 0, answered only at 1 s.
        Assert.InRange(latency.P50Ms, 0, 0.01);
        Assert.InRange(latency.MaxMs, 999, 1001);
    }

    [Fact]
    public async Task A_driver_that_falls_behind_counts_its_lateness_as_latency()
    {
        var time = new FakeTimeProvider();
        var sender = new ScriptedSender(_ => Task.FromResult("Success"));
        var recorder = new LatencyRecorder();
        var runner = new OpenLoopRunner(sender, time);

        var running = runner.RunAsync(new ArrivalSchedule(10, TimeSpan.FromSeconds(1)), Mix, recorder, NoFault, null, CancellationToken.None);
        await WaitUntil(() => recorder.Count == 1);
        // The driver could not send for a whole second (a GC pause, a starved CPU): nine requests are overdue.
        time.Advance(TimeSpan.FromSeconds(1));
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        var latency = recorder.Latency();
        Assert.Equal(10, latency.Count);
        // 0, then 900, 800, ..., 100 ms late: coordinated omission would have recorded ten zeros.
        Assert.InRange(latency.MaxMs, 899, 901);
        Assert.InRange(latency.MeanMs, 449, 451);
    }

    [Fact]
    public async Task Requests_are_sent_without_waiting_for_earlier_answers()
    {
        var sender = new ScriptedSender(async _ =>
        {
            await Task.Delay(300);
            return "Success";
        });
        var recorder = new LatencyRecorder();
        var runner = new OpenLoopRunner(sender, TimeProvider.System);
        var completed = 0;

        await runner.RunAsync(new ArrivalSchedule(200, TimeSpan.FromMilliseconds(250)), Mix, recorder, NoFault, () => Interlocked.Increment(ref completed), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(50, recorder.Count);
        Assert.Equal(50, completed);
        // A closed loop would have had one request in flight at a time.
        Assert.True(runner.MaxInFlight >= 10, $"at most {runner.MaxInFlight} requests were in flight");
        Assert.True(recorder.Latency().P50Ms >= 299, $"p50 {recorder.Latency().P50Ms} ms under the sender's 300 ms");
    }

    [Fact]
    public async Task Each_request_is_recorded_with_its_fault_exposure()
    {
        var time = new FakeTimeProvider();
        var sender = new ScriptedSender(_ => Task.FromResult("DeviceError:BRIDGE_UNREACHABLE"));
        var recorder = new LatencyRecorder();
        var runner = new OpenLoopRunner(sender, time);

        await runner.RunAsync(new ArrivalSchedule(10, TimeSpan.FromMilliseconds(100)), Mix, recorder, (_, _) => FaultExposure.WindowFaultedHome, null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, recorder.OutcomesByExposure()["WindowFaultedHome"]["DeviceError:BRIDGE_UNREACHABLE"]);
    }

    private static FaultExposure NoFault(TimeSpan offset, Person person) => FaultExposure.NoFault;

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class ScriptedSender(Func<int, Task<string>> answer) : IUtteranceSender
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task<UtteranceReply> SendAsync(PlannedUtterance utterance, CancellationToken cancellationToken) =>
            new(await answer(Interlocked.Increment(ref _calls) - 1));
    }
}
