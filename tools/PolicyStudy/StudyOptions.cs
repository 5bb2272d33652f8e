namespace SmartHome.PolicyStudy;

/// <summary>What <c>scripts/policy-study.sh</c> passes (see <see cref="StudyCommandLine"/>).</summary>
public sealed record StudyOptions
{
    public int Households { get; init; } = 100;

    public int Years { get; init; } = 1;

    public int Seed { get; init; } = 1;

    /// <summary>The vendor's <c>link-policy</c> values to compare, each in a world of its own.</summary>
    public IReadOnlyList<string> Policies { get; init; } = ["SignInAge", "Sliding", "AbsoluteLifetime", "IdleTimeout", "IdleTimeoutNoLeeway"];

    /// <summary>The share of refresh answers the lossy network loses (after the vendor rotated).</summary>
    public double LostAnswerShare { get; init; } = 0.02;

    /// <summary>
    /// The seeded share of use days (beyond every day a home is offline) that are full commands through the home; the
    /// others go as far as the token (the assistant's <c>POST /sim/token-uses</c>).
    /// </summary>
    public double FullCommandShare { get; init; } = 0.02;

    /// <summary>How often (days) the vendor is asked which households' links are still alive, for the chart.</summary>
    public int SampleEveryDays { get; init; } = 7;

    /// <summary>How many policies' worlds run side by side (1: one after the other).</summary>
    public int SideBySide { get; init; } = 1;

    /// <summary>How many households make their calls at once.</summary>
    public int Parallelism { get; init; } = 32;

    /// <summary>Where the JSON and the chart go; null: nowhere (a test).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Chart format: svg or png.</summary>
    public string ChartFormat { get; init; } = "svg";

    /// <summary>
    /// Keep the services' telemetry as the default world has it (OpenTelemetry, the thread pool's spinning): to measure
    /// what the study's lean settings save. Off by default.
    /// </summary>
    public bool Telemetry { get; init; }

    /// <summary>
    /// Call the clouds through Aspire's proxy, as the default world does, instead of on their own ports
    /// (<c>AppHost:DirectCloudEndpoints</c>): to measure what the direct connections save. Off by default.
    /// </summary>
    public bool ThroughProxy { get; init; }

    /// <summary>Print every command that did not succeed (day, household, outcome).</summary>
    public bool Verbose { get; init; }

    /// <summary>Days to run instead of whole years (a trial); 0: <see cref="Years"/> x 365.</summary>
    public int DaysOverride { get; init; }

    public int Days => DaysOverride > 0 ? DaysOverride : Years * 365;
}
