namespace SmartHome.ServiceDefaults;

/// <summary>
/// Moves the world (any service can): changes the world's state in Redis, announces it, and waits,
/// bounded, until every live replica of every service has taken it, so that the very next request anywhere sees it
/// (with two replicas of a cloud, the next request may land on either).
/// </summary>
public sealed class WorldCoordinator(WorldStore store, SimulationClock clock)
{
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan ResetTimeout = TimeSpan.FromSeconds(100);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    // The services acknowledge a clock move as soon as its announcement reaches them, a millisecond or two later: the first
    // looks come soon, then they back off to Poll. A study moves the clock twice a simulated day (docs/policy-study.md).
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(1);

    public async Task<WorldClockAdvanced> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var live = await store.LiveReplicasAsync(clock.RealTime.GetUtcNow(), WorldReset.LiveWithin);
        var reading = await store.AdvanceClockAsync(by);
        clock.TryApply(reading);

        var waitUntil = clock.RealTime.GetUtcNow() + ApplyTimeout;
        var pause = FirstLook;
        IReadOnlyList<string> notApplied;
        while (true)
        {
            // A replica that left meanwhile (stopped) is not waited for; one that started meanwhile loaded the clock first.
            var beats = (await store.ReplicasAsync()).ToDictionary(b => (b.Service, b.Replica));
            notApplied = [.. live
                .Where(r => beats.TryGetValue((r.Service, r.Replica), out var beat) && beat.ClockVersion < reading.Version)
                .Select(r => r.Service)
                .Distinct(StringComparer.Ordinal)];
            if (notApplied.Count == 0 || clock.RealTime.GetUtcNow() >= waitUntil)
            {
                break;
            }

            await Task.Delay(pause, clock.RealTime, cancellationToken);
            pause = pause * 2 < Poll ? pause * 2 : Poll;
        }

        var services = live.Select(r => r.Service).Distinct(StringComparer.Ordinal).ToList();
        return new WorldClockAdvanced(clock.RealTime.GetUtcNow() + reading.Offset, reading.Offset, reading.Offset.TotalDays,
            reading.Version, [.. services.Except(notApplied)], notApplied);
    }

    /// <summary>Back to the freshly seeded world: the clock to real time, then every live service resets its own part.</summary>
    public async Task<WorldResetResult> ResetAsync(CancellationToken cancellationToken)
    {
        var live = await LiveAsync();
        var reading = await store.ResetClockAsync();
        clock.TryApply(reading);
        var generation = await store.StartResetAsync();

        var waitUntil = clock.RealTime.GetUtcNow() + ResetTimeout;
        IReadOnlyDictionary<string, string> outcomes;
        while (true)
        {
            outcomes = await store.ResetOutcomesAsync(generation);
            if (live.All(outcomes.ContainsKey) || clock.RealTime.GetUtcNow() >= waitUntil)
            {
                break;
            }

            await Task.Delay(Poll * 4, clock.RealTime, cancellationToken);
        }

        var services = live.Union(outcomes.Keys).Order(StringComparer.Ordinal)
            .Select(s => new WorldResetOutcome(s, outcomes.GetValueOrDefault(s) ?? WorldReset.NotAnswered))
            .ToList();
        return new WorldResetResult(generation, services.All(s => s.Outcome == WorldReset.Done),
            clock.GetUtcNow(), clock.Offset.TotalDays, services);
    }

    public async Task<WorldView> ViewAsync()
    {
        var reading = await store.ReadClockAsync();
        var now = clock.RealTime.GetUtcNow();
        // A service's version is its slowest live replica's (or, when none is live, its last one's).
        var services = (await store.ReplicasAsync())
            .GroupBy(b => b.Service, StringComparer.Ordinal)
            .Select(service =>
            {
                var live = service.Where(b => now - b.LastBeat <= WorldReset.LiveWithin).ToList();
                return live.Count > 0
                    ? new WorldServiceView(service.Key, true, live.Min(b => b.ClockVersion), live.Count)
                    : new WorldServiceView(service.Key, false, service.MaxBy(b => b.LastBeat)!.ClockVersion, 0);
            })
            .ToList();
        return new WorldView(clock.RealTime.GetUtcNow() + reading.Offset, reading.Offset, reading.Offset.TotalDays, reading.Version,
            await store.GenerationAsync(), services);
    }

    private Task<IReadOnlyList<string>> LiveAsync() => store.LiveServicesAsync(clock.RealTime.GetUtcNow(), WorldReset.LiveWithin);
}
