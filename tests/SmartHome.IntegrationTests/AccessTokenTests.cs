namespace SmartHome.IntegrationTests;

/// <summary>Access tokens expire in the middle of use: the assistant refreshes, once, and nobody notices.</summary>
[Collection(SlidingLinkCollection.Name)]
public sealed class AccessTokenTests(SlidingLinkAppFixture fixture)
{
    [Fact]
    public async Task AnExpiredAccessTokenIsRefreshedTransparently()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetOAuthStatsAsync();
        await fixture.AdvanceClockAsync(TimeSpan.FromHours(2));

        var answer = await fixture.SayAsync("set the bedroom lamp to 35 percent");

        Assert.Equal("Success", answer.Outcome);
        Assert.Equal(35, (await fixture.GetPlugStateAsync()).Brightness);
        Assert.Equal(before.Refreshes + 1, (await fixture.GetOAuthStatsAsync()).Refreshes);
    }

    [Fact]
    public async Task TwentyCommandsAtTheMomentOfExpiryCauseExactlyOneRefresh()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetOAuthStatsAsync();
        await fixture.AdvanceClockAsync(TimeSpan.FromHours(2));

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => fixture.SayAsync("turn on the bedroom lamp")));

        Assert.All(answers, a => Assert.Equal("Success", a.Outcome));
        Assert.Equal(before.Refreshes + 1, (await fixture.GetOAuthStatsAsync()).Refreshes);
    }

    [Fact]
    public async Task ATokenTheVendorExpiredEarlyIsRefreshedAndTheCommandRetriedOnce()
    {
        await fixture.EnsureLinkedAsync();
        var before = await fixture.GetOAuthStatsAsync();
        var expired = await fixture.PostVendorAsync($"/sim/oauth/expire-access-tokens?email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}");
        Assert.True(expired.GetProperty("affectedGrants").GetInt32() >= 1);

        var answer = await fixture.SayAsync("set the bedroom lamp to 45 percent");

        Assert.Equal("Success", answer.Outcome);
        Assert.Equal(45, (await fixture.GetPlugStateAsync()).Brightness);
        Assert.Equal(before.Refreshes + 1, (await fixture.GetOAuthStatsAsync()).Refreshes);
    }

    [Fact]
    public async Task AReusedRefreshTokenSucceedsWithinTheLeewayAndRevokesTheGrantAfterIt()
    {
        await fixture.EnsureLinkedAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var oauth = new VendorOAuth(fixture);
        var first = await oauth.LinkAsync(SmartHomeAppFixture.OwnerEmail, SmartHomeAppFixture.OwnerPassword, cts.Token);

        var second = await oauth.RefreshAsync(first.RefreshToken!, cts.Token);
        Assert.False(second.IsError, second.Error);

        // The response was "lost": the client retries with the old token at once, and that works.
        var retry = await oauth.RefreshAsync(first.RefreshToken!, cts.Token);
        Assert.False(retry.IsError, $"retry within the leeway: {retry.Error} {retry.ErrorDescription}");

        // Presented again after the leeway, the old token is a stolen one: the whole grant goes.
        await fixture.AdvanceClockAsync(TimeSpan.FromSeconds(31));
        var replay = await oauth.RefreshAsync(first.RefreshToken!, cts.Token);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await oauth.RefreshAsync(retry.RefreshToken!, cts.Token)).Error);

        var report = await fixture.SendAsync(AlexaDirectives.Directive("Alexa", "ReportState", retry.AccessToken!, "plug-1"));
        Assert.Equal("INVALID_AUTHORIZATION_CREDENTIAL", report.ErrorType());

        // The assistant's own link is another grant: untouched.
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }
}
