namespace SmartHome.IntegrationTests;

/// <summary>The kit's start bound and second try, with a bound no AppHost can meet.</summary>
public sealed class WorldStartTests
{
    [Fact]
    public async Task A_start_that_misses_its_bound_is_tried_once_more_and_then_fails_saying_what_each_try_waited_for()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => SmartHomeWorld.StartAsync(options =>
        {
            options.StartTimeout = TimeSpan.FromSeconds(1);
            options.StartAttempts = 2;
        }).WaitAsync(TimeSpan.FromMinutes(4)));

        Assert.Contains("Start 1 of 2: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start 2 of 2: ", error.Message, StringComparison.Ordinal);
        Assert.Matches("(not even built|had not started|Not healthy) within 1 s", error.Message);
    }
}
