using System.Text.Json;
using SmartHome.VendorCloud.OAuth;
using SmartHome.VendorCloud.Security;

namespace SmartHome.VendorCloud.Tests;

public sealed class AuthorizationServerTests
{
    private readonly TestWorld _world = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private Task<string> IssueCodeAsync() =>
        _world.Server.IssueCodeAsync(_world.Client, TestWorld.RedirectUri, TestWorld.Challenge, TestWorld.OwnerAccountId, _ct);

    [Fact]
    public async Task A_code_exchanges_once_for_bearer_tokens_and_only_hashes_are_stored()
    {
        var code = await IssueCodeAsync();
        var result = await _world.Server.RedeemCodeAsync(_world.Client, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);

        var tokens = Assert.IsType<TokenResponse>(result.Response);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(3600, tokens.ExpiresIn);
        Assert.NotEqual(tokens.AccessToken, tokens.RefreshToken);
        var stored = _world.Store.StoredKeys;
        Assert.DoesNotContain(code, stored);
        Assert.DoesNotContain(tokens.AccessToken, stored);
        Assert.DoesNotContain(tokens.RefreshToken, stored);
        Assert.Contains(SecretHasher.HashToken(tokens.AccessToken), stored);
        var grant = Assert.Single(_world.Store.Grants);
        Assert.Equal(TestWorld.OwnerAccountId, grant.AccountId);
        Assert.Equal(TestWorld.ClientId, grant.ClientId);
        Assert.Equal(SecretHasher.HashToken(tokens.RefreshToken), grant.RefreshTokenHash);
    }

    [Fact]
    public async Task A_reused_code_is_invalid_grant_and_revokes_what_it_issued()
    {
        var code = await IssueCodeAsync();
        var first = await _world.Server.RedeemCodeAsync(_world.Client, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(first.Response!.AccessToken, _ct)).Status);

        var second = await _world.Server.RedeemCodeAsync(_world.Client, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, second.Error?.Error);
        Assert.Equal(RevocationReasons.CodeReuse, Assert.Single(_world.Store.Grants).RevokedReason);
        Assert.Equal(AccessTokenStatus.Invalid, (await _world.Server.ValidateAccessTokenAsync(first.Response.AccessToken, _ct)).Status);
        var refresh = await _world.Server.RefreshAsync(_world.Client, first.Response.RefreshToken, _ct);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, refresh.Error?.Error);
    }

    [Fact]
    public async Task A_code_expires_after_60_seconds()
    {
        var code = await IssueCodeAsync();
        _world.Time.Advance(TimeSpan.FromSeconds(60));

        var result = await _world.Server.RedeemCodeAsync(_world.Client, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error?.Error);
        Assert.Contains("expired", result.Error!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_is_still_good_just_before_it_expires()
    {
        var code = await IssueCodeAsync();
        _world.Time.Advance(TimeSpan.FromSeconds(59));

        var result = await _world.Server.RedeemCodeAsync(_world.Client, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);

        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", TestWorld.RedirectUri)]
    [InlineData(TestWorld.Verifier, "https://assistant.example/api/link/callback/")]
    public async Task A_wrong_verifier_or_redirect_uri_is_invalid_grant(string verifier, string redirectUri)
    {
        var code = await IssueCodeAsync();
        var result = await _world.Server.RedeemCodeAsync(_world.Client, code, redirectUri, verifier, _ct);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, result.Error?.Error);
        Assert.Empty(_world.Store.Grants);
    }

    [Fact]
    public async Task An_unknown_code_or_another_clients_code_is_invalid_grant()
    {
        var unknown = await _world.Server.RedeemCodeAsync(_world.Client, "no-such-code", TestWorld.RedirectUri, TestWorld.Verifier, _ct);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, unknown.Error?.Error);

        var code = await IssueCodeAsync();
        var intruder = new Accounts.OAuthClient("intruder", SecretHasher.HashToken("x"), TestWorld.RedirectUri);
        var stolen = await _world.Server.RedeemCodeAsync(intruder, code, TestWorld.RedirectUri, TestWorld.Verifier, _ct);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, stolen.Error?.Error);
    }

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_every_use()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromMinutes(5));

        var first = await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct);
        var rotated = Assert.IsType<TokenResponse>(first.Response);
        Assert.NotEqual(linked.RefreshToken, rotated.RefreshToken);
        Assert.NotEqual(linked.AccessToken, rotated.AccessToken);

        var grant = Assert.Single(_world.Store.Grants);
        Assert.Equal(SecretHasher.HashToken(rotated.RefreshToken), grant.RefreshTokenHash);
        var retired = Assert.Single(grant.RetiredRefreshTokens!);
        Assert.Equal(new RetiredRefreshToken(SecretHasher.HashToken(linked.RefreshToken), _world.Time.GetUtcNow()), retired);
        Assert.Equal(_world.Time.GetUtcNow(), grant.LastUsedAt);
        Assert.Equal(1, grant.RefreshCount);

        var second = await _world.Server.RefreshAsync(_world.Client, rotated.RefreshToken, _ct);
        Assert.NotNull(second.Response);
        Assert.NotEqual(rotated.RefreshToken, second.Response.RefreshToken);
    }

    [Fact]
    public async Task Refresh_by_another_client_or_with_an_unknown_token_is_invalid_grant()
    {
        var linked = await _world.LinkAsync();
        var other = new Accounts.OAuthClient("other", SecretHasher.HashToken("x"), TestWorld.RedirectUri);

        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await _world.Server.RefreshAsync(other, linked.RefreshToken, _ct)).Error?.Error);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await _world.Server.RefreshAsync(_world.Client, "unknown", _ct)).Error?.Error);
    }

    [Fact]
    public async Task Access_tokens_expire_after_their_lifetime()
    {
        var linked = await _world.LinkAsync();
        _world.Time.Advance(TimeSpan.FromSeconds(3599));
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);

        _world.Time.Advance(TimeSpan.FromSeconds(1));
        var check = await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct);
        Assert.Equal(AccessTokenStatus.Expired, check.Status);
    }

    [Fact]
    public async Task The_access_token_lifetime_is_never_under_360_seconds()
    {
        _world.Options.AccessTokenLifetimeSeconds = 60;
        var linked = await _world.LinkAsync();
        Assert.Equal(360, linked.ExpiresIn);
    }

    [Fact]
    public async Task Revoking_the_refresh_token_revokes_the_grant_and_its_access_tokens()
    {
        var linked = await _world.LinkAsync();
        await _world.Server.RevokeAsync(_world.Client, linked.RefreshToken, _ct);

        Assert.Equal(RevocationReasons.ClientRevoked, Assert.Single(_world.Store.Grants).RevokedReason);
        Assert.Equal(AccessTokenStatus.Invalid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (await _world.Server.RefreshAsync(_world.Client, linked.RefreshToken, _ct)).Error?.Error);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_changes_nothing()
    {
        var linked = await _world.LinkAsync();
        await _world.Server.RevokeAsync(_world.Client, "never-issued", _ct);
        Assert.Equal(AccessTokenStatus.Valid, (await _world.Server.ValidateAccessTokenAsync(linked.AccessToken, _ct)).Status);
    }

    [Fact]
    public async Task Client_authentication_needs_the_right_secret()
    {
        Assert.NotNull(await _world.Server.AuthenticateClientAsync(TestWorld.ClientId, TestWorld.ClientSecret, _ct));
        Assert.Null(await _world.Server.AuthenticateClientAsync(TestWorld.ClientId, "wrong", _ct));
        Assert.Null(await _world.Server.AuthenticateClientAsync(TestWorld.ClientId, null, _ct));
        Assert.Null(await _world.Server.AuthenticateClientAsync("unknown", TestWorld.ClientSecret, _ct));
    }

    [Fact]
    public async Task Sign_in_checks_the_password_and_records_the_time()
    {
        Assert.Null(await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, "wrong", _ct));
        Assert.Null(_world.Directory.Accounts[TestWorld.OwnerAccountId].LastSignInAt);

        var account = await _world.Accounts.SignInAsync(TestWorld.OwnerEmail, TestWorld.OwnerPassword, _ct);
        Assert.Equal(TestWorld.OwnerAccountId, account?.AccountId);
        Assert.Equal(_world.Time.GetUtcNow(), _world.Directory.Accounts[TestWorld.OwnerAccountId].LastSignInAt);
    }

    [Theory]
    [InlineData(OAuthErrorCodes.InvalidClient, 401)]
    [InlineData(OAuthErrorCodes.InvalidGrant, 400)]
    [InlineData(OAuthErrorCodes.InvalidRequest, 400)]
    [InlineData(OAuthErrorCodes.UnsupportedGrantType, 400)]
    public void OAuth_errors_map_to_RFC_6749_status_codes_and_field_names(string error, int status)
    {
        var oauthError = new OAuthError(error, "why");
        Assert.Equal(status, oauthError.StatusCode);
        Assert.Equal($$"""{"error":"{{error}}","error_description":"why"}""", JsonSerializer.Serialize(oauthError));
    }

    [Fact]
    public void Token_responses_use_RFC_6749_field_names()
    {
        var json = JsonSerializer.Serialize(new TokenResponse("a", "Bearer", 3600, "r"));
        Assert.Equal("""{"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r"}""", json);
    }
}
