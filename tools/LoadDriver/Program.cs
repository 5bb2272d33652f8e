using SmartHome.LoadDriver;
using Spectre.Console;

DriverOptions options;
try
{
    options = DriverOptions.Parse(args);
}
catch (OptionException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(DriverOptions.Usage);
    return 0;
}

// Ctrl+C ends the run early; a fault in progress is still switched off.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

ThreadPool.SetMinThreads(64, 64);
if (Console.IsOutputRedirected)
{
    // A script reads the table from a file or a pipe: no terminal to wrap it at 80 columns.
    AnsiConsole.Console.Profile.Width = 200;
}

var run = await new LoadRun(options, AnsiConsole.Console, TimeProvider.System).RunAsync(stop.Token);
ConsoleReport.Write(run, AnsiConsole.Console);
AnsiConsole.MarkupLineInterpolated($"Wrote [bold]{Path.Combine(options.OutputDirectory, options.Name + ".json")}[/] {string.Join(" ", run.Charts)}");
return 0;
