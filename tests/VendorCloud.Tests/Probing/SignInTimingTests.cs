using System.Diagnostics;

namespace SmartHome.VendorCloud.Tests.Probing;

/// <summary>
/// A wrong password costs the same work whether the e-mail has an account or not, so that the time of the
/// answer does not tell an attacker which addresses have accounts.
/// </summary>
public sealed class SignInTimingTests
{
    /// <summary>The two medians may differ by this factor: a hash against a hash, not a hash against nothing (~30x).</summary>
    private const double Factor = 3;

    private static async Task<double> MedianAsync(Func<Task> attempt, List<double> samples)
    {
        var started = Stopwatch.GetTimestamp();
        await attempt();
        samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var sorted = samples.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task AssertSameWorkAsync(Func<Task> existing, Func<Task> unknown)
    {
        await existing();
        await unknown(); // warm both paths
        List<double> existingSamples = [], unknownSamples = [];
        double existingMedian = 0, unknownMedian = 0;
        for (var round = 0; round < 9; round++)
        {
            existingMedian = await MedianAsync(existing, existingSamples);
            unknownMedian = await MedianAsync(unknown, unknownSamples);
        }

        Assert.InRange(unknownMedian / existingMedian, 1 / Factor, Factor);
    }

    [Fact]
    public async Task A_wrong_password_for_an_existing_and_for_an_unknown_email_take_the_same_work()
    {
        var world = new TestWorld();
        await AssertSameWorkAsync(
            async () => Assert.Null(await world.Accounts.SignInAsync(TestWorld.OwnerEmail, "wrong password", CancellationToken.None)),
            async () => Assert.Null(await world.Accounts.SignInAsync("nobody@example.com", "wrong password", CancellationToken.None)));
    }

    [Fact]
    public async Task A_password_change_with_a_wrong_password_for_an_existing_and_for_an_unknown_email_take_the_same_work()
    {
        var world = new TestWorld();
        await AssertSameWorkAsync(
            async () => Assert.Null(await world.Accounts.ChangePasswordAsync(TestWorld.OwnerEmail, "wrong", "new password", CancellationToken.None)),
            async () => Assert.Null(await world.Accounts.ChangePasswordAsync("nobody@example.com", "wrong", "new password", CancellationToken.None)));
    }
}
