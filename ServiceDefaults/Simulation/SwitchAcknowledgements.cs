using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// How the replica that flips one of its service's shared switches knows that every replica holds it before the
/// <c>/sim</c> call returns. Each replica keeps a copy of the switches, refreshed on an announcement; without this, a
/// request landing on another replica a moment after the call still met the switch as it was (a chaos test's first
/// request after "outage on" succeeded). The writer bumps <c>{prefix}:version</c> after writing the switch; each replica,
/// when it has read and applied the switches, records the version it read in <c>{prefix}:applied</c> (hash: replica to
/// version); the writer waits, bounded by <see cref="ApplyTimeout"/>, until every live replica of its service (the world's
/// heartbeats, <see cref="WorldStore"/>) has recorded at least its version. Put a hash tag in the prefix, the one of the
/// switches' keys, so that one MGET reads the switches and their version together on a Redis Cluster.
/// </summary>
public sealed partial class SwitchAcknowledgements(
    RedisConnection connection,
    WorldIdentity identity,
    SimulationClock clock,
    ILogger<SwitchAcknowledgements> logger)
{
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(3);

    // Replicas apply an announcement a millisecond or two after it: look soon, then back off.
    private static readonly TimeSpan FirstLook = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    public static RedisKey VersionKey(string prefix) => prefix + ":version";

    public static RedisKey AppliedKey(string prefix) => prefix + ":applied";

    /// <summary>The version read with the switches (no key yet, or wiped by a reset: 0).</summary>
    public static long ParseVersion(RedisValue value) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0;

    /// <summary>Called after the switch's write: the switches' new version.</summary>
    public async Task<long> BumpAsync(string prefix, CancellationToken cancellationToken) =>
        await (await connection.ConnectAsync(cancellationToken)).GetDatabase().StringIncrementAsync(VersionKey(prefix))
            .WaitAsync(cancellationToken);

    /// <summary>This replica has applied the switches as they were at <paramref name="version"/>.</summary>
    public async Task AcknowledgeAsync(string prefix, long version, CancellationToken cancellationToken) =>
        await (await connection.ConnectAsync(cancellationToken)).GetDatabase()
            .HashSetAsync(AppliedKey(prefix), identity.Replica, version).WaitAsync(cancellationToken);

    /// <summary>
    /// Waits until every other live replica of this service has applied <paramref name="version"/>; the replicas that had
    /// not within <see cref="ApplyTimeout"/> (they follow within their re-read interval), logged. Redis away: the switch
    /// holds on this replica only (its writer has said so), nobody is waited for.
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForReplicasAsync(string prefix, long version, CancellationToken cancellationToken)
    {
        try
        {
            var redis = await connection.ConnectAsync(cancellationToken);
            var others = (await new WorldStore(redis).LiveReplicasAsync(clock.RealTime.GetUtcNow(), WorldReset.LiveWithin))
                .Where(r => r.Service == identity.Name && r.Replica != identity.Replica)
                .Select(r => r.Replica)
                .ToList();
            var waitUntil = clock.RealTime.GetUtcNow() + ApplyTimeout;
            var pause = FirstLook;
            while (others.Count > 0)
            {
                var applied = await redis.GetDatabase().HashGetAsync(AppliedKey(prefix), [.. others.Select(r => (RedisValue)r)])
                    .WaitAsync(cancellationToken);
                others = [.. others.Where((_, i) => ParseVersion(applied[i]) < version)];
                if (others.Count == 0 || clock.RealTime.GetUtcNow() >= waitUntil)
                {
                    break;
                }

                await Task.Delay(pause, clock.RealTime, cancellationToken);
                pause = pause * 2 < Poll ? pause * 2 : Poll;
            }

            if (others.Count > 0)
            {
                LogNotApplied(identity.Name, prefix, version, string.Join(", ", others), ApplyTimeout.TotalSeconds);
            }

            return others;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotWaited(identity.Name, prefix, ex.Message);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Service}: switch {Prefix} version {Version} not yet applied by replica(s) {Replicas} after {Seconds} s; they follow on their next re-read")]
    private partial void LogNotApplied(string service, string prefix, long version, string replicas, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service}: could not wait for the other replicas to apply switch {Prefix}: {Problem}")]
    private partial void LogNotWaited(string service, string prefix, string problem);
}
