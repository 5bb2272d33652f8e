using HdrHistogram;

namespace SmartHome.LoadDriver;

/// <summary>
/// Records each request's latency (from its intended start) in an HdrHistogram, overall and per second of
/// the stage, and counts outcomes overall and by fault exposure. Thread-safe: requests complete on many threads.
/// </summary>
public sealed class LatencyRecorder
{
    public const string Success = "Success";

    // Microseconds, up to two minutes, three significant digits.
    private const long HighestMicros = 120_000_000;
    private const int Digits = 3;

    private readonly Lock _gate = new();
    private readonly LongHistogram _all = new(HighestMicros, Digits);
    private readonly SortedDictionary<long, (LongHistogram Latency, long Errors)> _seconds = [];
    private readonly SortedDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<FaultExposure, SortedDictionary<string, long>> _byExposure = [];
    private readonly Dictionary<FaultExposure, TimeSpan> _lastError = [];

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _all.TotalCount;
            }
        }
    }

    public void Record(TimeSpan intendedOffset, TimeSpan latency, string outcome, FaultExposure exposure = FaultExposure.NoFault)
    {
        var micros = Math.Clamp((long)(latency.Ticks / (double)TimeSpan.TicksPerMicrosecond), 1, HighestMicros);
        var second = (long)Math.Floor(intendedOffset.TotalSeconds);
        var error = outcome != Success ? 1 : 0;
        lock (_gate)
        {
            _all.RecordValue(micros);
            if (!_seconds.TryGetValue(second, out var bucket))
            {
                bucket = (new LongHistogram(HighestMicros, Digits), 0);
            }

            bucket.Latency.RecordValue(micros);
            _seconds[second] = (bucket.Latency, bucket.Errors + error);
            Increment(_outcomes, outcome);
            if (!_byExposure.TryGetValue(exposure, out var counts))
            {
                _byExposure[exposure] = counts = new(StringComparer.Ordinal);
            }

            Increment(counts, outcome);
            if (error == 1 && (!_lastError.TryGetValue(exposure, out var last) || intendedOffset > last))
            {
                _lastError[exposure] = intendedOffset;
            }
        }
    }

    /// <summary>The intended start of the latest failed request of that exposure, or null when none failed.</summary>
    public TimeSpan? LastErrorAt(FaultExposure exposure)
    {
        lock (_gate)
        {
            return _lastError.TryGetValue(exposure, out var last) ? last : null;
        }
    }

    public LatencySummary Latency()
    {
        lock (_gate)
        {
            return Summarize(_all);
        }
    }

    public IReadOnlyDictionary<string, long> Outcomes()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(_outcomes, StringComparer.Ordinal);
        }
    }

    public long Errors()
    {
        lock (_gate)
        {
            return _outcomes.Where(o => o.Key != Success).Sum(o => o.Value);
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> OutcomesByExposure()
    {
        lock (_gate)
        {
            return _byExposure.OrderBy(e => e.Key).ToDictionary(
                e => e.Key.ToString(),
                e => (IReadOnlyDictionary<string, long>)new SortedDictionary<string, long>(e.Value, StringComparer.Ordinal));
        }
    }

    public IReadOnlyList<TimelinePoint> Timeline()
    {
        lock (_gate)
        {
            return _seconds.Select(s =>
            {
                var summary = Summarize(s.Value.Latency);
                return new TimelinePoint(s.Key, summary.Count, s.Value.Errors, summary.P50Ms, summary.P90Ms, summary.P99Ms, summary.MaxMs);
            }).ToList();
        }
    }

    private static LatencySummary Summarize(LongHistogram histogram)
    {
        if (histogram.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }

        static double Ms(double micros) => Math.Round(micros / 1000.0, 3);
        return new LatencySummary(
            histogram.TotalCount,
            Ms(histogram.GetMean()),
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    private static void Increment(IDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
