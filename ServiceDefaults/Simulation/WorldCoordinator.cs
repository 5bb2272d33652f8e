namespace SmartHome.ServiceDefaults;

/// <summary>
/// Moves the world (any service can): changes the world's state in Redis, announces it, and waits,
/// bounded, until every live service has taken it, so that the very next request anywhere sees it.
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
        var live = await LiveAsync();
        var reading = await store.AdvanceClockAsync(by);
        clock.TryApply(reading);

        var waitUntil = clock.RealTime.GetUtcNow() + ApplyTimeout;
        var pause = FirstLook;
        IReadOnlyList<string> notApplied;
        while (true)
        {
            var applied = await store.AppliedVersionsAsync();
            notApplied = [.. live.Where(s => applied.GetValueOrDefault(s) < reading.Version)];
            if (notApplied.Count == 0 || clock.RealTime.GetUtcNow() >= waitUntil)
            {
                break;
            }

            await Task.Delay(pause, clock.RealTime, cancellationToken);
            pause = pause * 2 < Poll ? pause * 2 : Poll;
        }

        return new WorldClockAdvanced(clock.RealTime.GetUtcNow() + reading.Offset, reading.Offset, reading.Offset.TotalDays,
            reading.Version, [.. live.Except(notApplied)], notApplied);
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
        var live = await LiveAsync();
        var applied = await store.AppliedVersionsAsync();
        var services = applied.Keys.Union(live).Order(StringComparer.Ordinal)
            .Select(s => new WorldServiceView(s, live.Contains(s), applied.GetValueOrDefault(s)))
            .ToList();
        return new WorldView(clock.RealTime.GetUtcNow() + reading.Offset, reading.Offset, reading.Offset.TotalDays, reading.Version,
            await store.GenerationAsync(), services);
    }

    private Task<IReadOnlyList<string>> LiveAsync() => store.LiveServicesAsync(clock.RealTime.GetUtcNow(), WorldReset.LiveWithin);
}
