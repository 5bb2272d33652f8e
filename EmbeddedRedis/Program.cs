using Garnet;

// A Redis-compatible server (Microsoft Garnet) for machines with nothing installed.
// The AppHost passes --port and a data directory; AOF + recovery keep data across restarts.
var port = Environment.GetEnvironmentVariable("REDIS_PORT") ?? "6379";
var dataDir = Environment.GetEnvironmentVariable("REDIS_DATA_DIR")
    ?? Path.Combine(Path.GetTempPath(), "smarthome-garnet");
Directory.CreateDirectory(dataDir);

string[] garnetArgs =
[
    "--bind", "127.0.0.1",
    "--port", port,
    "--checkpointdir", dataDir,
    "--aof",
    // The native device needs libaio, which a machine with only the .NET SDK lacks.
    "--device-type", "RandomAccess",
    "--recover",
    .. args,
];

using var server = new GarnetServer(garnetArgs);
server.Start();
Console.WriteLine($"Garnet listening on 127.0.0.1:{port}, data in {dataDir}");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Normal shutdown.
}
