using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace SmartHome.LoadDriver;

/// <summary>One run of the driver: the floor if asked, then a warm-up and a measured stage per rate, then files.</summary>
public sealed class LoadRun(DriverOptions options, IAnsiConsole console, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        Directory.CreateDirectory(options.OutputDirectory);
        FloorResult? floor = null;
        if (options.Floor)
        {
            floor = await LoopbackFloor.MeasureAsync(options.FloorSamples, cancellationToken);
        }

        var people = options.FloorOnly ? [] : options.Speakers();
        var stages = options.FloorOnly ? [] : await RunStagesAsync(people, cancellationToken);
        var run = new RunResult(options.Name, startedAt, options.Assistant.ToString(), people.Count, floor, stages, []);
        var charts = new List<string>();
        if (stages.Count > 0)
        {
            charts.Add(ChartWriter.Timeline(run, options.OutputDirectory, options.ChartFormat));
        }

        if (stages.Count > 1)
        {
            charts.Add(ChartWriter.LatencyVsRate(run, options.OutputDirectory, options.ChartFormat));
        }

        run = run with { Charts = charts };
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, $"{options.Name}.json"), JsonSerializer.Serialize(run, Json), cancellationToken);
        return run;
    }

    private async Task<List<StageResult>> RunStagesAsync(IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        using var http = AssistantClient.CreateHttpClient(options.Assistant);
        using var gateway = new HttpClient { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(10) };
        var sender = new AssistantClient(http, options.Timeout);
        var mix = new UtteranceMix(people, options.Seed, options.QuestionShare);
        var stages = new List<StageResult>();
        if (!console.Profile.Capabilities.Interactive)
        {
            // A script reads the output: one line per stage instead of a progress bar redrawn as lines.
            foreach (var rate in options.Rates)
            {
                console.WriteLine($"{rate}/s: {DurationText.Format(options.Warmup)} warm-up, {DurationText.Format(options.Duration)} measured");
                await WarmUpAsync(rate, sender, mix, () => { }, cancellationToken);
                stages.Add(await RunStageAsync(new ArrivalSchedule(rate, options.Duration), people, mix, sender, gateway, () => { }, cancellationToken));
            }

            return stages;
        }

        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var rate in options.Rates)
                {
                    var warmTask = progress.AddTask($"warm-up {rate}/s", maxValue: Math.Max(1, new ArrivalSchedule(rate, options.Warmup).Count));
                    await WarmUpAsync(rate, sender, mix, () => warmTask.Increment(1), cancellationToken);

                    var schedule = new ArrivalSchedule(rate, options.Duration);
                    var task = progress.AddTask($"{rate}/s for {DurationText.Format(options.Duration)}", maxValue: Math.Max(1, schedule.Count));
                    stages.Add(await RunStageAsync(schedule, people, mix, sender, gateway, () => task.Increment(1), cancellationToken));
                }
            });
        return stages;
    }

    /// <summary>0 when nothing failed after the window; else the last failure's intended start past the window's end, plus one request.</summary>
    public static double RecoverySeconds(LatencyRecorder recorder, FaultOptions fault) =>
        recorder.LastErrorAt(FaultExposure.AfterWindow) is { } last
            ? Math.Round((last - fault.After - fault.For).TotalSeconds, 3)
            : 0;

    private async Task WarmUpAsync(double rate, IUtteranceSender sender, UtteranceMix mix, Action completed, CancellationToken cancellationToken)
    {
        if (options.Warmup > TimeSpan.Zero)
        {
            await new OpenLoopRunner(sender, time).RunAsync(
                new ArrivalSchedule(rate, options.Warmup), mix, recorder: null, (_, _) => FaultExposure.NoFault, completed, cancellationToken);
        }
    }

    private async Task<StageResult> RunStageAsync(
        ArrivalSchedule schedule,
        IReadOnlyList<Person> people,
        UtteranceMix mix,
        IUtteranceSender sender,
        HttpClient gateway,
        Action completed,
        CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        FaultRun? fault = null;
        Task faultTask = Task.CompletedTask;
        using var stageEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Fault is { } faultOptions)
        {
            var homes = faultOptions.SelectHomes(people.Select(p => p.HomeId).Distinct().ToList());
            fault = new FaultRun(faultOptions, homes, new GatewayBroadbandSwitch(gateway, options.FleetHomes is not null), time);
            faultTask = fault.RunAsync(stageEnd.Token);
        }

        var started = time.GetTimestamp();
        try
        {
            await new OpenLoopRunner(sender, time).RunAsync(
                schedule, mix, recorder, fault is null ? (_, _) => FaultExposure.NoFault : fault.ExposureOf, completed, cancellationToken);
        }
        finally
        {
            await stageEnd.CancelAsync();
            await faultTask;
        }

        var elapsed = time.GetElapsedTime(started);
        var report = fault is null ? null : new FaultReport(
            options.Fault!.Kind, options.Fault.Share, options.Fault.After.TotalSeconds, options.Fault.For.TotalSeconds,
            fault.Homes, recorder.OutcomesByExposure(), RecoverySeconds(recorder, options.Fault), fault.Errors);
        return new StageResult(
            schedule.RatePerSecond,
            Math.Round(recorder.Count / Math.Max(elapsed.TotalSeconds, 1e-3), 1),
            options.Duration.TotalSeconds,
            recorder.Latency(),
            recorder.Errors(),
            recorder.Outcomes(),
            recorder.Timeline(),
            report);
    }
}
