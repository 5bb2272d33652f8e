using SmartHome.SimulatedPlug.Dimming;

namespace SmartHome.SimulatedPlug.Tests;

public class DimmerTests
{
    private static readonly Dimmer OffAt40 = new(isOn: false, level: 40);
    private static readonly Dimmer OnAt40 = new(isOn: true, level: 40);

    [Fact]
    public void Brightness_above_zero_sets_the_level_and_turns_on()
    {
        var result = OffAt40.Apply(new LightCommand(null, 70));

        Assert.True(result.Accepted);
        Assert.Equal(new Dimmer(isOn: true, level: 70), result.Dimmer);
    }

    [Fact]
    public void Brightness_zero_turns_off_and_keeps_the_level()
    {
        var result = OnAt40.Apply(new LightCommand(null, 0));

        Assert.True(result.Accepted);
        Assert.False(result.Dimmer.IsOn);
        Assert.Equal(40, result.Dimmer.Level);
    }

    [Fact]
    public void On_comes_back_at_the_kept_level()
    {
        var off = OnAt40.Apply(new LightCommand(PowerState.Off, null)).Dimmer;
        var on = off.Apply(new LightCommand(PowerState.On, null)).Dimmer;

        Assert.False(off.IsOn);
        Assert.Equal(40, off.Level);
        Assert.True(on.IsOn);
        Assert.Equal(40, on.Level);
    }

    [Fact]
    public void State_and_brightness_together_set_both()
    {
        var result = OffAt40.Apply(new LightCommand(PowerState.On, 25));

        Assert.Equal(new Dimmer(isOn: true, level: 25), result.Dimmer);
    }

    [Fact]
    public void Off_with_a_brightness_presets_the_level_for_the_next_on()
    {
        var result = OnAt40.Apply(new LightCommand(PowerState.Off, 80));

        Assert.Equal(new Dimmer(isOn: false, level: 80), result.Dimmer);
    }

    [Theory]
    [InlineData(null, null, "neither")]
    [InlineData("on", null, "state must be")]
    [InlineData("TOGGLE", null, "state must be")]
    [InlineData(null, 101, "brightness must be")]
    [InlineData(null, -1, "brightness must be")]
    [InlineData("ON", 0, "contradicts")]
    public void An_invalid_command_is_rejected_with_a_reason_and_changes_nothing(string? state, int? brightness, string reasonPart)
    {
        var result = OnAt40.Apply(new LightCommand(state, brightness));

        Assert.False(result.Accepted);
        Assert.Contains(reasonPart, result.Rejection);
        Assert.Same(OnAt40, result.Dimmer);
    }

    [Theory]
    [InlineData(10, 1, 10)]
    [InlineData(10, 100, 100)]
    [InlineData(10, 40, 45)] // 10 + 39 x 90/99 = 45.45
    [InlineData(10, 50, 55)] // 10 + 49 x 90/99 = 54.55
    [InlineData(1, 37, 37)]
    [InlineData(100, 1, 100)]
    public void Lamp_output_maps_level_1_to_the_minimum_and_100_to_100(int minimumLevel, int level, int expectedOutput)
    {
        var dimmer = new Dimmer(isOn: true, level, minimumLevel);

        Assert.Equal(expectedOutput, dimmer.LampOutputPercent);
    }

    [Fact]
    public void Lamp_output_is_zero_when_off_whatever_the_level()
    {
        Assert.Equal(0, new Dimmer(isOn: false, level: 100).LampOutputPercent);
    }

    [Fact]
    public void Toggle_flips_power_and_keeps_the_level()
    {
        var toggled = OnAt40.Toggle();

        Assert.Equal(OffAt40, toggled);
        Assert.Equal(OnAt40, toggled.Toggle());
    }

    [Fact]
    public void The_light_state_reports_the_kept_level_while_off()
    {
        Assert.Equal(new PlugLightState("OFF", 40), OffAt40.ToLightState());
        Assert.Equal(new PlugLightState("ON", 40), OnAt40.ToLightState());
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(101, 10)]
    [InlineData(50, 0)]
    [InlineData(50, 101)]
    public void Levels_outside_1_to_100_cannot_exist(int level, int minimumLevel)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dimmer(isOn: true, level, minimumLevel));
    }
}
