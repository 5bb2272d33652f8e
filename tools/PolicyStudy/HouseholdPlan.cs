namespace SmartHome.PolicyStudy;

/// <summary>
/// What one household does on each day of the study, drawn from the seed alone (<see cref="SeededDraw"/>): the same plan
/// under every policy. Day 1 is the first day after the fleet was linked; <see cref="Start"/> is the world's date then.
/// </summary>
public sealed class HouseholdPlan(int number, UsagePattern pattern, int seed, int days, DateOnly start, double lostAnswerShare)
{
    private const int UsePurpose = 1, SignInPurpose = 2, LostPurpose = 3, NoticePurpose = 4, YearDayPurpose = 5, LengthPurpose = 6,
        StopPurpose = 7, VisitPurpose = 8, FullCommandPurpose = 9;

    /// <summary>The fleet's home number: 1 is the story's home (person <c>owner</c>), n the home of <c>user-n</c>.</summary>
    public int Number { get; } = number;

    public UsagePattern Pattern { get; } = pattern;

    public DateOnly Start { get; } = start;

    /// <summary>The last day a <see cref="UsagePattern.Stopped"/> household uses the lamp (others: past the end).</summary>
    public int StopDay { get; } = pattern == UsagePattern.Stopped ? SeededDraw.Between(seed, number, 0, StopPurpose, 30, Math.Max(31, days * 6 / 10)) : int.MaxValue;

    public bool HasStoppedBy(int day) => day > StopDay;

    /// <summary>Whether the household says "turn on/off the bedroom lamp" on <paramref name="day"/>.</summary>
    public bool UsesOn(int day)
    {
        if (HasStoppedBy(day))
        {
            return false;
        }

        var draw = SeededDraw.Unit(seed, Number, day, UsePurpose);
        var date = Start.AddDays(day);
        return Pattern switch
        {
            UsagePattern.DailyVoice => draw < 0.95,
            UsagePattern.Weekly => (day + Number) % 7 == 0 && draw < 0.85,
            UsagePattern.Seasonal => IsHolidaySeason(date) && draw < 0.9,
            UsagePattern.RelativesFlat => IsVisiting(day),
            UsagePattern.BroadbandLoss or UsagePattern.Stopped => draw < 0.8,
            _ => draw < 0.7,
        };
    }

    /// <summary>Whether the household opens the maker's app and signs in (what SignInAge counts) on <paramref name="day"/>.</summary>
    public bool SignsInOn(int day)
    {
        // Household 1 is the story's: a daily voice user who never opens the maker's app.
        if (HasStoppedBy(day) || Number == 1)
        {
            return false;
        }

        var everyDays = Pattern switch
        {
            UsagePattern.DailyVoice => 1000.0,
            UsagePattern.Weekly => 60,
            UsagePattern.Seasonal => 365,
            UsagePattern.RelativesFlat => double.PositiveInfinity,
            UsagePattern.PasswordChanger => 30,
            UsagePattern.SkillToggler => 90,
            UsagePattern.BroadbandLoss => 180,
            _ => 365,
        };
        return SeededDraw.Unit(seed, Number, day, SignInPurpose) < 1 / everyDays;
    }

    /// <summary>A <see cref="UsagePattern.PasswordChanger"/> changes the password on one day of each year.</summary>
    public bool ChangesPasswordOn(int day) => Pattern == UsagePattern.PasswordChanger && !HasStoppedBy(day) && day == YearlyDay(day, 30, 330);

    /// <summary>A <see cref="UsagePattern.SkillToggler"/> disables the skill on one day of each year ...</summary>
    public bool DisablesSkillOn(int day) => Pattern == UsagePattern.SkillToggler && day == YearlyDay(day, 20, 280);

    /// <summary>... and enables it again (links again) 7 to 60 days later.</summary>
    public bool EnablesSkillOn(int day) =>
        Pattern == UsagePattern.SkillToggler && Enumerable.Range(7, 54).Any(after => day - after >= 1 && DisablesSkillOn(day - after) && YearLength(day - after) == after);

    /// <summary>A <see cref="UsagePattern.BroadbandLoss"/> home loses broadband on one day of each year ...</summary>
    public bool LosesBroadbandOn(int day) => Pattern == UsagePattern.BroadbandLoss && day == YearlyDay(day, 10, 340);

    /// <summary>... for 2 to 10 days.</summary>
    public bool RegainsBroadbandOn(int day) =>
        Pattern == UsagePattern.BroadbandLoss && Enumerable.Range(2, 9).Any(after => day - after >= 1 && LosesBroadbandOn(day - after) && OutageLength(day - after) == after);

    /// <summary>Whether the network loses the answer of this day's refresh (armed before the day's command).</summary>
    public bool LosesRefreshAnswerOn(int day) => SeededDraw.Unit(seed, Number, day, LostPurpose) < lostAnswerShare;

    /// <summary>Whether the day's use is one of the seeded sample sent as a full command through the home.</summary>
    public bool SendsFullCommandOn(int day, double share) => SeededDraw.Unit(seed, Number, day, FullCommandPurpose) < share;

    /// <summary>
    /// Days from finding the link dead to linking again: the person has to find the assistant's app and "Enable to use".
    /// Daily users do it within 1-3 days, weekly ones within a week, the occasional ones (holiday lights, the relative's
    /// flat) within 1-2 days because they want the lamp now.
    /// </summary>
    public int NoticeToRelinkDays(int day) => Pattern switch
    {
        UsagePattern.Weekly => SeededDraw.Between(seed, Number, day, NoticePurpose, 1, 7),
        UsagePattern.Seasonal or UsagePattern.RelativesFlat => SeededDraw.Between(seed, Number, day, NoticePurpose, 1, 2),
        _ => SeededDraw.Between(seed, Number, day, NoticePurpose, 1, 3),
    };

    private static bool IsHolidaySeason(DateOnly date) => date.Month == 12 || (date.Month == 1 && date.Day <= 6);

    /// <summary>Three visits a year, one in each third of it, of 2 to 4 days.</summary>
    private bool IsVisiting(int day)
    {
        var year = (day - 1) / 365;
        for (var visit = 0; visit < 3; visit++)
        {
            var first = year * 365 + visit * 121 + SeededDraw.Between(seed, Number, year * 3 + visit, VisitPurpose, 1, 110);
            var length = SeededDraw.Between(seed, Number, year * 3 + visit, LengthPurpose, 2, 4);
            if (day >= first && day < first + length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The day of <paramref name="day"/>'s year (365-day years from day 1) chosen for this household's yearly event.</summary>
    private int YearlyDay(int day, int earliest, int latest)
    {
        var year = (day - 1) / 365;
        return year * 365 + SeededDraw.Between(seed, Number, year, YearDayPurpose, earliest, latest);
    }

    private int YearLength(int disabledDay) => SeededDraw.Between(seed, Number, disabledDay, LengthPurpose, 7, 60);

    private int OutageLength(int downDay) => SeededDraw.Between(seed, Number, downDay, LengthPurpose, 2, 10);
}
