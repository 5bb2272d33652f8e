using Microsoft.Extensions.Time.Testing;

namespace SmartHome.LoadDriver.Tests;

public sealed class FaultTests
{
    private static readonly IReadOnlyList<string> TenHomes = Enumerable.Range(1, 10).Select(n => $"home-{n}").ToList();

    [Theory]
    [InlineData(0.1, new[] { "home-10" })]
    [InlineData(0.3, new[] { "home-10", "home-7", "home-4" })]
    [InlineData(0.0, new[] { "home-10" })]
    public void A_share_of_the_homes_is_chosen_from_the_end_and_at_least_one(double share, string[] expected)
    {
        var fault = new FaultOptions("broadband", share, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        Assert.Equal(expected, fault.SelectHomes(TenHomes));
    }

    [Fact]
    public void Every_home_is_chosen_at_a_share_of_one()
    {
        var fault = new FaultOptions("broadband", 1, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        Assert.Equal(TenHomes.Order(), fault.SelectHomes(TenHomes).Order());
    }

    [Fact]
    public void The_window_starts_after_the_delay_and_lasts_its_time()
    {
        var fault = new FaultOptions("broadband", 0.1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

        Assert.False(fault.IsActiveAt(TimeSpan.FromSeconds(9.9)));
        Assert.True(fault.IsActiveAt(TimeSpan.FromSeconds(10)));
        Assert.True(fault.IsActiveAt(TimeSpan.FromSeconds(29.9)));
        Assert.False(fault.IsActiveAt(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_chosen_homes_lose_broadband_for_the_window_and_get_it_back()
    {
        var time = new FakeTimeProvider();
        var faultSwitch = new RecordingSwitch();
        var fault = new FaultOptions("broadband", 0.2, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        var run = new FaultRun(fault, fault.SelectHomes(TenHomes), faultSwitch, time);

        var running = run.RunAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(faultSwitch.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntil(() => faultSwitch.Calls.Count == 2);
        Assert.Equal(["home-10 down", "home-5 down"], faultSwitch.Calls.Order());
        await AdvanceUntilDone(time, running);

        Assert.Equal(["home-10 down", "home-10 up", "home-5 down", "home-5 up"], faultSwitch.Calls.Order());
        Assert.Empty(run.Errors);
    }

    [Fact]
    public async Task A_run_that_ends_early_still_gives_the_broadband_back()
    {
        var time = new FakeTimeProvider();
        var faultSwitch = new RecordingSwitch();
        var fault = new FaultOptions("broadband", 0.1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var run = new FaultRun(fault, fault.SelectHomes(TenHomes), faultSwitch, time);
        using var stop = new CancellationTokenSource();

        var running = run.RunAsync(stop.Token);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => faultSwitch.Calls.Count == 1);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["home-10 down", "home-10 up"], faultSwitch.Calls);
    }

    [Fact]
    public void Requests_are_told_apart_by_window_and_home()
    {
        var fault = new FaultOptions("broadband", 0.1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        var run = new FaultRun(fault, ["home-10"], new RecordingSwitch(), TimeProvider.System);
        var faulted = new Person("user-10", "home-10", "bedroom lamp");
        var other = new Person("owner", "home-1", "bedroom lamp");

        Assert.Equal(FaultExposure.BeforeWindow, run.ExposureOf(TimeSpan.FromSeconds(5), faulted));
        Assert.Equal(FaultExposure.WindowFaultedHome, run.ExposureOf(TimeSpan.FromSeconds(15), faulted));
        Assert.Equal(FaultExposure.WindowOtherHome, run.ExposureOf(TimeSpan.FromSeconds(15), other));
        Assert.Equal(FaultExposure.AfterWindow, run.ExposureOf(TimeSpan.FromSeconds(30), faulted));
    }

    [Fact]
    public async Task A_failing_switch_is_reported_not_thrown()
    {
        var time = new FakeTimeProvider();
        var fault = new FaultOptions("broadband", 0.1, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var run = new FaultRun(fault, ["home-1"], new RecordingSwitch(fail: true), time);

        var running = run.RunAsync(CancellationToken.None);
        await WaitUntil(() => run.Errors.Count == 1);
        await AdvanceUntilDone(time, running);

        Assert.Equal(["home-1 down: refused", "home-1 up: refused"], run.Errors);
    }

    // The run registers its next delay only after the switch calls return: advance until it has passed them all.
    private static async Task AdvanceUntilDone(FakeTimeProvider time, Task running)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!running.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, timeout.Token);
        }

        await running;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private sealed class RecordingSwitch(bool fail = false) : IFaultSwitch
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public Task SetAsync(string homeId, bool faulted, CancellationToken cancellationToken)
        {
            if (fail)
            {
                throw new HttpRequestException("refused");
            }

            lock (_calls)
            {
                _calls.Add($"{homeId} {(faulted ? "down" : "up")}");
            }

            return Task.CompletedTask;
        }
    }
}
