using Microsoft.Extensions.Time.Testing;
using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests;

public sealed class RecentAccessTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private static AccessTokenRecord Record(string hash) =>
        new(hash, "grant-1", TestWorld.OwnerAccountId, TestWorld.ClientId, new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_record_read_is_kept_for_its_lifetime_and_then_asked_for_again()
    {
        var recent = new RecentAccessTokens(_time);
        Assert.Null(recent.Find("hash-1"));

        recent.Remember(Record("hash-1"));
        _time.Advance(RecentAccessTokens.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(Record("hash-1"), recent.Find("hash-1"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(recent.Find("hash-1"));
        Assert.Equal(0, recent.Count);
    }

    [Fact]
    public void It_never_holds_more_than_its_capacity()
    {
        var recent = new RecentAccessTokens(_time);
        for (var i = 0; i <= RecentAccessTokens.Capacity; i++)
        {
            recent.Remember(Record($"hash-{i}"));
        }

        Assert.True(recent.Count <= RecentAccessTokens.Capacity);
        Assert.NotNull(recent.Find($"hash-{RecentAccessTokens.Capacity}"));
    }

    [Fact]
    public void A_reset_of_the_world_forgets_every_record()
    {
        var recent = new RecentAccessTokens(_time);
        recent.Remember(Record("hash-1"));

        recent.Clear();

        Assert.Null(recent.Find("hash-1"));
    }
}
