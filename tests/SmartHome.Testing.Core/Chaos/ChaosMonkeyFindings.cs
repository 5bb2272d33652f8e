namespace SmartHome.Testing.Chaos;

/// <summary>
/// What a monkey run found, as the dashboard shows it: <see cref="Summary"/> one line (no violation in N events, or the
/// violations with the seed and how to replay them), <see cref="Details"/> the whole report with the (shrunk) schedule.
/// </summary>
public sealed record ChaosMonkeyFindings(int Seed, bool Passed, string Summary, string Details);
