namespace SmartHome.SimulatedPlug.Dimming;

/// <summary>
/// The plug's dimmer: power, a level 1..100 that is kept while off, and a minimum output below
/// which the lamp would flicker (real dimmers have one: level 1 still gives the minimum output).
/// Immutable: every change returns a new dimmer.
/// </summary>
public sealed record Dimmer
{
    public const int LowestLevel = 1;
    public const int HighestLevel = 100;
    public const int DefaultMinimumLevel = 10;

    public Dimmer(bool isOn, int level, int minimumLevel = DefaultMinimumLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, LowestLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, HighestLevel);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLevel, LowestLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumLevel, HighestLevel);
        IsOn = isOn;
        Level = level;
        MinimumLevel = minimumLevel;
    }

    /// <summary>A new plug out of the box: off, at full level.</summary>
    public static Dimmer FactoryDefault(int minimumLevel) => new(isOn: false, HighestLevel, minimumLevel);

    public bool IsOn { get; }

    /// <summary>The dimmer level 1..100, kept while the light is off.</summary>
    public int Level { get; }

    /// <summary>The lamp output (percent) at level 1.</summary>
    public int MinimumLevel { get; }

    /// <summary>What the lamp gives: 0 when off; level 1..100 mapped linearly onto minimum..100.</summary>
    public int LampOutputPercent => IsOn
        ? (int)Math.Round(
            MinimumLevel + (Level - LowestLevel) * (HighestLevel - MinimumLevel) / (double)(HighestLevel - LowestLevel),
            MidpointRounding.AwayFromZero)
        : 0;

    public PlugLightState ToLightState() => new(PowerState.From(IsOn), Level);

    /// <summary>The physical button: toggles power, keeps the level.</summary>
    public Dimmer Toggle() => new(!IsOn, Level, MinimumLevel);

    /// <summary>
    /// Applies a Home Assistant JSON light command. <c>state</c> sets power (ON comes back at the
    /// kept level); <c>brightness</c> &gt; 0 sets the level and, without a <c>state</c>, turns the
    /// light on; <c>brightness</c> 0 turns it off and keeps the level. An invalid command is
    /// rejected with a reason and changes nothing.
    /// </summary>
    public DimmerCommandResult Apply(LightCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);

        if (command.State is null && command.Brightness is null)
        {
            return Reject("the command has neither state nor brightness");
        }

        if (command.State is not null and not PowerState.On and not PowerState.Off)
        {
            return Reject($"state must be {PowerState.On} or {PowerState.Off}");
        }

        if (command.Brightness is < 0 or > HighestLevel)
        {
            return Reject($"brightness must be from 0 to {HighestLevel}");
        }

        if (command is { State: PowerState.On, Brightness: 0 })
        {
            return Reject("state ON contradicts brightness 0, which turns the light off");
        }

        var isOn = command.State switch
        {
            PowerState.On => true,
            PowerState.Off => false,
            // No state: brightness alone decides, > 0 turns on and 0 turns off.
            _ => command.Brightness > 0,
        };
        // Brightness 0 means "off", not a level: the level is kept for the next ON.
        var level = command.Brightness is int brightness and > 0 ? brightness : Level;
        return new DimmerCommandResult(new Dimmer(isOn, level, MinimumLevel), Rejection: null);
    }

    private DimmerCommandResult Reject(string reason) => new(this, reason);
}
