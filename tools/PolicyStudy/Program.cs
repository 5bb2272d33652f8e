using System.Diagnostics;
using SmartHome.PolicyStudy;

// The link-policy study (issue 16, docs/policy-study.md): each policy in a fleet world of its own, day by day.
StudyOptions options;
try
{
    options = StudyCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
// SIGTERM too (a script's background process ignores SIGINT): each world is then stopped, with every process it started.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});
ThreadPool.SetMinThreads(Math.Max(64, options.Parallelism * 2), 64);

Console.WriteLine($"STUDY households={options.Households} years={options.Years} days={options.Days} seed={options.Seed} lost_answers={options.LostAnswerShare} "
                  + $"policies={string.Join(',', options.Policies)} cores={Environment.ProcessorCount}");
foreach (var shortcut in StudyReport.Shortcuts)
{
    Console.WriteLine($"SHORTCUT {shortcut}");
}

var total = Stopwatch.StartNew();
// --side-by-side W: W policies' worlds at once (each its own AppHost); the lines come in the order of --policies.
var runs = new Task<PolicyResult>[options.Policies.Count];
using var worlds = new SemaphoreSlim(options.SideBySide);
for (var i = 0; i < runs.Length; i++)
{
    var policy = options.Policies[i];
    runs[i] = Task.Run(async () =>
    {
        await worlds.WaitAsync(cancel.Token);
        try
        {
            var log = TextWriter.Synchronized(Console.Error);
            var whole = Stopwatch.StartNew();
            var result = await new PolicyRun(options, log).RunAsync(policy, cancel.Token);
            // What is left after the healthy fleet and the days is stopping the world (every process of its AppHost).
            log.WriteLine($"[{policy}] done after {whole.Elapsed.TotalSeconds:0} s: healthy {result.StartSeconds:0} s, days {result.RunSeconds:0} s, "
                          + $"stopped in {whole.Elapsed.TotalSeconds - result.StartSeconds - result.RunSeconds:0} s");
            return result;
        }
        finally
        {
            worlds.Release();
        }
    });
}

var results = new List<PolicyResult>();
foreach (var run in runs)
{
    var result = await run;
    results.Add(result);
    Console.WriteLine(result.Line());
}

var (json, chart) = StudyReport.Write(results, options, total.Elapsed.TotalSeconds);
Console.WriteLine($"JSON {json}");
Console.WriteLine($"CHART {chart}");
Console.WriteLine($"TIME {total.Elapsed.TotalSeconds:0} s for {options.Households} households over {options.Days} days, {options.Policies.Count} policies");
return 0;
