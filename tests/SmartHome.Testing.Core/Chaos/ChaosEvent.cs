using System.Globalization;

namespace SmartHome.Testing.Chaos;

/// <summary>One step of a chaos schedule, at <see cref="At"/> after the run's start.</summary>
public abstract record ChaosEvent(TimeSpan At)
{
    protected static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}

/// <summary>A person says a command about their device.</summary>
public sealed record SayEvent(TimeSpan At, string User, string Text) : ChaosEvent(At)
{
    public override string ToString() => $"{Seconds(At)} say {User} \"{Text}\"";
}

/// <summary>
/// A fault switched on at <see cref="ChaosEvent.At"/> and undone <see cref="Duration"/> later (zero for the instant ones: a
/// restart, a token expiry, a clock jump). <see cref="Target"/>: <c>home/device</c>, a home, or <c>-</c>;
/// <see cref="Amount"/>: the latency in milliseconds or the clock jump in hours.
/// </summary>
public sealed record FaultEvent(TimeSpan At, ChaosFaultKind Kind, string Target, TimeSpan Duration, int Amount = 0) : ChaosEvent(At)
{
    public TimeSpan Until => At + Duration;

    public override string ToString() => $"{Seconds(At)} fault {Kind} {Target} for {Seconds(Duration)}{(Amount == 0 ? "" : $" amount {Amount}")}";
}
