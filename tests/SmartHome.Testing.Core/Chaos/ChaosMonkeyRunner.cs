using Microsoft.Extensions.Logging;

namespace SmartHome.Testing.Chaos;

/// <summary>
/// One monkey at a time, in the background: <see cref="Start"/> begins a run and returns at once, <see cref="StopAsync"/>
/// ends it (every fault undone, the invariants after clearing checked) and hands back its findings. The dashboard's
/// "Start chaos monkey" and "Stop chaos monkey" commands are these two. One log line when a run starts and one when it ends.
/// </summary>
/// <param name="run">The run itself: seed, duration, the stopping token (ends it early), the aborting token.</param>
/// <param name="logger">Where the line of each start and end goes.</param>
/// <param name="aborting">Aborts a run without undoing its faults (the AppHost stopping).</param>
public sealed partial class ChaosMonkeyRunner(
    Func<int, TimeSpan, CancellationToken, CancellationToken, Task<ChaosReport>> run,
    ILogger logger,
    CancellationToken aborting = default)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stopping;
    private Task<ChaosMonkeyFindings>? _current;

    /// <summary>A monkey over <paramref name="monkey"/>'s world.</summary>
    public ChaosMonkeyRunner(ChaosMonkey monkey, ILogger logger, CancellationToken aborting = default)
        : this(monkey.RunAsync, logger, aborting)
    {
    }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _current is { IsCompleted: false };
            }
        }
    }

    /// <summary>The findings of the last run that ended (by itself or stopped); null before the first one ends.</summary>
    public ChaosMonkeyFindings? LastFindings { get; private set; }

    /// <summary>Called with the findings whenever a run ends (the dashboard shows its state from it).</summary>
    public Func<ChaosMonkeyFindings, Task>? Ended { get; set; }

    /// <summary>Starts a run of <paramref name="seed"/> for <paramref name="duration"/>; false (and nothing started) while one runs.</summary>
    public bool Start(int seed, TimeSpan duration)
    {
        lock (_gate)
        {
            if (_current is { IsCompleted: false })
            {
                return false;
            }

            _stopping = new CancellationTokenSource();
            LogStarted(logger, seed, duration.TotalSeconds);
            _current = RunAsync(seed, duration, _stopping.Token);
            return true;
        }
    }

    /// <summary>
    /// Stops the run (if one runs), waits until its faults are undone and it is checked, and returns its findings; with no
    /// run going, the last run's findings (null: none yet).
    /// </summary>
    public async Task<ChaosMonkeyFindings?> StopAsync(CancellationToken cancellationToken = default)
    {
        Task<ChaosMonkeyFindings>? current;
        lock (_gate)
        {
            current = _current;
            _stopping?.Cancel();
        }

        return current is null ? null : await current.WaitAsync(cancellationToken);
    }

    private async Task<ChaosMonkeyFindings> RunAsync(int seed, TimeSpan duration, CancellationToken stopping)
    {
        // Off the caller's thread: the command answers at once.
        await Task.Yield();
        ChaosMonkeyFindings findings;
        try
        {
            var report = await run(seed, duration, stopping, aborting);
            findings = new ChaosMonkeyFindings(seed, report.Passed, report.Summary, report.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException || !aborting.IsCancellationRequested)
        {
            // The world could not be prepared (not healthy, the owner could not link): no run, and the reason.
            var summary = $"Chaos monkey, seed {seed}: could not run: {e.GetType().Name}: {e.Message}";
            findings = new ChaosMonkeyFindings(seed, false, summary, summary);
        }

        LastFindings = findings;
        LogEnded(logger, seed, findings.Summary);
        if (Ended is { } ended)
        {
            await ended(findings);
        }

        return findings;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chaos monkey started: seed {Seed}, {DurationSeconds:0} s")]
    private static partial void LogStarted(ILogger logger, int seed, double durationSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chaos monkey ended (seed {Seed}): {Summary}")]
    private static partial void LogEnded(ILogger logger, int seed, string summary);
}
