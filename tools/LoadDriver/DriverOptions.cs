using System.Globalization;

namespace SmartHome.LoadDriver;

/// <summary>The driver's command line (see <see cref="Usage"/>).</summary>
public sealed record DriverOptions
{
    public const string Usage = """
        Usage: LoadDriver [options]
          --assistant URL        the assistant (default http://localhost:5100)
          --gateway URL          the gateway, for faults (default http://localhost:5300)
          --vendor URL           the vendor, for --stop-replicas-after (default http://localhost:5200)
          --rate N               offered utterances per second (default 20)
          --rates N,N,...        one stage per rate, in order (latency vs offered rate)
          --duration T           measured time per stage (default 30s; 500ms, 10s, 2m)
          --warmup T             unmeasured time before each stage (default 5s)
          --people a,b,...       who speaks (default owner); owner = home-1, user-n = home-n
          --fleet N              the fleet: owner + user-2..user-N, each with "bedroom lamp"
          --device NAME          the lamp's name (default "bedroom lamp")
          --questions SHARE      share of questions in the mix (default 0.15)
          --seed N               the mix's random seed (default 1)
          --timeout T            a request's timeout (default 10s)
          --fault broadband      inject a fault during each stage
          --fault-share SHARE    share of homes that lose it (default 0.1, at least one home)
          --fault-after T        into the measured stage (default 10s)
          --fault-for T          how long (default 20s)
          --stop-replicas-after T  stop one replica of each cloud T into the first stage (cloud-replicas > 1):
                                 the vendor's holding the most homes, the assistant's the load is on; SIGTERM
          --stop-replicas LIST   which clouds (default assistantcloud,vendorcloud)
          --live                 print each second's answers (outcomes, replicas) while running
          --floor                also measure a raw loopback TCP round trip (the floor)
          --floor-only           only measure the floor
          --floor-samples N      round trips for the floor (default 20000)
          --name NAME            the run's name, for files and charts (default load)
          --out DIR              where the JSON and charts go (default .)
          --chart-format F       png or svg (default png)
        """;

    public Uri Assistant { get; init; } = new("http://localhost:5100");
    public Uri Gateway { get; init; } = new("http://localhost:5300");
    public Uri Vendor { get; init; } = new("http://localhost:5200");
    public IReadOnlyList<double> Rates { get; init; } = [20];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public IReadOnlyList<string> People { get; init; } = ["owner"];
    public int? FleetHomes { get; init; }
    public string Device { get; init; } = WorldPeople.DefaultDevice;
    public double QuestionShare { get; init; } = 0.15;
    public int Seed { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public FaultOptions? Fault { get; init; }

    /// <summary>Stop one replica of each of <see cref="StopReplicas"/> this far into each stage; none when null.</summary>
    public TimeSpan? StopReplicasAfter { get; init; }
    public IReadOnlyList<string> StopReplicas { get; init; } = [ReplicaFinder.Assistant, ReplicaFinder.Vendor];

    /// <summary>Print each second's answers while running (always with a replica stop).</summary>
    public bool Live { get; init; }
    public bool Floor { get; init; }
    public bool FloorOnly { get; init; }
    public int FloorSamples { get; init; } = 20_000;
    public string Name { get; init; } = "load";
    public string OutputDirectory { get; init; } = ".";
    public string ChartFormat { get; init; } = "png";
    public bool Help { get; init; }

    public IReadOnlyList<Person> Speakers() =>
        FleetHomes is { } homes ? WorldPeople.Fleet(homes, Device) : WorldPeople.Named(People, Device);

    public static DriverOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DriverOptions();
        string? faultKind = null;
        double faultShare = 0.1;
        TimeSpan faultAfter = TimeSpan.FromSeconds(10), faultFor = TimeSpan.FromSeconds(20);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new OptionException($"{name} needs a value.");
            options = name switch
            {
                "--assistant" => options with { Assistant = ParseUri(name, Value()) },
                "--gateway" => options with { Gateway = ParseUri(name, Value()) },
                "--vendor" => options with { Vendor = ParseUri(name, Value()) },
                "--stop-replicas-after" => options with { StopReplicasAfter = DurationText.Parse(Value()), Live = true },
                "--stop-replicas" => options with { StopReplicas = ParseClouds(Value()) },
                "--live" => options with { Live = true },
                "--rate" => options with { Rates = [ParsePositive(name, Value())] },
                "--rates" => options with { Rates = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => ParsePositive(name, r)).ToList() },
                "--duration" => options with { Duration = DurationText.Parse(Value()) },
                "--warmup" => options with { Warmup = DurationText.Parse(Value()) },
                "--people" => options with { People = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--fleet" => options with { FleetHomes = (int)ParsePositive(name, Value()) },
                "--device" => options with { Device = Value() },
                "--questions" => options with { QuestionShare = ParseShare(name, Value()) },
                "--seed" => options with { Seed = (int)ParsePositive(name, Value()) },
                "--timeout" => options with { Timeout = DurationText.Parse(Value()) },
                "--floor" => options with { Floor = true },
                "--floor-only" => options with { Floor = true, FloorOnly = true },
                "--floor-samples" => options with { FloorSamples = (int)ParsePositive(name, Value()) },
                "--name" => options with { Name = Value() },
                "--out" => options with { OutputDirectory = Value() },
                "--chart-format" => options with { ChartFormat = ParseFormat(Value()) },
                "--help" or "-h" => options with { Help = true },
                "--fault" or "--fault-share" or "--fault-after" or "--fault-for" => options,
                _ => throw new OptionException($"Unknown option '{name}'."),
            };
            switch (name)
            {
                case "--fault":
                    faultKind = Value();
                    if (!FaultOptions.Kinds.Contains(faultKind))
                    {
                        throw new OptionException($"Unknown fault '{faultKind}'; known: {string.Join(", ", FaultOptions.Kinds)}.");
                    }

                    break;
                case "--fault-share":
                    faultShare = ParseShare(name, Value());
                    break;
                case "--fault-after":
                    faultAfter = DurationText.Parse(Value());
                    break;
                case "--fault-for":
                    faultFor = DurationText.Parse(Value());
                    break;
            }
        }

        return faultKind is null ? options : options with { Fault = new FaultOptions(faultKind, faultShare, faultAfter, faultFor) };
    }

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionException($"{name} needs an http(s) URL, not '{value}'.");

    private static double ParsePositive(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new OptionException($"{name} needs a positive number, not '{value}'.");

    private static double ParseShare(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new OptionException($"{name} needs a share between 0 and 1, not '{value}'.");

    private static string[] ParseClouds(string value)
    {
        var clouds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] known = [ReplicaFinder.Assistant, ReplicaFinder.Vendor];
        return clouds.Length > 0 && clouds.All(known.Contains)
            ? clouds
            : throw new OptionException($"--stop-replicas names {string.Join(" and/or ", known)}, not '{value}'.");
    }

    private static string ParseFormat(string value) =>
        value is "png" or "svg" ? value : throw new OptionException($"--chart-format is png or svg, not '{value}'.");
}
