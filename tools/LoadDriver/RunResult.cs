namespace SmartHome.LoadDriver;

/// <summary>Latency percentiles of a set of requests, in milliseconds, measured from each one's intended start.</summary>
public sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);

/// <summary>The requests meant to start within one second of a stage.</summary>
public sealed record TimelinePoint(double Second, long Count, long Errors, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>
/// What a fault did to the people: outcomes of the requests before, in and after its window, and how long
/// after the window requests still failed (the intended start of the last failed one, from the window's end).
/// </summary>
public sealed record FaultReport(
    string Kind,
    double Share,
    double AfterSeconds,
    double ForSeconds,
    IReadOnlyList<string> Homes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> OutcomesByExposure,
    double RecoverySeconds,
    IReadOnlyList<string> InjectionErrors);

/// <summary>
/// One stage of a run: one offered rate for one duration; per second its outcomes and the replicas that answered, and
/// what stopping replicas did (<c>--stop-replicas-after</c>).
/// </summary>
public sealed record StageResult(
    double OfferedRate,
    double AchievedRate,
    double DurationSeconds,
    LatencySummary Latency,
    long Errors,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyList<TimelinePoint> Timeline,
    FaultReport? Fault,
    IReadOnlyList<OutcomeSecond>? OutcomeTimeline = null,
    DipReport? ReplicaStop = null);

/// <summary>The loopback floor: a raw TCP round trip on this machine, measured in the same run.</summary>
public sealed record FloorResult(long Samples, double P50Us, double P90Us, double P99Us, double MeanUs);

/// <summary>Everything a run measured, as written to its JSON file.</summary>
public sealed record RunResult(
    string Name,
    DateTimeOffset StartedAt,
    string Assistant,
    int People,
    FloorResult? Floor,
    IReadOnlyList<StageResult> Stages,
    IReadOnlyList<string> Charts);
