using System.Text;

namespace SmartHome.Testing.Chaos;

/// <summary>What one run of a schedule against a world saw: the broken invariants and the outcomes heard.</summary>
public sealed record ChaosRunResult(
    ChaosSchedule Schedule,
    IReadOnlyList<ChaosViolation> Violations,
    IReadOnlyDictionary<string, int> Outcomes,
    IReadOnlyList<string> Faults,
    TimeSpan Elapsed)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>The run was stopped before its schedule's end (the dashboard's Stop); every fault was undone all the same.</summary>
    public bool StoppedEarly { get; init; }

    /// <summary>How many of the schedule's events had started when the run ended.</summary>
    public int EventsRun => Schedule.Events.Count(e => e.At <= Elapsed);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"{(Passed ? "no violation" : $"{Violations.Count} violation(s)")} in {EventsRun} events over {Elapsed.TotalSeconds:0} s"
                        + $"{(StoppedEarly ? " (stopped early)" : "")}; outcomes: "
                        + string.Join(", ", Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} x{o.Value}")));
        text.AppendLine("faults: " + string.Join("; ", Faults));
        foreach (var violation in Violations)
        {
            text.AppendLine("  " + violation);
        }

        return text.ToString();
    }
}

/// <summary>A monkey run: its seed, what it found, and the shortest schedule that still shows the first violation.</summary>
public sealed record ChaosReport(int Seed, TimeSpan Duration, string World, ChaosRunResult Run, ChaosSchedule? Shrunk, int ShrinkRuns)
{
    public bool Passed => Run.Passed;

    /// <summary>One line: no violation in N events, or the violations, the first one and how to replay it.</summary>
    public string Summary => Passed
        ? $"Chaos monkey, seed {Seed}, world {World}: no violation in {Run.EventsRun} events over {Run.Elapsed.TotalSeconds:0} s{(Run.StoppedEarly ? " (stopped early)" : "")}."
        : $"Chaos monkey, seed {Seed}, world {World}: {Run.Violations.Count} violation(s) in {Run.EventsRun} events over {Run.Elapsed.TotalSeconds:0} s"
          + $"{(Run.StoppedEarly ? " (stopped early)" : "")}; first: {Run.Violations[0].Kind} at {Run.Violations[0].At.TotalSeconds:0.0}s"
          + $"{(Shrunk is null ? "" : $"; shrunk to {Shrunk.Events.Count} events")}; replay: --seed {Seed} --duration {Duration.TotalSeconds:0}s --world {World}.";

    /// <summary>Throws <see cref="ChaosViolationException"/> with this report when an invariant was broken.</summary>
    public void ThrowIfViolated()
    {
        if (!Passed)
        {
            throw new ChaosViolationException(ToString());
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Chaos monkey: seed {Seed}, duration {Duration.TotalSeconds:0} s, world {World}: {Run}");
        if (!Passed)
        {
            var schedule = Shrunk ?? Run.Schedule;
            text.AppendLine($"Schedule{(Shrunk is null ? "" : $" (shrunk in {ShrinkRuns} replays from {Run.Schedule.Events.Count} to {Shrunk.Events.Count} events)")}:");
            text.Append(schedule);
            text.AppendLine("Replay it as a test:");
            text.AppendLine("    var result = await new ChaosMonkey(world).ReplayAsync(ChaosSchedule.Parse(\"\"\"");
            foreach (var line in schedule.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                text.AppendLine("        " + line.TrimEnd());
            }

            text.AppendLine("        \"\"\"));");
            text.AppendLine("    Assert.True(result.Passed, result.ToString());");
            text.AppendLine($"or: dotnet run --project tools/ChaosMonkey -- --seed {Seed} --duration {Duration.TotalSeconds:0}s --world {World}");
        }

        return text.ToString();
    }
}
