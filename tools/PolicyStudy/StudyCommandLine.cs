using System.Globalization;

namespace SmartHome.PolicyStudy;

/// <summary>
/// <c>--households N --years Y --seed S [--policies A,B,...] [--lost-answers 0.02] [--full-commands 0.02] [--sample-days 7] [--parallelism 32]
/// [--out DIR] [--format svg|png]</c>.
/// </summary>
public static class StudyCommandLine
{
    public const string Usage =
        "policy-study --households N --years Y --seed S [--policies SignInAge,Sliding,AbsoluteLifetime,IdleTimeout,IdleTimeoutNoLeeway]\n"
        + "             [--lost-answers SHARE (0.02)] [--full-commands SHARE (0.02)] [--sample-days D (7)] [--parallelism P (32, at most 64)] [--side-by-side W (1)] [--out DIR (policy-study-out)] [--format svg|png]\n"
        + "             [--days D (a trial shorter than a year)] [--verbose (every failed command)] [--telemetry (the services' telemetry as in the default world)]\n"
        + "             [--through-proxy (the clouds behind Aspire's proxy as in the default world)]";

    public static StudyOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StudyOptions { OutputDirectory = "policy-study-out" };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Whole(int min) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{args[i - 1]} takes a whole number of at least {min}, not '{args[i]}'.");
            options = args[i] switch
            {
                "--households" => options with { Households = Whole(1) },
                "--years" => options with { Years = Whole(1) },
                "--seed" => options with { Seed = Whole(0) },
                "--policies" => options with { Policies = Policies(Value()) },
                "--lost-answers" => options with { LostAnswerShare = Share(Value()) },
                "--full-commands" => options with { FullCommandShare = Share(Value()) },
                "--sample-days" => options with { SampleEveryDays = Whole(1) },
                "--parallelism" => options with { Parallelism = AtMost(Whole(1), MaxParallelism) },
                "--side-by-side" => options with { SideBySide = Whole(1) },
                "--verbose" => options with { Verbose = true },
                "--telemetry" => options with { Telemetry = true },
                "--through-proxy" => options with { ThroughProxy = true },
                "--days" => options with { DaysOverride = Whole(1) },
                "--out" => options with { OutputDirectory = Value() },
                "--format" => options with { ChartFormat = Value() is "svg" or "png" ? args[i] : throw new ArgumentException("--format takes svg or png.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'.\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary>The assistant's <c>POST /sim/token-uses</c> runs at most this many uses at once, and refuses more (400).</summary>
    public const int MaxParallelism = 64;

    private static int AtMost(int value, int max) =>
        value <= max ? value : throw new ArgumentException($"--parallelism takes at most {max} (the assistant's token-uses endpoint refuses more), not {value}.");

    private static IReadOnlyList<string> Policies(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The kit's conversion names the known policies when one is not.
        return names.Length == 0 ? throw new ArgumentException("--policies names at least one policy.") : [.. names.Select(n => ((Testing.LinkPolicy)n).Name)];
    }

    private static double Share(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && share is >= 0 and <= 1
            ? share
            : throw new ArgumentException($"A share is from 0 to 1, not '{value}'.");
}
