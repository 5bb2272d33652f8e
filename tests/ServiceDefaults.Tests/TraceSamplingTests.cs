using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace SmartHome.ServiceDefaults.Tests;

public sealed class TraceSamplingTests
{
    private static IConfiguration With(string? ratio) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [TraceSampling.RatioKey] = ratio })
        .Build();

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("0.01", 0.01)]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    public void The_ratio_is_read_and_every_trace_is_kept_unless_told(string? configured, double expected) =>
        Assert.Equal(expected, TraceSampling.RatioFrom(With(configured)));

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("half")]
    public void A_ratio_outside_0_to_1_stops_the_start_naming_the_setting(string configured)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TraceSampling.RatioFrom(With(configured)));
        Assert.Contains(TraceSampling.RatioKey, error.Message, StringComparison.Ordinal);
        Assert.Contains(configured, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_of_new_traces_is_kept_and_a_trace_begun_elsewhere_follows_its_parent()
    {
        var sampler = new ParentBasedSampler(TraceSampling.RootSampler(0.1));

        var kept = Enumerable.Range(0, 10_000).Count(_ => sampler.ShouldSample(Root()).Decision == SamplingDecision.RecordAndSample);
        Assert.InRange(kept, 700, 1300);

        var sampledParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var droppedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        Assert.All(Enumerable.Range(0, 100), _ =>
        {
            Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Child(sampledParent)).Decision);
            Assert.Equal(SamplingDecision.Drop, sampler.ShouldSample(Child(droppedParent)).Decision);
        });
    }

    [Fact]
    public void The_default_keeps_every_trace()
    {
        var sampler = new ParentBasedSampler(TraceSampling.RootSampler(1));
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(SamplingDecision.RecordAndSample, sampler.ShouldSample(Root()).Decision));
    }

    private static SamplingParameters Root() =>
        new(default, ActivityTraceId.CreateRandom(), "POST /api/utterances", ActivityKind.Server);

    private static SamplingParameters Child(ActivityContext parent) =>
        new(parent, parent.TraceId, "mqtt process", ActivityKind.Consumer);
}
