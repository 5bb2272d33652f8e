using System.Globalization;

namespace SmartHome.LoadDriver;

/// <summary>What a planned utterance asks for: a command changes the lamp, a question only reads it.</summary>
public enum UtteranceKind
{
    TurnOn,
    TurnOff,
    SetLevel,
    Question,
}

/// <summary>One utterance the driver will send: who says it, what, and of which kind.</summary>
public sealed record PlannedUtterance(Person Person, UtteranceKind Kind, string Text);

/// <summary>
/// A reproducible mix of commands and questions across the people (seeded): by default 30 % "turn on",
/// 30 % "turn off", 25 % "set ... to N percent" and 15 % "is ... on". Not thread-safe: the scheduler's
/// single loop draws from it.
/// </summary>
public sealed class UtteranceMix(IReadOnlyList<Person> people, int seed, double questionShare = 0.15)
{
    private readonly Random _random = new(seed);

    public PlannedUtterance Next()
    {
        if (people.Count == 0)
        {
            throw new InvalidOperationException("The mix needs at least one person.");
        }

        var person = people[_random.Next(people.Count)];
        var roll = _random.NextDouble();
        var commandShare = (1 - questionShare) / 85 * 30;
        if (roll < questionShare)
        {
            return new(person, UtteranceKind.Question, $"is the {person.Device} on");
        }

        roll -= questionShare;
        if (roll < commandShare)
        {
            return new(person, UtteranceKind.TurnOn, $"turn on the {person.Device}");
        }

        if (roll < 2 * commandShare)
        {
            return new(person, UtteranceKind.TurnOff, $"turn off the {person.Device}");
        }

        // 5..100 in steps of 5: levels a person says, all inside the plug's range.
        var level = (5 * _random.Next(1, 21)).ToString(CultureInfo.InvariantCulture);
        return new(person, UtteranceKind.SetLevel, $"set the {person.Device} to {level} percent");
    }
}
