using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace SmartHome.SimulatedPlug.Tests;

/// <summary>
/// The simulated plug's memory per device (issue 11), measured, opt-in:
/// <c>SMARTHOME_PLUG_DEVICES=1000 dotnet test tests/SimulatedPlug.Tests --filter FullyQualifiedName~PlugProcessMemory
/// --logger "console;verbosity=detailed"</c>. Runs the real SimulatedPlug process for a fleet of 1 home, then of N
/// homes, against an in-process broker that lets every device in, and prints the process's VmRSS once every device
/// is online, the delta per device and how long the N devices took to come online. It asserts only that every
/// device came online on its own session, never a size or a speed.
/// </summary>
public sealed class PlugProcessMemoryMeasurement(ITestOutputHelper output)
{
    private static readonly TimeSpan OnlineBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    private static int? Devices =>
        int.TryParse(Environment.GetEnvironmentVariable("SMARTHOME_PLUG_DEVICES"), out var devices) && devices > 1 ? devices : null;

    [SkippableFact]
    public async Task A_fleet_of_plugs_comes_online_in_one_process()
    {
        Skip.If(Devices is null, "set SMARTHOME_PLUG_DEVICES=N (N > 1) to measure the plug process with N devices");
        var one = await MeasureAsync(1);
        var many = await MeasureAsync(Devices!.Value);
        var perDevice = (many.RssKb - one.RssKb) / (double)(Devices.Value - 1);
        output.WriteLine(FormattableString.Invariant($"FIGURE plug_rss_1_device {one.RssKb} KB"));
        output.WriteLine(FormattableString.Invariant($"FIGURE plug_rss_{Devices.Value}_devices {many.RssKb} KB"));
        output.WriteLine(FormattableString.Invariant($"FIGURE plug_rss_per_device {perDevice:F1} KB"));
        output.WriteLine(FormattableString.Invariant($"FIGURE plug_all_online_{Devices.Value}_devices {many.Online.TotalSeconds:F1} s"));
    }

    private async Task<(long RssKb, TimeSpan Online)> MeasureAsync(int homes)
    {
        await using var broker = new TestBroker();
        await broker.StartAsync();
        using var plug = Process.Start(StartInfo(broker, homes))!;
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        plug.OutputDataReceived += (_, line) => said.Enqueue(line.Data ?? "");
        plug.ErrorDataReceived += (_, line) => said.Enqueue(line.Data ?? "");
        plug.BeginOutputReadLine();
        plug.BeginErrorReadLine();
        try
        {
            var started = Stopwatch.StartNew();
            using (var timeout = new CancellationTokenSource(OnlineBound))
            {
                while ((await broker.ClientsAsync()).Count < homes)
                {
                    if (plug.HasExited)
                    {
                        Assert.Fail($"the plug process exited ({plug.ExitCode}):\n{string.Join('\n', said.TakeLast(30))}");
                    }

                    await Task.Delay(200, timeout.Token);
                }
            }

            var online = started.Elapsed;
            await Task.Delay(Settle);
            Assert.Equal(homes, (await broker.ClientsAsync()).Select(c => c.Id).Distinct().Count());
            var rss = VmRssKb(plug.Id);
            output.WriteLine(FormattableString.Invariant($"{homes} device(s): online after {online.TotalSeconds:F1} s, VmRSS {rss} KB"));
            return (rss, online);
        }
        finally
        {
            plug.Kill(entireProcessTree: true);
            await plug.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    private static ProcessStartInfo StartInfo(TestBroker broker, int homes)
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "SimulatedPlug", "bin", "Debug", "net10.0", "SimulatedPlug.dll");
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Mqtt__Url"] = broker.Url;
        info.Environment["Mqtt__KeepAliveSeconds"] = "2";
        info.Environment["Mqtt__DevicePasswordSeed"] = TestFleet.Seed;
        info.Environment["World__FleetHomes"] = homes.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // No Redis: flash reads fail (bounded) and the devices start from factory defaults, as the plug allows.
        info.Environment["ConnectionStrings__redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500";
        return info;
    }

    private static long VmRssKb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
