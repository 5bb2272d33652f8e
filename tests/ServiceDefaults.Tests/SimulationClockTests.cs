using Microsoft.Extensions.Time.Testing;

namespace SmartHome.ServiceDefaults.Tests;

/// <summary>A service's clock follows the world's: newer versions only, a reset may take it back to real time.</summary>
public sealed class SimulationClockTests
{
    private readonly FakeTimeProvider _real = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void It_takes_a_newer_reading_and_ignores_an_older_or_equal_one()
    {
        var clock = new SimulationClock(_real);

        Assert.True(clock.TryApply(new WorldClockReading(2, TimeSpan.FromDays(365))));
        Assert.False(clock.TryApply(new WorldClockReading(1, TimeSpan.FromDays(1)))); // a late message
        Assert.False(clock.TryApply(new WorldClockReading(2, TimeSpan.FromDays(7))));

        Assert.Equal(_real.GetUtcNow() + TimeSpan.FromDays(365), clock.GetUtcNow());
        Assert.Equal(2, clock.Applied.Version);
    }

    [Fact]
    public void A_reset_is_a_newer_version_with_offset_zero_and_takes_the_clock_back()
    {
        var clock = new SimulationClock(_real);
        clock.TryApply(new WorldClockReading(1, TimeSpan.FromDays(400)));

        Assert.True(clock.TryApply(new WorldClockReading(2, TimeSpan.Zero)));

        Assert.Equal(_real.GetUtcNow(), clock.GetUtcNow());
    }

    [Theory]
    [InlineData("7:315360000000000", 7L, 365.0)]
    [InlineData("1:0", 1L, 0.0)]
    public void The_announcement_on_the_channel_round_trips(string message, long version, double days)
    {
        var reading = WorldStore.Parse(message);

        Assert.Equal(new WorldClockReading(version, TimeSpan.FromDays(days)), reading);
        Assert.Equal(message, WorldStore.Format(reading!));
        Assert.Null(WorldStore.Parse("not a clock"));
    }
}
