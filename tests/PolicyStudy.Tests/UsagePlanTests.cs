namespace SmartHome.PolicyStudy.Tests;

/// <summary>The households' plans: seeded, the same under every policy, and as docs/policy-study.md describes them.</summary>
public sealed class UsagePlanTests
{
    private static readonly DateOnly Start = new(2026, 12, 1);

    [Fact]
    public void The_mix_has_every_pattern_in_a_small_run_and_the_story_household_first()
    {
        var patterns = UsageMix.Assign(20, seed: 1);

        Assert.Equal(20, patterns.Length);
        Assert.Equal(UsagePattern.DailyVoice, patterns[0]);
        Assert.All(Enum.GetValues<UsagePattern>(), pattern => Assert.Contains(pattern, patterns));
    }

    [Fact]
    public void The_same_seed_gives_the_same_plans_and_another_seed_other_ones()
    {
        Assert.Equal(UsageMix.Assign(1000, 7), UsageMix.Assign(1000, 7));
        Assert.NotEqual(UsageMix.Assign(1000, 7), UsageMix.Assign(1000, 8));
        var plan = new HouseholdPlan(5, UsagePattern.Weekly, 7, 365, Start, 0.02);
        var again = new HouseholdPlan(5, UsagePattern.Weekly, 7, 365, Start, 0.02);
        Assert.Equal(Enumerable.Range(1, 365).Select(plan.UsesOn), Enumerable.Range(1, 365).Select(again.UsesOn));
    }

    [Fact]
    public void Daily_voice_users_use_the_lamp_almost_every_day_and_almost_never_sign_in()
    {
        var plans = Enumerable.Range(1, 200).Select(n => new HouseholdPlan(n, UsagePattern.DailyVoice, 3, 1095, Start, 0.02)).ToList();

        var useShare = plans.Average(p => Enumerable.Range(1, 1095).Count(p.UsesOn) / 1095.0);
        var signInsPerYear = plans.Average(p => Enumerable.Range(1, 1095).Count(p.SignsInOn) / 3.0);

        Assert.InRange(useShare, 0.9, 1.0);
        Assert.InRange(signInsPerYear, 0, 1);
    }

    [Fact]
    public void Seasonal_users_use_the_lamp_only_in_the_holiday_season()
    {
        var plan = new HouseholdPlan(3, UsagePattern.Seasonal, 1, 730, Start, 0);

        var useDates = Enumerable.Range(1, 730).Where(plan.UsesOn).Select(day => Start.AddDays(day)).ToList();

        Assert.NotEmpty(useDates);
        Assert.All(useDates, date => Assert.True(date.Month == 12 || (date.Month == 1 && date.Day <= 6), date.ToString()));
    }

    [Fact]
    public void Yearly_events_happen_once_a_year_and_end()
    {
        var toggler = new HouseholdPlan(8, UsagePattern.SkillToggler, 2, 1095, Start, 0);
        var outage = new HouseholdPlan(9, UsagePattern.BroadbandLoss, 2, 1095, Start, 0);
        var changer = new HouseholdPlan(10, UsagePattern.PasswordChanger, 2, 1095, Start, 0);
        var days = Enumerable.Range(1, 1095).ToList();

        Assert.Equal(3, days.Count(toggler.DisablesSkillOn));
        Assert.Equal(3, days.Count(toggler.EnablesSkillOn));
        Assert.Equal(3, days.Count(outage.LosesBroadbandOn));
        Assert.Equal(3, days.Count(outage.RegainsBroadbandOn));
        Assert.Equal(3, days.Count(changer.ChangesPasswordOn));
        Assert.All(days.Where(toggler.DisablesSkillOn), day => Assert.Contains(days.Where(toggler.EnablesSkillOn), enabled => enabled - day is >= 7 and <= 60));
    }

    [Fact]
    public void Stopped_households_never_use_the_lamp_after_their_stop_day()
    {
        var plan = new HouseholdPlan(11, UsagePattern.Stopped, 4, 1095, Start, 0);

        Assert.InRange(plan.StopDay, 30, 657);
        Assert.DoesNotContain(Enumerable.Range(plan.StopDay + 1, 1095 - plan.StopDay), plan.UsesOn);
    }

    [Fact]
    public void About_the_given_share_of_refresh_answers_is_lost()
    {
        var plans = Enumerable.Range(1, 500).Select(n => new HouseholdPlan(n, UsagePattern.DailyVoice, 5, 365, Start, 0.02));

        var share = plans.Average(p => Enumerable.Range(1, 365).Count(p.LosesRefreshAnswerOn) / 365.0);

        Assert.InRange(share, 0.015, 0.025);
    }

    [Fact]
    public void The_command_line_takes_the_issue_s_options_and_names_bad_ones()
    {
        var options = StudyCommandLine.Parse(["--households", "1000", "--years", "3", "--seed", "42", "--policies", "signinage,Sliding"]);

        Assert.Equal((1000, 3, 42, 1095), (options.Households, options.Years, options.Seed, options.Days));
        Assert.Equal(["SignInAge", "Sliding"], options.Policies);
        Assert.Contains("Forever", Assert.Throws<ArgumentException>(() => StudyCommandLine.Parse(["--policies", "Forever"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StudyCommandLine.Parse(["--households", "0"]));
        Assert.Throws<ArgumentException>(() => StudyCommandLine.Parse(["--lost-answers", "2"]));
        Assert.Throws<ArgumentException>(() => StudyCommandLine.Parse(["--full-commands", "1.5"]));
        Assert.Throws<ArgumentException>(() => StudyCommandLine.Parse(["--parallelism", "65"]));
        Assert.Equal(64, StudyCommandLine.Parse(["--parallelism", "64"]).Parallelism);
        var full = StudyCommandLine.Parse(["--full-commands", "0.1", "--side-by-side", "2"]);
        Assert.Equal((0.1, 2), (full.FullCommandShare, full.SideBySide));
        Assert.Equal((0.02, 1), (options.FullCommandShare, options.SideBySide));
    }

    [Fact]
    public void The_full_command_sample_is_seeded_and_near_its_share()
    {
        var plans = Enumerable.Range(1, 200).Select(n => new HouseholdPlan(n, UsagePattern.DailyVoice, 1, 365, new DateOnly(2026, 1, 1), 0.02)).ToList();

        var share = plans.Average(p => Enumerable.Range(1, 365).Count(day => p.SendsFullCommandOn(day, 0.02)) / 365.0);

        Assert.InRange(share, 0.015, 0.025);
        Assert.Equal(Enumerable.Range(1, 365).Select(day => plans[7].SendsFullCommandOn(day, 0.02)),
            Enumerable.Range(1, 365).Select(day => new HouseholdPlan(8, UsagePattern.DailyVoice, 1, 365, new DateOnly(2026, 1, 1), 0.02).SendsFullCommandOn(day, 0.02)));
    }

    [Fact]
    public void A_policy_line_has_the_issue_s_keys_in_order()
    {
        var result = new PolicyResult("Sliding", 20, 365, 2, 1, 135.5, 3, 4000, 90, 2, 4031, 2, 78, new Dictionary<string, int>(), [], [], 40, 55);

        Assert.StartsWith("POLICY Sliding lockouts=2 active_lockouts=1 median_days=135.5 relinks=3 failed_commands=90 stale_grants=2 refreshes=4031",
            result.Line(), StringComparison.Ordinal);
        Assert.Contains("median_days=none", (result with { MedianDaysToFirstLockout = null }).Line(), StringComparison.Ordinal);
        Assert.Contains(" stale_grant_days=310 ", (result with { StaleGrantDays = 310 }).Line(), StringComparison.Ordinal);
    }
}
