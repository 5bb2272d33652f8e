using SmartHome.ChaosMonkey;
using SmartHome.Testing;
using SmartHome.Testing.Chaos;

// The chaos monkey from the command line: starts a world, runs each seed, prints what it found (exit 1 on a violation).
MonkeyCommandLine line;
try
{
    line = MonkeyCommandLine.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(MonkeyCommandLine.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var world = await SmartHomeWorld.StartAsync(options =>
{
    if (line.World.StartsWith("fleet:", StringComparison.Ordinal))
    {
        options.FleetHomes = int.Parse(line.World["fleet:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
    else if (line.World != "default")
    {
        options.World = line.World;
    }

    if (line.LinkPolicy is { } policy)
    {
        options.LinkPolicy = policy;
    }
}, cancel.Token);
Console.WriteLine($"world {line.World} started; dashboard {world.DashboardUrl}");

var monkey = new ChaosMonkey(world, new ChaosMonkeyOptions
{
    MaxShrinkRuns = line.ShrinkRuns,
    Log = message => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {message}"),
});

var violated = false;
if (line.ReplayFile is { } file)
{
    var result = await monkey.ReplayAsync(ChaosSchedule.Parse(await File.ReadAllTextAsync(file, cancel.Token)), cancel.Token);
    Console.WriteLine(result);
    violated = !result.Passed;
}
else
{
    foreach (var seed in line.Seeds)
    {
        var report = await monkey.RunAsync(seed, line.Duration, cancel.Token);
        Console.WriteLine(report);
        violated |= !report.Passed;
    }
}

return violated ? 1 : 0;
