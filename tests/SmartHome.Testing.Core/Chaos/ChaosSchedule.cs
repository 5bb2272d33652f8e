using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartHome.Testing.Chaos;

/// <summary>
/// What a chaos run does, and when: commands from several people and faults from the catalogue, overlapping. Generated
/// from a seed (the same seed, the same schedule), printed one event a line, and parsed back to replay it.
/// </summary>
public sealed partial record ChaosSchedule(IReadOnlyList<ChaosEvent> Events)
{
    private static readonly TimeSpan StormCycle = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(20);

    /// <summary>When the last event has ended.</summary>
    public TimeSpan Length => Events.Count == 0 ? TimeSpan.Zero : Events.Max(e => e is FaultEvent f ? f.Until : e.At);

    public static ChaosSchedule Generate(int seed, TimeSpan duration, IReadOnlyList<ChaosPerson> people)
    {
        var random = new Random(seed);
        var events = new List<ChaosEvent>();
        var devices = people.DistinctBy(p => (p.Home, p.Device)).ToList();
        var homes = people.Select(p => p.Home).Distinct().ToList();

        // Each person speaks every 1.5-5 s, with brightness values that differ from the one before (a refused one applied later shows).
        foreach (var person in people)
        {
            var level = 0;
            for (var at = TimeSpan.FromSeconds(random.NextDouble() * 3); at < duration; at += TimeSpan.FromSeconds(1.5 + random.NextDouble() * 3.5))
            {
                var roll = random.Next(10);
                string text;
                if (roll < 2)
                {
                    text = $"turn off the {person.DeviceName}";
                }
                else if (roll < 4)
                {
                    text = $"turn on the {person.DeviceName}";
                }
                else
                {
                    int next;
                    do
                    {
                        next = random.Next(10, 101);
                    }
                    while (next == level);
                    level = next;
                    text = $"set the {person.DeviceName} to {level} percent";
                }

                events.Add(new SayEvent(Round(at), person.User, text));
            }
        }

        // Storms and calms: in the first 20 s of every 45 s a fault every 3-8 s, lasting 3-12 s, so they overlap; then
        // quiet, where every command must work again (past the settle time).
        var kinds = Enum.GetValues<ChaosFaultKind>();
        for (var at = TimeSpan.FromSeconds(2 + random.NextDouble() * 3); at < duration - TimeSpan.FromSeconds(3); at += TimeSpan.FromSeconds(3 + random.NextDouble() * 5))
        {
            if (at.TotalSeconds % StormCycle.TotalSeconds > StormLength.TotalSeconds)
            {
                at = TimeSpan.FromSeconds((Math.Floor(at.TotalSeconds / StormCycle.TotalSeconds) + 1) * StormCycle.TotalSeconds) - TimeSpan.FromSeconds(3);
                continue;
            }

            var kind = kinds[random.Next(kinds.Length)];
            var lasting = TimeSpan.FromSeconds(3 + random.NextDouble() * 9);
            var device = devices[random.Next(devices.Count)];
            var home = homes[random.Next(homes.Count)];
            events.Add(kind switch
            {
                ChaosFaultKind.WifiOff or ChaosFaultKind.Unplug => new FaultEvent(Round(at), kind, $"{device.Home}/{device.Device}", Round(lasting)),
                ChaosFaultKind.BandOff or ChaosFaultKind.BroadbandDown => new FaultEvent(Round(at), kind, home, Round(lasting)),
                ChaosFaultKind.VendorLatency => new FaultEvent(Round(at), kind, "-", Round(lasting), new[] { 1000, 3000, 10000 }[random.Next(3)]),
                ChaosFaultKind.ClockJump => new FaultEvent(Round(at), kind, "-", TimeSpan.Zero, new[] { 2, 24, 24 * 30, 24 * 200 }[random.Next(4)]),
                ChaosFaultKind.RedisRestart or ChaosFaultKind.GatewayRestart or ChaosFaultKind.ExpireTokens => new FaultEvent(Round(at), kind, "-", TimeSpan.Zero),
                _ => new FaultEvent(Round(at), kind, "-", Round(lasting)),
            });
        }

        return new ChaosSchedule([.. events.OrderBy(e => e.At)]);
    }

    private static TimeSpan Round(TimeSpan t) => TimeSpan.FromSeconds(Math.Round(t.TotalSeconds, 1));

    /// <summary>One event a line, as <see cref="Parse"/> reads it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var e in Events)
        {
            text.AppendLine(e.ToString());
        }

        return text.ToString();
    }

    /// <summary>Reads a schedule printed by <see cref="ToString"/> (a failing run's, to replay it as a test).</summary>
    public static ChaosSchedule Parse(string text)
    {
        var events = new List<ChaosEvent>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (SayLine().Match(line) is { Success: true } say)
            {
                events.Add(new SayEvent(Seconds(say.Groups["at"].Value), say.Groups["user"].Value, say.Groups["text"].Value));
            }
            else if (FaultLine().Match(line) is { Success: true } fault)
            {
                events.Add(new FaultEvent(Seconds(fault.Groups["at"].Value), Enum.Parse<ChaosFaultKind>(fault.Groups["kind"].Value),
                    fault.Groups["target"].Value, Seconds(fault.Groups["for"].Value),
                    fault.Groups["amount"].Success ? int.Parse(fault.Groups["amount"].Value, CultureInfo.InvariantCulture) : 0));
            }
            else
            {
                throw new FormatException($"Not a chaos event: '{line}'");
            }
        }

        return new ChaosSchedule([.. events.OrderBy(e => e.At)]);
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    [GeneratedRegex("^(?<at>[0-9.]+)s say (?<user>\\S+) \"(?<text>[^\"]*)\"$")]
    private static partial Regex SayLine();

    [GeneratedRegex("^(?<at>[0-9.]+)s fault (?<kind>\\w+) (?<target>\\S+) for (?<for>[0-9.]+)s( amount (?<amount>[0-9]+))?$")]
    private static partial Regex FaultLine();
}
