using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace SmartHome.ServiceDefaults.Tests;

public sealed class ReconnectLoopTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly ObservedClock _clock = new();
    private readonly FakeLogger _log = new();
    private readonly Channel<TaskCompletionSource<SessionAttempt>> _attempts = Channel.CreateUnbounded<TaskCompletionSource<SessionAttempt>>();
    private readonly CancellationTokenSource _stop = new();

    // Jitter pinned to the middle: every delay is half its ceiling (base 100 ms, cap 1 s).
    private readonly ReconnectBackoff _backoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new MiddleRandom());

    public void Dispose() => _stop.Dispose();

    [Fact]
    public async Task The_backoff_grows_with_each_failed_attempt_up_to_its_cap()
    {
        var running = Start();

        List<double> delays = [];
        for (var i = 0; i < 6; i++)
        {
            await FailNextAsync("connection refused");
            delays.Add((await NextDelayAsync()).TotalMilliseconds);
        }

        Assert.Equal([50, 100, 200, 400, 500, 500], delays);
        await StopAsync(running);
    }

    [Fact]
    public async Task A_good_session_resets_the_backoff()
    {
        var running = Start();
        await FailNextAsync("refused");
        Assert.Equal(50, (await NextDelayAsync()).TotalMilliseconds);
        await FailNextAsync("refused");
        Assert.Equal(100, (await NextDelayAsync()).TotalMilliseconds);

        var session = await StartNextAsync();
        session.SetResult("lost");

        Assert.Equal(50, (await NextDelayAsync()).TotalMilliseconds);
        await StopAsync(running);
    }

    [Fact]
    public async Task Nothing_is_tried_while_the_gate_is_closed()
    {
        var open = false;
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ReconnectGate(() => Volatile.Read(ref open), token => opened.Task.WaitAsync(token));
        var running = Start(gate);

        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(_attempts.Reader.TryRead(out _));

        Volatile.Write(ref open, true);
        opened.SetResult();
        await FailNextAsync("refused");
        await StopAsync(running);
    }

    [Fact]
    public async Task Cancelling_stops_the_loop_in_a_backoff()
    {
        var running = Start();
        await FailNextAsync("refused");
        await NextDelayAsync(pass: false);

        await StopAsync(running);
        _clock.Fake.Advance(TimeSpan.FromMinutes(1));
        Assert.False(_attempts.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Cancelling_stops_the_loop_during_a_session_without_logging_a_fault()
    {
        var running = Start();
        var session = await StartNextAsync();

        // The session ends because of the stop (its task watches the token, as the contract asks).
        await StopAsync(running);
        Assert.False(session.Task.IsCompleted);

        Assert.DoesNotContain(_log.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task An_outage_is_logged_once_when_it_starts_and_once_when_it_ends()
    {
        var running = Start();
        var session = await StartNextAsync();
        session.SetResult("session lost: KeepAliveTimeout");
        await NextDelayAsync();
        for (var i = 0; i < 4; i++)
        {
            await FailNextAsync("connection refused");
            await NextDelayAsync();
        }

        await StartNextAsync();
        await WaitForLogAsync(r => r.Message.Contains("is back after", StringComparison.Ordinal));
        await StopAsync(running);

        var records = _log.Collector.GetSnapshot();
        var warning = Assert.Single(records, r => r.Level >= LogLevel.Warning);
        Assert.Equal("test session is down: session lost: KeepAliveTimeout; reconnecting with backoff", warning.Message);
        Assert.Equal(4, records.Count(r => r.Level == LogLevel.Debug && r.Message.Contains("still down", StringComparison.Ordinal)));
        Assert.Single(records, r => r.Level == LogLevel.Information && r.Message.Contains("back after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_ended_by_its_gate_is_not_logged_as_a_fault_and_is_tried_again_as_soon_as_the_gate_opens()
    {
        var open = true;
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ReconnectGate(() => Volatile.Read(ref open), token => opened.Task.WaitAsync(token));
        var running = Start(gate);

        var session = await StartNextAsync();
        Volatile.Write(ref open, false);
        session.SetResult("connection cut");
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(_attempts.Reader.TryRead(out _)); // nothing tried while closed

        Volatile.Write(ref open, true);
        opened.SetResult();
        // At once: no backoff timer before the attempt (the clock is never advanced here).
        await StartNextAsync();
        Assert.False(_clock.Timers.Reader.TryRead(out var delay), $"a backoff of {delay} before the attempt");
        await StopAsync(running);

        Assert.DoesNotContain(_log.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_failure_after_the_gate_opens_backs_off_from_the_start()
    {
        var open = false;
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new ReconnectGate(() => Volatile.Read(ref open), token => opened.Task.WaitAsync(token));
        var running = Start(gate);

        Volatile.Write(ref open, true);
        opened.SetResult();
        await FailNextAsync("refused");
        Assert.Equal(50, (await NextDelayAsync()).TotalMilliseconds);
        await FailNextAsync("refused");
        Assert.Equal(100, (await NextDelayAsync()).TotalMilliseconds);
        await StopAsync(running);
    }

    private Task Start(ReconnectGate? gate = null)
    {
        var loop = new ReconnectLoop("test session", _backoff, _clock, _log, gate);
        return loop.RunAsync(async token =>
        {
            var attempt = new TaskCompletionSource<SessionAttempt>(TaskCreationOptions.RunContinuationsAsynchronously);
            await _attempts.Writer.WriteAsync(attempt, token);
            return await attempt.Task.WaitAsync(token);
        }, _stop.Token);
    }

    private async Task FailNextAsync(string reason)
    {
        var attempt = await _attempts.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        attempt.SetResult(SessionAttempt.Failed(reason));
    }

    /// <summary>Lets the next attempt start a session; complete it to end the session.</summary>
    private async Task<TaskCompletionSource<string?>> StartNextAsync()
    {
        var attempt = await _attempts.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var session = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        attempt.SetResult(SessionAttempt.Started(session.Task.WaitAsync(_stop.Token)));
        return session;
    }

    /// <summary>The next backoff the loop waits; unless told not to, lets that time pass.</summary>
    private async Task<TimeSpan> NextDelayAsync(bool pass = true)
    {
        var delay = await _clock.Timers.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        if (pass)
        {
            _clock.Fake.Advance(delay);
        }

        return delay;
    }

    private async Task StopAsync(Task running)
    {
        await _stop.CancelAsync();
        await running.WaitAsync(Bound);
    }

    private async Task WaitForLogAsync(Func<FakeLogRecord, bool> match)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!_log.Collector.GetSnapshot().Any(match))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
        }
    }

    /// <summary>A fake clock that reports every timer the loop starts (its backoff delays).</summary>
    private sealed class ObservedClock : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();

        public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            Timers.Writer.TryWrite(dueTime);
            return timer;
        }
    }

    private sealed class MiddleRandom : Random
    {
        public override double NextDouble() => 0.5;
    }
}
