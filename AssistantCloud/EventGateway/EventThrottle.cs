using System.Globalization;
using Microsoft.Extensions.Options;
using SmartHome.ServiceDefaults;
using StackExchange.Redis;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The gateway's rate limit, per token (keyed by its hash, never the token): a token bucket of
/// <see cref="EventGatewayOptions.EventBurst"/> events refilled at <see cref="EventGatewayOptions.EventsPerSecond"/>,
/// kept in Redis so that it is the world's: whatever replica of the assistant an event lands on, a token gets the same
/// limit (kept per replica, n replicas let a sender send n times the limit). The bucket is one key,
/// <c>assistant:event-throttle:{hash}</c>, holding the bucket's theoretical arrival time (the generic cell rate
/// algorithm, which is a token bucket): a GET, then a SET under a WATCH on the value read; two events of one token at
/// once retry. Real time, not the world's clock: a rate is about the wire.
/// </summary>
internal sealed class EventThrottle(IConnectionMultiplexer redis, IOptions<EventGatewayOptions> options, RedisTransactionLanes? lanes = null)
{
    public const string KeyPrefix = "assistant:event-throttle:";

    // Events of one token racing for its bucket: each lost race reads again; past this, the event is throttled.
    private const int Attempts = 8;

    /// <summary>Real time (a test sets a fake one).</summary>
    public TimeProvider RealTime { get; init; } = TimeProvider.System;

    /// <summary>Null when the event may pass, else the seconds to wait (at least 1).</summary>
    public async Task<int?> TryPassAsync(string token)
    {
        var settings = options.Value;
        var interval = 1000.0 / settings.EventsPerSecond;
        var tolerance = interval * settings.EventBurst;
        RedisKey key = KeyPrefix + "{" + TokenHash.Of(token) + "}";
        var database = redis.GetDatabase();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var now = (double)RealTime.GetUtcNow().ToUnixTimeMilliseconds();
            var stored = await database.StringGetAsync(key);
            var next = Math.Max(stored.TryParse(out double arrival) ? arrival : now, now) + interval;
            if (next - now > tolerance + 0.001)
            {
                return Math.Max(1, (int)Math.Ceiling((next - now - tolerance) / 1000));
            }

            var transaction = RedisTransactionLanes.CreateTransaction(lanes, database);
            transaction.AddCondition(stored.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, stored));
            _ = transaction.StringSetAsync(key, next.ToString("R", CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(next - now + 1000));
            if (await transaction.ExecuteAsync())
            {
                return null;
            }
        }

        return 1;
    }
}
