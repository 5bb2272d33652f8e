namespace SmartHome.IntegrationTests;

/// <summary>A password change, a revoked grant and a disabled skill each end the link as the real systems do.</summary>
[Collection(SlidingLinkCollection.Name)]
public sealed class LinkEndingTests(SlidingLinkAppFixture fixture)
{
    private const string NewPassword = "a-new-password-after-a-breach";

    [Fact]
    public async Task APasswordChangeRevokesEveryGrantOfTheAccount()
    {
        await fixture.EnsureLinkedAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);

        var changed = await fixture.PostVendorAsync("/account/password", new
        {
            email = SmartHomeAppFixture.OwnerEmail,
            currentPassword = SmartHomeAppFixture.OwnerPassword,
            newPassword = NewPassword,
        });
        Assert.True(changed.GetProperty("revokedGrants").GetInt32() >= 1);
        TestSecrets.Remember(NewPassword);

        var answer = await fixture.SayAsync("turn off the bedroom lamp");
        Assert.Equal("LinkExpired", answer.Outcome);
        Assert.Equal("Expired", (await fixture.GetLinkAsync()).State);

        // Back to the fixture's password (which revokes again), then link as the person would.
        await fixture.PostVendorAsync("/account/password", new
        {
            email = SmartHomeAppFixture.OwnerEmail,
            currentPassword = NewPassword,
            newPassword = SmartHomeAppFixture.OwnerPassword,
        });
        await fixture.RelinkAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn off the bedroom lamp")).Outcome);
    }

    [Fact]
    public async Task ARevokedGrantEndsTheLink()
    {
        await fixture.EnsureLinkedAsync();
        var revoked = await fixture.PostVendorAsync($"/sim/oauth/revoke-grants?email={Uri.EscapeDataString(SmartHomeAppFixture.OwnerEmail)}");
        Assert.True(revoked.GetProperty("affectedGrants").GetInt32() >= 1);

        Assert.Equal("LinkExpired", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
        Assert.Contains(await fixture.GetNotificationsAsync(), n => n.Kind == "LinkExpired");

        await fixture.RelinkAsync();
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }

    [Fact]
    public async Task DisablingTheSkillRevokesTheGrantAtTheVendorAndDeletesTheTokens()
    {
        await fixture.EnsureLinkedAsync();
        var active = (await fixture.GetGrantsAsync()).Where(g => g.State == "active").Select(g => g.GrantId).ToHashSet();
        Assert.NotEmpty(active);

        using (var assistant = fixture.CreateHttpClient("assistantcloud"))
        {
            using var response = await assistant.DeleteAsync($"/api/users/owner/skills/{World.Skill}").WaitAsync(Wire.RequestTimeout);
            Assert.True(response.IsSuccessStatusCode, $"disable: {(int)response.StatusCode}");
        }

        Assert.Equal("Unlinked", (await fixture.GetLinkAsync()).State);
        var after = await fixture.GetGrantsAsync();
        Assert.Contains(after, g => active.Contains(g.GrantId) && g.State == "revoked");
        Assert.Equal("NotLinked", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);

        await fixture.RelinkAsync();
        var endpoints = await fixture.GetEndpointsAsync();
        Assert.Single(endpoints);
        Assert.Equal("Success", (await fixture.SayAsync("turn on the bedroom lamp")).Outcome);
    }
}
