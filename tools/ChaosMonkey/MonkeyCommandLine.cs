using System.Globalization;

namespace SmartHome.ChaosMonkey;

/// <summary>
/// <c>--seed N</c> (or <c>--seeds 1,2,3</c>), <c>--duration 60s|10m</c>, <c>--world default|two-lamps|fleet:N</c>,
/// <c>--shrink-runs N</c>, <c>--link-policy SignInAge|Sliding</c>, <c>--replay file</c> (a schedule printed by a failing run).
/// </summary>
internal sealed record MonkeyCommandLine(IReadOnlyList<int> Seeds, TimeSpan Duration, string World, int ShrinkRuns, string? LinkPolicy, string? ReplayFile)
{
    public const string Usage = "usage: ChaosMonkey [--seed N | --seeds 1,2,3] [--duration 60s|10m] [--world default|two-lamps|fleet:N] "
                                + "[--shrink-runs 8] [--link-policy SignInAge|Sliding] [--replay schedule.txt]";

    public static MonkeyCommandLine Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option with a value. {Usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        var seeds = values.TryGetValue("seeds", out var list)
            ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList()
            : [values.TryGetValue("seed", out var seed) ? int.Parse(seed, CultureInfo.InvariantCulture) : Environment.TickCount & 0xFFFF];
        return new MonkeyCommandLine(seeds, ParseDuration(values.GetValueOrDefault("duration", "60s")),
            values.GetValueOrDefault("world", "default"),
            int.Parse(values.GetValueOrDefault("shrink-runs", "8"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("link-policy"), values.GetValueOrDefault("replay"));
    }

    public static TimeSpan ParseDuration(string text) => text[^1] switch
    {
        's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
    };
}
