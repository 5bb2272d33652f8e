using OpenTelemetry.Trace;

namespace SmartHome.ServiceDefaults;

/// <summary>
/// Drops a Redis command's span when it has no parent: background traffic (the world's heartbeats and clock
/// re-reads, pub/sub, the plug's flash writes) would otherwise make a root trace of its own every second.
/// A command made inside a request or another span stays in that trace; everything else goes to
/// <paramref name="inner"/>. The Redis instrumentation names the system in a tag given at creation.
/// </summary>
internal sealed class RedisCommandSampler(Sampler inner) : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.ParentContext == default && IsRedisCommand(samplingParameters.Tags)
            ? Drop
            : inner.ShouldSample(samplingParameters);

    private static bool IsRedisCommand(IEnumerable<KeyValuePair<string, object?>>? tags) =>
        tags?.Any(tag => tag.Key is "db.system" or "db.system.name" && tag.Value is "redis") == true;
}
