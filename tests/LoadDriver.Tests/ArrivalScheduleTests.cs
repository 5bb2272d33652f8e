namespace SmartHome.LoadDriver.Tests;

public sealed class ArrivalScheduleTests
{
    [Fact]
    public void Requests_are_spaced_evenly_at_the_rate_from_the_start()
    {
        var schedule = new ArrivalSchedule(200, TimeSpan.FromSeconds(2));

        Assert.Equal(400, schedule.Count);
        Assert.Equal(TimeSpan.Zero, schedule.IntendedOffset(0));
        Assert.Equal(TimeSpan.FromMilliseconds(5), schedule.IntendedOffset(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1995), schedule.IntendedOffset(399));
    }

    [Fact]
    public void A_fractional_rate_keeps_its_schedule_without_drift()
    {
        var schedule = new ArrivalSchedule(3, TimeSpan.FromSeconds(10));

        Assert.Equal(30, schedule.Count);
        Assert.Equal(TimeSpan.FromSeconds(9), schedule.IntendedOffset(27));
        Assert.Equal(TimeSpan.FromTicks(3_333_333), schedule.IntendedOffset(1));
    }

    [Fact]
    public void Due_requests_are_those_whose_start_has_come()
    {
        var schedule = new ArrivalSchedule(10, TimeSpan.FromSeconds(1));

        Assert.Equal(1, schedule.DueBy(TimeSpan.Zero));
        Assert.Equal(1, schedule.DueBy(TimeSpan.FromMilliseconds(99)));
        Assert.Equal(2, schedule.DueBy(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(10, schedule.DueBy(TimeSpan.FromSeconds(5)));
    }
}
