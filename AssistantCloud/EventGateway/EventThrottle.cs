using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SmartHome.AssistantCloud.EventGateway;

/// <summary>
/// The gateway's rate limit, per token (partitioned by its hash, never the token): a token bucket of
/// <see cref="EventGatewayOptions.EventBurst"/> events refilled at <see cref="EventGatewayOptions.EventsPerSecond"/>.
/// Real time, not the world's clock: a rate is about the wire. Per replica, on purpose: each replica of the assistant
/// keeps its own buckets, so with <c>cloud-replicas=n</c> a token may send up to n times the burst and rate world-wide
/// (the proxy spreads a sender's connections, not its events, so an even 1/n share would throttle a sender that keeps
/// one connection). The limit protects each replica; a world-wide one would cost a Redis round trip per event.
/// </summary>
internal sealed class EventThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public EventThrottle(IOptions<EventGatewayOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(tokenHash => RateLimitPartition.GetTokenBucketLimiter(tokenHash,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.EventBurst,
                TokensPerPeriod = settings.EventsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the event may pass, else the seconds to wait (at least 1).</summary>
    public int? TryPass(string token)
    {
        using var lease = _limiter.AttemptAcquire(TokenHash.Of(token));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
    }

    public void Dispose() => _limiter.Dispose();
}
