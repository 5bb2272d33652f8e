namespace SmartHome.PolicyStudy.Tests;

/// <summary>
/// The study's small run (issue 16): 20 households over one year through the real AppHost, once under SignInAge and once
/// under Sliding (the two worlds side by side). The story's household, a daily voice user who never signs in to the maker's
/// app, loses its lamp after a year under SignInAge, and never under Sliding.
/// </summary>
public sealed class SmallStudyTests
{
    [Fact]
    [Trait("Category", "Study")]
    public async Task SignInAge_locks_out_the_daily_user_who_never_signs_in_and_Sliding_does_not()
    {
        var options = new StudyOptions { Households = 20, Years = 1, Seed = 1, Parallelism = 16 };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(12));
        var log = TextWriter.Synchronized(new StringWriter());

        var runs = await Task.WhenAll(
            new PolicyRun(options, log).RunAsync("SignInAge", cts.Token),
            new PolicyRun(options, log).RunAsync("Sliding", cts.Token));
        var (signInAge, sliding) = (runs[0], runs[1]);

        // The daily voice users who never opened the maker's app during the year (the story's household among them).
        var storyUsers = signInAge.HouseholdOutcomes.Where(h => h is { Pattern: UsagePattern.DailyVoice, SignIns: 0 }).Select(h => h.Number).ToHashSet();
        Assert.Contains(1, storyUsers);
        foreach (var number in storyUsers)
        {
            var underSignInAge = signInAge.HouseholdOutcomes.Single(h => h.Number == number);
            var underSliding = sliding.HouseholdOutcomes.Single(h => h.Number == number);
            // A year after the link the vendor holds it dead; the household finds out at its next use (day 365 unless it
            // skipped that day, then the first day after the run).
            Assert.Equal("expired", underSignInAge.FinalGrantState);
            if (underSignInAge.Lockouts > 0)
            {
                Assert.Equal(["sign_in_age"], underSignInAge.LockoutReasons);
                Assert.Equal(365, underSignInAge.FirstLockoutDay);
                Assert.Equal(1, underSignInAge.ActiveLockouts);
            }

            Assert.Equal(0, underSliding.Lockouts);
            Assert.Equal(0, underSliding.ForcedRelinks);
            Assert.Equal("active", underSliding.FinalGrantState);
        }

        Assert.Contains(storyUsers, number => signInAge.HouseholdOutcomes.Single(h => h.Number == number).Lockouts > 0);
        Assert.True(signInAge.ActiveLockouts > sliding.ActiveLockouts, $"{signInAge.Line()} / {sliding.Line()}");
        Assert.DoesNotContain("sign_in_age", sliding.LockoutsByReason.Keys);
        Assert.Contains("POLICY SignInAge lockouts=", signInAge.Line(), StringComparison.Ordinal);
    }
}
