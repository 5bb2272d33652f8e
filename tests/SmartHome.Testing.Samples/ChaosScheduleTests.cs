using SmartHome.Testing.Chaos;

namespace SmartHome.Testing.Samples;

/// <summary>The monkey's schedule without a world: the same seed draws the same schedule, and a printed one replays as it was.</summary>
public sealed class ChaosScheduleTests
{
    private static readonly IReadOnlyList<ChaosPerson> People = ChaosPerson.Of(new SmartHomeWorldOptions { World = "two-lamps" });

    [Fact]
    public void TheSameSeedDrawsTheSameSchedule()
    {
        var first = ChaosSchedule.Generate(42, TimeSpan.FromMinutes(2), People);
        Assert.Equal(first.ToString(), ChaosSchedule.Generate(42, TimeSpan.FromMinutes(2), People).ToString());
        Assert.NotEqual(first.ToString(), ChaosSchedule.Generate(43, TimeSpan.FromMinutes(2), People).ToString());
    }

    [Fact]
    public void APrintedScheduleParsesBackToTheSameEvents()
    {
        var schedule = ChaosSchedule.Generate(7, TimeSpan.FromMinutes(3), People);
        Assert.Equal(schedule.Events, ChaosSchedule.Parse(schedule.ToString()).Events);
    }

    [Fact]
    public void FaultsOverlapAndEveryPersonSpeaks()
    {
        var schedule = ChaosSchedule.Generate(1, TimeSpan.FromMinutes(3), People);
        var faults = schedule.Events.OfType<FaultEvent>().ToList();
        Assert.Contains(faults, f => faults.Any(g => g != f && g.At > f.At && g.At < f.Until));
        Assert.All(People, p => Assert.Contains(schedule.Events.OfType<SayEvent>(), s => s.User == p.User && s.Text.Contains(p.DeviceName)));
    }

    [Fact]
    public void AnUnknownLineIsRefusedWithTheLine()
    {
        var error = Assert.Throws<FormatException>(() => ChaosSchedule.Parse("1.0s dance owner"));
        Assert.Contains("dance owner", error.Message);
    }
}
