namespace SmartHome.ServiceDefaults.Tests;

public class ReconnectBackoffTests
{
    private static readonly TimeSpan Base = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    [Fact]
    public void Ceiling_doubles_from_the_base_up_to_the_cap()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(1));

        var ceilings = Enumerable.Range(0, 8).Select(attempt => backoff.Ceiling(attempt).TotalMilliseconds);

        Assert.Equal([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000], ceilings);
    }

    [Fact]
    public void Ceiling_does_not_overflow_for_a_very_long_outage()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(1));

        Assert.Equal(Cap, backoff.Ceiling(int.MaxValue));
    }

    [Fact]
    public void Every_delay_lies_between_zero_and_its_ceiling()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(42));

        for (var attempt = 0; attempt < 40; attempt++)
        {
            for (var sample = 0; sample < 50; sample++)
            {
                var delay = backoff.NextDelay(attempt);
                Assert.InRange(delay, TimeSpan.Zero, backoff.Ceiling(attempt));
            }
        }
    }

    [Fact]
    public void Delays_are_full_jitter_drawn_from_the_random_source()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(7));
        var expected = new Random(7);

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ceiling = Math.Min(500 * Math.Pow(2, attempt), 10_000);
            Assert.Equal(expected.NextDouble() * ceiling, backoff.NextDelay(attempt).TotalMilliseconds, tolerance: 0.001);
        }
    }

    [Fact]
    public void Delays_grow_with_the_attempts_on_average()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(3));

        var early = Enumerable.Range(0, 200).Average(_ => backoff.NextDelay(0).TotalMilliseconds);
        var late = Enumerable.Range(0, 200).Average(_ => backoff.NextDelay(6).TotalMilliseconds);

        // Uniform on [0, ceiling): means near 250 ms and 5 s.
        Assert.InRange(early, 150, 350);
        Assert.InRange(late, 4000, 6000);
    }

    [Fact]
    public void A_negative_attempt_is_a_bug()
    {
        var backoff = new ReconnectBackoff(Base, Cap, new Random(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.Ceiling(-1));
    }
}
