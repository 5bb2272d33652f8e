using SmartHome.VendorCloud.OAuth;

namespace SmartHome.VendorCloud.Tests;

/// <summary>
/// The policies the link-policy study compares besides SignInAge and Sliding (docs/policy-study.md): an absolute
/// refresh-token lifetime, and an idle timeout with rotation and reuse detection, with and without the leeway.
/// </summary>
public sealed class StudyLinkPoliciesTests
{
    private readonly TestWorld _world = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    /// <summary>Refreshes once a simulated day (the lamp used daily); null once the vendor refuses.</summary>
    private async Task<(TokenResponse? Tokens, TokenResult Last)> RefreshDailyAsync(TokenResponse tokens, int days)
    {
        var last = TokenResult.Success(tokens);
        for (var day = 1; day <= days; day++)
        {
            _world.Time.Advance(TimeSpan.FromDays(1));
            last = await _world.Server.RefreshAsync(_world.Client, tokens.RefreshToken, _ct);
            if (last.Response is null)
            {
                return (null, last);
            }

            tokens = last.Response;
        }

        return (tokens, last);
    }

    private async Task<string> GrantStateAsync() => Assert.Single((await _world.Grants.ListGrantsAsync(TestWorld.OwnerEmail, _ct))!).State;

    [Fact]
    public async Task AbsoluteLifetime_daily_use_and_a_sign_in_do_not_keep_the_link_past_its_lifetime()
    {
        _world.Options.LinkPolicy = "AbsoluteLifetime";
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(3));
        var (tokens, _) = await RefreshDailyAsync(linked, 89);
        Assert.NotNull(tokens);
        Assert.NotNull(await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, _ct));

        var (after, last) = await RefreshDailyAsync(tokens, 1);

        Assert.Null(after);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, last.Error?.Error);
        Assert.Equal(RevocationReasons.AbsoluteLifetime, last.LinkReason);
        Assert.Contains("90 days", last.Error!.Description, StringComparison.Ordinal);
        Assert.Equal(GrantView.Expired, await GrantStateAsync());
    }

    [Theory]
    [InlineData(29, true)]
    [InlineData(30, false)]
    public async Task AbsoluteLifetime_the_lifetime_is_a_parameter_and_inclusive(int days, bool alive)
    {
        _world.Options.LinkPolicy = "absolutelifetime";
        _world.Options.RefreshTokenLifetimeDays = 30;
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(days));

        var refresh = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.Equal(alive, refresh.Response is not null);
        Assert.Equal(alive ? null : RevocationReasons.AbsoluteLifetime, refresh.LinkReason);
    }

    [Theory]
    [InlineData("IdleTimeout")]
    [InlineData("IdleTimeoutNoLeeway")]
    public async Task IdleTimeout_daily_refreshes_keep_the_link_for_years(string policy)
    {
        _world.Options.LinkPolicy = policy;
        var linked = await _world.LinkAsync();

        var (tokens, last) = await RefreshDailyAsync(linked, 800);

        Assert.Null(last.Error);
        Assert.NotNull(tokens);
        Assert.Equal(GrantView.Active, await GrantStateAsync());
    }

    /// <summary>Counted from the last refresh (rotation), 30 days by default: + 29 alive, + 30 dead.</summary>
    [Theory]
    [InlineData("IdleTimeout", 29, true)]
    [InlineData("IdleTimeout", 30, false)]
    [InlineData("IdleTimeoutNoLeeway", 29, true)]
    [InlineData("IdleTimeoutNoLeeway", 30, false)]
    public async Task IdleTimeout_the_link_dies_when_its_refresh_token_is_not_refreshed_for_the_idle_days(string policy, int days, bool alive)
    {
        _world.Options.LinkPolicy = policy;
        var linked = await _world.LinkAsync();
        var (tokens, _) = await RefreshDailyAsync(linked, 10);
        _world.Time.Advance(TimeSpan.FromDays(days));
        Assert.Equal(alive ? GrantView.Active : GrantView.Expired, await GrantStateAsync());

        var refresh = await _world.Server.RefreshAsync(_world.Client, tokens!.RefreshToken, _ct);

        Assert.Equal(alive, refresh.Response is not null);
        Assert.Equal(alive ? null : RevocationReasons.RefreshTokenIdle, refresh.LinkReason);
        if (!alive)
        {
            Assert.Contains("refresh token was not used for 30 days", refresh.Error!.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IdleTimeout_directives_alone_do_not_renew_the_refresh_token_unlike_Sliding()
    {
        _world.Options.LinkPolicy = "IdleTimeout";
        _world.Options.RefreshTokenIdleDays = 1;
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);

        _world.Time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(50));

        var refresh = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);
        Assert.Equal(RevocationReasons.RefreshTokenIdle, refresh.LinkReason);
    }

    /// <summary>
    /// The lossy network: the vendor rotated, the answer was lost, the assistant presents the old token again
    /// 15 s later. With the leeway (30 s) that is a retry and gets a fresh pair; without it, a reuse that revokes.
    /// </summary>
    [Theory]
    [InlineData("IdleTimeout", true)]
    [InlineData("IdleTimeoutNoLeeway", false)]
    [InlineData("Sliding", true)]
    public async Task A_lost_refresh_answer_retried_within_seconds_is_forgiven_only_with_the_leeway(string policy, bool forgiven)
    {
        _world.Options.LinkPolicy = policy;
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromDays(1));
        var lost = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);
        Assert.NotNull(lost.Response);
        _world.Time.Advance(TimeSpan.FromSeconds(15));

        var retry = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.Equal(forgiven, retry.Response is not null);
        if (forgiven)
        {
            Assert.NotNull((await _world.Server.RefreshAsync(_world.Client, retry.Response!.RefreshToken, _ct)).Response);
        }
        else
        {
            Assert.Equal(OAuthErrorCodes.InvalidGrant, retry.Error?.Error);
            Assert.Equal(RevocationReasons.RefreshTokenReuse, retry.LinkReason);
            Assert.Equal(GrantView.Revoked, await GrantStateAsync());
            // The answer that was lost carried tokens that are now dead too: the whole grant went.
            Assert.Null((await _world.Server.RefreshAsync(_world.Client, lost.Response!.RefreshToken, _ct)).Response);
        }
    }

    [Theory]
    [InlineData("AbsoluteLifetime", "AbsoluteLifetime", 90)]
    [InlineData("idletimeout", "IdleTimeout", 30)]
    [InlineData(" IDLETIMEOUTNOLEEWAY ", "IdleTimeoutNoLeeway", 30)]
    [InlineData("Sliding", "Sliding", 365)]
    public void The_study_policies_are_names_of_the_link_policy_parameter(string value, string expected, int days)
    {
        var options = new OAuthOptions { LinkPolicy = value };

        Assert.Null(options.Validate());
        Assert.Equal(expected, options.Policy.ToString());
        Assert.Equal(days, options.PolicyDays);
    }

    [Fact]
    public void Only_IdleTimeoutNoLeeway_drops_the_leeway()
    {
        Assert.Equal(TimeSpan.Zero, new OAuthOptions { LinkPolicy = "IdleTimeoutNoLeeway", RefreshReuseLeewaySeconds = 30 }.RefreshReuseLeeway);
        Assert.Equal(TimeSpan.FromSeconds(30), new OAuthOptions { LinkPolicy = "IdleTimeout", RefreshReuseLeewaySeconds = 30 }.RefreshReuseLeeway);
    }

    [Theory]
    [InlineData(0, 30, "OAuth:RefreshTokenLifetimeDays")]
    [InlineData(90, 0, "OAuth:RefreshTokenIdleDays")]
    public void The_days_must_be_at_least_one(int lifetimeDays, int idleDays, string named)
    {
        var result = new OAuthOptionsValidator().Validate(null,
            new OAuthOptions { RefreshTokenLifetimeDays = lifetimeDays, RefreshTokenIdleDays = idleDays });

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }
}
