namespace SmartHome.PolicyStudy;

/// <summary>How a household uses the lamp and the maker's app (docs/policy-study.md, "Usage patterns").</summary>
public enum UsagePattern
{
    /// <summary>The story: the lamp by voice almost every day, the maker's app almost never opened.</summary>
    DailyVoice,

    /// <summary>Once a week, on its own weekday; opens the maker's app every couple of months.</summary>
    Weekly,

    /// <summary>Holiday lights: every day from 1 December to 6 January, nothing the rest of the year.</summary>
    Seasonal,

    /// <summary>A relative's flat: three visits a year of a few days each.</summary>
    RelativesFlat,

    /// <summary>Uses the lamp most days, the maker's app monthly, and changes the password once a year (every link ends).</summary>
    PasswordChanger,

    /// <summary>Uses the lamp most days; once a year disables the skill and enables it again weeks later.</summary>
    SkillToggler,

    /// <summary>Uses the lamp most days; once a year the home loses broadband for days.</summary>
    BroadbandLoss,

    /// <summary>Uses the lamp daily until a day in the first 60% of the run (moved, replaced the lamp), then never again.</summary>
    Stopped,
}

/// <summary>The seeded mix of patterns: each household draws its pattern from these shares.</summary>
public static class UsageMix
{
    public static IReadOnlyList<(UsagePattern Pattern, double Share)> Shares { get; } =
    [
        (UsagePattern.DailyVoice, 0.30),
        (UsagePattern.Weekly, 0.20),
        (UsagePattern.Seasonal, 0.10),
        (UsagePattern.RelativesFlat, 0.05),
        (UsagePattern.PasswordChanger, 0.08),
        (UsagePattern.SkillToggler, 0.05),
        (UsagePattern.BroadbandLoss, 0.10),
        (UsagePattern.Stopped, 0.12),
    ];

    /// <summary>
    /// The patterns of <paramref name="households"/> households: by the shares, rounded, so that even a small run has each
    /// pattern; the first household (the story's home, <c>owner</c>) is always a daily voice user. Shuffled by the seed.
    /// </summary>
    public static UsagePattern[] Assign(int households, int seed)
    {
        var patterns = new List<UsagePattern>(households);
        foreach (var (pattern, share) in Shares)
        {
            patterns.AddRange(Enumerable.Repeat(pattern, (int)Math.Round(share * households)));
        }

        while (patterns.Count < households)
        {
            patterns.Add(UsagePattern.DailyVoice);
        }

        var assigned = patterns.Take(households).ToArray();
        // Fisher-Yates with the stateless draw; the story's household is then put first.
        for (var i = assigned.Length - 1; i > 0; i--)
        {
            var j = SeededDraw.Between(seed, i, 0, 1, 0, i);
            (assigned[i], assigned[j]) = (assigned[j], assigned[i]);
        }

        var story = Array.IndexOf(assigned, UsagePattern.DailyVoice);
        if (story > 0)
        {
            (assigned[0], assigned[story]) = (assigned[story], assigned[0]);
        }

        return assigned;
    }
}
