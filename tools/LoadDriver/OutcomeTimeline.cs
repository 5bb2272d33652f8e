namespace SmartHome.LoadDriver;

/// <summary>The requests meant to start within one second of a stage: how many succeeded, how the others failed, which replica answered, how many were sent again after a dropped connection.</summary>
public sealed record OutcomeSecond(
    double Second,
    long Count,
    long Succeeded,
    IReadOnlyDictionary<string, long> Failures,
    IReadOnlyDictionary<string, long> Replicas,
    long Resent = 0)
{
    /// <summary>Succeeded over sent; a second without requests counts as whole.</summary>
    public double SuccessRate => Count == 0 ? 1 : (double)Succeeded / Count;
}

/// <summary>
/// Outcomes per second of the stage, by each request's intended start (so that a request the fault held up counts in
/// the second it was meant to go, not when its answer came): the dip and the recovery a replica's stop makes.
/// Thread-safe: requests complete on many threads.
/// </summary>
public sealed class OutcomeTimeline
{
    /// <summary>The replica key of an answer that named none (the request failed before any replica answered).</summary>
    public const string NoReplica = "none";

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Bucket> _seconds = [];
    private string? _latestReplica;

    /// <summary>The replica that gave the latest answer naming one: the one the load is on now.</summary>
    public string? LatestReplica
    {
        get
        {
            lock (_gate)
            {
                return _latestReplica;
            }
        }
    }

    public void Record(TimeSpan intendedOffset, UtteranceReply reply)
    {
        var second = (long)Math.Floor(intendedOffset.TotalSeconds);
        lock (_gate)
        {
            if (!_seconds.TryGetValue(second, out var bucket))
            {
                _seconds[second] = bucket = new Bucket();
            }

            bucket.Count++;
            if (reply.Succeeded)
            {
                bucket.Succeeded++;
            }
            else
            {
                Increment(bucket.Failures, reply.Outcome);
            }

            if (reply.Resent)
            {
                bucket.Resent++;
            }

            Increment(bucket.Replicas, string.IsNullOrEmpty(reply.Replica) ? NoReplica : reply.Replica);
            if (!string.IsNullOrEmpty(reply.Replica))
            {
                _latestReplica = reply.Replica;
            }
        }
    }

    public IReadOnlyList<OutcomeSecond> Seconds()
    {
        lock (_gate)
        {
            return _seconds.Select(s => new OutcomeSecond(
                s.Key,
                s.Value.Count,
                s.Value.Succeeded,
                new SortedDictionary<string, long>(s.Value.Failures, StringComparer.Ordinal),
                new SortedDictionary<string, long>(s.Value.Replicas, StringComparer.Ordinal),
                s.Value.Resent)).ToList();
        }
    }

    private static void Increment(Dictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private sealed class Bucket
    {
        public long Count;
        public long Succeeded;
        public long Resent;
        public readonly Dictionary<string, long> Failures = new(StringComparer.Ordinal);
        public readonly Dictionary<string, long> Replicas = new(StringComparer.Ordinal);
    }
}
