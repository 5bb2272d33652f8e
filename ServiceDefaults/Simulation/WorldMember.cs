using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Keeps this service in the world: at start-up, before the server listens, it loads the world's clock
/// from Redis (bounded), so a restarted service is at once on the world's time; then it applies every
/// change announced on <c>world:clock</c> (and re-reads it each second, in case a message was missed),
/// beats a heartbeat with the version it applied, and runs this service's <see cref="IWorldResetPart"/>s
/// when a reset is announced. Redis away: the clock keeps its last value.
/// </summary>
public sealed partial class WorldMember(
    IServiceProvider services,
    SimulationClock clock,
    WorldIdentity identity,
    ILogger<WorldMember> logger) : BackgroundService
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ResetTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DependencyPoll = TimeSpan.FromMilliseconds(100);

    // Replicas killed rather than stopped never leave: forgotten after this long without a heartbeat.
    private static readonly TimeSpan ForgetSilentAfter = TimeSpan.FromMinutes(10);
    private const int BeatsBetweenForgetting = 60;

    private readonly SemaphoreSlim _resets = new(1, 1);
    private WorldStore? _store;
    private bool _subscribed;
    private CancellationToken _stopping;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolved off the start-up thread: the multiplexer connects synchronously when first resolved.
            _store = await Task.Run(services.GetRequiredService<WorldStore>, cancellationToken).WaitAsync(LoadTimeout, cancellationToken);
            await FollowAsync(_store).WaitAsync(LoadTimeout, cancellationToken);
            LogLoaded(logger, clock.Applied.Version, clock.Offset.TotalDays);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotLoaded(logger, ex.Message);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var timer = new PeriodicTimer(BeatInterval, clock.RealTime);
        var beats = 0;
        do
        {
            try
            {
                _store ??= services.GetRequiredService<WorldStore>();
                await FollowAsync(_store);
                if (++beats % BeatsBetweenForgetting == 0)
                {
                    await _store.ForgetSilentReplicasAsync(clock.RealTime.GetUtcNow(), ForgetSilentAfter);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogBeatFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task FollowAsync(WorldStore store)
    {
        if (!_subscribed)
        {
            await store.SubscribeAsync(OnClock, OnReset);
            _subscribed = true;
        }

        Apply(await store.ReadClockAsync());
        await store.BeatAsync(identity, clock.Applied.Version, clock.RealTime.GetUtcNow());
    }

    private void Apply(WorldClockReading reading)
    {
        if (clock.TryApply(reading))
        {
            LogApplied(logger, reading.Version, reading.Offset.TotalDays);
        }
    }

    private void OnClock(WorldClockReading reading)
    {
        Apply(reading);
        _ = AcknowledgeAsync();
    }

    private async Task AcknowledgeAsync()
    {
        try
        {
            if (_store is { } store)
            {
                await store.BeatAsync(identity, clock.Applied.Version, clock.RealTime.GetUtcNow());
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogBeatFailed(logger, ex.Message);
        }
    }

    private void OnReset(long generation) => _ = Task.Run(() => ResetAsync(generation));

    private async Task ResetAsync(long generation)
    {
        if (_store is not { } store)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        timeout.CancelAfter(ResetTimeout);
        var entered = false;
        try
        {
            // One reset at a time in this service; a second one waits for the first.
            await _resets.WaitAsync(timeout.Token);
            entered = true;
            LogResetting(logger, generation);
            Apply(await store.ReadClockAsync());
            await store.BeatAsync(identity, clock.Applied.Version, clock.RealTime.GetUtcNow());
            var parts = services.GetServices<IWorldResetPart>().ToList();
            // Every replica's own copies first (a switch left on here would refuse the seeding), and again when the world's part is done.
            foreach (var part in parts)
            {
                await part.ResetReplicaAsync(timeout.Token);
            }

            if (!await store.TakeResetAsync(generation, identity.Name, identity.Replica))
            {
                // Another replica of this service wipes and seeds the world's part (twice would wipe what the first seeded);
                // this one waits for it, then puts back its own copies.
                LogResetByAnotherReplica(logger, generation);
                await WaitForResetAsync(store, generation, identity.Name, timeout.Token, evenIfLive: true);
                foreach (var part in parts)
                {
                    await part.ResetReplicaAsync(timeout.Token);
                }

                LogReset(logger, generation);
                return;
            }

            foreach (var part in parts)
            {
                foreach (var first in part.After)
                {
                    await WaitForResetAsync(store, generation, first, timeout.Token);
                }

                await part.ResetAsync(timeout.Token);
                await part.ResetReplicaAsync(timeout.Token);
            }

            await store.RecordResetAsync(generation, identity.Name, WorldReset.Done);
            LogReset(logger, generation);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            var problem = ex is OperationCanceledException ? "timed out" : ex.Message;
            LogResetFailed(logger, generation, problem);
            try
            {
                await store.RecordResetAsync(generation, identity.Name, WorldReset.Failed(problem));
            }
            catch (Exception recordEx) when (recordEx is RedisException or TimeoutException)
            {
                LogBeatFailed(logger, recordEx.Message);
            }
        }
        finally
        {
            if (entered)
            {
                _resets.Release();
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="service"/> has reset this generation, unless it is not running at all (or, with
    /// <paramref name="evenIfLive"/>, until it has, for this service's own replica that resets the world's part).
    /// </summary>
    private async Task WaitForResetAsync(WorldStore store, long generation, string service, CancellationToken cancellationToken,
        bool evenIfLive = false)
    {
        while (true)
        {
            var outcomes = await store.ResetOutcomesAsync(generation);
            if (outcomes.TryGetValue(service, out var outcome))
            {
                if (outcome != WorldReset.Done)
                {
                    throw new InvalidOperationException($"{service} did not reset: {outcome}");
                }

                return;
            }

            if (!evenIfLive && !(await store.LiveServicesAsync(clock.RealTime.GetUtcNow(), WorldReset.LiveWithin)).Contains(service))
            {
                return;
            }

            await Task.Delay(DependencyPoll, clock.RealTime, cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            // A stopped service is not waited for; without this it would count as live for a few seconds.
            if (_store is { } store)
            {
                await store.LeaveAsync(identity).WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or OperationCanceledException)
        {
            LogBeatFailed(logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _resets.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "World clock loaded: version {Version}, {OffsetDays} days ahead")]
    private static partial void LogLoaded(ILogger logger, long version, double offsetDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "World clock not loaded at start-up ({Problem}); following it once Redis answers")]
    private static partial void LogNotLoaded(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "World clock applied: version {Version}, {OffsetDays} days ahead")]
    private static partial void LogApplied(ILogger logger, long version, double offsetDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "World heartbeat failed: {Problem}")]
    private static partial void LogBeatFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resetting this service's part of the world (generation {Generation})")]
    private static partial void LogResetting(ILogger logger, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another replica of this service resets the world's part (generation {Generation}); this one waits, then puts back its own copies")]
    private static partial void LogResetByAnotherReplica(ILogger logger, long generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "This service's part of the world is reset (generation {Generation})")]
    private static partial void LogReset(ILogger logger, long generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resetting this service's part of the world (generation {Generation}) failed: {Problem}")]
    private static partial void LogResetFailed(ILogger logger, long generation, string problem);
}
