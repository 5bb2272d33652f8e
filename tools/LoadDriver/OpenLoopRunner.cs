namespace SmartHome.LoadDriver;

/// <summary>
/// Sends a schedule's requests, each at its intended start, without waiting for earlier answers (open
/// loop), and records each one's latency from its intended start. A driver that falls behind its schedule
/// sends the overdue requests at once, and their lateness counts as latency. Each answer also goes to the
/// <paramref name="timeline"/> (outcomes and replicas per second) and the <paramref name="live"/> ticker, when given.
/// </summary>
public sealed class OpenLoopRunner(IUtteranceSender sender, TimeProvider time, OutcomeTimeline? timeline = null, LiveTicker? live = null)
{
    /// <summary>The most requests this run had in flight at once.</summary>
    public int MaxInFlight => _maxInFlight;

    private int _inFlight;
    private int _maxInFlight;

    public async Task RunAsync(
        ArrivalSchedule schedule,
        UtteranceMix mix,
        LatencyRecorder? recorder,
        Func<TimeSpan, Person, FaultExposure> exposure,
        Action? completed,
        CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var requests = new List<Task>((int)Math.Min(schedule.Count, 1_000_000));
        for (long i = 0; i < schedule.Count; i++)
        {
            var intended = schedule.IntendedOffset(i);
            var wait = intended - time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            requests.Add(SendOneAsync(start, intended, mix.Next(), recorder, exposure, completed, cancellationToken));
        }

        await Task.WhenAll(requests);
    }

    private async Task SendOneAsync(
        long start,
        TimeSpan intended,
        PlannedUtterance utterance,
        LatencyRecorder? recorder,
        Func<TimeSpan, Person, FaultExposure> exposure,
        Action? completed,
        CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        try
        {
            // Off the scheduler's loop at once, whatever the sender does before its first await.
            await Task.Yield();
            var reply = await sender.SendAsync(utterance, cancellationToken);
            var latency = time.GetElapsedTime(start) - intended;
            recorder?.Record(intended, latency, reply.Outcome, exposure(intended, utterance.Person));
            timeline?.Record(intended, reply);
            live?.Record(reply);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            completed?.Invoke();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
