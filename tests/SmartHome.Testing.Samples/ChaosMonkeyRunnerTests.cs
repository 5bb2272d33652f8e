using Microsoft.Extensions.Logging;
using SmartHome.Testing.Chaos;

namespace SmartHome.Testing.Samples;

/// <summary>
/// The dashboard's "Start chaos monkey" / "Stop chaos monkey" without a world: a fake run that waits until it is stopped,
/// or ends by itself, or cannot run. One run at a time, stopping reaches the run, the findings say what it saw.
/// </summary>
public sealed class ChaosMonkeyRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly ChaosSchedule Schedule = ChaosSchedule.Parse("""
        0.5s say owner "turn on the bedroom lamp"
        1.0s fault WifiOff home-1/plug-1 for 5.0s
        2.0s say owner "turn off the bedroom lamp"
        30.0s say owner "turn on the bedroom lamp"
        """);

    private readonly LinesLogger _log = new();

    [Fact]
    public async Task StopEndsTheRunningMonkeyAndAnswersWithItsFindings()
    {
        var stoppedSeen = new TaskCompletionSource();
        var runner = new ChaosMonkeyRunner(async (seed, duration, stopping, aborting) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            stoppedSeen.SetResult();
            return Report(seed, duration, TimeSpan.FromSeconds(3), stoppedEarly: true);
        }, _log);

        Assert.True(runner.Start(seed: 7, TimeSpan.FromMinutes(2)));
        Assert.True(runner.IsRunning);
        Assert.False(runner.Start(seed: 8, TimeSpan.FromMinutes(2)));

        var findings = await runner.StopAsync().WaitAsync(Bound);

        Assert.True(stoppedSeen.Task.IsCompleted);
        Assert.NotNull(findings);
        Assert.True(findings.Passed);
        Assert.Equal(7, findings.Seed);
        Assert.Contains("seed 7", findings.Summary, StringComparison.Ordinal);
        Assert.Contains("no violation in 3 events", findings.Summary, StringComparison.Ordinal);
        Assert.Contains("stopped early", findings.Summary, StringComparison.Ordinal);
        Assert.False(runner.IsRunning);
        Assert.Equal(["Chaos monkey started: seed 7, 120 s", $"Chaos monkey ended (seed 7): {findings.Summary}"], _log.Lines);
    }

    [Fact]
    public async Task ARunThatEndsByItselfKeepsItsFindingsForStop()
    {
        var ended = new TaskCompletionSource<ChaosMonkeyFindings>();
        var runner = new ChaosMonkeyRunner((seed, duration, _, _) => Task.FromResult(Report(seed, duration, TimeSpan.FromSeconds(40), stoppedEarly: false,
            new ChaosViolation(ChaosViolationKind.LampDisagrees, TimeSpan.FromSeconds(35), "home-1/plug-1 shows OFF 0"))), _log)
        {
            Ended = findings =>
            {
                ended.SetResult(findings);
                return Task.CompletedTask;
            },
        };

        Assert.True(runner.Start(seed: 4, TimeSpan.FromSeconds(40)));
        var atEnd = await ended.Task.WaitAsync(Bound);
        var atStop = await runner.StopAsync().WaitAsync(Bound);

        Assert.Same(atEnd, atStop);
        Assert.False(atEnd.Passed);
        Assert.Contains("1 violation(s) in 4 events", atEnd.Summary, StringComparison.Ordinal);
        Assert.Contains("first: LampDisagrees", atEnd.Summary, StringComparison.Ordinal);
        Assert.Contains("--seed 4", atEnd.Summary, StringComparison.Ordinal);
        // The whole report: the schedule to replay as a test.
        Assert.Contains("fault WifiOff home-1/plug-1 for 5.0s", atEnd.Details, StringComparison.Ordinal);
        Assert.True(runner.Start(seed: 5, TimeSpan.FromSeconds(40)), "a new run may start once one has ended");
    }

    [Fact]
    public async Task AMonkeyThatCannotRunSaysWhy()
    {
        var runner = new ChaosMonkeyRunner((_, _, _, _) => throw new SmartHomeWorldException("the owner could not link"), _log);

        Assert.True(runner.Start(seed: 1, TimeSpan.FromSeconds(10)));
        var findings = await runner.StopAsync().WaitAsync(Bound);

        Assert.NotNull(findings);
        Assert.False(findings.Passed);
        Assert.Contains("could not run", findings.Summary, StringComparison.Ordinal);
        Assert.Contains("the owner could not link", findings.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopBeforeAnyRunHasNoFindings()
    {
        var runner = new ChaosMonkeyRunner((_, _, _, _) => throw new InvalidOperationException("never run"), _log);

        Assert.Null(await runner.StopAsync().WaitAsync(Bound));
        Assert.Empty(_log.Lines);
    }

    private static ChaosReport Report(int seed, TimeSpan duration, TimeSpan elapsed, bool stoppedEarly, params ChaosViolation[] violations) =>
        new(seed, duration, "default",
            new ChaosRunResult(Schedule, violations, new Dictionary<string, int> { ["Success"] = 2 }, ["1.0s WifiOff home-1/plug-1"], elapsed)
            {
                StoppedEarly = stoppedEarly,
            },
            null, 0);

    private sealed class LinesLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
