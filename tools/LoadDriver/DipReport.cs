namespace SmartHome.LoadDriver;

/// <summary>
/// What stopping replicas did to the people, from the stage's <see cref="OutcomeSecond"/>s (seconds of intended start):
/// the success rate before the stop, the first and last failed request's second at or after it, the first second back at
/// the rate of before (the recovery, counted from the stop) and the failures from the stop on, by outcome.
/// </summary>
public sealed record DipReport(
    double StopAtSeconds,
    double PreFaultSuccessRate,
    double? FirstFailureSecond,
    double? LastFailureSecond,
    double? RecoveredAtSecond,
    double? RecoverySeconds,
    long Failed,
    IReadOnlyDictionary<string, long> ErrorsByType,
    IReadOnlyList<string> Stopped,
    IReadOnlyList<string> StopErrors)
{
    // A second "back at the rate of before" may fall short of it by rounding only.
    private const double Tolerance = 1e-9;

    public static DipReport Measure(IReadOnlyList<OutcomeSecond> seconds, TimeSpan stopAt, IReadOnlyList<string> stopped, IReadOnlyList<string> stopErrors)
    {
        var stopSecond = Math.Floor(stopAt.TotalSeconds);
        // Only whole seconds before the stop set the rate to come back to.
        var before = seconds.Where(s => s.Second + 1 <= stopAt.TotalSeconds).ToList();
        var beforeCount = before.Sum(s => s.Count);
        var preRate = beforeCount == 0 ? 1 : (double)before.Sum(s => s.Succeeded) / beforeCount;

        var after = seconds.Where(s => s.Second >= stopSecond).OrderBy(s => s.Second).ToList();
        var failing = after.Where(s => s.Succeeded < s.Count).ToList();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (outcome, count) in after.SelectMany(s => s.Failures))
        {
            errors[outcome] = errors.TryGetValue(outcome, out var n) ? n + count : count;
        }

        double? recoveredAt;
        if (after.FirstOrDefault(s => s.SuccessRate < preRate - Tolerance) is { } dipStart)
        {
            recoveredAt = after.FirstOrDefault(s => s.Second > dipStart.Second && s.SuccessRate >= preRate - Tolerance)?.Second;
        }
        else
        {
            // No second fell below the rate of before: nothing to recover from.
            recoveredAt = stopSecond;
        }

        return new DipReport(
            Math.Round(stopAt.TotalSeconds, 3),
            Math.Round(preRate, 4),
            failing.FirstOrDefault()?.Second,
            failing.LastOrDefault()?.Second,
            recoveredAt,
            recoveredAt is { } at ? Math.Round(Math.Max(0, at - stopAt.TotalSeconds), 3) : null,
            errors.Values.Sum(),
            errors,
            stopped,
            stopErrors);
    }
}
