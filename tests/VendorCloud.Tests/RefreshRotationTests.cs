using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Tests;

/// <summary>Refresh-token rotation with reuse detection (RFC 9700 4.14.2) and its leeway.</summary>
public sealed class RefreshRotationTests
{
    private readonly TestWorld _world = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private Task<TokenResult> RefreshAsync(string refreshToken) => _world.Server.RefreshAsync(_world.Client, refreshToken, _ct);

    [Fact]
    public async Task A_rotated_out_token_within_the_leeway_gets_a_fresh_pair_and_the_newest_pair_wins()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        var lost = (await RefreshAsync(linked.RefreshToken)).Response!; // the response that never arrived

        _world.Time.Advance(TimeSpan.FromSeconds(30));
        var retry = await RefreshAsync(linked.RefreshToken);

        var fresh = Assert.IsType<TokenResponse>(retry.Response);
        Assert.NotEqual(lost.RefreshToken, fresh.RefreshToken);
        var grant = Assert.Single(_world.Store.Grants);
        Assert.False(grant.IsRevoked);
        Assert.Equal(SecretHasher.HashToken(fresh.RefreshToken), grant.RefreshTokenHash);
        Assert.Equal(2, grant.RefreshCount);
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(fresh.AccessToken, _ct)).Status);
        Assert.NotNull((await RefreshAsync(fresh.RefreshToken)).Response);
        Assert.Equal(0, (await _world.Counters.GetStatsAsync(_ct)).ReuseRevocations);
    }

    [Fact]
    public async Task A_rotated_out_token_after_the_leeway_revokes_the_whole_grant()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        var current = (await RefreshAsync(linked.RefreshToken)).Response!;

        _world.Time.Advance(TimeSpan.FromSeconds(31));
        var reuse = await RefreshAsync(linked.RefreshToken);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, reuse.Error?.Error);
        Assert.Equal(RevocationReasons.RefreshTokenReuse, reuse.LinkReason);
        var grant = Assert.Single(_world.Store.Grants);
        Assert.Equal(RevocationReasons.RefreshTokenReuse, grant.RevokedReason);
        // Everything of the grant is gone: the newest refresh token and its access token too.
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await RefreshAsync(current.RefreshToken)).Error?.Error);
        Assert.Equal(AccessTokenStatus.Invalid, (await _world.Server.ValidateAccessTokenAsync(current.AccessToken, _ct)).Status);
        Assert.Equal(1, (await _world.Counters.GetStatsAsync(_ct)).ReuseRevocations);
    }

    [Fact]
    public async Task The_leeway_is_a_parameter()
    {
        _world.Options.RefreshReuseLeewaySeconds = 0;
        var linked = await _world.LinkAsync();
        await RefreshAsync(linked.RefreshToken);
        _world.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await RefreshAsync(linked.RefreshToken)).Error?.Error);
        Assert.True(Assert.Single(_world.Store.Grants).IsRevoked);
    }

    [Fact]
    public async Task Two_concurrent_refreshes_with_one_token_both_succeed_and_leave_one_current_token()
    {
        var linked = await _world.LinkAsync();
        TokenResult? racing = null;
        // The second request commits between the first one's read and its write, as on two threads.
        _world.Store.BeforeUpdateCommit = _ =>
        {
            _world.Store.BeforeUpdateCommit = null;
            racing = RefreshAsync(linked.RefreshToken).GetAwaiter().GetResult();
        };

        var first = await RefreshAsync(linked.RefreshToken);

        Assert.NotNull(first.Response);
        Assert.NotNull(racing?.Response);
        var grant = Assert.Single(_world.Store.Grants);
        Assert.False(grant.IsRevoked);
        Assert.Equal(2, grant.RefreshCount);
        Assert.Equal(SecretHasher.HashToken(first.Response.RefreshToken), grant.RefreshTokenHash);
        Assert.Contains(grant.RetiredRefreshTokens!, t => t.Hash == SecretHasher.HashToken(racing!.Response!.RefreshToken));
    }

    [Fact]
    public async Task Only_the_last_few_rotated_out_tokens_are_remembered()
    {
        var linked = await _world.LinkAsync();
        var token = linked.RefreshToken;
        for (var i = 0; i < Grant.RetiredRefreshTokenLimit + 3; i++)
        {
            _world.Time.Advance(TimeSpan.FromMinutes(1));
            token = (await RefreshAsync(token)).Response!.RefreshToken;
        }

        var grant = Assert.Single(_world.Store.Grants);
        Assert.Equal(Grant.RetiredRefreshTokenLimit, grant.RetiredRefreshTokens!.Count);
        Assert.DoesNotContain(SecretHasher.HashToken(linked.RefreshToken), _world.Store.StoredKeys);
        // A token that fell out of memory is just unknown: invalid_grant, the grant lives on.
        _world.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await RefreshAsync(linked.RefreshToken)).Error?.Error);
        Assert.False(Assert.Single(_world.Store.Grants).IsRevoked);
    }

    [Fact]
    public async Task A_burst_of_retries_within_the_leeway_all_succeed_however_many()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));

        for (var i = 0; i < 3 * Grant.RetiredRefreshTokenLimit; i++)
        {
            Assert.NotNull((await RefreshAsync(linked.RefreshToken)).Response);
        }

        var grant = Assert.Single(_world.Store.Grants);
        Assert.False(grant.IsRevoked);
        Assert.Equal(3 * Grant.RetiredRefreshTokenLimit, grant.RefreshCount);
    }

    [Fact]
    public async Task A_revoked_grants_refresh_says_why()
    {
        var linked = await _world.LinkAsync();
        await _world.LinkFaults.RevokeGrantsAsync(TestWorld.OwnerEmail, _ct);

        var result = await RefreshAsync(linked.RefreshToken);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error?.Error);
        Assert.Equal(RevocationReasons.Simulated, result.LinkReason);
        Assert.Contains("revoked", result.Error!.Description, StringComparison.Ordinal);
    }
}
