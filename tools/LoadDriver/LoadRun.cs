using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace SmartHome.LoadDriver;

/// <summary>
/// One run of the driver: the floor if asked, then a warm-up and a measured stage per rate, then files. With
/// <see cref="DriverOptions.StopReplicasAfter"/> the first stage stops one replica of each cloud through
/// <paramref name="stopper"/> (SIGTERM unless given) and measures the dip and the recovery.
/// </summary>
public sealed class LoadRun(DriverOptions options, IAnsiConsole console, TimeProvider time, IReplicaStopper? stopper = null)
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
        using var assistantSim = new HttpClient { BaseAddress = options.Assistant, Timeout = TimeSpan.FromSeconds(10) };
        using var vendorSim = new HttpClient { BaseAddress = options.Vendor, Timeout = TimeSpan.FromSeconds(10) };
        var sender = new AssistantClient(http, options.Timeout);
        var mix = new UtteranceMix(people, options.Seed, options.QuestionShare);
        var stages = new List<StageResult>();
        if (!console.Profile.Capabilities.Interactive || options.Live)
        {
            // A script reads the output (or a person the live lines): one line per stage instead of a progress bar redrawn as lines.
            foreach (var rate in options.Rates)
            {
                console.WriteLine($"{rate}/s: {DurationText.Format(options.Warmup)} warm-up, {DurationText.Format(options.Duration)} measured");
                await WarmUpAsync(rate, sender, mix, () => { }, cancellationToken);
                stages.Add(await RunStageAsync(new ArrivalSchedule(rate, options.Duration), people, mix, sender, gateway,
                    stages.Count == 0 ? (assistantSim, vendorSim) : null, () => { }, cancellationToken));
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
                    stages.Add(await RunStageAsync(schedule, people, mix, sender, gateway, null, () => task.Increment(1), cancellationToken));
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
        (HttpClient Assistant, HttpClient Vendor)? replicas,
        Action completed,
        CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var timeline = new OutcomeTimeline();
        var live = options.Live ? new LiveTicker(console, time) : null;
        var chaos = options.StopReplicasAfter is { } stopAfter && replicas is { } sims
            ? new ReplicaChaosRun(options.StopReplicas, stopAfter, new ReplicaFinder(sims.Assistant, sims.Vendor, () => timeline.LatestReplica),
                stopper ?? new SignalReplicaStopper(), time, live is null ? null : live.Note)
            : null;
        FaultRun? fault = null;
        Task faultTask = Task.CompletedTask;
        using var stageEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Fault is { } faultOptions)
        {
            var homes = faultOptions.SelectHomes(people.Select(p => p.HomeId).Distinct().ToList());
            fault = new FaultRun(faultOptions, homes, new GatewayBroadbandSwitch(gateway, options.FleetHomes is not null), time);
            faultTask = fault.RunAsync(stageEnd.Token);
        }

        var chaosTask = chaos?.RunAsync(stageEnd.Token) ?? Task.CompletedTask;
        var liveTask = live?.RunAsync(stageEnd.Token) ?? Task.CompletedTask;
        var started = time.GetTimestamp();
        try
        {
            await new OpenLoopRunner(sender, time, timeline, live).RunAsync(
                schedule, mix, recorder, fault is null ? (_, _) => FaultExposure.NoFault : fault.ExposureOf, completed, cancellationToken);
        }
        finally
        {
            await stageEnd.CancelAsync();
            await faultTask;
            await chaosTask;
            await liveTask;
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
            report,
            timeline.Seconds(),
            chaos is null ? null : DipReport.Measure(timeline.Seconds(), chaos.StoppedAt, chaos.Stopped, chaos.Errors));
    }
}
