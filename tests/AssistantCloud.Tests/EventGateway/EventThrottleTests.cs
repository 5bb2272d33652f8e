using Microsoft.Extensions.Time.Testing;
using SmartHome.AssistantCloud.EventGateway;

namespace SmartHome.AssistantCloud.Tests;

/// <summary>The event gateway's rate limit is the world's: two replicas over one Redis share each token's bucket.</summary>
public sealed class EventThrottleTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly EventGatewayOptions Limits = new() { SkillClientSecret = ReturnPathTestData.SkillSecret, EventBurst = 4, EventsPerSecond = 2 };

    private readonly FakeTimeProvider _time = new(ReturnPathTestData.Start);

    private EventThrottle Replica() => new(redis.Redis, Microsoft.Extensions.Options.Options.Create(Limits)) { RealTime = _time };

    [RedisFact]
    public async Task Two_replicas_together_let_a_token_send_its_burst_once_then_ask_it_to_wait()
    {
        var token = "Atza|" + Guid.NewGuid().ToString("N");
        var (first, second) = (Replica(), Replica());

        for (var sent = 0; sent < Limits.EventBurst; sent++)
        {
            Assert.Null(await (sent % 2 == 0 ? first : second).TryPassAsync(token));
        }

        Assert.Equal(1, await first.TryPassAsync(token));
        Assert.Equal(1, await second.TryPassAsync(token));
    }

    [RedisFact]
    public async Task The_bucket_refills_at_the_rate_and_each_token_has_its_own()
    {
        var token = "Atza|" + Guid.NewGuid().ToString("N");
        var throttle = Replica();
        for (var sent = 0; sent < Limits.EventBurst; sent++)
        {
            Assert.Null(await throttle.TryPassAsync(token));
        }

        Assert.NotNull(await throttle.TryPassAsync(token));
        Assert.Null(await Replica().TryPassAsync("Atza|" + Guid.NewGuid().ToString("N")));

        // Two events a second: half a second later one more passes, and only one.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Null(await throttle.TryPassAsync(token));
        Assert.NotNull(await throttle.TryPassAsync(token));
    }

    [RedisFact]
    public async Task Events_of_one_token_at_once_on_two_replicas_pass_no_more_than_the_burst()
    {
        var token = "Atza|" + Guid.NewGuid().ToString("N");
        var (first, second) = (Replica(), Replica());

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? first : second).TryPassAsync(token)));

        Assert.InRange(answers.Count(a => a is null), 1, Limits.EventBurst);
    }
}
