using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests;

/// <summary>The link policies: SignInAge (the story) and Sliding (the fix), and the password change.</summary>
public sealed class LinkPolicyTests
{
    private readonly TestWorld _world = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    /// <summary>
    /// The lamp used once a simulated day: the directive finds the access token expired overnight (or, once the
    /// link is dead, invalid), the assistant refreshes, the directive goes through with the new token.
    /// </summary>
    private async Task<(TokenResponse? Tokens, TokenResult Last)> UseDailyAsync(TokenResponse tokens, int days)
    {
        TokenResult last = TokenResult.Success(tokens);
        for (var day = 1; day <= days; day++)
        {
            _world.Time.Advance(TimeSpan.FromDays(1));
            var overnight = (await _world.Server.ValidateAccessTokenAsync(tokens.AccessToken, _ct)).Status;
            last = await _world.Server.RefreshAsync(_world.Client, tokens.RefreshToken, _ct);
            if (last.Response is null)
            {
                Assert.Equal(AccessTokenStatus.Invalid, overnight);
                return (null, last);
            }

            Assert.Equal(AccessTokenStatus.Expired, overnight);

            tokens = last.Response;
            Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(tokens.AccessToken, _ct)).Status);
        }

        return (tokens, last);
    }

    [Fact]
    public async Task SignInAge_the_link_works_on_day_364_and_dies_on_day_365_however_often_it_is_used()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(3)); // the day's use comes a little after the link's hour
        var (tokens, _) = await UseDailyAsync(linked, 364);
        Assert.NotNull(tokens);

        var (after, last) = await UseDailyAsync(tokens, 1);

        Assert.Null(after);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, last.Error?.Error);
        Assert.Equal(RevocationReasons.SignInAge, last.LinkReason);
        Assert.Contains("no sign-in", last.Error!.Description, StringComparison.Ordinal);
        Assert.Contains("365 days", last.Error.Description, StringComparison.Ordinal);
        var grant = Assert.Single(_world.Store.Grants);
        Assert.Equal(RevocationReasons.SignInAge, grant.RevokedReason);
        Assert.Equal(364, grant.RefreshCount);
        Assert.Equal(GrantView.Expired, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);
    }

    /// <summary>The limit is inclusive: one "Advance clock 1 year" (365 days) after the sign-in, the link is dead.</summary>
    [Theory]
    [InlineData(364, true)]
    [InlineData(365, false)]
    public async Task SignInAge_the_limit_is_inclusive_alive_on_day_364_dead_on_day_365(int days, bool alive)
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(days));

        var refresh = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.Equal(alive, refresh.Response is not null);
        Assert.Equal(alive ? null : RevocationReasons.SignInAge, refresh.LinkReason);
    }

    [Fact]
    public async Task SignInAge_the_link_dies_at_the_very_tick_its_age_reaches_365_days()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(365) - TimeSpan.FromTicks(1));
        Assert.Equal(AccessTokenStatus.Expired, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);
        Assert.Equal(GrantView.Active, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);

        _world.Time.Advance(TimeSpan.FromTicks(1));

        var check = await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct);
        Assert.Equal(AccessTokenStatus.Invalid, check.Status);
        Assert.Equal(RevocationReasons.SignInAge, check.LinkReason);
    }

    [Fact]
    public async Task SignInAge_a_new_sign_in_restarts_the_age()
    {
        var linked = await _world.LinkAsync();
        var (tokens, _) = await UseDailyAsync(linked, 300);
        Assert.NotNull(await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, _ct));

        var (after, _) = await UseDailyAsync(tokens!, 300);

        Assert.NotNull(after);
    }

    [Fact]
    public async Task SignInAge_the_skill_endpoint_refuses_the_access_token_of_a_dead_link_as_invalid()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(366));

        var check = await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct);

        Assert.Equal(AccessTokenStatus.Invalid, check.Status);
        Assert.Equal(RevocationReasons.SignInAge, check.LinkReason);
        Assert.True(Assert.Single(_world.Store.Grants).IsRevoked);
    }

    [Fact]
    public async Task Sliding_400_days_of_daily_use_never_expire_the_link()
    {
        _world.Options.LinkPolicy = "sliding";
        var linked = await _world.LinkAsync();

        var (tokens, last) = await UseDailyAsync(linked, 400);

        Assert.Null(last.Error);
        Assert.NotNull(tokens);
        Assert.Equal(GrantView.Active, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);
    }

    [Fact]
    public async Task Sliding_the_link_dies_when_it_has_not_been_used_for_max_age_days()
    {
        _world.Options.LinkPolicy = "Sliding";
        var linked = await _world.LinkAsync();
        var (tokens, _) = await UseDailyAsync(linked, 10);

        _world.Time.Advance(TimeSpan.FromDays(364));
        Assert.Equal(GrantView.Active, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);
        _world.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(GrantView.Expired, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);

        var result = await _world.Server.RefreshAsync(_world.Client, tokens!.RefreshToken, _ct);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error?.Error);
        Assert.Equal(RevocationReasons.Idle, result.LinkReason);
        Assert.Contains("not used", result.Error!.Description, StringComparison.Ordinal);
    }

    /// <summary>Counted from the last use (here a refresh 10 days after the link): last use + 364 alive, + 365 dead.</summary>
    [Theory]
    [InlineData(364, true)]
    [InlineData(365, false)]
    public async Task Sliding_the_limit_is_inclusive_alive_364_days_after_the_last_use_dead_after_365(int days, bool alive)
    {
        _world.Options.LinkPolicy = "Sliding";
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(10));
        var used = (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Response;
        Assert.NotNull(used);
        _world.Time.Advance(TimeSpan.FromDays(days));

        var refresh = await _world.Server.RefreshAsync(_world.Client, used.RefreshToken, _ct);

        Assert.Equal(alive, refresh.Response is not null);
        Assert.Equal(alive ? null : RevocationReasons.Idle, refresh.LinkReason);
    }

    [Fact]
    public async Task Sliding_the_link_dies_at_the_very_tick_365_days_pass_without_use()
    {
        _world.Options.LinkPolicy = "Sliding";
        await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(365) - TimeSpan.FromTicks(1));
        Assert.Equal(GrantView.Active, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);

        _world.Time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(GrantView.Expired, Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State);
    }

    [Fact]
    public async Task Sliding_a_directive_accepted_with_its_access_token_renews_the_link()
    {
        _world.Options.LinkPolicy = "Sliding";
        _world.Options.LinkMaxAgeDays = 1;
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);
        Assert.Equal(_world.Time.GetUtcNow(), Assert.Single(_world.Store.Grants).LastUsedAt);

        // More than a day after the link, but not a day after its last use: still alive.
        _world.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.NotNull((await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Response);
    }

    [Fact]
    public async Task The_max_age_is_a_parameter()
    {
        _world.Options.LinkMaxAgeDays = 30;
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(31));

        var result = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error?.Error);
        Assert.Contains("30 days", result.Error!.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SignInAge")]
    [InlineData("Sliding")]
    public async Task A_password_change_revokes_every_grant_of_the_account_and_counts_as_a_sign_in(string policy)
    {
        _world.Options.LinkPolicy = policy;
        var first = await _world.LinkAsync();
        var second = await _world.LinkAsync();
        var other = await _world.LinkAsync(TestWorld.OtherAccountId);
        _world.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await _world.Accounts.ChangePasswordAsync(TestWorld.OwnerEmail, "wrong", "new password 1", _ct));
        Assert.Equal(2, await _world.Accounts.ChangePasswordAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, "new password 1", _ct));

        foreach (var tokens in new[] { first, second })
        {
            Assert.Equal(AccessTokenStatus.Invalid, (await _world.Server.ValidateAccessTokenAsync(tokens.AccessToken, _ct)).Status);
            var refresh = await _world.Server.RefreshAsync(_world.Client, tokens.RefreshToken, _ct);
            Assert.Equal(OAuthErrorCodes.InvalidGrant, refresh.Error?.Error);
            Assert.Equal(RevocationReasons.PasswordChanged, refresh.LinkReason);
        }

        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(other.AccessToken, _ct)).Status);
        Assert.Equal(_world.Time.GetUtcNow(), _world.Directory.Accounts[TestWorld.OwnerAccountId].LastSignInAt);
        Assert.Null(await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, _ct));
        Assert.NotNull(await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, "new password 1", _ct));
        Assert.All((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!, g =>
        {
            Assert.Equal(GrantView.Revoked, g.State);
            Assert.Equal(RevocationReasons.PasswordChanged, g.RevokedReason);
        });
        Assert.Equal(0, await _world.Accounts.ChangePasswordAsync(TestWorld.OwnerEmail, "new password 1", "new password 2", _ct));
    }

    [Theory]
    [InlineData("SignInAge", "SignInAge")]
    [InlineData("signinage", "SignInAge")]
    [InlineData(" SLIDING ", "Sliding")]
    public void The_policy_parameter_is_case_insensitive(string value, string expected)
    {
        var options = new OAuthOptions { LinkPolicy = value };
        Assert.Null(options.Validate());
        Assert.Equal(expected, options.Policy.ToString());
    }

    [Theory]
    [InlineData("Forever")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_policy_is_a_clear_start_up_error(string value)
    {
        var result = new OAuthOptionsValidator().Validate(null, new OAuthOptions { LinkPolicy = value });
        Assert.True(result.Failed);
        Assert.Contains("OAuth:LinkPolicy", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SignInAge or Sliding", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_those_of_the_issue()
    {
        var options = new OAuthOptions();
        Assert.Equal(LinkPolicyKind.SignInAge, options.Policy);
        Assert.Equal(365, options.LinkMaxAgeDays);
        Assert.Equal(TimeSpan.FromHours(1), options.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshReuseLeeway);
        Assert.True(new OAuthOptionsValidator().Validate(null, new OAuthOptions { LinkMaxAgeDays = 0 }).Failed);
        Assert.True(new OAuthOptionsValidator().Validate(null, new OAuthOptions { RefreshReuseLeewaySeconds = -1 }).Failed);
    }
}
