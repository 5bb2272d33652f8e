using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartHome.PolicyStudy;

/// <summary>The study's outputs: the POLICY lines (stdout), <c>policy-study.json</c> and the chart.</summary>
public static class StudyReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>What the study shortcuts for speed, printed with every run and written into the JSON.</summary>
    public static IReadOnlyList<string> Shortcuts { get; } =
    [
        "The world's clock jumps a day at a time; a household's uses of one day happen at one moment of that day (all households at once), and a command that failed is said again 15 s later.",
        "Each use day is one use per household (turn the bedroom lamp on or off), not every use of the day: the access token lives an hour, so a day's first use makes the day's one refresh.",
        "A use day whose outcome cannot depend on the home goes only as far as the token (the assistant's POST /sim/token-uses: the link read, the real AccessTokenProvider, the real refresh at the vendor, the link expired and the person told on invalid_grant); the directive is not sent down to the home. Full commands through the whole chain (directive, uplink, gateway, MQTT, plug) are sent on every use day of a home without broadband and on a seeded sample of the other use days (--full-commands, 2 %); failed_commands counts both kinds.",
        "The vendor hashes the study's passwords with 1,000 PBKDF2 iterations instead of 100,000 (Security:PasswordHashIterations, simulation only): the cost of a sign-in, never its answer.",
        "Tracing is off (trace-sampling-ratio=0), and so is the rest of the services' OpenTelemetry (OTEL_SDK_DISABLED: no spans, no metrics exported every second, no Redis command profiled), unless --telemetry; the services log warnings and errors only, and their thread pools' idle workers sleep at once instead of spinning (DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0). Nothing the study counts comes from telemetry.",
        "The study calls the assistant, and the assistant the vendor, directly on each cloud's own port (AppHost:DirectCloudEndpoints), not through Aspire's proxy, unless --through-proxy: one loopback connection a request instead of two.",
        "Redis commits its append-only file once a second instead of at every write (Redis:AppendFsync=everysec): the study never restarts Redis, so no write it counts could be lost; every write is still made and read back as before.",
        "Every plug's MQTT keep-alive and every home's uplink WebSocket keep-alive is 60 s instead of 2 s and 5 s (the AppHost parameter mqtt-keep-alive-seconds, the gateway's Uplink:KeepAliveSeconds): they only notice a line that dies without a word, and the study's broadband cuts are never silent.",
        "The vendor's per-address request limits (real-time rate limits on the token endpoint and the sign-in form) are lifted: a simulated day passes in a fraction of a real second. Wrong-password throttling is unchanged.",
        "Every token decision is the services' own: the assistant refreshes when its token is due, the vendor's policy and reuse detection answer, the assistant expires the link on invalid_grant; re-links go through the vendor's sign-in page and the PKCE flow.",
    ];

    public static string ToJson(IReadOnlyList<PolicyResult> results, StudyOptions options, double totalSeconds) =>
        JsonSerializer.Serialize(new
        {
            options.Households,
            options.Years,
            options.Seed,
            options.LostAnswerShare,
            options.SampleEveryDays,
            Mix = UsageMix.Shares.Select(s => new { s.Pattern, s.Share }),
            Shortcuts,
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription },
            TotalSeconds = Math.Round(totalSeconds, 1),
            Policies = results,
        }, Json);

    /// <summary>Writes the JSON and the chart into <see cref="StudyOptions.OutputDirectory"/>; returns their paths.</summary>
    public static (string Json, string Chart) Write(IReadOnlyList<PolicyResult> results, StudyOptions options, double totalSeconds)
    {
        var directory = options.OutputDirectory ?? throw new InvalidOperationException("No output directory");
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "policy-study.json");
        File.WriteAllText(json, ToJson(results, options, totalSeconds));
        var chart = StudyChart.Write(results, options, Path.Combine(directory, $"policy-study-linked.{options.ChartFormat}"));
        return (json, chart);
    }
}
