using System.Globalization;
using Spectre.Console;

namespace SmartHome.LoadDriver;

/// <summary>
/// The table printed at the end of a run: each stage's latency and outcomes, the floor, what a fault did, and what stopping
/// replicas did (the stage's seconds, the dip and the recovery).
/// </summary>
public static class ConsoleReport
{
    public static void Write(RunResult run, IAnsiConsole console)
    {
        if (run.Floor is { } floor)
        {
            console.MarkupLine(CultureInfo.InvariantCulture,
                "[bold]Loopback TCP round trip (floor)[/]: p50 {0} µs, p99 {1} µs over {2} round trips",
                floor.P50Us, floor.P99Us, floor.Samples);
        }

        if (run.Stages.Count == 0)
        {
            return;
        }

        var table = new Table().Title($"{run.Name}: {run.People} people, latency from intended start (ms)");
        foreach (var column in new[] { "offered/s", "achieved/s", "requests", "p50", "p90", "p99", "p99.9", "max", "errors", "outcomes" })
        {
            table.AddColumn(column);
        }

        foreach (var stage in run.Stages)
        {
            var latency = stage.Latency;
            table.AddRow(
                N(stage.OfferedRate), N(stage.AchievedRate), N(latency.Count),
                N(latency.P50Ms), N(latency.P90Ms), N(latency.P99Ms), N(latency.P999Ms), N(latency.MaxMs),
                stage.Errors == 0 ? "0" : $"[red]{stage.Errors}[/]",
                Markup.Escape(Counts(stage.Outcomes)));
        }

        console.Write(table);
        foreach (var stage in run.Stages.Where(s => s.ReplicaStop is not null))
        {
            WriteReplicaStop(stage, console);
        }

        foreach (var stage in run.Stages.Where(s => s.Fault is not null))
        {
            var fault = stage.Fault!;
            var felt = new Table().Title(
                $"What the people felt at {N(stage.OfferedRate)}/s: {fault.Kind} down in {fault.Homes.Count} homes from {N(fault.AfterSeconds)}s for {N(fault.ForSeconds)}s");
            felt.AddColumn("requests");
            felt.AddColumn("outcomes");
            foreach (var (exposure, outcomes) in fault.OutcomesByExposure)
            {
                felt.AddRow(Markup.Escape(exposure), Markup.Escape(Counts(outcomes)));
            }

            console.Write(felt);
            console.MarkupLine(CultureInfo.InvariantCulture, "Requests still failed until {0}s after the window ended.", N(fault.RecoverySeconds));
            foreach (var error in fault.InjectionErrors)
            {
                console.MarkupLineInterpolated($"[red]fault switch failed[/]: {error}");
            }
        }
    }

    private static void WriteReplicaStop(StageResult stage, IAnsiConsole console)
    {
        var dip = stage.ReplicaStop!;
        var seconds = new Table().Title(
            $"Replicas stopped at {N(dip.StopAtSeconds)}s at {N(stage.OfferedRate)}/s: each second's requests (by intended start)");
        foreach (var column in new[] { "second", "requests", "succeeded", "failed", "answered by", "sent again" })
        {
            seconds.AddColumn(column);
        }

        foreach (var second in stage.OutcomeTimeline ?? [])
        {
            var failed = second.Count - second.Succeeded;
            seconds.AddRow(
                N(second.Second) + (second.Second == Math.Floor(dip.StopAtSeconds) ? " [bold]stop[/]" : ""),
                N(second.Count),
                N(second.Succeeded),
                failed == 0 ? "0" : $"[red]{Markup.Escape(Counts(second.Failures))}[/]",
                Markup.Escape(Counts(second.Replicas)),
                N(second.Resent));
        }

        console.Write(seconds);
        foreach (var stopped in dip.Stopped)
        {
            console.MarkupLineInterpolated($"[bold]{stopped}[/]");
        }

        foreach (var error in dip.StopErrors)
        {
            console.MarkupLineInterpolated($"[red]replica stop failed[/]: {error}");
        }

        console.MarkupLine(CultureInfo.InvariantCulture,
            "Dip: success rate before the stop {0} %; first failure at {1}s, last at {2}s; back at that rate at {3}s, {4} after the stop; {5} failed from the stop on{6}",
            N(dip.PreFaultSuccessRate * 100),
            dip.FirstFailureSecond is { } first ? N(first) : "-",
            dip.LastFailureSecond is { } last ? N(last) : "-",
            dip.RecoveredAtSecond is { } back ? N(back) : "-",
            dip.RecoverySeconds is { } recovery ? N(recovery) + " s" : "not within the stage",
            dip.Failed,
            dip.Failed == 0 ? "." : Markup.Escape($": {Counts(dip.ErrorsByType)}."));
    }

    private static string Counts(IReadOnlyDictionary<string, long> outcomes) =>
        string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"));

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
